package dev.herald.transport;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Storage and cross-node feed of updates. The hub knows nothing else about where updates live:
 * the in-memory transport, an embedded database or a shared Redis all fit behind this.
 *
 * <p>Ordering contract: sequences are strictly increasing, and the live listener sees updates in
 * sequence order, each only after {@link #readAfter} can return it.
 */
public interface Transport extends AutoCloseable {

    /**
     * Stores an update and assigns its sequence. The stage completes once the update is as
     * durable as this transport promises; only then may the publisher be told it is accepted.
     */
    CompletionStage<StoredUpdate> append(Update update);

    /** Sets the single listener fed every stored update, in sequence order. */
    void listen(Consumer<StoredUpdate> listener);

    /**
     * Sets who hears that the live feed skipped updates that had left history before it read them,
     * told before the first update after the gap is delivered. Only a feed that can fall behind
     * a shared history (one fed by other nodes) ever calls it.
     */
    default void onMissedUpdates(MissedUpdates listener) {}

    /** Up to {@code limit} retained updates with a sequence above {@code afterSequence}, oldest first. */
    List<StoredUpdate> readAfter(long afterSequence, int limit);

    /**
     * The sequence of the earliest retained update carrying {@code id} (ids may be reused by
     * publishers), if any is still retained.
     */
    OptionalLong sequenceOf(String id);

    /**
     * The id of the newest update retained when the transport opened, or null: where "the last
     * event dispatched" stands for a hub restarted over a durable history, until it dispatches one.
     */
    default String lastIdAtOpen() {
        return null;
    }

    /** True when reads may block on I/O and must be kept off event-loop threads. */
    default boolean blockingReads() {
        return false;
    }

    /** How many blocking reads this transport serves at once; the hub uses as many reader threads. */
    default int readConcurrency() {
        return 4;
    }

    /**
     * Whether appends can succeed now: asked by a readiness probe and on every metrics scrape, so
     * it must answer at once from state the transport keeps, without I/O.
     */
    default TransportHealth health() {
        return TransportHealth.READY;
    }

    /** Updates retained for resume, if this transport knows without I/O; for metrics. */
    default OptionalLong retainedUpdates() {
        return OptionalLong.empty();
    }

    @Override
    void close();
}
