package dev.herald.bench;

import org.HdrHistogram.Histogram;

/**
 * Latency and throughput of the subscribers served by one client event loop. Confined to that
 * loop while it runs; read after the loop has shut down.
 */
final class LoopStats {
    /** Publish→receive latency in microseconds, up to one minute. */
    final Histogram latency = new Histogram(60_000_000L, 3);
    long measuredDeliveries;
    /** Every delivery read inside the measured window, whenever it was published. */
    long windowDeliveries;
    long malformed;

    void delivered(long sentMicros, long nowMicros) {
        latency.recordValue(Math.max(0, nowMicros - sentMicros));
        measuredDeliveries++;
    }
}
