package dev.herald.client;

import java.util.Objects;

/**
 * One topic matcher of a subscription, as the subscribe URL carries it: a Mercure 1.0 {@code match}
 * (exact, byte for byte) or {@code match_urlpattern} (a WHATWG URL Pattern such as
 * {@code https://example.com/books/:id}), or, for hubs that speak only Mercure 0.x, a {@code topic}
 * selector (exact or an RFC 6570 template such as {@code https://example.com/books/{id}}).
 * {@code *} matches every topic whatever the kind.
 *
 * @param parameter the query parameter: {@code match}, {@code match_urlpattern} or {@code topic}
 * @param value the matcher itself
 */
public record TopicMatcher(String parameter, String value) {

    public TopicMatcher {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a topic matcher must not be empty");
        }
    }

    /** Matches exactly {@code topic}. */
    public static TopicMatcher exact(String topic) {
        return new TopicMatcher("match", topic);
    }

    /** Matches the topics of a WHATWG URL Pattern; relative patterns resolve against the hub URL. */
    public static TopicMatcher urlPattern(String pattern) {
        return new TopicMatcher("match_urlpattern", pattern);
    }

    /** A Mercure 0.x {@code topic} selector (exact, {@code *} or URI template), for 0.x hubs. */
    public static TopicMatcher legacyTopic(String selector) {
        return new TopicMatcher("topic", selector);
    }
}
