package dev.herald.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens subscriber connections, at most {@code maxPending} handshakes at a time so the server's
 * accept backlog never overflows, each bound to one of the source addresses 127.0.0.2, .3, …
 * so that no single address runs out of ephemeral ports. Over TLS ({@link Wire}) each subscriber
 * has a connection of its own (HTTP/1.1) or a stream on a shared one (HTTP/2, see
 * {@link H2SubscriberConnection}); a handshake counts as part of opening.
 */
final class SubscriberPool implements SubscriberHandler.Events {
    private final Bootstrap bootstrap;
    private final Target target;
    private final InetSocketAddress server;
    private final String host;
    private final int sources;
    private final int maxPending;
    private final Shard.Clock clock;
    private final Wire wire;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final CompletableFuture<Void> allSettled = new CompletableFuture<>();
    final AtomicLong disconnects = new AtomicLong();
    private SubscriberHandler[] handlers;
    private List<String> topics;
    private int next;
    private int connections;
    private String negotiated;
    private int pending;
    private int ready;
    private int failed;
    private String firstFailure;

    SubscriberPool(EventLoopGroup group, Class<? extends Channel> channelType, Target target,
                   InetSocketAddress server, int sources, int maxPending, Shard.Clock clock) {
        this(group, channelType, target, server, sources, maxPending, clock, Wire.PLAIN);
    }

    SubscriberPool(EventLoopGroup group, Class<? extends Channel> channelType, Target target,
                   InetSocketAddress server, int sources, int maxPending, Shard.Clock clock, Wire wire) {
        this.wire = wire;
        this.bootstrap = new Bootstrap().group(group).channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        this.target = target;
        this.server = server;
        this.host = server.getHostString() + ":" + server.getPort();
        this.sources = sources;
        this.maxPending = maxPending;
        this.clock = clock;
    }

    /** Opens one subscriber per topic name; completes when every one is open or has failed. */
    synchronized CompletableFuture<Void> open(int firstIndex, List<String> topicPerSubscriber) {
        this.topics = topicPerSubscriber;
        this.handlers = new SubscriberHandler[topicPerSubscriber.size()];
        for (int i = 0; i < handlers.length; i++) {
            handlers[i] = new SubscriberHandler(firstIndex + i, target.subscribe(host, topics.get(i)), this, clock);
        }
        launch();
        return allSettled;
    }

    private void launch() {
        while (pending < maxPending && next < handlers.length) {
            int count = Math.min(wire.streamsPerConnection(), handlers.length - next);
            List<SubscriberHandler> carried = Arrays.asList(handlers).subList(next, next + count);
            InetSocketAddress local = new InetSocketAddress("127.0.0." + (2 + connections % sources), 0);
            connections++;
            next += count;
            pending += count;
            ChannelFuture f = wire.multiplexes()
                    ? H2SubscriberConnection.connect(bootstrap.clone(), wire, server, local, carried, this::noteNegotiated)
                    : connectOne(carried.get(0), local);
            channels.add(f.channel());
            f.addListener(done -> {
                if (!done.isSuccess()) {
                    for (SubscriberHandler h : carried) {
                        h.fail(String.valueOf(done.cause()));
                    }
                }
            });
        }
        if (next == handlers.length && pending == 0) {
            allSettled.complete(null);
        }
    }

    /** One subscriber on a connection of its own: HTTP/1.1, over TLS when the wire has it. */
    private ChannelFuture connectOne(SubscriberHandler h, InetSocketAddress local) {
        return bootstrap.clone().handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                SslHandler tls = wire.subscriberHandler(ch.alloc(), server);
                if (tls != null) {
                    ch.pipeline().addLast(tls);
                    tls.handshakeFuture().addListener(done -> {
                        if (done.isSuccess()) {
                            noteNegotiated(Negotiated.describe(tls));
                        }
                    });
                }
                ch.pipeline().addLast(new HttpClientCodec(), h);
            }
        }).connect(server, local);
    }

    /** Keeps the first handshake's outcome: every connection of a run offers the same and gets the same. */
    private synchronized void noteNegotiated(String session) {
        if (negotiated == null) {
            negotiated = session;
        }
    }

    /** What the subscribers' TLS handshakes settled on ({@link Negotiated}), or null (cleartext, or none yet). */
    synchronized String negotiated() {
        return negotiated;
    }

    @Override
    public synchronized void ready(SubscriberHandler h) {
        ready++;
        pending--;
        launch();
    }

    @Override
    public synchronized void failed(SubscriberHandler h, String reason) {
        failed++;
        pending--;
        if (firstFailure == null) {
            firstFailure = reason;
        }
        launch();
    }

    @Override
    public void disconnected(SubscriberHandler h) {
        disconnects.incrementAndGet();
    }

    synchronized int readyCount() {
        return ready;
    }

    synchronized int failedCount() {
        return failed;
    }

    synchronized String firstFailure() {
        return firstFailure;
    }

    SubscriberHandler[] handlers() {
        return handlers;
    }

    void closeAll() {
        channels.close().awaitUninterruptibly();
    }
}
