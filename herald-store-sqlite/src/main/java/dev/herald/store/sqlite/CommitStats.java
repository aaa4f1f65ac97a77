package dev.herald.store.sqlite;

import dev.herald.transport.TransportHealth;
import java.util.concurrent.TimeUnit;

/**
 * What the writer thread reports about its commits, read by any thread (metrics, readiness).
 * Only the writer thread writes these fields, so plain volatile stores are enough.
 */
final class CommitStats {
    /** A commit running longer than this means the file is locked by someone else, or the disk stalls. */
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(2);
    /**
     * How long a failed commit keeps the store "not ready". Not for ever: a hub taken out of
     * service gets no publishes, so it would never see the commit that proves it well again.
     */
    static final long FAILURE_MEMORY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private volatile long commits;
    private volatile long commitNanos;
    /** System.nanoTime() when the commit under way began, or 0 when none is. */
    private volatile long committingSince;
    private volatile long failedAt;
    private volatile String failure;
    private volatile long retained;

    CommitStats(long retainedAtOpen) {
        this.retained = retainedAtOpen;
    }

    void beginCommit() {
        long now = System.nanoTime();
        committingSince = now == 0 ? 1 : now;
    }

    void committed(int appended) {
        commitNanos += System.nanoTime() - committingSince;
        commits++;
        committingSince = 0;
        retained += appended;
        failure = null;
    }

    void failed(Exception e) {
        committingSince = 0;
        failedAt = System.nanoTime();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        failure = message.length() > 120 ? message.substring(0, 120) + "…" : message;
    }

    void trimmed(long deleted) {
        retained -= deleted;
    }

    long commits() {
        return commits;
    }

    long commitNanos() {
        return commitNanos;
    }

    long retained() {
        return retained;
    }

    /** @param queued appends waiting for the writer */
    TransportHealth health(boolean writerAlive, int queued) {
        if (!writerAlive) {
            return TransportHealth.unavailable("sqlite writer stopped");
        }
        long since = committingSince;
        long now = System.nanoTime();
        if (since != 0 && now - since > STALL_NANOS) {
            return TransportHealth.unavailable("sqlite commit stalled for "
                    + TimeUnit.NANOSECONDS.toMillis(now - since) + " ms (file locked, or disk not answering)");
        }
        String failed = failure;
        if (failed != null && now - failedAt < FAILURE_MEMORY_NANOS) {
            return TransportHealth.unavailable("sqlite commit failed: " + failed);
        }
        if (queued >= CommitWriter.QUEUE_CAPACITY) {
            return TransportHealth.unavailable("sqlite writer " + queued + " updates behind");
        }
        return TransportHealth.READY;
    }
}
