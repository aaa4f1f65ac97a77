package dev.herald.server.auth;

import java.util.List;

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
 */
public record AuthConfig(
        VerifierConfig publisher,
        VerifierConfig subscriber,
        boolean anonymous,
        boolean dev,
        String cookieName,
        List<String> publishOrigins) {

    public static final String DEFAULT_COOKIE = "mercureAuthorization";

    public AuthConfig {
        publishOrigins = List.copyOf(publishOrigins);
        if (cookieName == null || cookieName.isBlank() || !cookieName.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("invalid cookie name: " + cookieName);
        }
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
        return new AuthConfig(publisher, subscriber, anonymous, dev, cookieName, publishOrigins);
    }

    public AuthConfig withSubscriber(VerifierConfig subscriber) {
        return new AuthConfig(publisher, subscriber, anonymous, dev, cookieName, publishOrigins);
    }

    public AuthConfig withAnonymous(boolean anonymous) {
        return new AuthConfig(publisher, subscriber, anonymous, dev, cookieName, publishOrigins);
    }

    public AuthConfig withDev(boolean dev) {
        return new AuthConfig(publisher, subscriber, anonymous, dev, cookieName, publishOrigins);
    }

    public AuthConfig withPublishOrigins(List<String> origins) {
        return new AuthConfig(publisher, subscriber, anonymous, dev, cookieName, origins);
    }

    public AuthConfig withCookieName(String name) {
        return new AuthConfig(publisher, subscriber, anonymous, dev, name, publishOrigins);
    }
}
