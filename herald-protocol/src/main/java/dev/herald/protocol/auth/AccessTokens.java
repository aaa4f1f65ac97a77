package dev.herald.protocol.auth;

import com.nimbusds.jose.JOSEObjectType;
import java.util.Locale;

/** Recognizes Mercure 1.0 access tokens (RFC 9068) by their header {@code typ}. */
final class AccessTokens {
    private AccessTokens() {}

    /** {@code at+jwt} or {@code application/at+jwt}, case-insensitively (RFC 7515 section 4.1.9). */
    static boolean isAccessTokenType(JOSEObjectType type) {
        if (type == null) {
            return false;
        }
        String t = type.getType().toLowerCase(Locale.ROOT);
        if (t.startsWith("application/")) {
            t = t.substring("application/".length());
        }
        return t.equals("at+jwt");
    }
}
