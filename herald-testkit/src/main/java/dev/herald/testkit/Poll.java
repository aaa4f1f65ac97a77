package dev.herald.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, instead of sleeping a guessed time; and, the other way
 * round, checks that nothing happens during a stated quiet period.
 */
public final class Poll {
    /** How long a test waits for something that should happen, unless it says otherwise. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long a test watches for something that must not happen (a further event, a reconnection,
     * a late write) before it accepts that nothing came. Long enough for work already under way on
     * the machine to show up, short enough to use in many tests.
     */
    public static final Duration QUIET = Duration.ofMillis(300);

    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private Poll() {}

    /** Waits until {@code condition} holds; fails with {@code failure} after {@code timeout}. */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> failure)
            throws InterruptedException {
        if (!waitFor(condition, timeout)) {
            throw new AssertionError("timed out after " + timeout + ": " + failure.get());
        }
    }

    /** Waits up to {@link #TIMEOUT} until {@code condition} holds; fails naming {@code what}. */
    public static void until(String what, BooleanSupplier condition) {
        boolean held;
        try {
            held = waitFor(condition, TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
        if (!held) {
            throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what);
        }
    }

    /**
     * True once {@code condition} holds, false if it still does not after {@link #TIMEOUT}: for a
     * test that waits, then states what it expected with assertions of its own.
     */
    public static boolean waitFor(BooleanSupplier condition) {
        try {
            return waitFor(condition, TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }

    /** True once {@code condition} holds, false if it still does not after {@code timeout}. */
    public static boolean waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(PAUSE_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return true;
    }

    /** Watches for {@link #QUIET}: fails as soon as {@code arrived} holds, naming {@code what} came. */
    public static void nothingArrives(BooleanSupplier arrived, Supplier<String> what) throws InterruptedException {
        nothingArrives(QUIET, arrived, what);
    }

    /** Watches for {@code quiet}: fails as soon as {@code arrived} holds, naming {@code what} came. */
    public static void nothingArrives(Duration quiet, BooleanSupplier arrived, Supplier<String> what)
            throws InterruptedException {
        if (waitFor(arrived, quiet)) {
            throw new AssertionError("expected nothing more within " + quiet + ", but got " + what.get());
        }
    }
}
