package dev.herald.protocol.auth;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.protocol.HubRequest;
import dev.herald.topic.SelectorCache;
import java.net.URI;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a request may publish, and what a subscriber may receive.
 *
 * <p>A token whose header {@code typ} is {@code at+jwt} (or {@code application/at+jwt}) is a
 * Mercure 1.0 access token: it is verified only with the keys of the trusted issuer its
 * {@code iss} names, its {@code aud} must contain the hub's resource identifier, and its grants
 * come from {@code authorization_details}. Any other token is a legacy (0.x) token, verified with
 * the publisher or subscriber key, its grants in the {@code mercure} claim.
 */
public final class Authorizer {
    private static final Logger log = LoggerFactory.getLogger(Authorizer.class);
    private final AuthConfig config;
    private final TokenVerifier publishers;
    private final TokenVerifier subscribers;
    private final Map<String, TokenVerifier> issuerPublishers = new HashMap<>();
    private final Map<String, TokenVerifier> issuerSubscribers = new HashMap<>();
    private final SelectorCache matchers = new SelectorCache(1000);

    public Authorizer(AuthConfig config) {
        this.config = config;
        this.publishers = config.publisher() == null ? null
                : new TokenVerifier(config.publisher(), "publisher", null, config.allowShortHmacKey());
        this.subscribers = config.subscriber() == null ? null
                : new TokenVerifier(config.subscriber(), "subscriber", null, config.allowShortHmacKey());
        for (TokenVerifier v : new TokenVerifier[] {publishers, subscribers}) {
            if (v != null && v.usesShortSecret()) {
                log.warn("""

                        ************************************************************************
                        *  A legacy (0.x) JWT key is shorter than 32 bytes and is accepted only  *
                        *  because of --allow-short-hmac-key. Short HMAC secrets can be guessed  *
                        *  offline from any token: rotate to a key of at least 32 random bytes.  *
                        ************************************************************************""");
                break;
            }
        }
        config.trustedIssuers().forEach((issuer, keys) -> {
            if (keys.publisher() != null) {
                issuerPublishers.put(issuer, new TokenVerifier(keys.publisher(), "publisher", issuer));
            }
            if (keys.subscriber() != null) {
                issuerSubscribers.put(issuer, new TokenVerifier(keys.subscriber(), "subscriber", issuer));
            }
        });
    }

    /** True when the hub verifies some kind of publisher token. */
    private boolean publishersConfigured() {
        return publishers != null || !issuerPublishers.isEmpty();
    }

    private boolean subscribersConfigured() {
        return subscribers != null || !issuerSubscribers.isEmpty();
    }

    /**
     * Verifies a presented token of either kind for one role.
     *
     * @param hubUrl the hub URL the request reached: the default resource identifier and the base of
     *     URL patterns
     */
    private Grants verify(PresentedToken presented, TokenVerifier legacy, Map<String, TokenVerifier> issuers, String role,
            String hubUrl) {
        String token = presented.token();
        String issuer;
        try {
            JWT parsed = JWTParser.parse(token);
            if (!(parsed instanceof SignedJWT) || !AccessTokens.isAccessTokenType(parsed.getHeader().getType())) {
                if (legacy == null) {
                    throw AuthException.unauthorized("Invalid token: this hub accepts no legacy (0.x) "
                            + role + " tokens, only access tokens (typ at+jwt)");
                }
                return verifiedLegacy(legacy, token);
            }
            if (presented.source() == PresentedToken.Source.LEGACY_COOKIE) {
                throw AuthException.unauthorized("Invalid token: access tokens (typ at+jwt) are not accepted in the "
                        + AuthConfig.LEGACY_COOKIE + " cookie; use the " + config.cookieName() + " cookie");
            }
            issuer = parsed.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            if (legacy != null) {
                return verifiedLegacy(legacy, token); // the legacy verifier names the problem as it always did
            }
            throw AuthException.unauthorized("Invalid token: malformed JWT");
        }
        TokenVerifier verifier = issuer == null ? null : issuers.get(issuer);
        if (verifier == null) {
            throw AuthException.unauthorized("Invalid token: issuer (iss) not trusted for " + role + " tokens");
        }
        JWTClaimsSet claims = verifier.verifyClaims(token);
        String resource = config.resourceIdentifier() != null ? config.resourceIdentifier() : hubUrl;
        List<String> audience = claims.getAudience(); // a single string or an array
        if (audience == null || !audience.contains(resource)) {
            throw AuthException.unauthorized("Invalid token: the audience (aud) does not contain this hub's "
                    + "resource identifier " + resource);
        }
        return AuthorizationDetailsParser.parse(claims, hubUrl, matchers).withSubject(TokenSubject.of(claims, token));
    }

    private static Grants verifiedLegacy(TokenVerifier legacy, String token) {
        JWTClaimsSet claims = legacy.verifyClaims(token);
        return MercureClaimParser.parse(claims).withSubject(TokenSubject.of(claims, token));
    }

    public AuthConfig config() {
        return config;
    }

    /**
     * Checks the publisher's token before the body is even parsed.
     *
     * @return the token's claims, or null in dev mode without a token (anything may be published)
     * @throws AuthException 401 without a valid token, 403 for a cookie from a foreign origin
     */
    public Grants authenticatePublisher(HubRequest request, Map<String, List<String>> query, String hubUrl) {
        PresentedToken token = PresentedToken.find(request, query, config);
        if (token == null || !publishersConfigured()) {
            if (config.dev()) {
                return null;
            }
            String message = !publishersConfigured()
                    ? "Publishing is disabled: the hub has no publisher JWT key (see --publisher-jwt-key, or --dev)"
                    : "Publishing requires a JWT: send Authorization: Bearer <token>";
            throw token == null ? AuthException.missing(message) : AuthException.unauthorized(message);
        }
        if ((token.source() == PresentedToken.Source.COOKIE || token.source() == PresentedToken.Source.LEGACY_COOKIE)
                && !originAllowed(request)) {
            throw AuthException.forbidden(
                    "Publishing with the cookie requires an Origin or Referer from the allowed publish origins");
        }
        return verify(token, publishers, issuerPublishers, "publisher", hubUrl);
    }

    /** @throws AuthException 403 unless {@code claims} allow every one of {@code topics} */
    public static void checkPublishScope(Grants claims, List<String> topics) {
        if (claims == null) {
            return; // dev mode
        }
        for (String topic : topics) {
            if (!claims.mayPublishTo(List.of(topic))) {
                throw AuthException.forbidden("The token does not allow publishing to topic: " + topic);
            }
        }
    }

    /**
     * What the subscriber may receive: its private-update selectors and token expiry.
     *
     * @throws AuthException when a token is required and missing, or a presented token is invalid
     */
    public Grants authorizeSubscribe(HubRequest request, Map<String, List<String>> query, String hubUrl) {
        PresentedToken token = PresentedToken.find(request, query, config);
        if (token == null || (!subscribersConfigured() && config.anonymous())) {
            if (config.anonymous()) {
                return Grants.NONE;
            }
            throw AuthException.missing(
                    "Subscribing requires a JWT: send Authorization: Bearer <token> or the "
                            + config.cookieName() + " cookie");
        }
        if (!subscribersConfigured()) {
            throw AuthException.unauthorized("Subscribing is disabled: the hub has no subscriber JWT key");
        }
        return verify(token, subscribers, issuerSubscribers, "subscriber", hubUrl);
    }

    /**
     * As {@link #authorizeSubscribe(HubRequest, Map, String)} for a request from a user the
     * application has signed in itself (a session, HTTP Basic): {@code signedIn} are their grants,
     * or null when nobody is signed in. A Mercure token the request carries (a Bearer header, the
     * query, the cookie) still decides; without one, the signed-in user's grants do. An
     * {@code Authorization} header of another scheme then belongs to the application's own
     * sign-in, not to Herald, and is not a malformed token.
     */
    public Grants authorizeSubscribe(HubRequest request, Map<String, List<String>> query, String hubUrl,
            Grants signedIn) {
        if (signedIn == null) {
            return authorizeSubscribe(request, query, hubUrl);
        }
        HubRequest bearerOnly = withoutOtherSchemes(request);
        if (PresentedToken.find(bearerOnly, query, config) == null) {
            return signedIn;
        }
        return authorizeSubscribe(bearerOnly, query, hubUrl);
    }

    /** {@code request} with only its Bearer {@code Authorization} headers. */
    private static HubRequest withoutOtherSchemes(HubRequest request) {
        return new HubRequest() {
            @Override
            public String header(String name) {
                List<String> values = headers(name);
                return values.isEmpty() ? null : values.get(0);
            }

            @Override
            public List<String> headers(String name) {
                List<String> values = request.headers(name);
                if (!name.equalsIgnoreCase("Authorization")) {
                    return values;
                }
                return values.stream().filter(v -> v.regionMatches(true, 0, "Bearer", 0, 6)).toList();
            }

            @Override
            public boolean secure() {
                return request.secure();
            }
        };
    }

    /**
     * Reading the subscriptions API: a valid subscriber token is required even on a hub open to
     * anonymous subscribers, and one of its {@code subscribe} grants must match {@code path}, the
     * requested resource in its relative form (the topic of the matching subscription events).
     *
     * @throws AuthException 401 without a valid token, 403 when no grant covers {@code path}
     */
    public Grants authorizeSubscriptionsApi(HubRequest request, Map<String, List<String>> query, String hubUrl,
            String path) {
        PresentedToken token = PresentedToken.find(request, query, config);
        if (token == null) {
            throw AuthException.missing("The subscriptions API requires a JWT: send Authorization: Bearer <token> or the "
                    + config.cookieName() + " cookie");
        }
        if (!subscribersConfigured()) {
            throw AuthException.unauthorized("The subscriptions API is closed: the hub has no subscriber JWT key");
        }
        Grants grants = verify(token, subscribers, issuerSubscribers, "subscriber", hubUrl);
        if (!grants.maySubscribeTo(path)) {
            throw AuthException.forbidden("The token grants no subscribe access to " + path);
        }
        return grants;
    }

    /** CSRF guard for cookie-authenticated publishing. */
    private boolean originAllowed(HubRequest request) {
        String origin = request.header("Origin");
        if (origin == null) {
            origin = originOf(request.header("Referer"));
        }
        if (origin == null) {
            return false;
        }
        for (String allowed : config.publishOrigins()) {
            if (allowed.equals("*") || allowed.equalsIgnoreCase(stripSlash(origin))) {
                return true;
            }
        }
        return false;
    }

    private static String originOf(String referer) {
        if (referer == null) {
            return null;
        }
        try {
            URI uri = new URI(referer);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String stripSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}
