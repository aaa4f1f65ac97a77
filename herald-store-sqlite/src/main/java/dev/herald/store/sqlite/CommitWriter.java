package dev.herald.store.sqlite;

import dev.herald.event.SseFrameEncoder;
import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.transport.TransportClosedException;
import dev.herald.transport.TransportHealth;
import dev.herald.transport.TransportOverloadedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only thread that writes the database. Group commit: it takes everything queued, writes it
 * in one transaction with one sync, then completes the appends and feeds the listener in
 * sequence order, so nobody sees an update before it is committed. Between batches it trims
 * expired updates a chunk at a time.
 */
final class CommitWriter {
    private static final Logger log = LoggerFactory.getLogger(CommitWriter.class);
    /** Appends waiting beyond this fail at once instead of piling up behind a stalled disk. */
    static final int QUEUE_CAPACITY = 65_536;
    private static final int MAX_BATCH = 8192;

    private sealed interface Job permits Append, Trim, Stop {}

    private record Append(Update update, byte[] frame, CompletableFuture<StoredUpdate> done) implements Job {}

    private record Trim(CompletableFuture<Long> done) implements Job {}

    private record Stop() implements Job {}

    private final Connection connection;
    private final PreparedStatement insert;
    private final Retention retention;
    private final Clock clock;
    private final long trimIntervalNanos;
    private final String file;
    /** Runs after each transaction (appends before they are acknowledged): holds the writer back while the log is too large. */
    private final Runnable afterCommit;
    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY + 2);
    private final Object admission = new Object();
    private final Thread thread;
    private boolean closing; // guarded by admission
    private volatile Consumer<StoredUpdate> listener = u -> {};
    /** Last sequence committed; writer thread only after start. */
    private long lastSequence;
    private boolean trimPending = true; // retention applies from startup: it survives restarts
    private long nextTrimCheck;
    private final CommitStats stats;

    CommitWriter(Connection connection, long lastSequence, Retention retention, Clock clock,
            long trimIntervalNanos, String file, Runnable afterCommit, CommitStats stats) throws SQLException {
        this.stats = stats;
        this.connection = connection;
        this.lastSequence = lastSequence;
        this.retention = retention;
        this.clock = clock;
        this.trimIntervalNanos = trimIntervalNanos;
        this.file = file;
        this.afterCommit = afterCommit;
        connection.setAutoCommit(false);
        this.insert = connection.prepareStatement(UpdateRows.INSERT);
        this.thread = new Thread(this::run, "herald-sqlite-writer");
        thread.setDaemon(true);
    }

    void start() {
        nextTrimCheck = System.nanoTime() + trimIntervalNanos;
        thread.start();
    }

    void listen(Consumer<StoredUpdate> listener) {
        this.listener = listener;
    }

    CompletionStage<StoredUpdate> append(Update update) {
        // Encode on the caller's thread: the writer thread is the bottleneck to keep short.
        Append job = new Append(update, SseFrameEncoder.encode(update), new CompletableFuture<>());
        synchronized (admission) {
            if (closing) {
                return CompletableFuture.failedFuture(new TransportClosedException());
            }
            if (queue.size() >= QUEUE_CAPACITY || !queue.offer(job)) {
                return CompletableFuture.failedFuture(new TransportOverloadedException(
                        "history writer for " + file + " is " + QUEUE_CAPACITY + " updates behind"));
            }
        }
        return job.done();
    }

    /** Applies retention now, completely; completes with the number of updates deleted. */
    CompletionStage<Long> trimNow() {
        Trim job = new Trim(new CompletableFuture<>());
        synchronized (admission) {
            if (closing) {
                return CompletableFuture.failedFuture(new TransportClosedException());
            }
            queue.add(job);
        }
        return job.done();
    }

    /** Transactions committed with appends so far. */
    long commits() {
        return stats.commits();
    }

    /** Whether appends can succeed now, as far as the writer knows. */
    TransportHealth health() {
        return stats.health(thread.isAlive(), queue.size());
    }

    /** Commits everything already accepted, then stops the thread. */
    void close() {
        synchronized (admission) {
            if (closing) {
                return;
            }
            closing = true;
            queue.add(new Stop()); // capacity keeps room: admission stops before the queue is full
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.error("History writer for {} did not finish within 30 s", file);
            return;
        }
        DatabaseFile.closeQuietly(insert);
    }

    private void run() {
        List<Job> jobs = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                Job first = trimPending ? queue.poll() : queue.poll(untilTrimCheck(), TimeUnit.NANOSECONDS);
                if (first != null) {
                    jobs.add(first);
                    queue.drainTo(jobs, MAX_BATCH - 1);
                }
            } catch (InterruptedException e) {
                // Only close() ends this thread, and only once everything accepted is committed.
                continue;
            }
            stop = process(jobs);
            jobs.clear();
            if (System.nanoTime() - nextTrimCheck >= 0) {
                trimPending = true;
                nextTrimCheck = System.nanoTime() + trimIntervalNanos;
            }
            if (trimPending && !stop) {
                trimPending = trimStep() == Retention.CHUNK;
                afterCommit.run(); // deletions are log pages too
            }
        }
    }

    private long untilTrimCheck() {
        return Math.max(0, nextTrimCheck - System.nanoTime());
    }

    /** Commits the appends among {@code jobs} together, then runs the others; true on stop. */
    private boolean process(List<Job> jobs) {
        List<Append> appends = new ArrayList<>(jobs.size());
        boolean stop = false;
        for (Job job : jobs) {
            if (job instanceof Append a) {
                appends.add(a);
            }
        }
        if (!appends.isEmpty()) {
            commit(appends);
        }
        for (Job job : jobs) {
            if (job instanceof Trim t) {
                trimAll(t.done());
            } else if (job instanceof Stop) {
                stop = true;
            }
        }
        return stop;
    }

    private void commit(List<Append> appends) {
        long before = lastSequence;
        List<StoredUpdate> stored = new ArrayList<>(appends.size());
        stats.beginCommit();
        try {
            long now = clock.millis();
            for (Append a : appends) {
                long sequence = before + stored.size() + 1;
                UpdateRows.bindInsert(insert, sequence, a.update(), now);
                insert.addBatch();
                stored.add(new StoredUpdate(sequence, a.update(), a.frame()));
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            stats.failed(e);
            rollbackQuietly();
            log.error("Writing {} updates to {} failed", appends.size(), file, e);
            for (Append a : appends) {
                a.done().completeExceptionally(e);
            }
            return;
        }
        lastSequence = before + stored.size();
        stats.committed(stored.size());
        afterCommit.run();
        for (int i = 0; i < appends.size(); i++) {
            appends.get(i).done().complete(stored.get(i));
        }
        Consumer<StoredUpdate> l = listener;
        for (StoredUpdate u : stored) {
            try {
                l.accept(u);
            } catch (RuntimeException e) {
                log.error("The hub listener failed on {}", u, e);
            }
        }
    }

    private int trimStep() {
        try {
            int deleted = retention.trimChunk(connection, lastSequence);
            stats.trimmed(deleted);
            return deleted;
        } catch (SQLException e) {
            log.warn("Trimming history in {} failed; retrying at the next check", file, e);
            return 0;
        }
    }

    private void trimAll(CompletableFuture<Long> done) {
        long total = 0;
        try {
            int n;
            do {
                n = retention.trimChunk(connection, lastSequence);
                stats.trimmed(n);
                total += n;
            } while (n == Retention.CHUNK);
            done.complete(total);
        } catch (SQLException e) {
            done.completeExceptionally(e);
        }
    }

    private void rollbackQuietly() {
        try {
            insert.clearBatch();
            connection.rollback();
        } catch (SQLException e) {
            log.warn("Rolling back in {} failed", file, e);
        }
    }
}
