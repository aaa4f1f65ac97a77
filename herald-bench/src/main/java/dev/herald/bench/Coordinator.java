package dev.herald.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Drives one scenario against one running server: lets the shards connect, publishes, samples
 * the server's {@code /proc} entries around the measured window, and merges the shards' results.
 */
final class Coordinator {
    /**
     * How long to wait for the publisher's own counters. They are answered on its event loop,
     * which an overloaded two-core machine can starve for seconds (a burst run against a server
     * that falls behind).
     */
    private static final long ANSWER_SECONDS = 60;
    /** Idle reads RSS this many times, this far apart (4 s), after each settle. */
    private static final int RSS_READINGS = 9;
    private static final Duration RSS_SPACING = Duration.ofMillis(500);

    private Coordinator() {}

    static void run(Args args) throws Exception {
        Target target = Target.parse(args.string("target", "herald"));
        Scenario scenario = Scenario.parse(args.string("scenario", "fanout"));
        int subscribers = args.integer("subscribers", 100);
        int shards = args.integer("shards", 1);
        double warmup = scenario == Scenario.IDLE ? 0 : args.decimal("warmup", 3);
        double duration = scenario == Scenario.IDLE ? 0 : args.decimal("duration", 10);
        double drain = args.decimal("drain", 3);
        double settle = args.decimal("settle", scenario == Scenario.IDLE ? 5 : 1);
        // Idle measures memory only; the others warm the server's request path before anyone connects.
        double requestWarmup = scenario == Scenario.IDLE ? 0 : args.decimal("request-warmup", 0);
        if (requestWarmup < 0) {
            throw new IllegalArgumentException("--request-warmup must not be negative, got: " + requestWarmup);
        }
        args.required("server-pid");
        ServerNodes nodes = ServerNodes.from(args);
        List<Long> pids = nodes.pids();
        // Every node gets the one node's load: a fan-out update reaches every node's subscribers
        // already, while a per-user update reaches one subscriber, so that rate grows with the nodes.
        double rate = args.decimal("rate", scenario.defaultRate) * (scenario == Scenario.PERUSER ? nodes.size() : 1);
        String runId = args.required("run-id");
        Rendezvous rv = new Rendezvous(Path.of(args.required("work")));
        Wire wire = Wire.from(args);
        ProcStats proc = ProcStats.system();
        String started = Instant.now().toString();

        sleep(settle); // let a fresh server (a JVM) finish starting before the baseline
        warmRequestPath(target, scenario, nodes, runId, requestWarmup, "before subscribers connect", settle, wire);
        // Idle's figure is the RSS difference itself, so it takes the median of several readings.
        int rssReadings = scenario == Scenario.IDLE ? RSS_READINGS : 1;
        ProcStats.Sample baseline = proc.steadySample(pids, rssReadings, RSS_SPACING);
        rv.put(Rendezvous.CONNECT, "");
        for (int i = 0; i < shards; i++) {
            rv.await(Rendezvous.ready(i), Duration.ofMinutes(10));
        }
        sleep(settle);
        ProcStats.Sample connected = proc.steadySample(pids, rssReadings, RSS_SPACING);
        // Thousands of subscribe requests change the request path's profile; a JIT then drops the
        // compiled publish path and, at 10 publishes a second, recompiles it inside the window.
        // The floor has no topics (it would broadcast the warm-up to every subscriber) and no JIT.
        if (target != Target.FLOOR) {
            warmRequestPath(target, scenario, nodes, runId, requestWarmup, "with subscribers connected", settle, wire);
        }

        long measureFrom = WallClock.micros() + (long) (warmup * 1e6);
        long measureTo = measureFrom + (long) (duration * 1e6);
        rv.put(Rendezvous.START, measureFrom + " " + measureTo);
        Publisher.Stats pub = new Publisher.Stats(0, 0, 0, 0, 0, 0);
        String publisherTls = null;
        long[] published = new long[0];
        ProcStats.Sample cpuFrom = connected;
        ProcStats.Sample cpuTo = connected;
        long acknowledgedInWindow = 0;
        boolean closedLoop = scenario == Scenario.DURABLE;
        if (scenario != Scenario.IDLE) {
            try (Publisher publisher = new Publisher(target, nodes.addresses(),
                    args.integer("publish-connections", closedLoop ? Scenario.DURABLE_PUBLISHERS : 4),
                    args.integer("publish-window", closedLoop ? 1 : 64), scenario.topicCount(subscribers), runId, wire)) {
                publisherTls = publisher.negotiated();
                var running = publisher.run(rate, Duration.ofMillis((long) ((warmup + duration) * 1000)));
                sleep((measureFrom - WallClock.micros()) / 1e6);
                cpuFrom = proc.sample(pids);
                long acknowledgedFrom = publisher.acknowledged().get(ANSWER_SECONDS, TimeUnit.SECONDS);
                sleep((measureTo - WallClock.micros()) / 1e6);
                cpuTo = proc.sample(pids);
                acknowledgedInWindow = publisher.acknowledged().get(ANSWER_SECONDS, TimeUnit.SECONDS) - acknowledgedFrom;
                pub = running.get((long) (warmup + duration) + 120, TimeUnit.SECONDS);
                sleep(drain);
                published = publisher.publishedPerTopic().get(ANSWER_SECONDS, TimeUnit.SECONDS);
            }
        }
        ProcStats.Sample end = proc.sample(pids);
        rv.put(Rendezvous.STOP, Json.write(published));

        List<ShardResult> parts = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            parts.add(Json.read(rv.await(Rendezvous.result(i), Duration.ofMinutes(5)), ShardResult.class));
        }
        long expected = 0;
        for (int g = 0; g < subscribers; g++) {
            int t = scenario.topicOf(g);
            expected += t < published.length ? published[t] : 0;
        }
        String tls = wire.tls() ? tlsInfo(wire, rv.await(Rendezvous.tls(0), Duration.ofSeconds(5)), publisherTls) : "";
        ScenarioResult r = merge(args, target, scenario, tls, started, runId, subscribers, rate, warmup, duration,
                measureFrom, pub, acknowledgedInWindow, expected, parts, baseline, connected, cpuFrom, cpuTo, end);
        Path out = Path.of(args.required("out"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, Json.write(r));
        System.out.printf("%s %s: connected %d/%d, delivered/s %.0f, p99 %.2f ms, losses %d, dups %d, ooo %d, "
                        + "cpu %d ms, rss/conn %.1f kB%s%n", r.system(), r.scenario(), r.connected(), r.subscribers(),
                r.deliveredPerSecond(), r.latencyP99Ms(), r.losses(), r.duplicates(), r.outOfOrder(),
                r.serverCpuMs(), r.rssPerConnectionKb(), r.clean() ? "" : "  ** NOT CLEAN **");
    }

    /** What the results say of TLS: what subscribers and publishers negotiated, and the client's TLS. */
    static String tlsInfo(Wire wire, String subscribers, String publishers) {
        return "TLS " + wire.mode().key() + ": subscribers " + subscribers
                + (wire.multiplexes() ? " (" + wire.streamsPerConnection() + " streams per connection)" : "")
                + "; publishers " + publishers + "; client TLS " + Wire.providerName();
    }

    /** @return the publishes the server acknowledged (0 when {@code seconds} is 0) */
    static long warmRequestPath(Target target, Scenario scenario, ServerNodes nodes, String runId,
                                double seconds, String when, double settle) throws Exception {
        return warmRequestPath(target, scenario, nodes, runId, seconds, when, settle, Wire.PLAIN);
    }

    static long warmRequestPath(Target target, Scenario scenario, ServerNodes nodes, String runId,
                                double seconds, String when, double settle, Wire wire) throws Exception {
        if (seconds <= 0) {
            return 0;
        }
        Publisher.Stats warm = RequestPathWarmup.run(target, nodes.addresses(), runId, seconds, wire);
        System.out.printf("%s %s: request-path warm-up %s, %d publishes acknowledged in %.1f s%n",
                target.label(), scenario.key(), when, warm.ok(), warm.seconds());
        sleep(settle);
        return warm.ok();
    }

    private static ScenarioResult merge(Args args, Target target, Scenario scenario, String tls, String started,
                                        String runId,
                                        int subscribers, double rate, double warmup, double duration, long measureFrom,
                                        Publisher.Stats pub, long acknowledgedInWindow, long expected,
                                        List<ShardResult> parts,
                                        ProcStats.Sample baseline, ProcStats.Sample connected,
                                        ProcStats.Sample cpuFrom, ProcStats.Sample cpuTo, ProcStats.Sample end) {
        Histogram h = new Histogram(60_000_000L, 3);
        int ok = 0, failed = 0, withLoss = 0;
        long disc = 0, distinct = 0, losses = 0, dups = 0, ooo = 0, malformed = 0, measured = 0, inWindow = 0;
        String firstFailure = null;
        for (ShardResult p : parts) {
            h.add(Histograms.decode(p.latencyHistogram()));
            ok += p.connected();
            failed += p.failed();
            firstFailure = firstFailure != null ? firstFailure : p.firstFailure();
            disc += p.disconnects();
            distinct += p.distinct();
            losses += p.losses();
            withLoss += p.subscribersWithLoss();
            dups += p.duplicates();
            ooo += p.outOfOrder();
            malformed += p.malformed();
            measured += p.measuredDeliveries();
            inWindow += p.windowDeliveries();
        }
        // Throughput counts what arrived during the measured seconds, backlog included: a server
        // that falls behind is measured by what it delivers, not by when the publisher stopped.
        // CPU over the same seconds, so both figures describe one window.
        long cpu = cpuTo.cpuMillis() - cpuFrom.cpuMillis();
        long kernelCpu = cpuTo.kernelMillis() - cpuFrom.kernelMillis();
        // --label names a variant of a target (Herald with metrics off), reported as a system of its own;
        // so does each TLS mode ("Herald TLS h2"), and the client info says what TLS negotiated.
        String clientInfo = args.string("client-info", "");
        clientInfo = tls.isEmpty() ? clientInfo : clientInfo.isEmpty() ? tls : clientInfo + "; " + tls;
        String system = args.string("label", target.label() + TlsMode.parse(args.string("tls", "off")).systemSuffix());
        return new ScenarioResult(system, scenario.key(),
                args.string("scale", "custom"), started, runId, args.string("server-info", ""), clientInfo,
                subscribers, ok, failed, firstFailure, disc, rate, warmup, duration,
                pub.sent(), pub.ok(), pub.errors(), pub.lostInFlight(), pub.maxBacklog(),
                duration > 0 ? acknowledgedInWindow / duration : 0,
                expected, distinct, losses, withLoss, dups, ooo, malformed,
                measured, duration > 0 ? inWindow / duration : 0,
                ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0,
                h.getTotalCount() - h.getCountBetweenValues(0, 1000), // latencies are recorded in µs
                cpu, inWindow > 0 ? cpu * 1000.0 / inWindow : 0, inWindow > 0 ? kernelCpu * 1000.0 / inWindow : 0,
                baseline.rssKb(), connected.rssKb(), end.rssKb(),
                ok > 0 ? (connected.rssKb() - baseline.rssKb()) / (double) ok : 0);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static void sleep(double seconds) throws InterruptedException {
        if (seconds > 0) {
            Thread.sleep((long) (seconds * 1000));
        }
    }
}
