package dev.herald.client;

/**
 * Receives what happens to an {@link EventSource}. Calls come one at a time, in order, from the
 * source's own thread; a slow callback delays reading (and so applies backpressure to the server).
 */
public interface EventSourceListener {

    /** A response was accepted (200, {@code text/event-stream}); called again after each reconnection. */
    default void onOpen(EventSource source) {}

    /** An event was dispatched. */
    default void onEvent(EventSource source, MessageEvent event) {}

    /** A comment line arrived (a heartbeat, for instance), without its leading colon. */
    default void onComment(EventSource source, String comment) {}

    /**
     * A connection failed or ended. Unless {@code error} is {@linkplain EventSourceException#isFatal()
     * fatal}, the source waits its reconnection delay and connects again.
     */
    default void onError(EventSource source, EventSourceException error) {}

    /** The source is closed for good; the last call this listener gets. */
    default void onClosed(EventSource source, CloseReason reason) {}
}
