package dev.herald.hub;

import dev.herald.event.StoredUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's state machine, confined to its lane: REPLAYING history (live updates held
 * aside), then LIVE, then CLOSED. It joins the live feed before reading history and drops what
 * it has already sent by sequence, so a resume has no gap and no duplicate however publishes race.
 */
final class SubscriberSession implements SubscriptionHandle {
    private static final Logger log = LoggerFactory.getLogger(SubscriberSession.class);

    private enum State { NEW, REPLAYING, LIVE, CLOSED }

    private final Hub hub;
    private final Lane lane;
    private final Subscription subscription;
    private final SubscriberSink sink;
    private State state = State.NEW;
    /** Highest sequence sent or deliberately skipped; anything at or below it is a duplicate. */
    private long position;
    /** Live updates that arrived while replaying; null when not replaying. */
    private List<StoredUpdate> pending;
    private boolean pendingOverflowed;
    private boolean readInFlight;
    private boolean waitingForWritable;
    /** The response head is out; nothing, not even a heartbeat, may precede it. */
    private boolean opened;
    private ScheduledFuture<?> expiry;
    boolean wroteSinceHeartbeat;
    /** This session's planned deliveries in the lane's current {@link DeliveryBatch}; -1 when none. */
    int batchFirst = -1;
    int batchLast = -1;

    SubscriberSession(Hub hub, Lane lane, Subscription subscription, SubscriberSink sink) {
        this.hub = hub;
        this.lane = lane;
        this.subscription = subscription;
        this.sink = sink;
    }

    Lane lane() {
        return lane;
    }

    Subscription subscription() {
        return subscription;
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    /**
     * Whether the update numbered {@code sequence} could still go out: not sent yet, and the
     * session and its connection not known to be closed. Reads what a delivery reads first.
     */
    boolean wants(long sequence) {
        return sequence > position && state != State.CLOSED && sink.isConnected();
    }

    /** On the lane: join the live feed first, then work out where history starts. */
    void start() {
        if (state != State.NEW) {
            return; // closed before it started
        }
        lane.add(this);
        scheduleExpiry();
        ResumePoint resume = subscription.resume();
        if (resume.isLive()) {
            state = State.LIVE;
            open(null);
            sink.flush();
            return;
        }
        state = State.REPLAYING;
        pending = new ArrayList<>();
        if (resume.isEarliest()) {
            beginReplay(0, ResumePoint.EARLIEST_ID);
        } else if (hub.blockingReads()) {
            readInFlight = true;
            hub.offLane(() -> hub.transport().sequenceOf(resume.lastEventId()),
                    this, seq -> { readInFlight = false; resolved(seq); });
        } else {
            OptionalLong sequence;
            try {
                sequence = hub.transport().sequenceOf(resume.lastEventId());
            } catch (RuntimeException e) {
                failed(e);
                return;
            }
            resolved(sequence);
        }
    }

    private void scheduleExpiry() {
        Instant expiresAt = subscription.expiresAt();
        if (expiresAt != null) {
            long delay = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
            expiry = lane.executor().schedule(() -> terminate(CloseReason.EXPIRED), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void open(String lastEventIdHeader) {
        sink.open(lastEventIdHeader);
        opened = true;
    }

    /**
     * An id no longer (or never) in history replays everything retained, and the sink hears that
     * the resume was not exact.
     */
    private void resolved(OptionalLong sequence) {
        if (sequence.isPresent()) {
            beginReplay(sequence.getAsLong(), subscription.resume().lastEventId());
        } else {
            position = 0;
            open(ResumePoint.EARLIEST_ID);
            sink.resumeGap(subscription.resume().lastEventId());
            pump();
        }
    }

    private void beginReplay(long after, String header) {
        position = after;
        open(header);
        pump();
    }

    /** Reads and writes history pages while the sink has room. */
    private void pump() {
        while (state == State.REPLAYING && !readInFlight) {
            if (!sink.isWritable()) {
                // Set before flushing: the flush itself may drain the buffer and fire onWritable.
                waitingForWritable = true;
                sink.flush();
                if (!sink.isWritable() || !waitingForWritable) {
                    return;
                }
                waitingForWritable = false;
                continue;
            }
            if (hub.blockingReads()) {
                readInFlight = true;
                long from = position;
                hub.offLane(() -> hub.transport().readAfter(from, hub.config().replayPageSize()),
                        this, page -> { readInFlight = false; applyPage(page); pump(); });
                return;
            }
            List<StoredUpdate> page;
            try {
                page = hub.transport().readAfter(position, hub.config().replayPageSize());
            } catch (RuntimeException e) {
                failed(e);
                return;
            }
            applyPage(page);
        }
    }

    private void applyPage(List<StoredUpdate> page) {
        if (state != State.REPLAYING) {
            return;
        }
        int sent = 0;
        long bytes = 0;
        for (StoredUpdate u : page) {
            if (u.sequence() > position) {
                if (subscription.accepts(u.update())) {
                    sink.write(u);
                    sent++;
                    bytes += u.frame().length;
                }
                position = u.sequence();
            }
        }
        lane.counters().add(sent, bytes);
        if (page.size() >= hub.config().replayPageSize()) {
            return; // more history to read
        }
        if (pendingOverflowed) {
            // Some live updates were dropped while we read; history has them, so read once more.
            pendingOverflowed = false;
            return;
        }
        sent = 0;
        bytes = 0;
        for (StoredUpdate u : pending) {
            if (u.sequence() > position) {
                sink.write(u);
                position = u.sequence();
                sent++;
                bytes += u.frame().length;
            }
        }
        lane.counters().add(sent, bytes);
        pending = null;
        state = State.LIVE;
        sink.flush();
        wroteSinceHeartbeat = true;
    }

    /**
     * On the lane, from a dispatch batch: {@code update} already passed {@link Subscription#accepts}.
     * Returns true when it went to the sink now (not held for after a replay, not a duplicate).
     */
    boolean offer(StoredUpdate update) {
        if (update.sequence() <= position) {
            return false;
        }
        if (state == State.LIVE) {
            sink.write(update);
            position = update.sequence();
            wroteSinceHeartbeat = true;
            return true;
        } else if (state == State.REPLAYING) {
            int n = pending.size();
            if (n > 0 && pending.get(n - 1).sequence() >= update.sequence()) {
                return false; // same update reached us through a second topic
            }
            if (n >= hub.config().maxPendingDuringReplay()) {
                pending.clear();
                pendingOverflowed = true;
            }
            pending.add(update);
        }
        return false;
    }

    /** On the lane, for an update that is alone in its batch: send it now, flushed; true when it went out. */
    boolean deliverNow(StoredUpdate update) {
        if (state != State.LIVE) {
            return offer(update);
        }
        if (update.sequence() <= position) {
            return false;
        }
        sink.writeAndFlush(update);
        position = update.sequence();
        wroteSinceHeartbeat = true;
        cutOffIfOverBudget();
        return true;
    }

    /** On the lane, after a batch: flush, and cut the subscriber off if it cannot keep up. */
    void flushBatch() {
        if (state != State.LIVE) {
            return;
        }
        sink.flush();
        cutOffIfOverBudget();
    }

    private void cutOffIfOverBudget() {
        if (!sink.isWritable()) {
            log.info("Disconnecting slow subscriber {} at position {}: over its buffer budget",
                    subscription.selectors().get(0).source(), position);
            hub.countSlowDisconnect();
            terminate(CloseReason.SLOW_SUBSCRIBER);
        }
    }

    void heartbeatIfIdle() {
        if (state == State.CLOSED) {
            return;
        }
        if (!wroteSinceHeartbeat && opened) {
            sink.heartbeat();
            sink.flush();
        }
        wroteSinceHeartbeat = false;
    }

    /** The hub ends the subscription and tells the network layer. */
    void terminate(CloseReason reason) {
        if (state == State.CLOSED) {
            return;
        }
        end(reason);
        sink.close(reason);
    }

    void failed(RuntimeException e) {
        log.warn("Reading history for a subscriber failed; closing it", e);
        terminate(CloseReason.HISTORY_UNAVAILABLE);
    }

    @Override
    public void onWritable() {
        if (waitingForWritable && state == State.REPLAYING) {
            waitingForWritable = false;
            pump();
        }
    }

    /** The network layer: the client went away. */
    @Override
    public void close() {
        end(null);
    }

    @Override
    public void closedBy(CloseReason reason) {
        end(reason);
    }

    /** @param reason why the hub ends it, or null when the client went away */
    private void end(CloseReason reason) {
        if (state == State.CLOSED) {
            return;
        }
        boolean registered = state != State.NEW;
        state = State.CLOSED;
        if (expiry != null) {
            expiry.cancel(false);
        }
        pending = null;
        if (registered) {
            lane.remove(this, reason);
        }
    }
}
