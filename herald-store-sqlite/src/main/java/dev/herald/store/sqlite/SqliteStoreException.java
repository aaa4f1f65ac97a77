package dev.herald.store.sqlite;

/** The history database cannot be used; the message names the file and the problem. */
public final class SqliteStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SqliteStoreException(String message) {
        super(message);
    }

    public SqliteStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
