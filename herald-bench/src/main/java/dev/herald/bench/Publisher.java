package dev.herald.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes over a few keep-alive connections, each update carrying its send time and its topic's
 * sequence number: at a fixed offered rate, or (rate 0) closed-loop, every answer releasing the
 * next request on its connection. All state is confined to one event loop. Over TLS
 * ({@link Wire}) it speaks HTTP/1.1 whatever the subscribers speak.
 */
final class Publisher implements AutoCloseable {
    private final Target target;
    /** The Host header of each connection's requests. */
    private final String[] hosts;
    private final String runId;
    private final EventLoopGroup group = NettyIo.group(1);
    private final PublishConnection[] connections;
    private final long[] seqByTopic;
    private final SplittableRandom random = new SplittableRandom(42);
    private long sent;
    private long ok;
    /** Until when (nanoTime) answers trigger new requests; unset in fixed-rate runs. */
    private long closedLoopEnd = Long.MIN_VALUE;
    /** When (nanoTime) the current run stops offering updates; {@link #finish()} brings it forward. */
    private long runEnd;
    private long errors;
    private long lostInFlight;
    private int maxBacklog;
    private volatile String negotiated;

    /** Totals of a run. */
    record Stats(long sent, long ok, long errors, long lostInFlight, int maxBacklog, double seconds) {}

    Publisher(Target target, InetSocketAddress server, int connectionCount, int window, int topics, String runId)
            throws InterruptedException {
        this(target, List.of(server), connectionCount, window, topics, runId, Wire.PLAIN);
    }

    Publisher(Target target, InetSocketAddress server, int connectionCount, int window, int topics, String runId,
              Wire wire) throws InterruptedException {
        this(target, List.of(server), connectionCount, window, topics, runId, wire);
    }

    /**
     * Connection {@code i} goes to {@code nodes[i % nodes.size()]}: a cluster's nodes share the
     * publishes, and each topic's publishes still go through one connection, in order.
     */
    Publisher(Target target, List<InetSocketAddress> nodes, int connectionCount, int window, int topics, String runId,
              Wire wire) throws InterruptedException {
        this.target = target;
        this.runId = runId;
        this.seqByTopic = new long[topics];
        this.connections = new PublishConnection[Math.min(connectionCount, topics)];
        this.hosts = new String[connections.length];
        // A server that refuses the connection or the handshake must not leave this event loop running:
        // its thread would keep the process alive after the error.
        try {
            for (int i = 0; i < connections.length; i++) {
                InetSocketAddress server = nodes.get(i % nodes.size());
                hosts[i] = server.getHostString() + ":" + server.getPort();
                PublishConnection c = new PublishConnection(this, i, window);
                ChannelFuture connected = new Bootstrap().group(group).channel(NettyIo.socketChannel())
                        .handler(new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel ch) {
                                SslHandler tls = wire.publisherHandler(ch.alloc(), server);
                                if (tls != null) {
                                    ch.pipeline().addLast(tls);
                                }
                                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), c);
                            }
                        })
                        .connect(server).sync();
                awaitHandshake(connected.channel(), server);
                connections[i] = c;
            }
        } catch (Exception e) { // connect() rethrows a refusal unchecked, whatever its type
            close();
            throw e;
        }
    }

    /** Over TLS, publishes start once the connection is secured: their send times must not include a handshake. */
    private void awaitHandshake(Channel ch, InetSocketAddress server) throws InterruptedException {
        SslHandler tls = ch.pipeline().get(SslHandler.class);
        if (tls != null && !tls.handshakeFuture().await().isSuccess()) {
            throw new IllegalArgumentException("TLS handshake with " + server + " failed (is --tls-cert the server's"
                    + " certificate?): " + tls.handshakeFuture().cause());
        }
        if (tls != null) {
            negotiated = Negotiated.describe(tls);
        }
    }

    /**
     * Offers {@code rate} updates per second for {@code duration}, or with rate 0 keeps every
     * connection's window full for that long; completes when all are answered.
     */
    CompletableFuture<Stats> run(double rate, Duration duration) {
        CompletableFuture<Stats> done = new CompletableFuture<>();
        group.next().execute(() -> {
            long start = System.nanoTime();
            runEnd = start + duration.toNanos();
            long[] issued = {0};
            if (rate <= 0) {
                closedLoopEnd = runEnd;
                for (PublishConnection c : connections) {
                    for (int i = 0; i < c.window(); i++) {
                        c.submit(topicOf(c));
                    }
                }
            }
            ScheduledFuture<?>[] tick = new ScheduledFuture<?>[1];
            tick[0] = group.next().scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                long due = rate <= 0 ? 0 : (long) (rate * (Math.min(now, runEnd) - start) / 1e9);
                for (; issued[0] < due; issued[0]++) {
                    int topic = seqByTopic.length == 1 ? 0 : random.nextInt(seqByTopic.length);
                    connections[topic % connections.length].submit(topic);
                }
                if (now >= runEnd && outstanding() == 0) {
                    tick[0].cancel(false);
                    done.complete(new Stats(sent, ok, errors, lostInFlight, maxBacklog, (now - start) / 1e9));
                }
            }, 0, 1, TimeUnit.MILLISECONDS);
        });
        return done;
    }

    /**
     * Ends a fixed-rate run now instead of at the end of its duration, for a scenario whose length
     * is only known as it goes (the storm). The run's future completes once all are answered.
     */
    void finish() {
        group.next().execute(() -> runEnd = Math.min(runEnd, System.nanoTime()));
    }

    /** What the publishing connections' TLS handshakes settled on ({@link Negotiated}), or null. */
    String negotiated() {
        return negotiated;
    }

    /** Acknowledged publishes so far. */
    CompletableFuture<Long> acknowledged() {
        CompletableFuture<Long> f = new CompletableFuture<>();
        group.next().execute(() -> f.complete(ok));
        return f;
    }

    /** Closed-loop runs give each connection topics of its own, so per-topic order holds. */
    private int topicOf(PublishConnection c) {
        int perConnection = Math.max(1, seqByTopic.length / connections.length);
        return c.index() + connections.length * random.nextInt(perConnection);
    }

    /** Updates sent per topic: topic {@code i} carried sequences 1..result[i]. */
    CompletableFuture<long[]> publishedPerTopic() {
        CompletableFuture<long[]> f = new CompletableFuture<>();
        group.next().execute(() -> f.complete(seqByTopic.clone()));
        return f;
    }

    FullHttpRequest request(PublishConnection from, ByteBufAllocator alloc, int topic) {
        long seq = ++seqByTopic[topic];
        sent++;
        return target.publish(alloc, hosts[from.index()], Scenario.topicName(runId, topic), Payload.format(WallClock.micros(), seq));
    }

    void answered(PublishConnection from, int status) {
        if (status >= 200 && status < 300) {
            ok++;
        } else {
            errors++;
        }
        if (System.nanoTime() < closedLoopEnd) {
            from.submit(topicOf(from));
        }
    }

    void noteBacklog(int size) {
        maxBacklog = Math.max(maxBacklog, size);
    }

    void connectionLost(int outstanding) {
        lostInFlight += outstanding;
    }

    private int outstanding() {
        int n = 0;
        for (PublishConnection c : connections) {
            n += c.outstanding();
        }
        return n;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
