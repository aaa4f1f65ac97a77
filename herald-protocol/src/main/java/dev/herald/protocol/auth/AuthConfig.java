package dev.herald.protocol.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may publish and subscribe.
 *
 * @param publisher how publisher tokens are verified, or null: then only {@code dev} mode publishes
 * @param subscriber how subscriber tokens are verified, or null: then no subscriber is
 *     authorized for private updates
 * @param anonymous subscribers without a token receive public updates
 * @param dev publishing needs no token (local experiments only)
 * @param cookieName the cookie carrying a token for browsers
 * @param publishOrigins origins allowed to publish with the cookie (CSRF protection)
 * @param trustedIssuers the issuers of Mercure 1.0 access tokens ({@code typ: at+jwt}), by their
 *     exact {@code iss}, each with its own keys; {@code publisher} and {@code subscriber} above
 *     verify legacy (0.x) tokens only
 * @param resourceIdentifier the value a 1.0 token's {@code aud} must contain, or null: then the
 *     hub URL the request reached ({@code http://<Host>/.well-known/mercure})
 * @param authorizationServers issuers advertised as {@code authorization_servers} in the
 *     protected resource metadata (RFC 9728); informational, trust comes from {@code trustedIssuers}
 * @param allowQueryToken accept a token in the {@code authorization} query parameter (0.x
 *     compatibility; Mercure 1.0 forbids it). When false, a request carrying it is a 400
 * @param allowShortHmacKey verify legacy tokens with HMAC secrets shorter than 32 bytes, as
 *     Mercure 0.x did (migration only; never for 1.0 access tokens)
 */
public record AuthConfig(
        VerifierConfig publisher,
        VerifierConfig subscriber,
        boolean anonymous,
        boolean dev,
        String cookieName,
        List<String> publishOrigins,
        Map<String, IssuerConfig> trustedIssuers,
        String resourceIdentifier,
        List<String> authorizationServers,
        boolean allowQueryToken,
        boolean allowShortHmacKey) {

    /** The cookie Mercure 1.0 recommends. */
    public static final String DEFAULT_COOKIE = "__Secure-mercure_access_token";
    /** The 0.x cookie, still accepted for legacy tokens whatever the configured name. */
    public static final String LEGACY_COOKIE = "mercureAuthorization";

    public AuthConfig {
        publishOrigins = List.copyOf(publishOrigins);
        authorizationServers = List.copyOf(authorizationServers);
        trustedIssuers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trustedIssuers));
        for (String issuer : trustedIssuers.keySet()) {
            if (issuer == null || issuer.isEmpty()) {
                throw new IllegalArgumentException("a trusted issuer must not be empty");
            }
        }
        if (resourceIdentifier != null && resourceIdentifier.isEmpty()) {
            resourceIdentifier = null;
        }
        if (cookieName == null || cookieName.isBlank() || !cookieName.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("invalid cookie name: " + cookieName);
        }
    }

    public AuthConfig(VerifierConfig publisher, VerifierConfig subscriber, boolean anonymous, boolean dev,
            String cookieName, List<String> publishOrigins) {
        this(publisher, subscriber, anonymous, dev, cookieName, publishOrigins, Map.of(), null, List.of(), false, false);
    }

    /** The secure default: tokens required for everything, no keys yet. */
    public static AuthConfig locked() {
        return new AuthConfig(null, null, false, false, DEFAULT_COOKIE, List.of());
    }

    /** Local experiments: anyone publishes, anyone subscribes to public updates. */
    public static AuthConfig devMode() {
        return new AuthConfig(null, null, true, true, DEFAULT_COOKIE, List.of());
    }

    public AuthConfig withPublisher(VerifierConfig publisher) {
        return new AuthConfig(publisher, subscriber, anonymous, dev, cookieName, publishOrigins, trustedIssuers, resourceIdentifier, authorizationServers, allowQueryToken, allowShortHmacKey);
    }

    public AuthConfig withSubscriber(VerifierConfig subscriber) {
        return new AuthConfig(publisher, subscriber, anonymous, dev, cookieName, publishOrigins, trustedIssuers, resourceIdentifier, authorizationServers, allowQueryToken, allowShortHmacKey);
    }

    public AuthConfig withAnonymous(boolean anonymous) {
        return new AuthConfig(publisher, subscriber, anonymous, dev, cookieName, publishOrigins, trustedIssuers, resourceIdentifier, authorizationServers, allowQueryToken, allowShortHmacKey);
    }

    public AuthConfig withDev(boolean dev) {
        return new AuthConfig(publisher, subscriber, anonymous, dev, cookieName, publishOrigins, trustedIssuers, resourceIdentifier, authorizationServers, allowQueryToken, allowShortHmacKey);
    }

    public AuthConfig withPublishOrigins(List<String> origins) {
        return new AuthConfig(publisher, subscriber, anonymous, dev, cookieName, origins, trustedIssuers, resourceIdentifier, authorizationServers, allowQueryToken, allowShortHmacKey);
    }

    public AuthConfig withCookieName(String name) {
        return new AuthConfig(publisher, subscriber, anonymous, dev, name, publishOrigins, trustedIssuers, resourceIdentifier, authorizationServers, allowQueryToken, allowShortHmacKey);
    }

    /** Trusts 1.0 access tokens from {@code issuer}, verified with its own keys. */
    public AuthConfig withTrustedIssuer(String issuer, IssuerConfig keys) {
        Map<String, IssuerConfig> issuers = new LinkedHashMap<>(trustedIssuers);
        issuers.put(issuer, keys);
        return new AuthConfig(publisher, subscriber, anonymous, dev, cookieName, publishOrigins, issuers,
                resourceIdentifier, authorizationServers, allowQueryToken, allowShortHmacKey);
    }

    public AuthConfig withResourceIdentifier(String resourceIdentifier) {
        return new AuthConfig(publisher, subscriber, anonymous, dev, cookieName, publishOrigins, trustedIssuers,
                resourceIdentifier, authorizationServers, allowQueryToken, allowShortHmacKey);
    }

    public AuthConfig withAuthorizationServers(List<String> servers) {
        return new AuthConfig(publisher, subscriber, anonymous, dev, cookieName, publishOrigins, trustedIssuers,
                resourceIdentifier, servers, allowQueryToken, allowShortHmacKey);
    }

    public AuthConfig withAllowQueryToken(boolean allow) {
        return new AuthConfig(publisher, subscriber, anonymous, dev, cookieName, publishOrigins, trustedIssuers,
                resourceIdentifier, authorizationServers, allow, allowShortHmacKey);
    }

    public AuthConfig withAllowShortHmacKey(boolean allow) {
        return new AuthConfig(publisher, subscriber, anonymous, dev, cookieName, publishOrigins, trustedIssuers,
                resourceIdentifier, authorizationServers, allowQueryToken, allow);
    }
}
