package dev.herald.protocol.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies legacy HS256/384/512 tokens signed with an HMAC secret shorter than 32 bytes, which
 * Mercure 0.x accepted and nimbus-jose-jwt refuses. Only behind {@code --allow-short-hmac-key}: a
 * short secret can be brute-forced offline from any token, so this exists to migrate, not to stay.
 * The algorithm is the configured one, never the token's; the MAC is compared in constant time.
 */
final class ShortSecretVerifier {
    private final JWSAlgorithm alg;
    private final SecretKeySpec key;
    private final DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier;

    ShortSecretVerifier(byte[] secret, JWSAlgorithm alg, DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier) {
        if (!JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            throw new IllegalArgumentException("not an HMAC algorithm: " + alg);
        }
        if (secret.length == 0) {
            throw new IllegalArgumentException("an empty HMAC secret verifies nothing");
        }
        this.alg = alg;
        this.key = new SecretKeySpec(secret.clone(), javaName(alg));
        this.claimsVerifier = claimsVerifier;
    }

    private static String javaName(JWSAlgorithm alg) {
        return "Hmac" + "SHA" + alg.getName().substring(2);
    }

    JWTClaimsSet verify(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw AuthException.unauthorized("Invalid token: malformed JWT");
        }
        if (!alg.equals(jwt.getHeader().getAlgorithm())) {
            throw AuthException.unauthorized("Invalid token: algorithm not allowed (allowed: [" + alg + "])");
        }
        JOSEObjectType type = jwt.getHeader().getType();
        if (type != null && !JOSEObjectType.JWT.equals(type)) {
            throw AuthException.unauthorized("Invalid token: unexpected token type (typ)");
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance(key.getAlgorithm());
            mac.init(key);
            expected = mac.doFinal(jwt.getSigningInput());
        } catch (GeneralSecurityException e) {
            throw AuthException.unauthorized("Invalid token: cannot be verified");
        }
        if (!MessageDigest.isEqual(expected, jwt.getSignature().decode())) {
            throw AuthException.unauthorized("Invalid token: bad signature");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw AuthException.unauthorized("Invalid token: malformed JWT");
        }
        try {
            claimsVerifier.verify(claims, null);
        } catch (BadJWTException e) {
            String m = String.valueOf(e.getMessage());
            throw AuthException.unauthorized("Invalid token: " + (m.contains("Expired") ? "expired"
                    : m.contains("before use time") ? "not yet valid (nbf)" : "rejected"));
        }
        return claims;
    }

    static byte[] bytes(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
