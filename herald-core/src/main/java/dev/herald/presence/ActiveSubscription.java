package dev.herald.presence;

import java.util.Objects;

/**
 * One topic matcher of one live connection: what a subscription event announces and the
 * subscriptions API lists. A connection with three matchers holds three, sharing its subscriber id.
 * Its topics are encoded once, here: the registry keys on them, and each change is announced in
 * both forms and rendered into both documents.
 */
public final class ActiveSubscription {
    private final String subscriber;
    private final String matchType;
    private final String match;
    private final String payloadJson;
    private final String matcherPath;
    private final String topic;
    private final String legacyTopic;

    /**
     * @param subscriber the connection's hub-generated identifier ({@link SubscriberIds#next()})
     * @param matchType the matcher type in its canonical case ({@code exact}, {@code urlpattern}; a
     *     0.x URI template selector is {@code uritemplate})
     * @param match the matcher string exactly as the subscriber sent it
     * @param payloadJson the {@code payload} its token attaches to this matcher, as JSON, or null
     */
    public ActiveSubscription(String subscriber, String matchType, String match, String payloadJson) {
        this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
        this.matchType = Objects.requireNonNull(matchType, "matchType");
        this.match = Objects.requireNonNull(match, "match");
        this.payloadJson = payloadJson;
        this.matcherPath = SubscriptionTopics.forMatcher(matchType, match);
        this.topic = matcherPath + '/' + SubscriptionTopics.encode(subscriber);
        this.legacyTopic = SubscriptionTopics.legacyOf(match, subscriber);
    }

    public String subscriber() {
        return subscriber;
    }

    public String matchType() {
        return matchType;
    }

    public String match() {
        return match;
    }

    public String payloadJson() {
        return payloadJson;
    }

    /** The path of its matcher's collection, {@link SubscriptionTopics#forMatcher}. */
    public String matcherPath() {
        return matcherPath;
    }

    /** The topic of its 1.0 subscription events, which is also its id and its API path. */
    public String topic() {
        return topic;
    }

    /** The topic of its 0.x subscription events: no matcher type in the path. */
    public String legacyTopic() {
        return legacyTopic;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActiveSubscription other && subscriber.equals(other.subscriber)
                && matchType.equals(other.matchType) && match.equals(other.match)
                && Objects.equals(payloadJson, other.payloadJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subscriber, matchType, match, payloadJson);
    }

    @Override
    public String toString() {
        return "ActiveSubscription[subscriber=" + subscriber + ", matchType=" + matchType + ", match=" + match
                + ", payloadJson=" + payloadJson + "]";
    }
}
