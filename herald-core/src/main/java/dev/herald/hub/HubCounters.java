package dev.herald.hub;

import dev.herald.topic.TopicSelector;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The figures behind {@link HubStats}, updated from every lane. */
final class HubCounters {
    private final AtomicInteger subscribers = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> bySelector = new ConcurrentHashMap<>();
    private final LongAdder published = new LongAdder();
    private final LongAdder slowDisconnects = new LongAdder();

    void added(Subscription subscription) {
        subscribers.incrementAndGet();
        for (String selector : distinctSources(subscription)) {
            bySelector.computeIfAbsent(selector, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    void removed(Subscription subscription) {
        subscribers.decrementAndGet();
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

    HubStats snapshot() {
        Map<String, Integer> counts = new HashMap<>();
        bySelector.forEach((k, v) -> counts.put(k, v.get()));
        return new HubStats(subscribers.get(), counts, published.sum(), slowDisconnects.sum());
    }
}
