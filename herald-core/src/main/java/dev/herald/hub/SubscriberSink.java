package dev.herald.hub;

import dev.herald.event.StoredUpdate;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Where a subscription's bytes go, implemented by the network layer (one per connection). The hub
 * calls every method on {@link #eventLoop()} only, so implementations need no locking.
 */
public interface SubscriberSink {

    /**
     * The single thread (for a socket: its event loop) that owns this sink. The hub keeps one lane
     * per event loop; sinks sharing it are served by one task per update batch, which lets writes
     * to all of them share one flush each.
     */
    ScheduledExecutorService eventLoop();

    /**
     * Called once before any write: send the response head.
     *
     * @param lastEventIdHeader the {@code Last-Event-ID} response header value, or null when the
     *     client did not ask to resume
     */
    void open(String lastEventIdHeader);

    /**
     * Called right after {@link #open} when the client asked to resume after an id the history no
     * longer (or never) held: the hub replays everything it retains instead, so updates in between
     * may be lost. A sink may tell the client in the stream, since a browser's EventSource cannot
     * read the response headers.
     *
     * @param requestedId the id the client asked to resume after
     */
    default void resumeGap(String requestedId) {}

    /** Queues one encoded event; nothing reaches the network before {@link #flush()}. */
    void write(StoredUpdate update);

    /**
     * Sends one event now, as {@link #write} then {@link #flush} would. The hub calls it when an
     * update has nothing to share a flush with (the common case at low rates), so a sink may
     * take a shorter path to the network for it.
     */
    default void writeAndFlush(StoredUpdate update) {
        write(update);
        flush();
    }

    /** Queues a keep-alive comment. */
    void heartbeat();

    void flush();

    /**
     * False once the connection is known to be closed, before the hub has been told. The hub
     * skips such a sink. It asks for a few dozen sinks at a time, just before sending to them,
     * so a sink should answer from state it reads anyway to send (for a socket: its open flag).
     */
    default boolean isConnected() {
        return true;
    }

    /** False while the queued bytes exceed this subscriber's budget. */
    boolean isWritable();

    /** The hub ends the subscription (the subscriber was too slow, or the hub stops). */
    void close(CloseReason reason);
}
