package dev.herald.bench;

import java.time.Instant;

/**
 * Wall-clock microseconds, cheap enough to read once per socket read: one wall-clock reading at
 * start, then nanoTime deltas. Publisher and receivers may live in different processes, so the
 * stamps must share the wall clock rather than a per-process nanoTime origin.
 */
final class WallClock {
    private static final long BASE_MICROS;
    private static final long BASE_NANOS;

    static {
        Instant now = Instant.now();
        BASE_NANOS = System.nanoTime();
        BASE_MICROS = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private WallClock() {}

    static long micros() {
        return BASE_MICROS + (System.nanoTime() - BASE_NANOS) / 1_000;
    }
}
