package dev.herald.app.cli;

import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.IssuerConfig;
import dev.herald.protocol.auth.VerifierConfig;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** The {@code serve} options for JWT authorization, CORS and the dev mode. */
final class AuthOptions {

    @Option(names = "--jwt-key", defaultValue = "${env:HERALD_JWT_KEY}",
            description = "Key for both publisher and subscriber tokens unless set separately (env HERALD_JWT_KEY).")
    String jwtKey;

    @Option(names = "--publisher-jwt-key", defaultValue = "${env:HERALD_PUBLISHER_JWT_KEY}",
            description = "HMAC secret, or PEM public key/certificate (text or file path) for publisher tokens "
                    + "(env HERALD_PUBLISHER_JWT_KEY).")
    String publisherKey;

    @Option(names = "--subscriber-jwt-key", defaultValue = "${env:HERALD_SUBSCRIBER_JWT_KEY}",
            description = "Same for subscriber tokens (env HERALD_SUBSCRIBER_JWT_KEY).")
    String subscriberKey;

    @Option(names = "--jwt-algorithm", defaultValue = "${env:HERALD_JWT_ALGORITHM:-HS256}",
            description = "Algorithm of the keys: HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512 "
                    + "(env HERALD_JWT_ALGORITHM, default ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--publisher-jwt-algorithm", defaultValue = "${env:HERALD_PUBLISHER_JWT_ALGORITHM}",
            description = "Algorithm of the publisher key, if it differs (env HERALD_PUBLISHER_JWT_ALGORITHM).")
    String publisherAlgorithm;

    @Option(names = "--subscriber-jwt-algorithm", defaultValue = "${env:HERALD_SUBSCRIBER_JWT_ALGORITHM}",
            description = "Algorithm of the subscriber key, if it differs (env HERALD_SUBSCRIBER_JWT_ALGORITHM).")
    String subscriberAlgorithm;

    @Option(names = "--publisher-jwks-url", defaultValue = "${env:HERALD_PUBLISHER_JWKS_URL}",
            description = "Fetch publisher keys from this JWKS URL, cached and refreshed in the background "
                    + "(env HERALD_PUBLISHER_JWKS_URL).")
    URI publisherJwks;

    @Option(names = "--subscriber-jwks-url", defaultValue = "${env:HERALD_SUBSCRIBER_JWKS_URL}",
            description = "Same for subscriber keys (env HERALD_SUBSCRIBER_JWKS_URL).")
    URI subscriberJwks;

    @Option(names = "--jwks-algorithms", split = ",", defaultValue = "${env:HERALD_JWKS_ALGORITHMS:-RS256,ES256}",
            description = "Algorithms accepted from JWKS keys (env HERALD_JWKS_ALGORITHMS, default ${DEFAULT-VALUE}).")
    List<String> jwksAlgorithms;

    @Option(names = "--trusted-issuer", split = ",", defaultValue = "${env:HERALD_TRUSTED_ISSUERS}",
            description = "Accept Mercure 1.0 access tokens (typ at+jwt) whose iss is exactly ISSUER; repeatable "
                    + "(env HERALD_TRUSTED_ISSUERS, comma-separated). Verified with the issuer's own key "
                    + "(--issuer-jwt-key, --issuer-jwks-url) or else the publisher/subscriber keys.")
    List<String> trustedIssuers;

    @Option(names = "--issuer-jwt-key", paramLabel = "ISSUER=KEY",
            description = "An issuer's own key for its publisher and subscriber tokens (HMAC secret or PEM text/path, "
                    + "algorithm from --jwt-algorithm); also trusts the issuer. Repeatable.")
    Map<String, String> issuerKeys;

    @Option(names = "--issuer-jwks-url", paramLabel = "ISSUER=URL",
            description = "An issuer's own JWKS URL (algorithms from --jwks-algorithms); also trusts the issuer. "
                    + "Repeatable.")
    Map<String, URI> issuerJwks;

    @Option(names = "--resource-identifier", defaultValue = "${env:HERALD_RESOURCE_IDENTIFIER}",
            description = "The hub's resource identifier, which the aud of a 1.0 access token must contain "
                    + "(env HERALD_RESOURCE_IDENTIFIER; default: http://<Host>/.well-known/mercure as requested).")
    String resourceIdentifier;

    @Option(names = "--authorization-server", split = ",", defaultValue = "${env:HERALD_AUTHORIZATION_SERVERS}",
            description = "Issuer advertised as authorization_servers in the protected resource metadata; "
                    + "repeatable (env HERALD_AUTHORIZATION_SERVERS, comma-separated). Informational: trust "
                    + "comes from --trusted-issuer.")
    List<String> authorizationServers;

    @Option(names = "--anonymous", defaultValue = "${env:HERALD_ANONYMOUS:-false}",
            description = "Let subscribers without a token receive public updates (env HERALD_ANONYMOUS).")
    boolean anonymous;

    @Option(names = "--dev", defaultValue = "${env:HERALD_DEV:-false}",
            description = "Local experiments: anyone may publish without a token, subscribers may be anonymous. "
                    + "Never expose a hub in this mode (env HERALD_DEV).")
    boolean dev;

    @Option(names = "--cookie-name", defaultValue = "${env:HERALD_COOKIE_NAME:-__Secure-mercure_access_token}",
            description = "Cookie carrying a token for browsers (env HERALD_COOKIE_NAME, default ${DEFAULT-VALUE}). "
                    + "The 0.x cookie mercureAuthorization stays accepted for legacy tokens.")
    String cookieName;

    @Option(names = "--allow-query-token", defaultValue = "${env:HERALD_ALLOW_QUERY_TOKEN:-false}",
            description = "0.x compatibility: accept a token in the authorization query parameter, which Mercure 1.0 "
                    + "forbids (tokens in URLs end up in logs). Off: such a request gets a 400 "
                    + "(env HERALD_ALLOW_QUERY_TOKEN).")
    boolean allowQueryToken;

    @Option(names = "--allow-short-hmac-key", defaultValue = "${env:HERALD_ALLOW_SHORT_HMAC_KEY:-false}",
            description = "Migration from Mercure 0.x: accept HMAC keys shorter than 32 bytes for legacy tokens "
                    + "(never for 1.0 access tokens), with a warning at startup. Rotate to a 32-byte key "
                    + "(env HERALD_ALLOW_SHORT_HMAC_KEY).")
    boolean allowShortHmacKey;

    @Option(names = "--publish-origins", split = ",", defaultValue = "${env:HERALD_PUBLISH_ORIGINS}",
            description = "Origins allowed to publish with the cookie, comma-separated (env HERALD_PUBLISH_ORIGINS).")
    List<String> publishOrigins;

    @Option(names = "--cors-origins", split = ",", defaultValue = "${env:HERALD_CORS_ORIGINS}",
            description = "Origins allowed by CORS (credentials allowed), or * for any origin without "
                    + "credentials (env HERALD_CORS_ORIGINS).")
    List<String> corsOrigins;

    /** @param demo the demo page needs anonymous subscribers */
    AuthConfig toConfig(boolean demo) {
        String pubKey = publisherKey != null ? publisherKey : jwtKey;
        String subKey = subscriberKey != null ? subscriberKey : jwtKey;
        VerifierConfig publisher = verifier(pubKey, publisherAlgorithm, publisherJwks);
        VerifierConfig subscriber = verifier(subKey, subscriberAlgorithm, subscriberJwks);
        AuthConfig config = AuthConfig.locked();
        Map<String, String> ownKeys = issuerKeys == null ? Map.of() : issuerKeys;
        Map<String, URI> ownJwks = issuerJwks == null ? Map.of() : issuerJwks;
        Set<String> issuers = new LinkedHashSet<>();
        if (trustedIssuers != null) {
            trustedIssuers.stream().map(String::trim).filter(i -> !i.isEmpty()).forEach(issuers::add);
        }
        issuers.addAll(ownKeys.keySet());
        issuers.addAll(ownJwks.keySet());
        Map<String, IssuerConfig> resolved = new LinkedHashMap<>();
        for (String issuer : issuers) {
            String key = ownKeys.get(issuer);
            URI jwks = ownJwks.get(issuer);
            IssuerConfig keys;
            if (key != null || jwks != null) {
                VerifierConfig own = verifier(key, null, jwks);
                keys = new IssuerConfig(own, own);
            } else if (publisher == null && subscriber == null) {
                throw new IllegalArgumentException("The trusted issuer " + issuer + " has no key: set --jwt-key "
                        + "(or the publisher/subscriber keys or JWKS URLs), or --issuer-jwt-key / --issuer-jwks-url");
            } else {
                keys = new IssuerConfig(publisher, subscriber);
            }
            config = config.withTrustedIssuer(issuer, keys);
        }
        return config
                .withResourceIdentifier(resourceIdentifier)
                .withAuthorizationServers(authorizationServers == null ? List.of() : authorizationServers)
                .withPublisher(publisher)
                .withSubscriber(subscriber)
                .withAnonymous(anonymous || dev || demo)
                .withDev(dev)
                .withCookieName(cookieName)
                .withAllowQueryToken(allowQueryToken)
                .withAllowShortHmacKey(allowShortHmacKey)
                .withPublishOrigins(publishOrigins == null ? List.of() : publishOrigins);
    }

    List<String> corsOrigins() {
        return corsOrigins == null ? List.of() : corsOrigins;
    }

    private VerifierConfig verifier(String key, String roleAlgorithm, URI jwks) {
        if (key != null && !key.isEmpty() && jwks != null) {
            throw new IllegalArgumentException("configure either a JWT key or a JWKS URL for a role, not both");
        }
        if (jwks != null) {
            return VerifierConfig.jwks(jwks, jwksAlgorithms);
        }
        if (key == null || key.isEmpty()) {
            return null;
        }
        return VerifierConfig.key(key, roleAlgorithm != null && !roleAlgorithm.isEmpty() ? roleAlgorithm : algorithm);
    }
}
