package dev.herald.hub;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.herald.topic.TopicSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscribers owned by one thread (a network event loop) and the queue of updates waiting
 * for them. One drain task writes a whole batch of updates to every matching subscriber, then
 * flushes each touched subscriber once: a burst costs one syscall per connection, not one per
 * update, and the publisher never waits for any subscriber.
 */
final class Lane {
    private static final Logger log = LoggerFactory.getLogger(Lane.class);
    /** Updates per drain task, so a flood still lets the event loop serve its sockets. */
    private static final int MAX_BATCH = 512;

    private final Hub hub;
    private final ScheduledExecutorService executor;
    private final ConcurrentLinkedQueue<StoredUpdate> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;

    // Confined to the lane thread:
    private final Map<String, SessionList> byExactTopic = new HashMap<>();
    private final SessionList patterned = new SessionList();
    private final SessionList all = new SessionList();
    private final List<SubscriberSession> touched = new ArrayList<>();
    private final ScheduledFuture<?> heartbeatTask;

    Lane(Hub hub, ScheduledExecutorService executor) {
        this.hub = hub;
        this.executor = executor;
        long hb = hub.config().heartbeat().toMillis();
        this.heartbeatTask = executor.scheduleAtFixedRate(this::heartbeat, hb, hb, TimeUnit.MILLISECONDS);
    }

    ScheduledExecutorService executor() {
        return executor;
    }

    /** Any thread: queue an update for this lane's subscribers. */
    void enqueue(StoredUpdate update) {
        queue.offer(update);
        if (drainScheduled.compareAndSet(false, true)) {
            schedule();
        }
    }

    /** Any thread: run a task on the lane, ignoring a lane that is shutting down. */
    void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("Lane is shutting down; dropped a task", e);
        }
    }

    private void schedule() {
        try {
            executor.execute(drainTask);
        } catch (RejectedExecutionException e) {
            queue.clear(); // the lane's connections are closing with it
        }
    }

    private void drain() {
        try {
            StoredUpdate update;
            int n = 0;
            while (n < MAX_BATCH && (update = queue.poll()) != null) {
                dispatch(update);
                n++;
            }
            for (int i = 0; i < touched.size(); i++) {
                SubscriberSession s = touched.get(i);
                try {
                    s.flushBatch();
                } catch (RuntimeException e) {
                    isolate(s, e);
                }
            }
        } finally {
            touched.clear();
            drainScheduled.set(false);
            if (!queue.isEmpty() && drainScheduled.compareAndSet(false, true)) {
                schedule();
            }
        }
    }

    /** One broken subscriber must not stop deliveries to the others on this lane. */
    private void isolate(SubscriberSession session, RuntimeException e) {
        log.warn("Closing a subscriber whose delivery failed", e);
        try {
            session.terminate(CloseReason.DELIVERY_FAILED);
        } catch (RuntimeException again) {
            log.debug("Closing the failed subscriber failed too", again);
        }
    }

    private void dispatch(StoredUpdate stored) {
        Update update = stored.update();
        List<String> topics = update.topics();
        for (int t = 0; t < topics.size(); t++) {
            SessionList exact = byExactTopic.get(topics.get(t));
            if (exact != null) {
                offerAll(exact, stored);
            }
        }
        offerAll(patterned, stored);
    }

    private void offerAll(SessionList sessions, StoredUpdate stored) {
        Update update = stored.update();
        sessions.beginIteration();
        try {
            for (int i = 0, n = sessions.size(); i < n; i++) {
                SubscriberSession s = sessions.get(i);
                if (s.isClosed()) {
                    continue;
                }
                try {
                    if (s.subscription().accepts(update)) {
                        boolean wasDirty = s.dirty;
                        s.offer(stored);
                        if (!wasDirty && s.dirty) {
                            touched.add(s);
                        }
                    }
                } catch (RuntimeException e) {
                    isolate(s, e);
                }
            }
        } finally {
            sessions.endIteration();
        }
    }

    void add(SubscriberSession session) {
        all.add(session);
        Subscription sub = session.subscription();
        if (sub.exactOnly()) {
            for (TopicSelector selector : distinct(sub.selectors())) {
                byExactTopic.computeIfAbsent(selector.source(), k -> new SessionList()).add(session);
            }
        } else {
            patterned.add(session);
        }
        hub.counters().added(sub);
    }

    /** The session is already marked closed. */
    void remove(SubscriberSession session) {
        all.noteRemoved();
        Subscription sub = session.subscription();
        if (sub.exactOnly()) {
            for (TopicSelector selector : distinct(sub.selectors())) {
                SessionList list = byExactTopic.get(selector.source());
                if (list != null) {
                    list.noteRemoved();
                    if (list.liveCount() == 0) {
                        byExactTopic.remove(selector.source());
                    }
                }
            }
        } else {
            patterned.noteRemoved();
        }
        hub.counters().removed(sub);
    }

    /** Called by the hub when it closes: end every subscription on this lane. */
    void closeAll(CloseReason reason) {
        heartbeatTask.cancel(false);
        all.forEachOpen(s -> s.terminate(reason));
    }

    private void heartbeat() {
        all.forEachOpen(s -> {
            try {
                s.heartbeatIfIdle();
            } catch (RuntimeException e) {
                isolate(s, e);
            }
        });
    }

    private static List<TopicSelector> distinct(List<TopicSelector> selectors) {
        if (selectors.size() == 1) {
            return selectors;
        }
        Map<String, TopicSelector> bySource = new HashMap<>();
        for (TopicSelector s : selectors) {
            bySource.putIfAbsent(s.source(), s);
        }
        return new ArrayList<>(bySource.values());
    }
}
