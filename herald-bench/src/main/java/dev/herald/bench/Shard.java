package dev.herald.bench;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One subscriber process ({@code --shard i/n}): opens its slice of the subscribers, reports ready,
 * records until the coordinator says stop, then writes its accounting for the coordinator.
 */
final class Shard {
    /** Shared by the handlers of a shard: the measurement window and the per-loop stats. */
    static final class Clock {
        private volatile long measureFromMicros = Long.MAX_VALUE;
        private volatile long measureToMicros = Long.MAX_VALUE;
        private final Map<EventLoop, LoopStats> stats = new ConcurrentHashMap<>();
        private final boolean logDeliveries;

        Clock() {
            this(false);
        }

        /** @param logDeliveries keep every delivery ({@link DeliveryLog}), not only the window's histogram */
        Clock(boolean logDeliveries) {
            this.logDeliveries = logDeliveries;
        }

        long measureFromMicros() {
            return measureFromMicros;
        }

        long measureToMicros() {
            return measureToMicros;
        }

        LoopStats statsFor(EventLoop loop) {
            return stats.computeIfAbsent(loop, l -> new LoopStats(logDeliveries ? new DeliveryLog() : null));
        }

        /** The per-loop stats; read them once the loops have stopped. */
        Collection<LoopStats> loops() {
            return stats.values();
        }
    }

    private Shard() {}

    static void run(Args args) throws Exception {
        Target target = Target.parse(args.string("target", "herald"));
        Scenario scenario = Scenario.parse(args.string("scenario", "fanout"));
        int total = args.integer("subscribers", 100);
        String[] slice = args.string("shard", "0/1").split("/");
        int shard = Integer.parseInt(slice[0]);
        int shards = Integer.parseInt(slice[1]);
        String runId = args.required("run-id");
        Rendezvous rv = new Rendezvous(Path.of(args.required("work")));
        // A cluster's nodes each take the subscribers of every n-th shard.
        InetSocketAddress server = ServerNodes.from(args).forShard(shard);

        int from = (int) ((long) shard * total / shards);
        int to = (int) ((long) (shard + 1) * total / shards);
        List<String> topics = new ArrayList<>(to - from);
        for (int g = from; g < to; g++) {
            topics.add(Scenario.topicName(runId, scenario.topicOf(g)));
        }

        System.out.printf("shard %d/%d: wall clock calibrated to within %d ns%n", shard, shards,
                WallClock.uncertaintyNanos());
        Clock clock = new Clock();
        EventLoopGroup group = NettyIo.group(args.integer("threads", 1));
        Wire wire = Wire.from(args);
        SubscriberPool pool = new SubscriberPool(group, NettyIo.socketChannel(), target, server,
                args.integer("sources", 4), args.integer("max-pending", 256), clock, wire);
        try {
            rv.await(Rendezvous.CONNECT, Duration.ofMinutes(5));
            pool.open(from, topics).get(10, TimeUnit.MINUTES);
            if (wire.tls()) {
                String negotiated = String.valueOf(pool.negotiated()); // "null": no handshake succeeded
                System.out.printf("shard %d/%d: TLS %s (client TLS %s)%n", shard, shards, negotiated, Wire.providerName());
                rv.put(Rendezvous.tls(shard), negotiated);
            }
            rv.put(Rendezvous.ready(shard), pool.readyCount() + " " + pool.failedCount());
            String[] window = rv.await(Rendezvous.START, Duration.ofHours(1)).trim().split(" ");
            clock.measureToMicros = Long.parseLong(window[1]);
            clock.measureFromMicros = Long.parseLong(window[0]);
            // The coordinator stops us a drain after the window; if it died, give up rather than hang the run.
            Duration untilStop = Duration.ofMillis(Math.max(0, (clock.measureToMicros - WallClock.micros()) / 1000))
                    .plusMinutes(5);
            long[] published = Json.read(rv.await(Rendezvous.STOP, untilStop), long[].class);
            long disconnects = pool.disconnects.get(); // before we close our own connections
            pool.closeAll();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            rv.put(Rendezvous.result(shard), Json.write(account(shard, scenario, pool, clock, published, disconnects)));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static ShardResult account(int shard, Scenario scenario, SubscriberPool pool, Clock clock,
                                       long[] published, long disconnects) {
        long distinct = 0, dups = 0, ooo = 0, losses = 0;
        int withLoss = 0;
        for (SubscriberHandler h : pool.handlers()) {
            SeqTracker t = h.tracker;
            int topic = scenario.topicOf(h.index);
            long lost = t.losses(topic < published.length ? published[topic] : 0);
            distinct += t.distinct();
            dups += t.duplicates();
            ooo += t.outOfOrder();
            losses += lost;
            withLoss += lost > 0 ? 1 : 0;
        }
        Histogram latency = new Histogram(60_000_000L, 3);
        long measured = 0, malformed = 0, inWindow = 0;
        for (LoopStats s : clock.stats.values()) {
            latency.add(s.measuredLatency());
            measured += s.measuredDeliveries();
            malformed += s.malformed;
            inWindow += s.windowDeliveries();
        }
        return new ShardResult(shard, pool.handlers().length, pool.readyCount(), pool.failedCount(),
                pool.firstFailure(), disconnects, distinct, dups, ooo, losses, withLoss, malformed,
                measured, inWindow, Histograms.encode(latency));
    }
}
