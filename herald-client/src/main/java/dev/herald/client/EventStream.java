package dev.herald.client;

import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;

/**
 * Pull-style events of an {@link EventSource}: a blocking iterator over the events of every
 * connection, reconnections included. It buffers a bounded number of events; when the caller
 * does not keep up, the source stops reading (TCP then slows the server down).
 */
public interface EventStream extends Iterator<MessageEvent>, AutoCloseable {

    /** The source behind this stream. */
    EventSource source();

    /**
     * Waits for the next event; false once the source has closed and every buffered event was
     * taken, or after {@link #close()}. An interrupted caller gets false with its interrupt status set.
     */
    @Override
    boolean hasNext();

    /** The next event, waiting for it; see {@link #hasNext()}. */
    @Override
    MessageEvent next();

    /** The next event if one comes within {@code timeout}; empty otherwise or at the end. */
    Optional<MessageEvent> poll(Duration timeout) throws InterruptedException;

    /** Why the source closed, once it has. */
    Optional<CloseReason> closeReason();

    /** The most recent connection failure, if any. */
    Optional<EventSourceException> lastError();

    /** Closes the source; buffered events are dropped. */
    @Override
    void close();
}
