package dev.herald.protocol.auth;

import dev.herald.topic.TopicSelector;
import java.time.Instant;
import java.util.List;

/**
 * What a verified token allows: its grants, read from the 0.x {@code mercure} claim or from the
 * 1.0 {@code authorization_details}.
 *
 * @param publish selectors the holder may publish to (every topic of an update must match one)
 * @param subscribe selectors whose private updates the holder may receive
 * @param payloadJson the 0.x {@code mercure.payload} value as JSON, or null
 * @param expiresAt the token's {@code exp}, or null when it has none
 * @param payloads the 1.0 {@code subscribe} details carrying a {@code payload}, in token order
 * @param accessToken true for a 1.0 access token, false for a 0.x token (or none): which
 *     protocol's shape the subscriptions API answers a request for the whole collection in
 * @param subject whom the verified token speaks for, for per-subject limits: its {@code iss} and
 *     {@code sub}, or a digest of the token itself when it has no {@code sub}; null without a token
 */
public record Grants(
        List<TopicSelector> publish, List<TopicSelector> subscribe, String payloadJson, Instant expiresAt,
        List<Payload> payloads, boolean accessToken, String subject) {

    public static final Grants NONE = new Grants(List.of(), List.of(), null, null);

    /**
     * The payload of one 1.0 {@code subscribe} authorization detail.
     *
     * @param topics the detail's topics
     * @param json the {@code payload} object as JSON
     */
    public record Payload(List<TopicSelector> topics, String json) {
        public Payload {
            topics = List.copyOf(topics);
        }
    }

    public Grants {
        publish = List.copyOf(publish);
        subscribe = List.copyOf(subscribe);
        payloads = List.copyOf(payloads);
    }

    /** The grants of a 0.x token. */
    public Grants(List<TopicSelector> publish, List<TopicSelector> subscribe, String payloadJson, Instant expiresAt) {
        this(publish, subscribe, payloadJson, expiresAt, List.of(), false);
    }

    /** Grants whose subject is not known (yet). */
    public Grants(List<TopicSelector> publish, List<TopicSelector> subscribe, String payloadJson, Instant expiresAt,
            List<Payload> payloads, boolean accessToken) {
        this(publish, subscribe, payloadJson, expiresAt, payloads, accessToken, null);
    }

    /**
     * What a user the application signed in may receive, without a token: the private updates of
     * {@code subscribe}, never publishing; shown as a 1.0 subscriber by the subscriptions API.
     *
     * @param subject whom they speak for, for per-subject limits
     */
    public static Grants signedIn(String subject, List<TopicSelector> subscribe) {
        return new Grants(List.of(), subscribe, null, null, List.of(), true, subject);
    }

    /** These grants, held by {@code subject}. */
    Grants withSubject(String subject) {
        return new Grants(publish, subscribe, payloadJson, expiresAt, payloads, accessToken, subject);
    }

    /** True when a {@code subscribe} grant matches {@code topic}. */
    public boolean maySubscribeTo(String topic) {
        for (TopicSelector s : subscribe) {
            if (s.matches(topic)) {
                return true;
            }
        }
        return false;
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

    /**
     * The payload attached to one subscription (one matcher): the 0.x {@code mercure.payload}, or
     * (1.0) the payload of the first {@code subscribe} detail one of whose topics matches the
     * subscription's own matcher string, taken as a topic.
     */
    public String payloadFor(String matcherValue) {
        if (payloads.isEmpty()) {
            return payloadJson;
        }
        for (Payload payload : payloads) {
            if (payload.topics().stream().anyMatch(t -> t.matches(matcherValue))) {
                return payload.json();
            }
        }
        return null;
    }
}
