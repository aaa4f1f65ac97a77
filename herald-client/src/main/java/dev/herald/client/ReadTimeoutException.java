package dev.herald.client;

import java.time.Duration;

/**
 * No byte arrived, not even a comment, for the read timeout: the connection is taken for dead
 * (half-open) and dropped. The source reconnects.
 */
public final class ReadTimeoutException extends EventSourceException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public ReadTimeoutException(Duration timeout) {
        super("no data received for " + timeout.toMillis() + " ms", null);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public boolean isFatal() {
        return false;
    }
}
