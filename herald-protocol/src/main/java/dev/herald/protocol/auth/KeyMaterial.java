package dev.herald.protocol.auth;

import com.nimbusds.jose.JWSAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a configured key (an HMAC secret, or a PEM public key or certificate) into the one key that
 * verifies tokens; like Mercure, a token's {@code kid} is not consulted for a static key.
 */
final class KeyMaterial {
    /** HMAC secrets shorter than this are rejected: they can be brute-forced offline. */
    static final int MIN_SECRET_BYTES = 32;

    private KeyMaterial() {}

    /**
     * @param key the secret for HS algorithms; for RS/PS/ES the PEM text or the path of a PEM file
     * @param role "publisher" or "subscriber", for error messages
     */
    static Key forKey(String key, JWSAlgorithm alg, String role) {
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            byte[] secret = key.getBytes(StandardCharsets.UTF_8);
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("The " + role + " JWT key is too short for " + alg
                        + ": use at least " + MIN_SECRET_BYTES + " bytes (a 0.x key being migrated: see --allow-short-hmac-key)");
            }
            return new SecretKeySpec(secret, "HMAC");
        }
        PublicKey publicKey = parsePublicKey(readPem(key, role), role);
        if ((publicKey instanceof RSAPublicKey && JWSAlgorithm.Family.RSA.contains(alg))
                || (publicKey instanceof ECPublicKey && JWSAlgorithm.Family.EC.contains(alg))) {
            return publicKey;
        }
        throw new IllegalArgumentException("The " + role + " JWT key is a " + publicKey.getAlgorithm()
                + " key, which does not fit the algorithm " + alg);
    }

    private static String readPem(String key, String role) {
        if (key.contains("-----BEGIN")) {
            return key;
        }
        Path path = Path.of(key);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("The " + role
                    + " JWT key must be PEM text or the path of a readable PEM file for this algorithm");
        }
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the " + role + " JWT key file " + path + ": " + e.getMessage());
        }
    }

    private static PublicKey parsePublicKey(String pem, String role) {
        try {
            if (pem.contains("BEGIN CERTIFICATE")) {
                return CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                        .getPublicKey();
            }
            if (!pem.contains("BEGIN PUBLIC KEY")) {
                throw new IllegalArgumentException("The " + role
                        + " JWT key must be a PEM \"PUBLIC KEY\" or \"CERTIFICATE\"");
            }
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
            for (String type : new String[] {"RSA", "EC"}) {
                try {
                    return KeyFactory.getInstance(type).generatePublic(spec);
                } catch (GeneralSecurityException tryNext) {
                    // not this key type
                }
            }
            throw new IllegalArgumentException("The " + role + " JWT key is neither an RSA nor an EC public key");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith("The ")) {
                throw iae;
            }
            throw new IllegalArgumentException("The " + role + " JWT key is not a valid PEM public key");
        }
    }
}
