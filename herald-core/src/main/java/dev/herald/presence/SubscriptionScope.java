package dev.herald.presence;

import java.util.Objects;

/**
 * Which subscriptions a collection holds.
 *
 * @param matchType a matcher type, or null for any type
 * @param match a matcher string, or null for every subscription (then {@code matchType} is null too)
 */
public record SubscriptionScope(String matchType, String match) {
    public static final SubscriptionScope ALL = new SubscriptionScope(null, null);

    public SubscriptionScope {
        if (match == null && matchType != null) {
            throw new IllegalArgumentException("a matcher type needs a matcher");
        }
    }

    /** 1.0: the subscriptions of one matcher. */
    public static SubscriptionScope matcher(String matchType, String match) {
        return new SubscriptionScope(Objects.requireNonNull(matchType), Objects.requireNonNull(match));
    }

    /** 0.x: the subscriptions whose matcher string is {@code topic}, whatever their type. */
    public static SubscriptionScope topic(String topic) {
        return new SubscriptionScope(null, Objects.requireNonNull(topic));
    }
}
