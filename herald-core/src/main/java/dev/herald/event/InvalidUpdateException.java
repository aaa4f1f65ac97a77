package dev.herald.event;

/** An update field that cannot be published as given; {@link #field()} names it. */
public final class InvalidUpdateException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidUpdateException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The form field at fault, e.g. {@code id} or {@code retry}. */
    public String field() {
        return field;
    }
}
