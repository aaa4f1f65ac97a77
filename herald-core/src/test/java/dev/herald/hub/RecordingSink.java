package dev.herald.hub;

import dev.herald.event.StoredUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A sink that records what the hub does to it. Calls are checked against the sink contract (on
 * the lane, open first and once, nothing after close); breaches are kept in {@link #violations()}
 * because an assertion thrown on the lane would be swallowed by its executor.
 */
final class RecordingSink implements SubscriberSink {
    private final TestLane lane;
    private final List<String> events = new ArrayList<>();
    private final List<StoredUpdate> written = new ArrayList<>();
    private final List<CloseReason> closeReasons = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private boolean opened;
    private String openHeader;
    private int flushes;
    private int heartbeats;
    private boolean writable = true;
    private boolean connected = true;
    private RuntimeException connectedFailure;
    /** Writes left before the sink turns unwritable, or -1 for no limit. */
    private int writesBeforeUnwritable = -1;
    private boolean drainsOnFlush;
    private RuntimeException writeFailure;
    private SubscriptionHandle handle;
    /** Also records writes and flushes here, prefixed with a name, to see several sinks' order. */
    private List<String> sharedLog;
    private String name;

    RecordingSink(TestLane lane) {
        this.lane = lane;
    }

    // ---- test controls ----

    synchronized void setWritable(boolean writable) {
        this.writable = writable;
        this.writesBeforeUnwritable = -1;
    }

    /** Stays writable for {@code writes} more writes, then reports unwritable. */
    synchronized void becomeUnwritableAfter(int writes) {
        this.writable = true;
        this.writesBeforeUnwritable = writes;
    }

    /**
     * Like a Netty channel whose buffer drains while flushing: a flush of an unwritable sink makes
     * it writable and calls {@link SubscriptionHandle#onWritable()} inline.
     */
    synchronized void drainOnFlush(SubscriptionHandle handle) {
        this.drainsOnFlush = true;
        this.handle = handle;
    }

    synchronized void alsoLogTo(List<String> log, String name) {
        this.sharedLog = log;
        this.name = name;
    }

    /** Like a socket the peer closed before the network layer told the hub. */
    synchronized void loseConnection() {
        this.connected = false;
    }

    /** Like a broken embedder's sink: asking whether it is connected throws. */
    synchronized void failConnectedCheck(RuntimeException failure) {
        this.connectedFailure = failure;
    }

    synchronized void failWrites(RuntimeException failure) {
        this.writeFailure = failure;
    }

    // ---- SubscriberSink ----

    @Override
    public ScheduledExecutorService eventLoop() {
        return lane;
    }

    @Override
    public synchronized void open(String lastEventIdHeader) {
        check("open");
        if (opened) {
            violations.add("open called twice");
        }
        opened = true;
        openHeader = lastEventIdHeader;
        events.add("open " + lastEventIdHeader);
    }

    @Override
    public synchronized void write(StoredUpdate update) {
        checkOpen("write " + update.sequence());
        if (writeFailure != null) {
            throw writeFailure;
        }
        written.add(update);
        events.add("write " + update.sequence());
        if (sharedLog != null) {
            sharedLog.add(name + " write " + update.sequence());
        }
        if (writesBeforeUnwritable > 0 && --writesBeforeUnwritable == 0) {
            writable = false;
        }
    }

    @Override
    public synchronized void heartbeat() {
        checkOpen("heartbeat");
        heartbeats++;
        events.add("heartbeat");
    }

    @Override
    public void flush() {
        SubscriptionHandle drained;
        synchronized (this) {
            checkOpen("flush");
            flushes++;
            events.add("flush");
            if (sharedLog != null) {
                sharedLog.add(name + " flush");
            }
            if (!drainsOnFlush || writable) {
                return;
            }
            writable = true;
            writesBeforeUnwritable = -1;
            drained = handle;
        }
        drained.onWritable();
    }

    @Override
    public synchronized boolean isConnected() {
        if (connectedFailure != null) {
            throw connectedFailure;
        }
        return connected;
    }

    @Override
    public synchronized boolean isWritable() {
        check("isWritable");
        return writable;
    }

    @Override
    public synchronized void close(CloseReason reason) {
        check("close " + reason);
        closeReasons.add(reason);
        events.add("close " + reason);
    }

    // ---- what happened ----

    synchronized boolean isOpen() {
        return opened;
    }

    synchronized String openHeader() {
        if (!opened) {
            throw new AssertionError("the sink was never opened");
        }
        return openHeader;
    }

    synchronized List<Long> sequences() {
        return written.stream().map(StoredUpdate::sequence).toList();
    }

    synchronized List<String> ids() {
        return written.stream().map(u -> u.update().id()).toList();
    }

    synchronized long lastSequence() {
        return written.isEmpty() ? 0 : written.get(written.size() - 1).sequence();
    }

    synchronized int flushes() {
        return flushes;
    }

    synchronized int heartbeats() {
        return heartbeats;
    }

    synchronized List<CloseReason> closeReasons() {
        return List.copyOf(closeReasons);
    }

    /** Every call in order: {@code open <header>}, {@code write <seq>}, {@code flush}, ... */
    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    private void check(String call) {
        if (!lane.isLaneThread()) {
            violations.add(call + " on " + Thread.currentThread().getName() + ", not the lane");
        }
        if (!closeReasons.isEmpty()) {
            violations.add(call + " after close " + closeReasons);
        }
    }

    private void checkOpen(String call) {
        check(call);
        if (!opened) {
            violations.add(call + " before open");
        }
    }
}
