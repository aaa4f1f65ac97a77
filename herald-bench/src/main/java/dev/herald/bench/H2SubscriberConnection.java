package dev.herald.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * One TLS connection speaking HTTP/2 that carries several subscribers, each on a stream of its
 * own. A stream's pipeline turns its frames back into HTTP objects, so the same
 * {@link SubscriberHandler} and {@link SseScanner} read it as they read an HTTP/1.1 connection and
 * the latency, loss, duplicate and order accounting is the same code. Streams are opened once the
 * handshake has settled on h2 and the server's SETTINGS have come, and no more than they allow at
 * once; a connection that cannot get there fails every subscriber it carries, saying why.
 */
final class H2SubscriberConnection {
    /** Per-stream receive window, and the connection's: a browser's order of magnitude, never what limits a fan-out. */
    static final int STREAM_WINDOW = 1 << 20;
    static final int CONNECTION_WINDOW = 16 << 20;

    private H2SubscriberConnection() {}

    /**
     * Connects from {@code local}; the future is the TCP connect's (the pool fails the subscribers
     * if it fails). {@code negotiated} hears what each successful handshake settled on.
     */
    static ChannelFuture connect(Bootstrap bootstrap, Wire wire, InetSocketAddress server, InetSocketAddress local,
                                 List<SubscriberHandler> subscribers, Consumer<String> negotiated) {
        return bootstrap.handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                SslHandler tls = wire.subscriberHandler(ch.alloc(), server);
                ch.pipeline().addLast(tls,
                        Http2FrameCodecBuilder.forClient()
                                .initialSettings(Http2Settings.defaultSettings()
                                        .initialWindowSize(STREAM_WINDOW).pushEnabled(false))
                                .build(),
                        new Http2MultiplexHandler(REFUSE_PUSHED_STREAMS),
                        new ConnectionFrames(subscribers));
                tls.handshakeFuture().addListener(done -> {
                    if (!done.isSuccess()) {
                        failAll(subscribers, "TLS handshake failed: " + done.cause());
                    } else if (!ApplicationProtocolNames.HTTP_2.equals(tls.applicationProtocol())) {
                        failAll(subscribers, "the server chose " + (tls.applicationProtocol() == null ? "no protocol"
                                : tls.applicationProtocol()) + " by ALPN, not h2");
                        ch.close();
                    } else {
                        negotiated.accept(Negotiated.describe(tls));
                        ch.writeAndFlush(new DefaultHttp2WindowUpdateFrame(CONNECTION_WINDOW - 65_535));
                    }
                });
            }
        }).connect(server, local);
    }

    private static void openStream(Channel connection, SubscriberHandler subscriber) {
        new Http2StreamChannelBootstrap(connection).handler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), subscriber);
            }
        }).open().addListener(opened -> {
            if (!opened.isSuccess()) {
                subscriber.fail("could not open an HTTP/2 stream: " + opened.cause());
            }
        });
    }

    private static void failAll(List<SubscriberHandler> subscribers, String reason) {
        for (SubscriberHandler s : subscribers) {
            s.fail(reason);
        }
    }

    /** Push is turned off in our SETTINGS; a server that pushes anyway gets the stream closed. */
    private static final ChannelHandler REFUSE_PUSHED_STREAMS = new ChannelInitializer<Channel>() {
        @Override
        protected void initChannel(Channel pushed) {
            pushed.close();
        }
    };

    /**
     * The connection-level frames the multiplexer passes on: the server's first SETTINGS open the
     * streams; the rest (PING, GOAWAY, SETTINGS acknowledgements) need nothing from us.
     */
    private static final class ConnectionFrames extends ChannelInboundHandlerAdapter {
        private final List<SubscriberHandler> subscribers;
        private boolean opened;

        ConnectionFrames(List<SubscriberHandler> subscribers) {
            this.subscribers = subscribers;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2SettingsFrame settings && !opened) {
                    opened = true;
                    Long limit = settings.settings().maxConcurrentStreams();
                    int allowed = limit == null ? subscribers.size() : (int) Math.min(limit, subscribers.size());
                    for (int i = 0; i < subscribers.size(); i++) {
                        if (i < allowed) {
                            openStream(ctx.channel(), subscribers.get(i));
                        } else {
                            subscribers.get(i).fail("the server allows " + limit + " streams per connection"
                                    + " (SETTINGS_MAX_CONCURRENT_STREAMS); lower --streams-per-connection");
                        }
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!opened) { // a failed handshake has said so already: the first reason stands
                failAll(subscribers, "the connection closed before the server's HTTP/2 SETTINGS");
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // the streams see their channels go inactive and count it
        }
    }
}
