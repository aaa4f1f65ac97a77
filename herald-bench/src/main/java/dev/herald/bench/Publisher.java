package dev.herald.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes at a fixed offered rate over a few keep-alive connections, each update carrying its
 * send time and its topic's sequence number. All state is confined to one event loop.
 */
final class Publisher implements AutoCloseable {
    private final Target target;
    private final String host;
    private final String runId;
    private final EventLoopGroup group = NettyIo.group(1);
    private final PublishConnection[] connections;
    private final long[] seqByTopic;
    private final SplittableRandom random = new SplittableRandom(42);
    private long ok;
    private long errors;
    private long lostInFlight;
    private int maxBacklog;

    /** Totals of a run. */
    record Stats(long sent, long ok, long errors, long lostInFlight, int maxBacklog, double seconds) {}

    Publisher(Target target, InetSocketAddress server, int connectionCount, int window, int topics, String runId)
            throws InterruptedException {
        this.target = target;
        this.host = server.getHostString() + ":" + server.getPort();
        this.runId = runId;
        this.seqByTopic = new long[topics];
        this.connections = new PublishConnection[Math.min(connectionCount, topics)];
        for (int i = 0; i < connections.length; i++) {
            PublishConnection c = new PublishConnection(this, window);
            new Bootstrap().group(group).channel(NettyIo.socketChannel())
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), c);
                        }
                    })
                    .connect(server).sync();
            connections[i] = c;
        }
    }

    /** Offers {@code rate} updates per second for {@code duration}; completes when all are answered. */
    CompletableFuture<Stats> run(double rate, Duration duration) {
        CompletableFuture<Stats> done = new CompletableFuture<>();
        group.next().execute(() -> {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long[] issued = {0};
            ScheduledFuture<?>[] tick = new ScheduledFuture<?>[1];
            tick[0] = group.next().scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                long due = (long) (rate * (Math.min(now, end) - start) / 1e9);
                for (; issued[0] < due; issued[0]++) {
                    int topic = seqByTopic.length == 1 ? 0 : random.nextInt(seqByTopic.length);
                    connections[topic % connections.length].submit(topic);
                }
                if (now >= end && outstanding() == 0) {
                    tick[0].cancel(false);
                    done.complete(new Stats(issued[0], ok, errors, lostInFlight, maxBacklog, (now - start) / 1e9));
                }
            }, 0, 1, TimeUnit.MILLISECONDS);
        });
        return done;
    }

    /** Updates sent per topic: topic {@code i} carried sequences 1..result[i]. */
    CompletableFuture<long[]> publishedPerTopic() {
        CompletableFuture<long[]> f = new CompletableFuture<>();
        group.next().execute(() -> f.complete(seqByTopic.clone()));
        return f;
    }

    FullHttpRequest request(ByteBufAllocator alloc, int topic) {
        long seq = ++seqByTopic[topic];
        return target.publish(alloc, host, Scenario.topicName(runId, topic), Payload.format(WallClock.micros(), seq));
    }

    void answered(int status) {
        if (status >= 200 && status < 300) {
            ok++;
        } else {
            errors++;
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
