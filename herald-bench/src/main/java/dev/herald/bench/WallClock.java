package dev.herald.bench;

import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Wall-clock microseconds, cheap enough to read once per socket read: the wall clock is read at
 * start-up, then nanoTime deltas are added. Publisher and receivers live in different processes,
 * so their stamps must share the wall clock rather than a per-process nanoTime origin.
 *
 * <p>The start-up reading pairs a wall-clock and a nanoTime reading. If the thread is descheduled
 * between the two (likely on a busy two-core machine), every stamp of that process is off by the
 * gap, and sub-millisecond latencies come out shifted by it for the whole run: one such run showed
 * a per-user p99 of 0.00 ms. So the pair is taken many times, each wall reading bracketed by two
 * nanoTime readings, and the tightest bracket wins.
 */
final class WallClock {
    /** Bracketed readings at start-up; a few hundred microseconds in all. */
    static final int CALIBRATION_READS = 2_000;
    private static final Calibration BASE =
            Calibration.of(System::nanoTime, Instant::now, CALIBRATION_READS);

    private WallClock() {}

    static long micros() {
        return BASE.micros(System.nanoTime());
    }

    /** How far this process's stamps may sit from the wall clock, in nanoseconds. */
    static long uncertaintyNanos() {
        return BASE.uncertaintyNanos();
    }

    /**
     * A wall-clock instant (as epoch nanoseconds) and the nanoTime taken at it.
     *
     * @param uncertaintyNanos half the bracket around the chosen wall-clock reading
     */
    record Calibration(long wallNanos, long nanoTime, long uncertaintyNanos) {

        static Calibration of(LongSupplier nanoTime, Supplier<Instant> wallClock, int reads) {
            if (reads < 1) {
                throw new IllegalArgumentException("reads must be positive: " + reads);
            }
            Calibration best = null;
            for (int i = 0; i < reads; i++) {
                long before = nanoTime.getAsLong();
                Instant wall = wallClock.get();
                long after = nanoTime.getAsLong();
                long half = (after - before) / 2;
                if (best == null || half < best.uncertaintyNanos) {
                    best = new Calibration(wall.getEpochSecond() * 1_000_000_000L + wall.getNano(),
                            before + half, half);
                }
            }
            return best;
        }

        long micros(long now) {
            return (wallNanos + (now - nanoTime)) / 1_000;
        }
    }
}
