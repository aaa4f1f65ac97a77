package dev.herald.protocol.auth;

/**
 * A request without the authorization it needs, reported as RFC 6750 says: 401 without an error
 * code when no token was presented, 401 {@code invalid_token} for a token that fails validation,
 * 403 {@code insufficient_scope} for a valid token without the grant, 400 {@code invalid_request}
 * for a malformed token presentation. The message says why and never echoes a token or a key.
 */
public final class AuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    private AuthException(int status, String error, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
    }

    /** 401 without an error code: a token is required and none was presented. */
    public static AuthException missing(String message) {
        return new AuthException(401, null, message);
    }

    /** 401 {@code invalid_token}: the presented token fails validation. */
    public static AuthException unauthorized(String message) {
        return new AuthException(401, "invalid_token", message);
    }

    /** 403 {@code insufficient_scope}: a valid token that does not allow the operation. */
    public static AuthException forbidden(String message) {
        return new AuthException(403, "insufficient_scope", message);
    }

    /** 400 {@code invalid_request}: the token's presentation is malformed. */
    public static AuthException invalidRequest(String message) {
        return new AuthException(400, "invalid_request", message);
    }

    /** 400, 401 or 403. */
    public int status() {
        return status;
    }

    /** The RFC 6750 error code, or null for a 401 without a presented token. */
    public String error() {
        return error;
    }
}
