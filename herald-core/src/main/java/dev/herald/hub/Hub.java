package dev.herald.hub;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.transport.Transport;
import dev.herald.transport.TransportHealth;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub: accepts updates, stores them through a {@link Transport}, and fans each one out to
 * every matching subscription. Embeddable: the HTTP server is one user of this class.
 */
public final class Hub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hub.class);
    private final Transport transport;
    private final HubConfig config;
    private final HubCounters counters = new HubCounters();
    private final HubMetrics metrics = new HubMetrics(this);
    private volatile HubObserver observer = HubObserver.NONE;
    private final ConcurrentHashMap<ScheduledExecutorService, Lane> lanesByExecutor = new ConcurrentHashMap<>();
    /** Copy-on-write snapshot of the lanes, read on every update. */
    private volatile Lane[] lanes = new Lane[0];
    private final ExecutorService readExecutor;
    private volatile boolean closed;
    /** The newest update dispatched, or null before the first. */
    private volatile StoredUpdate lastDispatched;
    private final String lastIdAtOpen;

    public Hub(Transport transport, HubConfig config) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.config = Objects.requireNonNull(config, "config");
        this.readExecutor = transport.blockingReads() ? Executors.newFixedThreadPool(Math.max(1, transport.readConcurrency()), r -> {
            Thread t = new Thread(r, "herald-history-reader");
            t.setDaemon(true);
            return t;
        }) : null;
        this.lastIdAtOpen = transport.lastIdAtOpen();
        transport.onMissedUpdates(this::missed);
        transport.listen(this::fanOut);
    }

    /**
     * Stores and dispatches an update. The stage completes when the transport has accepted it
     * (durably, if the transport is durable); fan-out never delays it.
     */
    public CompletionStage<StoredUpdate> publish(Update update) {
        Objects.requireNonNull(update, "update");
        HubObserver o = observer;
        long start = o == HubObserver.NONE ? 0 : System.nanoTime();
        // Counted before the stage completes: a publisher told "stored" finds it counted.
        return transport.append(update).whenComplete((stored, failure) -> {
            if (failure == null) {
                counters.published();
            } else {
                counters.publishFailed();
            }
            if (o != HubObserver.NONE) {
                o.publishAnswered(System.nanoTime() - start, failure);
            }
        });
    }

    /**
     * Starts a subscription feeding {@code sink}. The hub calls the sink on its lane from now on;
     * the caller must {@link SubscriptionHandle#close() close} the handle when the connection ends.
     */
    public SubscriptionHandle subscribe(Subscription subscription, SubscriberSink sink) {
        Lane lane = laneFor(sink.eventLoop());
        SubscriberSession session = new SubscriberSession(this, lane, subscription, sink);
        lane.execute(() -> {
            if (closed) {
                session.terminate(CloseReason.HUB_CLOSED);
            } else {
                session.start();
            }
        });
        return session;
    }

    /**
     * The id of the last update dispatched, or {@link Update#EARLIEST} when there is none: the
     * reconciliation cursor a client passes back as {@code last_event_id} to miss nothing after it.
     */
    public String lastEventId() {
        StoredUpdate last = lastDispatched;
        if (last != null) {
            return last.update().id();
        }
        return lastIdAtOpen != null ? lastIdAtOpen : Update.EARLIEST;
    }

    /**
     * Ends every open subscription and stays open: clients reconnect (here or on another node)
     * and resume from history. Subscriptions ended this way never get an update dispatched after
     * this call: each lane ends them before it runs any delivery queued later.
     */
    public void endSubscriptions(CloseReason reason) {
        Objects.requireNonNull(reason, "reason");
        for (Lane lane : lanes) {
            lane.endAllAfterQueued(reason);
        }
    }

    public HubStats stats() {
        return counters.snapshot();
    }

    /** The hub's figures as plain numbers, for metrics. */
    public HubMetrics metrics() {
        return metrics;
    }

    /**
     * Sets who receives the hub's timings (publish latency, fan-out passes); by default nobody,
     * and no clock is read for them. Set it before serving: passes already scheduled may miss it.
     */
    public void setObserver(HubObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Whether the hub can take updates now: not closed, and its transport healthy. */
    public TransportHealth health() {
        return closed ? TransportHealth.unavailable("hub closed") : transport.health();
    }

    /** Ends every subscription and closes the transport. */
    @Override
    public void close() {
        closed = true;
        for (Lane lane : lanes) {
            lane.execute(() -> lane.closeAll(CloseReason.HUB_CLOSED));
        }
        transport.close();
        if (readExecutor != null) {
            readExecutor.shutdownNow();
        }
    }

    /** Called by the feed before the first update after the gap: nobody here may go on as if nothing was missed. */
    private void missed(long first, long last) {
        log.warn("This hub missed updates {} to {} (they left history before it read them); ending its streams "
                + "so that their clients resume from history", first, last);
        endSubscriptions(CloseReason.MISSED_UPDATES);
    }

    private void fanOut(StoredUpdate update) {
        lastDispatched = update; // the transport's listener sees updates one at a time, in order
        for (Lane lane : lanes) {
            if (lane.mayWant(update.update())) {
                lane.enqueue(update);
            }
        }
    }

    private Lane laneFor(ScheduledExecutorService executor) {
        Lane lane = lanesByExecutor.get(executor);
        if (lane != null) {
            return lane;
        }
        synchronized (lanesByExecutor) {
            return lanesByExecutor.computeIfAbsent(executor, e -> {
                Lane created = new Lane(this, e);
                Lane[] next = java.util.Arrays.copyOf(lanes, lanes.length + 1);
                next[next.length - 1] = created;
                lanes = next;
                return created;
            });
        }
    }

    Transport transport() {
        return transport;
    }

    HubConfig config() {
        return config;
    }

    HubCounters counters() {
        return counters;
    }

    HubObserver observer() {
        return observer;
    }

    Lane[] lanes() {
        return lanes;
    }

    boolean blockingReads() {
        return readExecutor != null;
    }

    void countSlowDisconnect() {
        counters.slowDisconnect();
    }

    /** Runs a blocking history read off the lane, then continues with its result on the lane. */
    <T> void offLane(Supplier<T> read, SubscriberSession session, Consumer<T> then) {
        Lane lane = session.lane();
        readExecutor.execute(() -> {
            T result;
            try {
                result = read.get();
            } catch (RuntimeException e) {
                lane.execute(() -> session.failed(e));
                return;
            }
            lane.execute(() -> {
                if (!session.isClosed()) {
                    then.accept(result);
                }
            });
        });
    }
}
