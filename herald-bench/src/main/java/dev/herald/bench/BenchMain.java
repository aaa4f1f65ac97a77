package dev.herald.bench;

import java.util.Arrays;
import java.util.concurrent.TimeoutException;

/**
 * Entry point of {@code herald-bench.jar}; {@code bench/run.sh} is the usual way in.
 * <pre>
 *   coordinate --target herald|nchan|floor --scenario idle|fanout|burst|peruser --subscribers N --shards n
 *              --server-pid PID --port P --run-id ID --work DIR --out result.json [--rate R --warmup s
 *              --duration s --drain s --settle s --publish-connections k]
 *              [--tls off|h1|h2 --tls-cert cert.pem --streams-per-connection 100]   (over TLS: see Wire)
 *   coordinate --target herald --scenario storm --subscriptions on|off --watcher-token JWT …
 *              [--watchers 100 --event-watchers 5 --events-match URLPATTERN]   (see StormCoordinator)
 *   shard      --target … --scenario … --subscribers N --shard i/n --port P --run-id ID --work DIR
 *              [--sources 4 --threads 1 --max-pending 256] [--tls … as the coordinator's]
 *   report     --dir bench/results/&lt;timestamp&gt;      (results.md, chart.png, summary.json)
 *   soak       --server-pid PID --port P --out DIR [--minutes 30 --sample 10 …]   (see SoakConfig)
 *   jmh        [JMH options]                          (the hot-path microbenchmarks)
 * </pre>
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println("usage: herald-bench coordinate|shard|report|soak|jmh [--option value ...]");
            System.exit(2);
        }
        try {
            switch (argv[0]) {
                case "coordinate" -> {
                    Args args = new Args(argv, 1);
                    if (isStorm(args)) {
                        StormCoordinator.run(args);
                    } else {
                        Coordinator.run(args);
                    }
                }
                case "shard" -> {
                    Args args = new Args(argv, 1);
                    if (isStorm(args)) {
                        StormShard.run(args);
                    } else {
                        Shard.run(args);
                    }
                }
                case "report" -> Report.run(new Args(argv, 1));
                case "soak" -> SoakRun.run(new Args(argv, 1));
                case "jmh" -> org.openjdk.jmh.Main.main(Arrays.copyOfRange(argv, 1, argv.length));
                default -> {
                    System.err.println("unknown command: " + argv[0]);
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) { // a bad option: say which, no stack trace
            System.err.println("herald-bench " + argv[0] + ": " + e.getMessage());
            System.exit(2);
        } catch (TimeoutException e) {
            System.err.println("herald-bench " + argv[0] + ": gave up waiting for the load generator"
                    + " (machine overloaded?); this run has no result");
            System.exit(1);
        }
        System.exit(0); // Netty's global executor threads must not keep a finished run alive
    }

    /** The storm scenario runs a sequence of its own on both sides. */
    private static boolean isStorm(Args args) {
        boolean storm = Scenario.parse(args.string("scenario", "fanout")) == Scenario.STORM;
        if (storm && TlsMode.parse(args.string("tls", "off")) != TlsMode.OFF) {
            throw new IllegalArgumentException("the storm scenario runs in cleartext only; --tls is for the others");
        }
        return storm;
    }
}
