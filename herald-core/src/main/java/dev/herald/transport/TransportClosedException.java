package dev.herald.transport;

/** The transport was closed; the hub is shutting down. */
public final class TransportClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TransportClosedException() {
        super("transport is closed");
    }
}
