package dev.herald.presence;

import java.util.Optional;

/**
 * The active subscriptions the subscriptions API lists. This is the seam for a cluster: the hub
 * announces changes as ordinary updates through its transport, so a transport shared by several
 * nodes already carries the events everywhere; what one node cannot know alone is the list. A
 * cluster registry implements this interface over shared state (each node's subscriptions under a
 * lease it renews, so a node that dies takes its entries with it and a survivor announces them
 * inactive), and the API reads it unchanged.
 *
 * <p>Implementations are safe for concurrent use: connections open and close on every event loop.
 */
public interface SubscriptionRegistry {
    void add(ActiveSubscription subscription);

    void remove(ActiveSubscription subscription);

    Optional<ActiveSubscription> find(String matchType, String match, String subscriber);

    /**
     * Up to {@code limit} subscriptions of {@code scope} whose id sorts after {@code after} (null:
     * from the first), in id order: a cursor that stays valid while subscriptions come and go.
     */
    SubscriptionPage page(SubscriptionScope scope, String after, int limit);

    /** How many subscriptions {@code scope} holds; constant time, for "N viewers" displays. */
    int count(SubscriptionScope scope);
}
