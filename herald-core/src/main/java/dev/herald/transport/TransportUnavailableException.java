package dev.herald.transport;

/**
 * The store behind the transport cannot be reached now (a shared database or Redis is down or
 * not answering); the publisher should retry later. The message says what failed, in words fit
 * for the publisher: it does not name hosts.
 */
public final class TransportUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TransportUnavailableException(String message) {
        super(message);
    }

    public TransportUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
