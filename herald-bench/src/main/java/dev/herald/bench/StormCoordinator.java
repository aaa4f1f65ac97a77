package dev.herald.bench;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Drives the storm scenario against one running Herald ({@code coordinate --scenario storm}):
 * what a burst of connections costs the subscribers already there, with the hub's subscription
 * events on ({@code --subscriptions on}: every connection announced as it opens and as it
 * closes) or off, so one run can compare the two.
 *
 * <p>The watchers connect first; then, while the publisher offers the rate on their topic, storms
 * follow one another: warm-up storms for {@code --warmup} seconds, the request-path warm-up again,
 * then measured storms for {@code --duration} seconds (at least one of each). A storm is a quiet
 * second, every shard opening its slice at once, a settle, every shard closing its slice at once,
 * a settle.
 */
final class StormCoordinator {
    /** Before each storm: the topic's latency with nothing else going on, for reference. */
    static final double QUIET_SECONDS = 1;
    /**
     * Held after the last connection is up, and waited after the last is closed: the hub's work
     * for a burst (announcing it, tearing down) may outlast what the clients see of it, and a
     * delivery that work delays is published in these seconds.
     */
    static final double SETTLE_SECONDS = 2;
    private static final long ANSWER_SECONDS = 60;
    /** Every subscription event, in its 1.0 form; {@code bench/run.sh} mints the watchers' token for it. */
    static final String EVENTS_MATCH = "/.well-known/mercure/subscriptions/:type/:match/:subscriber";

    private final Rendezvous rv;
    private final ProcStats proc;
    private final long pid;
    private final int shards;
    /** Storms ordered so far: on failure the shards are released and stopped after the last. */
    private int ordered;

    private StormCoordinator(Rendezvous rv, ProcStats proc, long pid, int shards) {
        this.rv = rv;
        this.proc = proc;
        this.pid = pid;
        this.shards = shards;
    }

    static void run(Args args) throws Exception {
        Target target = Target.parse(args.string("target", "herald"));
        boolean events = switch (args.string("subscriptions", "off")) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--subscriptions must be on or off, got: "
                    + args.string("subscriptions", ""));
        };
        int stormSize = args.integer("subscribers", 100);
        int watcherCount = args.integer("watchers", 100);
        int eventWatcherCount = args.integer("event-watchers", 5);
        double rate = args.decimal("rate", Scenario.STORM.defaultRate);
        double warmup = args.decimal("warmup", 3);
        double duration = args.decimal("duration", 10);
        double drain = args.decimal("drain", 3);
        double settle = args.decimal("settle", 1);
        String runId = args.required("run-id");
        InetSocketAddress server = new InetSocketAddress(args.string("host", "127.0.0.1"), args.integer("port", 8080));
        StormCoordinator c = new StormCoordinator(new Rendezvous(Path.of(args.required("work"))), ProcStats.system(),
                Long.parseLong(args.required("server-pid")), args.integer("shards", 1));
        String started = Instant.now().toString();

        List<StormResult.Storm> storms = new ArrayList<>();
        Publisher.Stats pub;
        long[] published;
        long updatesPublished;
        StormWatchers watchers = null;
        try {
            Coordinator.sleep(settle); // let a fresh server (a JVM) finish starting
            double requestWarmup = args.decimal("request-warmup", 0);
            Coordinator.warmRequestPath(target, Scenario.STORM, ServerNodes.single(server), runId, requestWarmup, "before anyone connects",
                    settle);
            watchers = new StormWatchers(target, server, Scenario.topicName(runId, 0), watcherCount,
                    eventWatcherCount, args.string("events-match", EVENTS_MATCH), args.string("watcher-token", ""),
                    StormShard.topicPrefix(runId));
            long updatesBefore = HubCounters.updatesPublished(server);
            long warmupPublishes; // the second request-path warm-up's, which the hub counts too
            try (Publisher publisher = new Publisher(target, server, 1, 64, 1, runId)) {
                var running = publisher.run(rate, Duration.ofDays(1)); // until finish()
                c.stormsFor(warmup, true, storms);
                // As in the other scenarios: thousands of subscribe requests change the request path's
                // profile, and the JIT would otherwise recompile the publish path inside a measured storm.
                warmupPublishes = Coordinator.warmRequestPath(target, Scenario.STORM, ServerNodes.single(server), runId,
                        requestWarmup, "after the warm-up storms", settle);
                c.stormsFor(duration, false, storms);
                publisher.finish();
                pub = running.get(ANSWER_SECONDS, TimeUnit.SECONDS);
                Coordinator.sleep(drain);
                published = publisher.publishedPerTopic().get(ANSWER_SECONDS, TimeUnit.SECONDS);
            }
            updatesPublished = HubCounters.updatesPublished(server) - updatesBefore - warmupPublishes;
        } finally {
            c.stopShards(); // whatever happened: a shard waiting for its next order would hold up the run
            if (watchers != null) {
                watchers.close();
            }
        }
        StormResult r = StormFigures.result(args, events, started, runId, stormSize, watchers, rate, storms, pub,
                published[0], updatesPublished);
        Path out = Path.of(args.required("out"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, Json.write(r));
        System.out.printf("%s storm: %d measured storms of %d, %.0f connections/s, all up in %.0f ms; topic p99 %.2f ms"
                        + " quiet, %.2f ms opening (by storm: %s), %.2f ms closing; subscription events published %d,"
                        + " received %d%s%n",
                r.system(), r.measuredStorms(), r.stormSize(), r.connectsPerSecond(), r.allUpMs(), r.quiet().p99Ms(),
                r.opening().p99Ms(), r.openingByStorm().stream().map(l -> String.format(Locale.ROOT, "%.2f", l.p99Ms()))
                        .collect(Collectors.joining(" / ")),
                r.closing().p99Ms(), r.subscriptionEventsPublished(), r.eventsReceived(),
                r.clean() ? "" : "  ** NOT CLEAN **");
    }

    /** Storms one after another for {@code seconds}, at least one. */
    private void stormsFor(double seconds, boolean warmup, List<StormResult.Storm> storms) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            StormResult.Storm s = storm(storms.size(), warmup);
            storms.add(s);
            System.out.printf("storm %d%s: %d up in %.0f ms (%d failed), closed in %.0f ms; server CPU %d + %d ms%n",
                    storms.size(), warmup ? " (warm-up)" : "", s.opening().connections(), s.opening().millis(),
                    s.opening().failed(), s.closing().millis(), s.openCpuMs(), s.closeCpuMs());
        } while (System.nanoTime() < end);
    }

    private StormResult.Storm storm(int k, boolean warmup) throws Exception {
        long quietFrom = WallClock.micros();
        Coordinator.sleep(QUIET_SECONDS);
        long cpu = proc.sample(pid).cpuMillis();
        ordered = k + 1;
        rv.put(Rendezvous.storm(k), Rendezvous.STORM_GO);
        StormLeg opening = legs(k, Rendezvous::stormUp);
        Coordinator.sleep(SETTLE_SECONDS);
        long openSettled = WallClock.micros();
        long openCpu = proc.sample(pid).cpuMillis() - cpu;
        cpu += openCpu;
        rv.put(Rendezvous.stormRelease(k), "");
        StormLeg closing = legs(k, Rendezvous::stormDown);
        Coordinator.sleep(SETTLE_SECONDS);
        long closeSettled = WallClock.micros();
        long closeCpu = proc.sample(pid).cpuMillis() - cpu;
        return new StormResult.Storm(warmup, quietFrom, opening, openSettled, openCpu, closing, closeSettled, closeCpu);
    }

    /** Every shard's leg of storm {@code k}, merged. */
    private StormLeg legs(int k, BiFunction<Integer, Integer, String> name) throws Exception {
        List<StormLeg> legs = new ArrayList<>(shards);
        for (int i = 0; i < shards; i++) {
            legs.add(Json.read(rv.await(name.apply(k, i), Duration.ofMinutes(15)), StormLeg.class));
        }
        return StormLeg.merge(legs);
    }

    /** Releases a storm left open by a failure, then tells the shards there is no next one. */
    private void stopShards() throws Exception {
        if (ordered > 0) {
            rv.put(Rendezvous.stormRelease(ordered - 1), "");
        }
        rv.put(Rendezvous.storm(ordered), Rendezvous.STOP);
    }
}
