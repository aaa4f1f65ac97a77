package dev.herald.hub;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline instead of sleeping a guessed time. */
final class Poll {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Poll() {}

    static void until(String what, BooleanSupplier condition) {
        if (!waitFor(condition)) {
            throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what);
        }
    }

    /** True once {@code condition} holds, false if it still does not after {@link #TIMEOUT}. */
    static boolean waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }
}
