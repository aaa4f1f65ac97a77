package dev.herald.hub;

import dev.herald.event.Update;
import dev.herald.presence.SubscriptionTopics;
import dev.herald.topic.TopicSelector;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a subscriber asked for and may see.
 *
 * @param selectors the topics it listens to (at least one)
 * @param privateSelectors topics whose private updates it is authorized to receive; empty for
 *     anonymous subscribers, which then receive public updates only
 * @param resume where to start
 * @param expiresAt when the hub ends the subscription (its token expires, or the connection
 *     reaches its maximum lifetime), or null for never
 * @param legacyReader true when the subscriber asked in 0.x terms ({@code topic=}): the hub's
 *     subscription events reach it in their 0.x form, and 1.0 subscribers get the 1.0 form
 */
public record Subscription(
        List<TopicSelector> selectors, List<TopicSelector> privateSelectors, ResumePoint resume,
        Instant expiresAt, boolean legacyReader) {

    public Subscription {
        selectors = List.copyOf(selectors);
        privateSelectors = List.copyOf(privateSelectors);
        Objects.requireNonNull(resume, "resume");
        if (selectors.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one topic selector");
        }
    }

    /** A 1.0 subscription that does not expire. */
    public Subscription(List<TopicSelector> selectors, List<TopicSelector> privateSelectors, ResumePoint resume) {
        this(selectors, privateSelectors, resume, null, false);
    }

    /** True when this subscriber should receive {@code update}. */
    public boolean accepts(Update update) {
        // The form check first: it is a few comparisons, where a grant may be a URL pattern to run.
        if (update.privateUpdate()
                && (!SubscriptionTopics.formFits(update, legacyReader) || !anyMatches(privateSelectors, update))) {
            return false;
        }
        return anyMatches(selectors, update);
    }

    /** True when every selector is an exact topic, so the hub can index it by topic. */
    boolean exactOnly() {
        for (TopicSelector s : selectors) {
            if (!s.isExact()) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyMatches(List<TopicSelector> selectors, Update update) {
        List<String> topics = update.topics();
        for (int i = 0; i < topics.size(); i++) {
            String topic = topics.get(i);
            for (int j = 0; j < selectors.size(); j++) {
                if (selectors.get(j).matches(topic)) {
                    return true;
                }
            }
        }
        return false;
    }
}
