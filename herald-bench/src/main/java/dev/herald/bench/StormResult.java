package dev.herald.bench;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The storm scenario against one system: bursts of {@code stormSize} connections, each subscriber
 * on a topic of its own, while {@code watchers} subscribers take {@code rate} updates a second on
 * another topic. Figures cover the measured storms; the warm-up storms before them only let the
 * JIT compile the connect and close paths. Times in milliseconds, CPU in microseconds.
 *
 * @param subscriptionEvents whether the hub ran with {@code --subscriptions}
 * @param connectsPerSecond connections opened (response head received) per second of opening legs
 * @param allUpMs median over the measured storms: first connect to the last response head
 * @param allClosedMs median over the measured storms: the clients' closing all connections
 * @param serverCpuPerConnectUs server CPU from the order to connect until a settle after the last
 *     was up, per connection (the topic's steady fan-out is in it too, the same for both systems)
 * @param quiet the topic's latency in the second before each measured storm
 * @param opening the topic's latency from the first connect until a settle after the last was up
 * @param closing the topic's latency from the first close until a settle after the last
 * @param openingByStorm {@code opening} of each measured storm alone, to show how far storms differ
 * @param subscriptionEventsPublished the hub's published updates during the run less the topic's
 * @param subscriptionEventsExpected on: 4 per opened connection (two forms, on open and on close)
 * @param eventsReceived storm subscription events the event watchers got, summed
 * @param eventsExpected on: 2 per opened connection per event watcher (its own protocol's form)
 */
record StormResult(
        String system, boolean subscriptionEvents, String scale, String startedUtc, String runId,
        String serverInfo, String clientInfo,
        int stormSize, int watchers, int eventWatchers, double rate, int warmupStorms, int measuredStorms,
        double connectsPerSecond, double allUpMs, double allClosedMs,
        double serverCpuPerConnectUs, double serverCpuPerDisconnectUs,
        Latency quiet, Latency opening, Latency closing, List<Latency> openingByStorm,
        long connected, long failedConnections, String firstFailure, long stormCutOff,
        long published, long publishErrors, long losses, long duplicates, long outOfOrder, long malformed,
        long watchersCutOff,
        long subscriptionEventsPublished, long subscriptionEventsExpected, long eventsReceived, long eventsExpected,
        List<Storm> storms) {

    /** Publish→receive latency of the watched topic over some phase. */
    record Latency(long deliveries, double p50Ms, double p99Ms, double maxMs) {
        static Latency of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0);
            }
            return new Latency(h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
        }
    }

    /**
     * One storm, wall-clock microseconds: a quiet second, the opening leg and a settle after it
     * ({@code openSettledMicros}), the closing leg and a settle after it. CPU is the server's over
     * each leg and its settle.
     */
    record Storm(boolean warmup, long quietFromMicros, StormLeg opening, long openSettledMicros, long openCpuMs,
                 StormLeg closing, long closeSettledMicros, long closeCpuMs) {}

    /** Every storm connection opened and was held, the topic arrived whole, the events all arrived. */
    boolean clean() {
        return failedConnections == 0 && stormCutOff == 0 && watchersCutOff == 0 && publishErrors == 0
                && losses == 0 && duplicates == 0 && outOfOrder == 0 && malformed == 0
                && subscriptionEventsPublished == subscriptionEventsExpected && eventsReceived == eventsExpected;
    }
}
