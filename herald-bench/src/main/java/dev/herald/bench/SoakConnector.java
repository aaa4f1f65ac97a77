package dev.herald.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Opens the soak's subscriber connections: at most {@link #MAX_PENDING} handshakes at a time (the
 * rest queue here, so the hub's accept queue never overflows), each from the next of the source
 * addresses 127.0.0.2 … so that no address runs out of ports to the churn's TIME_WAITs. Confined to
 * the load's event loop.
 */
final class SoakConnector {
    static final int MAX_PENDING = 256;
    /** A slow reader's receive buffer: small, so the hub's budget fills soon after it stops reading. */
    private static final int SLOW_RCVBUF = 16 * 1024;

    private final SoakConfig config;
    private final SoakStream.Events events;
    private final Bootstrap bootstrap;
    private final String host;
    private final ArrayDeque<SoakSession> waiting = new ArrayDeque<>();
    private int pending;
    private int nextSource;

    SoakConnector(SoakConfig config, EventLoopGroup group, SoakStream.Events events) {
        this.config = config;
        this.events = events;
        this.host = config.server().getHostString() + ":" + config.server().getPort();
        this.bootstrap = new Bootstrap().group(group).channel(NettyIo.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    }

    /** A new connection for {@code s}, resuming after its last event id if it has one; queued while too many are pending. */
    void connect(SoakSession s) {
        s.state = SoakSession.State.CONNECTING;
        if (pending >= MAX_PENDING) {
            waiting.add(s);
            return;
        }
        pending++;
        s.closingByUs = false;
        s.stalled = false;
        SoakStream stream = new SoakStream(s, s.lastEventId, request(config, host, s), events);
        s.stream = stream;
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), stream);
            }
        });
        if (s.slow) {
            b.option(ChannelOption.SO_RCVBUF, SLOW_RCVBUF);
        }
        InetSocketAddress local = new InetSocketAddress("127.0.0." + (2 + nextSource++ % config.sources()), 0);
        stream.bind(b.connect(config.server(), local).addListener(f -> {
            if (!f.isSuccess()) {
                stream.fail(String.valueOf(f.cause()));
            }
        }).channel());
    }

    /** A connection opened or failed: room for a waiting one. */
    void settled() {
        pending--;
        while (pending < MAX_PENDING && !waiting.isEmpty()) {
            connect(waiting.poll());
        }
    }

    /** No handshake pending and none waiting. */
    boolean idle() {
        return pending == 0 && waiting.isEmpty();
    }

    /** {@code match=} each of the session's topics (a slow reader: {@code *}), and {@code Last-Event-ID} when resuming. */
    static FullHttpRequest request(SoakConfig config, String host, SoakSession s) {
        StringBuilder uri = new StringBuilder("/.well-known/mercure?");
        if (s.slow) {
            uri.append("match=*");
        }
        for (int i = 0; i < s.topics.length; i++) {
            uri.append(i == 0 ? "" : "&").append("match=")
                    .append(URLEncoder.encode(SoakPublisher.topicName(config.runId(), s.topics[i]), StandardCharsets.UTF_8));
        }
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri.toString());
        r.headers().set(HttpHeaderNames.HOST, host).set(HttpHeaderNames.ACCEPT, "text/event-stream");
        if (s.lastEventId != null) {
            r.headers().set("Last-Event-ID", s.lastEventId);
        }
        return r;
    }
}
