package dev.herald.server.auth;

/**
 * A request without the authorization it needs: 401 when the token is missing or invalid, 403
 * when a valid token lacks the scope. The message says why and never echoes a token or a key.
 */
public final class AuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    private AuthException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static AuthException unauthorized(String message) {
        return new AuthException(401, message);
    }

    public static AuthException forbidden(String message) {
        return new AuthException(403, message);
    }

    /** 401 or 403. */
    public int status() {
        return status;
    }
}
