package dev.herald.testkit;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Mints JWTs the way a Mercure client library would, with keys generated per test run. */
public final class TestTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestTokens() {}

    /** A fresh HMAC secret of 64 hex characters (long enough for HS512). */
    public static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static KeyPair rsaKeys() {
        return generate("RSA", null);
    }

    public static KeyPair ecKeys() {
        return generate("EC", new ECGenParameterSpec("secp256r1"));
    }

    private static KeyPair generate(String type, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(type);
            if (spec != null) {
                g.initialize(spec);
            } else {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code -----BEGIN PUBLIC KEY-----} text, as a hub operator would paste it. */
    public static String pem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The claim {@code {"mercure": {"publish": [...], "subscribe": [...]}}}, either list may be null. */
    public static JWTClaimsSet.Builder mercure(List<String> publish, List<String> subscribe) {
        Map<String, Object> mercure = new java.util.LinkedHashMap<>();
        if (publish != null) {
            mercure.put("publish", publish);
        }
        if (subscribe != null) {
            mercure.put("subscribe", subscribe);
        }
        return new JWTClaimsSet.Builder().claim("mercure", mercure);
    }

    public static JWTClaimsSet publisher(String... selectors) {
        return mercure(List.of(selectors), null).build();
    }

    public static JWTClaimsSet subscriber(String... selectors) {
        return mercure(null, List.of(selectors)).build();
    }

    /** An HS256 token with {@code typ: JWT}, as minted for Mercure. */
    public static String hs256(String secret, JWTClaimsSet claims) {
        return hmac(JWSAlgorithm.HS256, secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), claims);
    }

    public static String hmac(JWSAlgorithm alg, byte[] secret, JWTClaimsSet claims) {
        try {
            return sign(new MACSigner(secret), new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims);
        } catch (com.nimbusds.jose.KeyLengthException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String rs256(KeyPair keys, JWTClaimsSet claims) {
        return rs256(keys, null, claims);
    }

    public static String rs256(KeyPair keys, String kid, JWTClaimsSet claims) {
        return sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()),
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(), claims);
    }

    public static String es256(KeyPair keys, JWTClaimsSet claims) {
        try {
            return sign(new ECDSASigner((ECPrivateKey) keys.getPrivate()),
                    new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(), claims);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: header and claims, an empty signature. */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** {@code claims} with {@code exp} at {@code expiresAt}, to the second as a JWT carries it. */
    public static JWTClaimsSet expiringAt(JWTClaimsSet claims, Instant expiresAt) {
        if (expiresAt.getNano() != 0) {
            throw new IllegalArgumentException("a JWT's exp is in whole seconds: " + expiresAt);
        }
        return new JWTClaimsSet.Builder(claims).expirationTime(Date.from(expiresAt)).build();
    }

    /** {@code claims} with {@code exp} and {@code nbf} set relative to now (null leaves them out). */
    public static JWTClaimsSet timed(JWTClaimsSet claims, java.time.Duration expIn, java.time.Duration nbfIn) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder(claims);
        if (expIn != null) {
            b.expirationTime(Date.from(Instant.now().plus(expIn)));
        }
        if (nbfIn != null) {
            b.notBeforeTime(Date.from(Instant.now().plus(nbfIn)));
        }
        return b.build();
    }
}
