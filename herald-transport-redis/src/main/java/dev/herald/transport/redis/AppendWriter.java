package dev.herald.transport.redis;

import dev.herald.event.SseFrameEncoder;
import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.transport.PackedUpdate;
import dev.herald.transport.TransportClosedException;
import dev.herald.transport.TransportOverloadedException;
import dev.herald.transport.TransportUnavailableException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that writes this hub's updates to Redis. Group commit: it takes everything queued and
 * stores it with one script call (then one {@code WAIT} if replicas are required), so a busy hub
 * sends few, large commands; an update is acknowledged only once Redis answered. Between batches
 * it applies the age limit, which must happen even when nobody publishes.
 *
 * <p>While Redis is unreachable each append fails at once: the connection rejects commands while
 * it is down (it reconnects by itself), and nothing sent is ever resent by the client, so an
 * update the publisher was told failed is never stored twice by this hub.
 */
final class AppendWriter {
    private static final Logger log = LoggerFactory.getLogger(AppendWriter.class);
    /** Appends waiting beyond this fail at once instead of piling up behind a stalled Redis. */
    static final int QUEUE_CAPACITY = 65_536;
    private static final int MAX_BATCH = 512;
    /** One script call carries at most about this much (at least one update). */
    private static final int MAX_BATCH_BYTES = 1 << 20;
    /** Entries one background trim call removes at most: a bounded pause for Redis. */
    private static final int TRIM_BUDGET = 1000;
    /** Beyond one per appended update, so that a backlog (a lowered retention) shrinks as publishes go on. */
    private static final int EXTRA_TRIM_PER_BATCH = 64;
    private static final byte[] APPEND = HistoryScript.ascii("append");
    private static final byte[] TRIM = HistoryScript.ascii("trim");

    private sealed interface Job permits Append, Trim, Stop {}

    private record Append(Update update, byte[] packed, byte[] frame, CompletableFuture<StoredUpdate> done)
            implements Job {}

    private record Trim(CompletableFuture<Long> done) implements Job {}

    private record Stop() implements Job {}

    private final StatefulRedisConnection<String, byte[]> connection;
    private final HistoryScript script;
    private final RedisTransportConfig config;
    /** The highest sequence this hub's feed has read: sequences continue above it (see history.lua). */
    private final LongSupplier sequenceSeen;
    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY + 2);
    private final Object admission = new Object();
    private final Thread thread;
    private boolean closing; // guarded by admission
    /** Writer thread only. */
    private long lastAppended;
    /** Written by the writer thread; read by {@link #failing()} from any. */
    private volatile boolean failing;
    /** Batches Redis stored, and the time their script runs (and WAITs) took; written by the writer thread only. */
    private volatile long batches;
    private volatile long batchNanos;
    private boolean trimPending = true;
    private long nextTrim;

    AppendWriter(StatefulRedisConnection<String, byte[]> connection, HistoryScript script, RedisTransportConfig config,
            LongSupplier sequenceSeen) {
        this.connection = connection;
        this.script = script;
        this.config = config;
        this.sequenceSeen = sequenceSeen;
        this.thread = new Thread(this::run, "herald-redis-writer");
        thread.setDaemon(true);
    }

    /** Whether the last store attempt failed (Redis unreachable, stalled, or refusing). */
    boolean failing() {
        return failing;
    }

    void start() {
        nextTrim = System.nanoTime() + config.trimInterval().toNanos();
        thread.start();
    }

    CompletionStage<StoredUpdate> append(Update update) {
        // Encode on the caller's thread: the writer thread is the one to keep short.
        Append job = new Append(update, PackedUpdate.packUpdate(update), SseFrameEncoder.encode(update),
                new CompletableFuture<>());
        synchronized (admission) {
            if (closing) {
                return CompletableFuture.failedFuture(new TransportClosedException());
            }
            if (queue.size() >= QUEUE_CAPACITY || !queue.offer(job)) {
                return CompletableFuture.failedFuture(new TransportOverloadedException(
                        "the Redis writer is " + QUEUE_CAPACITY + " updates behind"));
            }
        }
        return job.done();
    }

    /** Applies retention now, completely; completes with the number of updates trimmed. */
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

    /** Stores what was already accepted (or fails it), then stops the thread. */
    void close() {
        synchronized (admission) {
            if (closing) {
                return;
            }
            closing = true;
            queue.add(new Stop()); // capacity keeps room: admission stops before the queue is full
        }
        long waitMillis = 2 * config.commandTimeout().plus(config.replicaTimeout()).toMillis() + 5_000;
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.error("The Redis writer did not finish within {} ms", waitMillis);
        }
    }

    private void run() {
        List<Job> jobs = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                Job first = trimPending ? queue.poll() : queue.poll(untilTrim(), TimeUnit.NANOSECONDS);
                if (first != null) {
                    jobs.add(first);
                    queue.drainTo(jobs, MAX_BATCH - 1);
                }
            } catch (InterruptedException e) {
                continue; // only close() ends this thread, once everything accepted is answered
            }
            stop = process(jobs);
            jobs.clear();
            if (System.nanoTime() - nextTrim >= 0) {
                trimPending = true;
                nextTrim = System.nanoTime() + config.trimInterval().toNanos();
            }
            if (trimPending && !stop) {
                trimPending = trimStep() == TRIM_BUDGET;
            }
        }
    }

    /** Batches of publishes Redis has stored (one script run each, several publishes under load). */
    long batches() {
        return batches;
    }

    /** Time spent storing them, WAIT for replicas included. */
    long batchNanos() {
        return batchNanos;
    }

    private long untilTrim() {
        return Math.max(0, nextTrim - System.nanoTime());
    }

    /** Stores the appends among {@code jobs} in order, in chunks, then runs the others; true on stop. */
    private boolean process(List<Job> jobs) {
        List<Append> chunk = new ArrayList<>();
        int bytes = 0;
        boolean stop = false;
        for (Job job : jobs) {
            if (job instanceof Append a) {
                if (!chunk.isEmpty() && bytes + a.packed().length > MAX_BATCH_BYTES) {
                    store(chunk);
                    chunk = new ArrayList<>();
                    bytes = 0;
                }
                chunk.add(a);
                bytes += a.packed().length;
            }
        }
        if (!chunk.isEmpty()) {
            store(chunk);
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

    private void store(List<Append> appends) {
        int n = appends.size();
        long floor = Math.max(lastAppended, sequenceSeen.getAsLong());
        long first;
        long began = System.nanoTime();
        try {
            long[] answer = script.append(connection, appendArgs(appends, floor), config.commandTimeout());
            first = answer[0];
            lastAppended = first + n - 1;
            if (answer[1] < floor) {
                log.error("Redis at {} had lost the history: its last sequence was {}, this hub had seen {} (restarted "
                        + "without persistence, or keys evicted?). Updates up to {} may be missing from history; "
                        + "new ones continue after it", config.displayUrl(), answer[1], floor, floor);
            }
            awaitReplicas();
            batchNanos += System.nanoTime() - began;
            batches++;
        } catch (Exception e) {
            TransportUnavailableException failure = RedisFailures.unavailable(e, config.commandTimeout());
            if (!failing) {
                failing = true;
                log.warn("Publishing to Redis at {} fails: {}{}; publishes answer 503 until it works again",
                        config.displayUrl(), failure.getMessage(), e == failure ? "" : " (" + e + ")");
            }
            for (Append a : appends) {
                a.done().completeExceptionally(failure);
            }
            return;
        }
        if (failing) {
            failing = false;
            log.info("Publishing to Redis at {} works again", config.displayUrl());
        }
        for (int i = 0; i < n; i++) {
            Append a = appends.get(i);
            a.done().complete(new StoredUpdate(first + i, a.update(), a.frame()));
        }
    }

    /** See history.lua: mode, retention, trim budget, floor, then id and packed update of each. */
    private byte[][] appendArgs(List<Append> appends, long floor) {
        int n = appends.size();
        byte[][] args = new byte[5 + 2 * n][];
        args[0] = APPEND;
        args[1] = StreamEntries.ascii(config.retentionCount());
        args[2] = StreamEntries.ascii(config.retentionAge().toMillis());
        args[3] = StreamEntries.ascii(n + EXTRA_TRIM_PER_BATCH);
        args[4] = StreamEntries.ascii(floor);
        for (int i = 0; i < n; i++) {
            args[5 + 2 * i] = appends.get(i).update().id().getBytes(StandardCharsets.UTF_8);
            args[6 + 2 * i] = appends.get(i).packed();
        }
        return args;
    }

    /** With replicas required, waits until that many have everything this connection wrote. */
    private void awaitReplicas() throws Exception {
        if (config.replicas() == 0) {
            return;
        }
        long confirmed = RedisFailures.await(
                connection.async().waitForReplication(config.replicas(), config.replicaTimeout().toMillis()),
                config.replicaTimeout().plus(config.commandTimeout()));
        if (confirmed < config.replicas()) {
            throw new TransportUnavailableException("only " + confirmed + " of " + config.replicas()
                    + " Redis replicas confirmed the update within " + RedisFailures.describe(config.replicaTimeout()));
        }
    }

    /** One bounded trim call; returns how many entries it removed (0 on failure: retried later). */
    private long trimStep() {
        try {
            return script.trim(connection, trimArgs(), config.commandTimeout());
        } catch (Exception e) {
            log.debug("Trimming the Redis history failed; retrying at the next check", e);
            return 0;
        }
    }

    private void trimAll(CompletableFuture<Long> done) {
        long total = 0;
        try {
            long n;
            do {
                n = script.trim(connection, trimArgs(), config.commandTimeout());
                total += n;
            } while (n == TRIM_BUDGET);
            done.complete(total);
        } catch (Exception e) {
            done.completeExceptionally(RedisFailures.unavailable(e, config.commandTimeout()));
        }
    }

    private byte[][] trimArgs() {
        return new byte[][] {TRIM, StreamEntries.ascii(config.retentionCount()),
                StreamEntries.ascii(config.retentionAge().toMillis()), StreamEntries.ascii(TRIM_BUDGET)};
    }
}
