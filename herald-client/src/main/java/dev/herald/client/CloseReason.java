package dev.herald.client;

/** Why an {@link EventSource} reached {@link ReadyState#CLOSED}. */
public enum CloseReason {
    /** The caller called {@link EventSource#close()}. */
    CLOSED_BY_CALLER,
    /** The server answered {@code 204 No Content}: it asks the client to stop reconnecting. */
    NO_CONTENT,
    /** A failure that does not reconnect (see {@link EventSourceException#isFatal()}). */
    FAILED
}
