package dev.herald.transport.redis;

/** The Redis transport cannot start: Redis unreachable, refusing the login, or not a usable version. */
public final class RedisTransportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RedisTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
