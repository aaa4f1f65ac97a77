package dev.herald.protocol.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Whom a verified token speaks for, as the key of per-subject limits. */
final class TokenSubject {
    private TokenSubject() {}

    /**
     * {@code sub} is unique within its issuer only, so the key is both; a token without {@code sub}
     * (common among 0.x tokens) stands for itself, by digest so that the key does not keep a
     * usable credential in memory.
     */
    static String of(JWTClaimsSet claims, String token) {
        String sub = claims.getSubject();
        if (sub != null) {
            String iss = claims.getIssuer() == null ? "" : claims.getIssuer();
            return "sub " + iss.length() + ":" + iss + sub; // the length keeps ("a b", "c") apart from ("a", "b c")
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return "token " + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
