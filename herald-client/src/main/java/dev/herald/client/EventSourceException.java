package dev.herald.client;

/**
 * Why a connection of an {@link EventSource} ended. Callers branch on the subtype; a fatal one
 * closes the source, any other is followed by a reconnection.
 */
public abstract sealed class EventSourceException extends Exception
        permits StreamClosedByServerException, HttpStatusException, ContentTypeException,
                StreamIOException, ReadTimeoutException {

    private static final long serialVersionUID = 1L;

    EventSourceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the source gives up instead of reconnecting, as a browser does. */
    public abstract boolean isFatal();
}
