package dev.herald.client;

/** The server ended the response body. The source reconnects. */
public final class StreamClosedByServerException extends EventSourceException {
    private static final long serialVersionUID = 1L;

    public StreamClosedByServerException() {
        super("stream closed by the server", null);
    }

    @Override
    public boolean isFatal() {
        return false;
    }
}
