package dev.herald.hub;

import java.util.Map;

/**
 * A snapshot of the hub's counters.
 *
 * @param subscribers connected subscriptions
 * @param subscribersBySelector connected subscriptions per topic selector they asked for
 * @param updatesPublished updates accepted since start
 * @param slowSubscribersDisconnected subscriptions cut off for passing their budget
 */
public record HubStats(
        int subscribers,
        Map<String, Integer> subscribersBySelector,
        long updatesPublished,
        long slowSubscribersDisconnected) {

    public HubStats {
        subscribersBySelector = Map.copyOf(subscribersBySelector);
    }
}
