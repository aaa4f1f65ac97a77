package dev.herald.server.auth;

import dev.herald.topic.TopicSelector;
import java.time.Instant;
import java.util.List;

/**
 * What a verified token allows: its grants, read from the {@code mercure} claim.
 *
 * @param publish selectors the holder may publish to (every topic of an update must match one)
 * @param subscribe selectors whose private updates the holder may receive
 * @param payloadJson the {@code mercure.payload} value as JSON, or null
 * @param expiresAt the token's {@code exp}, or null when it has none
 */
public record Grants(
        List<TopicSelector> publish, List<TopicSelector> subscribe, String payloadJson, Instant expiresAt) {

    public static final Grants NONE = new Grants(List.of(), List.of(), null, null);

    public Grants {
        publish = List.copyOf(publish);
        subscribe = List.copyOf(subscribe);
    }

    /** True when every topic matches at least one publish selector. */
    public boolean mayPublishTo(List<String> topics) {
        for (String topic : topics) {
            if (publish.stream().noneMatch(s -> s.matches(topic))) {
                return false;
            }
        }
        return !topics.isEmpty();
    }
}
