package dev.herald.transport.redis;

import dev.herald.presence.ActiveSubscription;
import dev.herald.presence.RegistryListener;
import dev.herald.transport.redis.PresenceScript.Change;
import dev.herald.transport.redis.PresenceScript.Written;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that keeps this node's part of the cluster's subscription list: event loops queue
 * adds and removes and never wait; the thread stores them in order, many per script call, each
 * call renewing the node's lease; every interval it renews even when idle and takes over the
 * entries of nodes whose lease lapsed. While Redis is unreachable it retries the same batch, so
 * changes keep their order and are stored once Redis is back (every change is idempotent).
 * Completions run on this thread, in order: the active and inactive events they trigger go out
 * in the order the changes took effect.
 */
final class PresenceWriter {
    private static final Logger log = LoggerFactory.getLogger(PresenceWriter.class);
    private static final int MAX_BATCH = 512;
    /** Entries one sweep call takes over at most: a bounded pause for Redis. */
    static final int SWEEP_BUDGET = 1000;
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** How long a closing writer keeps trying to store what it accepted. */
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(5);

    private record Pending(Change change, CompletableFuture<Boolean> done) {}

    /** Wakes the thread up without a change, for close(): interrupting it could cut a call short. */
    private static final Pending WAKE = new Pending(null, null);

    private final StatefulRedisConnection<String, byte[]> connection;
    private final PresenceScript script;
    private final String node;
    private final PresenceLease lease;
    private final Duration timeout;
    private final String displayUrl;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile RegistryListener listener = new RegistryListener() {
        @Override
        public void orphaned(List<ActiveSubscription> subscriptions) {}

        @Override
        public void leaseLost() {}
    };
    private volatile boolean closing;
    private volatile boolean halted;
    private volatile long closeDeadline;
    /** Writer thread only. */
    private long nextTick;
    private boolean failing;

    PresenceWriter(StatefulRedisConnection<String, byte[]> connection, PresenceScript script, String node,
            PresenceLease lease, Duration timeout, String displayUrl) {
        this.connection = connection;
        this.script = script;
        this.node = node;
        this.lease = lease;
        this.timeout = timeout;
        this.displayUrl = displayUrl;
        this.thread = new Thread(this::run, "herald-redis-presence");
        thread.setDaemon(true);
    }

    /** Takes this node's place in the list (synchronously: a node that cannot reach Redis does not start). */
    void start() throws Exception {
        script.write(connection, node, lease.lease(), List.of(), timeout);
        nextTick = System.nanoTime() + lease.interval().toNanos();
        thread.start();
    }

    void listen(RegistryListener listener) {
        this.listener = listener;
    }

    CompletionStage<Boolean> add(ActiveSubscription s) {
        return enqueue(Change.add(s));
    }

    CompletionStage<Boolean> remove(ActiveSubscription s) {
        return enqueue(Change.remove(s));
    }

    private CompletionStage<Boolean> enqueue(Change change) {
        Pending pending = new Pending(change, new CompletableFuture<>());
        synchronized (queue) {
            if (closing || halted) {
                return CompletableFuture.completedFuture(false);
            }
            queue.add(pending); // before closing: the thread stores it before it stops
        }
        return pending.done();
    }

    /** Stores what was queued (trying for at most a few seconds), gives up the lease if empty, stops. */
    void close() {
        synchronized (queue) {
            if (closing) {
                return;
            }
            closeDeadline = System.nanoTime() + CLOSE_DEADLINE.toNanos();
            closing = true;
            queue.add(WAKE);
        }
        join();
        if (!halted) {
            try {
                script.leave(connection, node, timeout);
            } catch (Exception e) {
                log.debug("Could not give up the presence lease of node {}; it lapses by itself", node, e);
            }
        }
        failRemaining();
    }

    /**
     * Stops at once, storing nothing more and keeping the lease until it lapses: what a node that
     * dies leaves behind, for tests of the survivors.
     */
    void halt() {
        synchronized (queue) {
            halted = true;
        }
        thread.interrupt();
        join();
        failRemaining();
    }

    private void join() {
        try {
            thread.join(CLOSE_DEADLINE.plus(timeout).toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failRemaining() {
        Pending p;
        while ((p = queue.poll()) != null) {
            if (p != WAKE) {
                p.done().complete(false);
            }
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (!halted && !(closing && queue.isEmpty())) {
            try {
                Pending first = closing ? queue.poll() : queue.poll(untilTick(), TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                }
            } catch (InterruptedException e) {
                continue; // halt(): the loop condition decides
            }
            batch.removeIf(p -> p == WAKE);
            boolean tick = System.nanoTime() - nextTick >= 0;
            if (batch.isEmpty() && !tick) {
                continue;
            }
            Written written = writeUntilStored(batch);
            batch.clear();
            if (tick && written != null) {
                nextTick = System.nanoTime() + lease.interval().toNanos();
                if (!written.lapsed()) {
                    // A node whose own lease had lapsed (Redis or this node stalled) waits a round:
                    // the others are likely just as late, and will renew before it looks again.
                    sweep();
                }
            }
        }
    }

    private long untilTick() {
        return Math.max(0, nextTick - System.nanoTime());
    }

    /** Writes the batch (renewing the lease), retrying while Redis fails; null if given up (closing, halted). */
    private Written writeUntilStored(List<Pending> batch) {
        List<Change> changes = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            changes.add(p.change());
        }
        long backoff = FIRST_BACKOFF_NANOS;
        boolean mayHaveRun = false;
        while (true) {
            try {
                Written written = script.write(connection, node, lease.lease(), changes, timeout);
                recovered();
                if (written.lapsed()) {
                    log.warn("The presence lease of node {} had lapsed: other nodes may have announced its "
                            + "subscriptions inactive; ending its streams so that their clients are announced anew", node);
                    tell(() -> listener.leaseLost());
                }
                complete(batch, written, mayHaveRun);
                return written;
            } catch (Exception e) {
                if (halted || (closing && System.nanoTime() - closeDeadline > 0)) {
                    for (Pending p : batch) {
                        p.done().complete(false);
                    }
                    return null;
                }
                // A timed-out call may have run: a remove retried after it finds nothing to remove.
                mayHaveRun |= e instanceof TimeoutException || e instanceof RedisCommandTimeoutException;
                failed(e);
                LockSupport.parkNanos(backoff);
                backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
            }
        }
    }

    /**
     * An add is listed once stored. A remove counts as this node's when it removed the entry, or
     * when an earlier try that timed out may have (and the lease held meanwhile, so nobody else
     * can have taken it).
     */
    private static void complete(List<Pending> batch, Written written, boolean mayHaveRun) {
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            boolean ours = p.change().add() || written.changed()[i] || (mayHaveRun && !written.lapsed());
            p.done().complete(ours);
        }
    }

    /** Takes over the entries of nodes whose lease lapsed, a bounded number per call, and hands them on. */
    private void sweep() {
        try {
            List<ActiveSubscription> orphans;
            int rounds = 0;
            do {
                orphans = script.sweep(connection, node, SWEEP_BUDGET, timeout);
                if (!orphans.isEmpty()) {
                    log.info("Node {} took over {} subscriptions of a node whose presence lease lapsed; "
                            + "announcing them inactive", node, orphans.size());
                    List<ActiveSubscription> claimed = orphans;
                    tell(() -> listener.orphaned(claimed));
                }
            } while (orphans.size() == SWEEP_BUDGET && ++rounds < 10 && !closing && !halted);
        } catch (Exception e) {
            log.debug("Looking for lapsed presence leases failed; trying again at the next check", e);
        }
    }

    /** The listener's failure is logged: it must not stop this node's presence. */
    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("The presence listener failed", e);
        }
    }

    private void failed(Exception e) {
        if (!failing) {
            failing = true;
            log.warn("Storing subscriptions in Redis at {} fails ({}); retrying, changes keep their order",
                    displayUrl, e.toString());
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            log.info("Storing subscriptions in Redis at {} works again", displayUrl);
        }
    }
}
