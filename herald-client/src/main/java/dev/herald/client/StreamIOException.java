package dev.herald.client;

import java.io.IOException;

/** Connecting or reading failed (refused, reset, DNS, TLS...). The source reconnects. */
public final class StreamIOException extends EventSourceException {
    private static final long serialVersionUID = 1L;

    public StreamIOException(IOException cause) {
        super("I/O error: " + cause, cause);
    }

    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }

    @Override
    public boolean isFatal() {
        return false;
    }
}
