package dev.herald.client;

/** A 200 response whose content type is not {@code text/event-stream}. The source does not reconnect. */
public final class ContentTypeException extends EventSourceException {
    private static final long serialVersionUID = 1L;

    private final String contentType;

    /** @param contentType the response's content type, or null when it had none */
    public ContentTypeException(String contentType) {
        super("invalid content-type: " + contentType, null);
        this.contentType = contentType;
    }

    /** The content type received, or null when the response had none. */
    public String contentType() {
        return contentType;
    }

    @Override
    public boolean isFatal() {
        return true;
    }
}
