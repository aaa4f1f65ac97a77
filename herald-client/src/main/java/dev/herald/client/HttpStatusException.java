package dev.herald.client;

/** The final response (after redirects) was neither 200 nor 204. The source does not reconnect. */
public final class HttpStatusException extends EventSourceException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpStatusException(int status) {
        super("unexpected HTTP status: " + status, null);
        this.status = status;
    }

    public int status() {
        return status;
    }

    @Override
    public boolean isFatal() {
        return true;
    }
}
