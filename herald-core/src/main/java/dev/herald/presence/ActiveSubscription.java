package dev.herald.presence;

import java.util.Objects;

/**
 * One topic matcher of one live connection: what a subscription event announces and the
 * subscriptions API lists. A connection with three matchers holds three, sharing its subscriber id.
 *
 * @param subscriber the connection's hub-generated identifier ({@link SubscriberIds#next()})
 * @param matchType the matcher type in its canonical case ({@code exact}, {@code urlpattern}; a 0.x
 *     URI template selector is {@code uritemplate})
 * @param match the matcher string exactly as the subscriber sent it
 * @param payloadJson the {@code payload} its token attaches to this matcher, as JSON, or null
 */
public record ActiveSubscription(String subscriber, String matchType, String match, String payloadJson) {
    public ActiveSubscription {
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(matchType, "matchType");
        Objects.requireNonNull(match, "match");
    }

    /** The topic of its 1.0 subscription events, which is also its id and its API path. */
    public String topic() {
        return SubscriptionTopics.of(matchType, match, subscriber);
    }

    /** The topic of its 0.x subscription events: no matcher type in the path. */
    public String legacyTopic() {
        return SubscriptionTopics.legacyOf(match, subscriber);
    }
}
