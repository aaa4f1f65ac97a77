package dev.herald.bench;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * Every delivery's publish stamp and latency, in microseconds, for a scenario that cuts its run
 * into phases only once they are over (the storm: when a burst of connections ends is known only
 * after it ended), which one measured window fixed in advance cannot do. Confined to one event
 * loop while it records; read after that loop has stopped.
 */
final class DeliveryLog {
    private long[] sentMicros = new long[4096];
    private long[] latencyMicros = new long[4096];
    private int size;

    void add(long sent, long latency) {
        if (size == sentMicros.length) {
            sentMicros = Arrays.copyOf(sentMicros, size * 2);
            latencyMicros = Arrays.copyOf(latencyMicros, size * 2);
        }
        sentMicros[size] = sent;
        latencyMicros[size] = latency;
        size++;
    }

    /** Adds to {@code into} the latencies of the deliveries published in {@code [from, to)}. */
    void addPublishedBetween(long from, long to, Histogram into) {
        for (int i = 0; i < size; i++) {
            long sent = sentMicros[i];
            if (sent >= from && sent < to) {
                into.recordValue(Math.min(latencyMicros[i], into.getHighestTrackableValue()));
            }
        }
    }

    int size() {
        return size;
    }
}
