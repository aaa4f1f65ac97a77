package dev.herald.client;

import java.net.URI;

/**
 * A connection to a Server-Sent Events stream that behaves like the browser's {@code EventSource}:
 * it reconnects after a network error or the end of the stream, sends {@code Last-Event-ID}, and
 * stops for a 204, a non-200 status or a content type other than {@code text/event-stream}.
 *
 * <p>The caller must {@link #close()} it to stop reconnecting and free its thread.
 */
public interface EventSource extends AutoCloseable {

    /** Starts configuring a source for {@code uri}. */
    static EventSourceBuilder builder(URI uri) {
        return new EventSourceBuilder(uri);
    }

    /** The URL the source connects to (before redirects). */
    URI uri();

    ReadyState readyState();

    /** The last event id string: sent as {@code Last-Event-ID} on reconnection when not empty. */
    String lastEventId();

    /**
     * Closes the source at once, from any thread: no new callback starts after it returns (one
     * already running finishes). Idempotent.
     */
    @Override
    void close();
}
