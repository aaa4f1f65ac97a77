package dev.herald.app.cli;

import dev.herald.protocol.auth.AuthConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says at startup, plainly, who can publish and subscribe. */
final class SecurityBanner {
    private static final Logger log = LoggerFactory.getLogger(SecurityBanner.class);

    private SecurityBanner() {}

    static void log(AuthConfig auth) {
        if (auth.dev()) {
            log.warn("*******************************************************************************");
            log.warn("* DEV MODE: ANYONE WHO CAN REACH THIS HUB CAN PUBLISH, WITHOUT A TOKEN.        *");
            log.warn("* For local experiments only. Configure --publisher-jwt-key and drop --dev.   *");
            log.warn("*******************************************************************************");
        } else if (auth.publisher() == null && auth.trustedIssuers().values().stream()
                .allMatch(i -> i.publisher() == null)) {
            log.warn("No publisher JWT key: publishing over HTTP is disabled (set --publisher-jwt-key, "
                    + "--publisher-jwks-url or HERALD_PUBLISHER_JWT_KEY)");
        } else {
            log.info("Publishing requires a valid JWT");
        }
        if (!auth.trustedIssuers().isEmpty()) {
            log.info("Mercure 1.0 access tokens (typ at+jwt) accepted from {}, for the resource {}",
                    auth.trustedIssuers().keySet(), auth.resourceIdentifier() != null ? auth.resourceIdentifier()
                            : "http://<Host>/.well-known/mercure as requested");
        }
        if (auth.publisher() != null || auth.subscriber() != null) {
            log.info("Legacy (0.x) tokens accepted with the publisher/subscriber keys");
        }
        if (auth.anonymous()) {
            log.info("Subscribers without a token receive public updates");
        } else if (auth.subscriber() == null && auth.trustedIssuers().values().stream()
                .allMatch(i -> i.subscriber() == null)) {
            log.warn("No subscriber JWT key and --anonymous is off: nobody can subscribe");
        } else {
            log.info("Subscribers need a valid JWT");
        }
    }
}
