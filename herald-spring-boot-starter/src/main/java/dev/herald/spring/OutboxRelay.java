package dev.herald.spring;

import dev.herald.event.Update;
import dev.herald.hub.Hub;
import dev.herald.transport.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes what the outbox still holds: rows of transactions that committed while the update
 * never reached the hub (a crash, the history unreachable). It looks at startup and then every
 * {@code interval}, at rows older than {@code grace} (younger ones are still on their way after
 * their commit), oldest first. A row whose id the history already holds was stored before the
 * crash took its delete: it is only deleted, so within the history's retention nothing is
 * published twice. One relay thread, which also does the publisher's deletes ({@link #deletes()}; not
 * an {@code Executor} bean itself, which would stand in for the application's task executor).
 */
final class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private final OutboxStore outbox;
    private final Hub hub;
    private final Transport history;
    private final Duration interval;
    private final Duration grace;
    private final ScheduledExecutorService thread;
    private volatile boolean running;
    /** Ids this process's publisher is still handing to the hub: their rows are not the relay's. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    OutboxRelay(OutboxStore outbox, Hub hub, Transport history, Duration interval, Duration grace) {
        this.outbox = outbox;
        this.hub = hub;
        this.history = history;
        this.interval = interval;
        this.grace = grace;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "herald-outbox-relay");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
    }

    /** The publisher marks an update here from its publish until its row is deleted or left to the relay. */
    Set<String> inFlight() {
        return inFlight;
    }

    /** Runs the publisher's deletes on the relay thread; a failed one leaves the row to the relay. */
    Executor deletes() {
        return task -> thread.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("Outbox: a row could not be deleted (the relay will find it): {}", e.getMessage());
            }
        });
    }

    @Override
    public void start() {
        running = true;
        thread.scheduleWithFixedDelay(this::relaySafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server and the endpoint stop (lower phases stop later), after they start. */
    @Override
    public int getPhase() {
        return HeraldEndpointDrain.PHASE - 1;
    }

    private void relaySafely() {
        try {
            int relayed = relay();
            if (relayed > 0) {
                log.info("Outbox: published {} update(s) committed but not published before", relayed);
            }
        } catch (RuntimeException e) {
            log.warn("Outbox relay pass failed, retrying in {}: {}", interval, e.getMessage());
        }
    }

    /** One pass: in order, stopping at the first failure so that nothing overtakes it. */
    int relay() {
        int relayed = 0;
        List<Update> pending;
        do {
            pending = outbox.writtenBefore(OutboxStore.nowMicros() - grace.toNanos() / 1000, BATCH);
            for (Update update : pending) {
                if (inFlight.contains(update.id())) {
                    return relayed; // on its way after its commit; what follows waits, in order
                }
                if (history.sequenceOf(update.id()).isEmpty()) {
                    hub.publish(update).toCompletableFuture().join();
                    relayed++;
                }
                outbox.delete(update.id());
            }
        } while (pending.size() == BATCH && running);
        return relayed;
    }
}
