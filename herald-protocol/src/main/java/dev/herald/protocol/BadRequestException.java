package dev.herald.protocol;

/** A client error with the status and the message to send back; never carries secrets. */
public final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public static final int BAD_REQUEST = 400;
    public static final int FORBIDDEN = 403;
    public static final int PAYLOAD_TOO_LARGE = 413;
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;

    private final int status;

    public BadRequestException(String message) {
        this(BAD_REQUEST, message);
    }

    public BadRequestException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status code, a 4xx. */
    public int status() {
        return status;
    }
}
