package dev.herald.client;

/** The state of an {@link EventSource}, as the browser's {@code readyState} names it. */
public enum ReadyState {
    /** Connecting, or waiting to reconnect. */
    CONNECTING,
    /** The response was accepted; events are being read. */
    OPEN,
    /** Closed for good: by the caller, by a 204, or by a failure that does not reconnect. */
    CLOSED
}
