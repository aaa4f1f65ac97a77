package dev.herald.bench;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A load client of the storm scenario ({@code shard --scenario storm --shard i/n}): at each of the
 * coordinator's orders it opens its slice of the storm as fast as the server takes connections,
 * holds them until told to release, then closes them all at once, reporting both legs.
 */
final class StormShard {
    /**
     * Source addresses to spread over (127.0.0.2 …): the client closes first, so every storm
     * leaves its ports in TIME_WAIT for a minute, and a run holds several storms.
     */
    private static final int SOURCES = 16;

    private StormShard() {}

    /** Storm subscriber {@code index}'s topic: one of its own, so the registry holds one entry per connection. */
    static String topic(String runId, int index) {
        return topicPrefix(runId) + index;
    }

    static String topicPrefix(String runId) {
        return "bench-" + runId + "-storm-";
    }

    static void run(Args args) throws Exception {
        Target target = Target.parse(args.string("target", "herald"));
        int total = args.integer("subscribers", 100);
        String[] slice = args.string("shard", "0/1").split("/");
        int shard = Integer.parseInt(slice[0]);
        int shards = Integer.parseInt(slice[1]);
        String runId = args.required("run-id");
        Rendezvous rv = new Rendezvous(Path.of(args.required("work")));
        InetSocketAddress server = new InetSocketAddress(args.string("host", "127.0.0.1"), args.integer("port", 8080));
        int sources = args.integer("sources", SOURCES);
        int maxPending = args.integer("max-pending", 256);

        int from = (int) ((long) shard * total / shards);
        int to = (int) ((long) (shard + 1) * total / shards);
        List<String> topics = new ArrayList<>(to - from);
        for (int g = from; g < to; g++) {
            topics.add(topic(runId, g));
        }
        EventLoopGroup group = NettyIo.group(args.integer("threads", 1));
        try {
            for (int storm = 0; ; storm++) {
                if (!rv.await(Rendezvous.storm(storm), Duration.ofHours(2)).equals(Rendezvous.STORM_GO)) {
                    return;
                }
                SubscriberPool pool = new SubscriberPool(group, NettyIo.socketChannel(), target, server,
                        sources, maxPending, new Shard.Clock());
                long opening = WallClock.micros();
                // Stamped by the event loop that settles the last connection, not when this thread wakes.
                long allUp = pool.open(from, topics).thenApply(v -> WallClock.micros()).get(10, TimeUnit.MINUTES);
                rv.put(Rendezvous.stormUp(storm, shard), Json.write(new StormLeg(opening, allUp,
                        pool.readyCount(), pool.failedCount(), pool.firstFailure(), 0)));
                rv.await(Rendezvous.stormRelease(storm), Duration.ofMinutes(30));
                long cutOff = pool.disconnects.get(); // before our own closes count too
                long closing = WallClock.micros();
                pool.closeAll();
                long allClosed = WallClock.micros();
                rv.put(Rendezvous.stormDown(storm, shard), Json.write(new StormLeg(closing, allClosed,
                        pool.readyCount(), 0, null, cutOff)));
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
