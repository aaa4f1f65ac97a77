package dev.herald.server.auth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Decides whether a request may publish, and what a subscriber may receive. */
public final class Authorizer {
    private final AuthConfig config;
    private final TokenVerifier publishers;
    private final TokenVerifier subscribers;

    public Authorizer(AuthConfig config) {
        this.config = config;
        this.publishers = config.publisher() == null ? null : new TokenVerifier(config.publisher(), "publisher");
        this.subscribers = config.subscriber() == null ? null : new TokenVerifier(config.subscriber(), "subscriber");
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
    public Grants authenticatePublisher(HttpRequest request, Map<String, List<String>> query) {
        PresentedToken token = PresentedToken.find(request, query, config.cookieName());
        if (token == null || publishers == null) {
            if (config.dev()) {
                return null;
            }
            throw AuthException.unauthorized(publishers == null
                    ? "Publishing is disabled: the hub has no publisher JWT key (see --publisher-jwt-key, or --dev)"
                    : "Publishing requires a JWT: send Authorization: Bearer <token>");
        }
        if (token.source() == PresentedToken.Source.COOKIE && !originAllowed(request)) {
            throw AuthException.forbidden(
                    "Publishing with the cookie requires an Origin or Referer from the allowed publish origins");
        }
        return publishers.verify(token.token());
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
    public Grants authorizeSubscribe(HttpRequest request, Map<String, List<String>> query) {
        PresentedToken token = PresentedToken.find(request, query, config.cookieName());
        if (token == null || (subscribers == null && config.anonymous())) {
            if (config.anonymous()) {
                return Grants.NONE;
            }
            throw AuthException.unauthorized(
                    "Subscribing requires a JWT: send Authorization: Bearer <token> or the "
                            + config.cookieName() + " cookie");
        }
        if (subscribers == null) {
            throw AuthException.unauthorized("Subscribing is disabled: the hub has no subscriber JWT key");
        }
        return subscribers.verify(token.token());
    }

    /** CSRF guard for cookie-authenticated publishing. */
    private boolean originAllowed(HttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null) {
            origin = originOf(request.headers().get(HttpHeaderNames.REFERER));
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
