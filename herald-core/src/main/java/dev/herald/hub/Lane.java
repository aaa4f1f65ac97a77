package dev.herald.hub;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import dev.herald.topic.TopicSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscribers owned by one thread (a network event loop) and the queue of updates waiting
 * for them. One drain task takes a whole batch of updates and gives each matching subscriber all
 * of its share at once, then flushes it: a burst costs one syscall per connection, not one per
 * update, and the publisher never waits for any subscriber.
 */
final class Lane {
    private static final Logger log = LoggerFactory.getLogger(Lane.class);

    /** The heartbeat interval is covered in this many ticks, a slice of subscribers each. */
    static final int HEARTBEAT_SLICES = 16;

    private final Hub hub;
    private final ScheduledExecutorService executor;
    private final ConcurrentLinkedQueue<StoredUpdate> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Updates handed to this lane so far; the mark of an end asked for meanwhile. */
    private final AtomicLong enqueued = new AtomicLong();
    /** Updates this lane has taken from its queue (lane thread only). */
    private long dequeued;
    /** An end to run once {@code dequeued} reaches its mark, or null. */
    private final AtomicReference<PendingEnd> pendingEnd = new AtomicReference<>();

    private record PendingEnd(long after, CloseReason reason) {}
    private final Runnable drainTask = this::drain;
    /**
     * What this lane's subscribers could want, readable from any thread and written only by the
     * lane: its exact topics, and how many subscribers match by pattern. Publishers skip a lane
     * that wants none of an update's topics, so a private update to one user wakes one event
     * loop, not all of them.
     */
    private final Set<String> wantedTopics = ConcurrentHashMap.newKeySet();
    private volatile int patternedLive;

    // Confined to the lane thread:
    private final Map<String, SessionList> byExactTopic = new HashMap<>();
    private final SessionList patterned = new SessionList();
    private final SessionList all = new SessionList();
    private final DeliveryBatch batch = new DeliveryBatch();
    private final ScheduledFuture<?> heartbeatTask;
    private int heartbeatTick;
    private final LaneCounters counters = new LaneCounters();
    /** When the drain to come was scheduled, if the hub has an observer; handed over with the task. */
    private long scheduledAt;

    Lane(Hub hub, ScheduledExecutorService executor) {
        this.hub = hub;
        this.executor = executor;
        long slice = hub.config().heartbeat().toNanos() / HEARTBEAT_SLICES;
        this.heartbeatTask = executor.scheduleAtFixedRate(this::heartbeatSlice, slice, slice, TimeUnit.NANOSECONDS);
    }

    ScheduledExecutorService executor() {
        return executor;
    }

    LaneCounters counters() {
        return counters;
    }

    /**
     * Any thread: whether a subscriber here could match {@code update}. A subscriber is
     * registered before it reads history, so an update skipped here because its subscriber was
     * not registered yet is found by that subscriber's history read.
     */
    boolean mayWant(Update update) {
        if (patternedLive > 0) {
            return true;
        }
        List<String> topics = update.topics();
        for (int t = 0; t < topics.size(); t++) {
            if (wantedTopics.contains(topics.get(t))) {
                return true;
            }
        }
        return false;
    }

    /** Any thread: queue an update for this lane's subscribers. */
    void enqueue(StoredUpdate update) {
        enqueued.incrementAndGet(); // before the offer: an end's mark never falls short of an update in flight
        queue.offer(update);
        if (drainScheduled.compareAndSet(false, true)) {
            schedule();
        }
    }

    /**
     * Any thread: ends every subscription on this lane once the updates queued so far are
     * delivered, and before any queued later is: a drain already scheduled must not carry later
     * updates past the end (a feed that found a hole asks for the end before it hands on what
     * follows the hole). An end already pending keeps its earlier mark.
     */
    void endAllAfterQueued(CloseReason reason) {
        pendingEnd.compareAndSet(null, new PendingEnd(enqueued.get(), reason));
        execute(this::endIfDue);
    }

    /** Lane thread: runs the pending end once every update queued before it has been taken. */
    private void endIfDue() {
        PendingEnd end = pendingEnd.get();
        if (end != null && dequeued >= end.after()) {
            pendingEnd.set(null);
            endAll(end.reason());
        }
    }

    /** Lane thread: the next queued update, or null when none is queued or a pending end comes first. */
    private StoredUpdate next() {
        PendingEnd end = pendingEnd.get();
        if (end != null && dequeued >= end.after()) {
            return null;
        }
        StoredUpdate update = queue.poll();
        if (update != null) {
            dequeued++;
        }
        return update;
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
        scheduledAt = hub.observer() == HubObserver.NONE ? 0 : System.nanoTime();
        try {
            executor.execute(drainTask);
        } catch (RejectedExecutionException e) {
            queue.clear(); // the lane's connections are closing with it
        }
    }

    private void drain() {
        long began = scheduledAt == 0 ? 0 : System.nanoTime();
        int budget = DeliveryBatch.MAX_UPDATES;
        try {
            StoredUpdate update;
            while (budget > 0) {
                endIfDue();
                if ((update = next()) == null) {
                    break;
                }
                if (queue.peek() == null) {
                    // Alone in the queue: nothing to coalesce with, so each subscriber gets it at once.
                    dispatch(update, -1);
                    budget--;
                } else {
                    budget -= deliverBatch(update);
                }
            }
            endIfDue();
        } finally {
            counters.endPass();
            if (began != 0) {
                hub.observer().fanOutPass(began - scheduledAt, System.nanoTime() - began,
                        DeliveryBatch.MAX_UPDATES - budget);
            }
            drainScheduled.set(false);
            if (!queue.isEmpty() && drainScheduled.compareAndSet(false, true)) {
                schedule();
            }
        }
    }

    /** Plans {@code first} and what queued behind it, then serves each subscriber its share; returns the updates taken. */
    private int deliverBatch(StoredUpdate first) {
        int taken = 0;
        try {
            for (StoredUpdate u = first; u != null; u = batch.hasRoom() ? next() : null) {
                dispatch(u, batch.add(u));
                taken++;
            }
            for (int i = 0; i < batch.sessionCount(); i++) {
                SubscriberSession s = batch.session(i);
                try {
                    batch.deliverTo(s);
                    s.flushBatch();
                } catch (RuntimeException e) {
                    isolate(s, e);
                }
            }
        } finally {
            counters.count(batch.deliveredCount(), batch.deliveredBytes());
            batch.clear();
        }
        return taken;
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

    /**
     * Finds the subscribers of an update: {@code index} is its place in the batch, whose plan
     * records them, or -1 to send it to each of them now.
     */
    private void dispatch(StoredUpdate stored, int index) {
        Update update = stored.update();
        List<String> topics = update.topics();
        int sent = 0;
        for (int t = 0; t < topics.size(); t++) {
            SessionList exact = byExactTopic.get(topics.get(t));
            if (exact != null) {
                // Indexed by this very topic: only the private check is left to make.
                sent += offerAll(exact, stored, !update.privateUpdate(), index);
            }
        }
        sent += offerAll(patterned, stored, false, index);
        counters.count(sent, (long) sent * stored.frame().length);
    }

    /** Returns how many subscribers it sent {@code stored} to at once (index -1); planned ones count when delivered. */
    private int offerAll(SessionList sessions, StoredUpdate stored, boolean matched, int index) {
        Update update = stored.update();
        int sent = 0;
        sessions.beginIteration();
        try {
            int n = sessions.size();
            for (int from = 0; from < n; from += SessionList.CHUNK) {
                int to = Math.min(n, from + SessionList.CHUNK);
                long wanting = sessions.wantingIn(from, to, stored.sequence());
                for (int i = from; i < to; i++) {
                    SubscriberSession s = sessions.get(i);
                    if ((wanting & (1L << (i - from))) == 0 || s.isClosed()) {
                        continue;
                    }
                    try {
                        if (matched || s.subscription().accepts(update)) {
                            if (index < 0) {
                                if (s.deliverNow(stored)) {
                                    sent++;
                                }
                            } else {
                                batch.plan(s, index);
                            }
                        }
                    } catch (RuntimeException e) {
                        isolate(s, e);
                    }
                }
            }
        } finally {
            sessions.endIteration();
        }
        return sent;
    }

    void add(SubscriberSession session) {
        all.add(session);
        Subscription sub = session.subscription();
        if (sub.exactOnly()) {
            for (TopicSelector selector : distinct(sub.selectors())) {
                byExactTopic.computeIfAbsent(selector.source(), k -> new SessionList()).add(session);
                wantedTopics.add(selector.source());
            }
        } else {
            patterned.add(session);
            patternedLive = patterned.liveCount();
        }
        hub.counters().added(sub);
    }

    /**
     * The session is already marked closed.
     *
     * @param reason why the hub closed it, or null when its client went away
     */
    void remove(SubscriberSession session, CloseReason reason) {
        all.noteRemoved();
        Subscription sub = session.subscription();
        if (sub.exactOnly()) {
            for (TopicSelector selector : distinct(sub.selectors())) {
                SessionList list = byExactTopic.get(selector.source());
                if (list != null) {
                    list.noteRemoved();
                    if (list.liveCount() == 0) {
                        byExactTopic.remove(selector.source());
                        wantedTopics.remove(selector.source());
                    }
                }
            }
        } else {
            patterned.noteRemoved();
            patternedLive = patterned.liveCount();
        }
        hub.counters().removed(sub, reason);
    }

    /** Called by the hub when it closes: end every subscription on this lane. */
    void closeAll(CloseReason reason) {
        heartbeatTask.cancel(false);
        endAll(reason);
    }

    /** Ends every subscription on this lane; the lane goes on serving new ones. */
    void endAll(CloseReason reason) {
        all.forEachOpen(s -> s.terminate(reason));
    }

    /**
     * Visits one slice of the lane's subscribers (every {@link #HEARTBEAT_SLICES}th one), so each
     * is visited once per heartbeat interval. Sweeping all at once would stall every delivery on
     * the lane for as long as 10k checks and the heartbeats they send take (tens of milliseconds).
     */
    private void heartbeatSlice() {
        int first = heartbeatTick;
        heartbeatTick = (heartbeatTick + 1) % HEARTBEAT_SLICES;
        all.beginIteration();
        try {
            for (int i = first; i < all.size(); i += HEARTBEAT_SLICES) {
                SubscriberSession s = all.get(i);
                if (s.isClosed()) {
                    continue;
                }
                try {
                    s.heartbeatIfIdle();
                } catch (RuntimeException e) {
                    isolate(s, e);
                }
            }
        } finally {
            all.endIteration();
        }
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
