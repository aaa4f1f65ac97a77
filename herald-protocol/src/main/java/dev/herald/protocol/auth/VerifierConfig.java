package dev.herald.protocol.auth;

import java.net.URI;
import java.util.List;

/**
 * How tokens of one role (publisher or subscriber) are verified: a static key with its
 * algorithms, or a JWKS URL.
 *
 * @param key HMAC secret, PEM public key/certificate text, or path of a PEM file; null with a JWKS URL
 * @param algorithms allowed algorithms, e.g. {@code HS256}; never {@code none}
 * @param jwksUrl where to fetch the key set, or null with a static key
 */
public record VerifierConfig(String key, List<String> algorithms, URI jwksUrl) {

    public VerifierConfig {
        algorithms = List.copyOf(algorithms);
        if ((key == null) == (jwksUrl == null)) {
            throw new IllegalArgumentException("configure either a JWT key or a JWKS URL, not both or neither");
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one JWT algorithm must be allowed");
        }
    }

    public static VerifierConfig key(String key, String algorithm) {
        return new VerifierConfig(key, List.of(algorithm), null);
    }

    public static VerifierConfig jwks(URI url, List<String> algorithms) {
        return new VerifierConfig(null, algorithms, url);
    }
}
