package dev.herald.transport;

/** The transport is too far behind to accept more updates now; the publisher should retry later. */
public final class TransportOverloadedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TransportOverloadedException(String message) {
        super(message);
    }
}
