package dev.herald.bench;

import org.HdrHistogram.Histogram;

/**
 * Latency and throughput of the subscribers served by one client event loop. Confined to that
 * loop while it runs; read after the loop has shut down.
 *
 * <p>Deliveries published before the measured window go through the same code as those inside
 * it, into a histogram nobody reads, and the window test is arithmetic rather than a branch. A
 * path first taken when the window opens would have been compiled without it: the JIT would
 * deoptimize the whole receive path at that moment, and the loop would spend milliseconds in the
 * interpreter — a stall the window would then measure, whichever server it is.
 */
final class LoopStats {
    private static final int BEFORE_WINDOW = 0;
    private static final int IN_WINDOW = 1;

    /** Publish→receive latency in microseconds, up to one minute, indexed by BEFORE/IN_WINDOW. */
    private final Histogram[] latency = {new Histogram(60_000_000L, 3), new Histogram(60_000_000L, 3)};
    private final long[] deliveries = new long[2];
    /** Every delivery read inside the measured window, whenever it was published. */
    private long windowDeliveries;
    /** Every delivery, when the scenario cuts its run into phases afterwards; else null. */
    private final DeliveryLog log;
    long malformed;

    LoopStats() {
        this(null);
    }

    LoopStats(DeliveryLog log) {
        this.log = log;
    }

    /**
     * Records one first-time delivery.
     *
     * @param measureFrom publishes stamped from here on are measured ({@code Long.MAX_VALUE}: not yet known)
     * @param measureTo   reads before here count towards the window's deliveries
     */
    void delivered(long sentMicros, long readMicros, long measureFrom, long measureTo) {
        int phase = atOrAfter(sentMicros, measureFrom);
        long micros = Math.max(0, readMicros - sentMicros);
        latency[phase].recordValue(micros);
        if (log != null) {
            log.add(sentMicros, micros);
        }
        deliveries[phase]++;
        windowDeliveries += atOrAfter(readMicros, measureFrom) & before(readMicros, measureTo);
    }

    /** Latency of the deliveries published inside the window. */
    Histogram measuredLatency() {
        return latency[IN_WINDOW];
    }

    long measuredDeliveries() {
        return deliveries[IN_WINDOW];
    }

    long windowDeliveries() {
        return windowDeliveries;
    }

    /** 1 if {@code t >= from}, else 0, without a branch; both are non-negative. */
    static int atOrAfter(long t, long from) {
        return (int) ((from - 1 - t) >>> 63);
    }

    /** 1 if {@code t < to}, else 0, without a branch; both are non-negative. */
    static int before(long t, long to) {
        return (int) ((t - to) >>> 63);
    }

    /** Every delivery so far, or null when this loop does not log them. */
    DeliveryLog log() {
        return log;
    }

    /** Deliveries published before the window: kept only so tests can see where they went. */
    long deliveriesBeforeWindow() {
        return deliveries[BEFORE_WINDOW];
    }
}
