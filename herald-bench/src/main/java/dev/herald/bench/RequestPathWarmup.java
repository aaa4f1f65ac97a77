package dev.herald.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Publishes as fast as the server answers, for a few seconds, to a topic no subscriber of the run
 * will ever use: once before any subscriber connects and once after. A JIT-compiled server
 * (Herald) otherwise compiles its request path inside the measured window: at the fan-out
 * scenario's 10 publishes per second that takes minutes, and the compiler threads' CPU (6% of
 * Herald's fan-out window) would be charged to deliveries. The second pass is needed because the
 * subscribe requests change the path's profile and the JIT drops what it compiled from publishes
 * alone. Every server gets the same requests, so the comparison stays like for like.
 */
final class RequestPathWarmup {
    /** Requests in flight on the warm-up connection: enough to keep a server busy, not to queue. */
    private static final int WINDOW = 16;
    private static final long ANSWER_SECONDS = 60;

    private RequestPathWarmup() {}

    /** The warm-up's run id: its topic never collides with {@link Scenario#topicName} of {@code runId}. */
    static String warmupRunId(String runId) {
        return "warmup-" + runId;
    }

    /**
     * Runs the warm-up; a server that acknowledges none of it is not ready for the scenario.
     *
     * @return the warm-up's totals
     */
    static Publisher.Stats run(Target target, InetSocketAddress server, String runId, double seconds)
            throws Exception {
        return run(target, List.of(server), runId, seconds, Wire.PLAIN);
    }

    /**
     * One connection and one topic per node, so that each node of a cluster compiles its publish
     * path; over {@code wire}: over TLS, the handshake is part of what the warm-up compiles.
     */
    static Publisher.Stats run(Target target, List<InetSocketAddress> nodes, String runId, double seconds, Wire wire)
            throws Exception {
        try (Publisher publisher = new Publisher(target, nodes, nodes.size(), WINDOW, nodes.size(), warmupRunId(runId),
                wire)) {
            Publisher.Stats stats = publisher.run(0, Duration.ofMillis((long) (seconds * 1000)))
                    .get((long) seconds + ANSWER_SECONDS, TimeUnit.SECONDS);
            if (stats.ok() == 0) {
                throw new IllegalStateException("the server acknowledged none of the " + stats.sent()
                        + " warm-up publishes (" + stats.errors() + " error answers); is it accepting publishes?");
            }
            return stats;
        }
    }
}
