package dev.herald.server.http;

import dev.herald.server.PublishRate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per token subject, kept as one number (GCRA): the time at which the subject's
 * bucket will be full again. A publish is allowed when that time is less than a full bucket's
 * worth ahead of now, and pushes it one interval further. A subject whose bucket is full again
 * needs no entry, so entries are swept once the map has doubled since the last sweep.
 */
final class PublishRateLimiter {
    private static final int MIN_SWEEP_SIZE = 1024;

    private final PublishRate rate;
    private final long intervalNanos;
    /** How far ahead of now the full-again time may be: a full bucket minus the one being taken. */
    private final long toleranceNanos;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Long> fullAt = new ConcurrentHashMap<>();
    private volatile int sweepAt = MIN_SWEEP_SIZE;

    PublishRateLimiter(PublishRate rate, LongSupplier nanoClock) {
        this.rate = rate;
        this.intervalNanos = Math.max(1, rate.period().toNanos() / rate.permits());
        this.toleranceNanos = intervalNanos * (rate.permits() - 1L);
        this.clock = nanoClock;
    }

    PublishRate rate() {
        return rate;
    }

    /**
     * Takes one publish from {@code subject}'s bucket.
     *
     * @return 0 when allowed, else the nanoseconds until one will be
     */
    long tryAcquire(String subject) {
        long now = clock.getAsLong();
        long[] wait = new long[1];
        fullAt.compute(subject, (k, stored) -> {
            long full = stored == null || stored - now < 0 ? now : stored;
            if (full - now > toleranceNanos) {
                wait[0] = full - now - toleranceNanos;
                return stored;
            }
            return full + intervalNanos;
        });
        if (fullAt.size() >= sweepAt) {
            sweep(now);
        }
        return wait[0];
    }

    private synchronized void sweep(long now) {
        fullAt.values().removeIf(full -> full - now <= 0);
        sweepAt = Math.max(MIN_SWEEP_SIZE, 2 * fullAt.size());
    }

    /** Subjects with a bucket not yet full. */
    int subjects() {
        return fullAt.size();
    }
}
