package dev.herald.client.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Reconnection delay policy, immutable: {@link #apply} returns the delay and the policy for the
 * next failure. The first reconnection waits exactly the reconnection time (the server's
 * {@code retry}, as a browser does); each further consecutive failure doubles it, up to the cap,
 * minus a random jitter. A connection that stayed open for {@code resetAfter} starts the count afresh.
 *
 * @param base the reconnection time
 * @param cap the longest backoff; never shortens {@code base} itself
 * @param jitter fraction in [0, 1] of a backed-off delay that may be removed at random
 * @param resetAfter how long a connection must stay open to count as stable
 * @param failures consecutive failures so far
 */
public record Backoff(Duration base, Duration cap, double jitter, Duration resetAfter, int failures) {

    /** A delay and the policy that follows it. */
    public record Step(Duration delay, Backoff next) {}

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(resetAfter, "resetAfter");
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be within [0, 1]: " + jitter);
        }
    }

    /** A policy with no failure yet. */
    public static Backoff initial(Duration base, Duration cap, double jitter, Duration resetAfter) {
        return new Backoff(base, cap, jitter, resetAfter, 0);
    }

    /**
     * The delay before reconnecting after a connection that was open for {@code connectedFor}
     * (zero when it never opened). {@code random} yields values in [0, 1).
     */
    public Step apply(Duration connectedFor, DoubleSupplier random) {
        int attempt = connectedFor.compareTo(resetAfter) >= 0 ? 1 : Math.min(failures, 62) + 1;
        Backoff next = new Backoff(base, cap, jitter, resetAfter, attempt);
        long baseMillis = base.toMillis();
        if (attempt == 1) {
            return new Step(base, next);
        }
        long ceiling = Math.max(baseMillis, cap.toMillis());
        long backedOff = baseMillis;
        for (int i = 1; i < attempt && backedOff < ceiling; i++) {
            backedOff = backedOff > ceiling / 2 ? ceiling : backedOff * 2;
        }
        long withJitter = backedOff - (long) (backedOff * jitter * random.getAsDouble());
        return new Step(Duration.ofMillis(withJitter), next);
    }

    /** The same policy with the reconnection time the server asked for. */
    public Backoff withBase(Duration newBase) {
        return new Backoff(newBase, cap, jitter, resetAfter, failures);
    }
}
