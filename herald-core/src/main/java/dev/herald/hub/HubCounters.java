package dev.herald.hub;

import dev.herald.topic.TopicSelector;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The figures behind {@link HubStats} and {@link HubMetrics} that change per subscription or publish, updated from every lane. */
final class HubCounters {
    private final AtomicInteger subscribers = new AtomicInteger();
    /** Those of them made only of 0.x {@code topic} parameters. */
    private final AtomicInteger legacySubscribers = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> bySelector = new ConcurrentHashMap<>();
    private final LongAdder published = new LongAdder();
    private final LongAdder slowDisconnects = new LongAdder();
    private final LongAdder publishFailures = new LongAdder();
    private final LongAdder started = new LongAdder();
    /** By {@link CloseReason} ordinal; the last slot counts subscriptions the client ended. */
    private final LongAdder[] ended = new LongAdder[CloseReason.values().length + 1];

    HubCounters() {
        for (int i = 0; i < ended.length; i++) {
            ended[i] = new LongAdder();
        }
    }

    void added(Subscription subscription) {
        started.increment();
        subscribers.incrementAndGet();
        if (subscription.legacyReader()) {
            legacySubscribers.incrementAndGet();
        }
        for (String selector : distinctSources(subscription)) {
            bySelector.computeIfAbsent(selector, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** @param reason why the hub ended it, or null when the client did (its connection closed) */
    void removed(Subscription subscription, CloseReason reason) {
        ended[reason == null ? ended.length - 1 : reason.ordinal()].increment();
        subscribers.decrementAndGet();
        if (subscription.legacyReader()) {
            legacySubscribers.decrementAndGet();
        }
        for (String selector : distinctSources(subscription)) {
            // Drop the entry at zero so the map only holds selectors someone listens to.
            bySelector.computeIfPresent(selector, (k, n) -> n.decrementAndGet() == 0 ? null : n);
        }
    }

    /** A subscriber naming a topic twice still counts once for it. */
    private static Set<String> distinctSources(Subscription subscription) {
        Set<String> sources = new LinkedHashSet<>();
        for (TopicSelector s : subscription.selectors()) {
            sources.add(s.source());
        }
        return sources;
    }

    void published() {
        published.increment();
    }

    void slowDisconnect() {
        slowDisconnects.increment();
    }

    void publishFailed() {
        publishFailures.increment();
    }

    int subscribers() {
        return subscribers.get();
    }

    int legacySubscribers() {
        return legacySubscribers.get();
    }

    int selectors() {
        return bySelector.size();
    }

    long publishedCount() {
        return published.sum();
    }

    long publishFailureCount() {
        return publishFailures.sum();
    }

    long startedCount() {
        return started.sum();
    }

    /** @param reason why the hub ended them, or null for those the client ended */
    long endedCount(CloseReason reason) {
        return ended[reason == null ? ended.length - 1 : reason.ordinal()].sum();
    }

    HubStats snapshot() {
        Map<String, Integer> counts = new HashMap<>();
        bySelector.forEach((k, v) -> counts.put(k, v.get()));
        return new HubStats(subscribers.get(), counts, published.sum(), slowDisconnects.sum());
    }
}
