package dev.herald.spring;

/** An update published inside a transaction that did not commit: it was never sent. */
public final class UpdateDiscardedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UpdateDiscardedException(String message) {
        super(message);
    }
}
