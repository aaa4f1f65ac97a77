package dev.herald.presence;

import java.util.List;

/**
 * One page of a collection, in id order.
 *
 * @param subscriptions at most the requested number
 * @param total how many active subscriptions the whole collection holds right now
 * @param more true when subscriptions follow the last one of this page
 */
public record SubscriptionPage(List<ActiveSubscription> subscriptions, int total, boolean more) {
    public SubscriptionPage {
        subscriptions = List.copyOf(subscriptions);
    }

    /** The cursor for the next page: the id of this page's last subscription, or null. */
    public String lastId() {
        return subscriptions.isEmpty() ? null : subscriptions.get(subscriptions.size() - 1).topic();
    }
}
