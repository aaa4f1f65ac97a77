package dev.herald.topic;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses each selector string once and hands out the same {@link TopicSelector} afterwards.
 * Subscribers repeat the same few selectors, and compiling a URI template is far dearer than a
 * map lookup.
 *
 * <p>Thread-safe. Hits are lock-free; misses parse outside any lock and insert under the cache's
 * monitor, so the cache never holds more than {@code maxEntries}. When full, an insert evicts
 * one arbitrary entry (the first in hash order, roughly random): no bookkeeping on the hit
 * path, and an evicted selector that is still in use is simply parsed again. Selectors that fail
 * to parse are not cached; the exception reaches the caller every time.
 */
public final class SelectorCache {

    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final int maxEntries;
    /** Keyed by the 0.x selector string, or by a {@link MatcherKey} for 1.0 matchers. */
    private final Map<Object, TopicSelector> entries = new ConcurrentHashMap<>();

    private record MatcherKey(MatcherType type, String value, String hubUrl) {}

    public SelectorCache() {
        this(DEFAULT_MAX_ENTRIES);
    }

    public SelectorCache(int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /**
     * The selector for {@code selector}, parsed on first use.
     *
     * @throws IllegalArgumentException when the selector is empty or malformed
     */
    public TopicSelector get(String selector) {
        TopicSelector cached = selector == null ? null : entries.get(selector);
        return cached != null ? cached : insert(selector, TopicSelector.parse(selector));
    }

    /**
     * The 1.0 matcher of {@code type} for {@code value}, compiled on first use by
     * {@link TopicMatchers#compile}.
     *
     * @throws IllegalArgumentException when the matcher is empty or invalid for its type
     */
    public TopicSelector get(MatcherType type, String value, String hubUrl) {
        MatcherKey key = new MatcherKey(type, value, type == MatcherType.URLPATTERN ? hubUrl : null);
        TopicSelector cached = entries.get(key);
        return cached != null ? cached : insert(key, TopicMatchers.compile(type, value, hubUrl));
    }

    private TopicSelector insert(Object key, TopicSelector parsed) {
        synchronized (this) {
            TopicSelector raced = entries.get(key);
            if (raced != null) {
                return raced;
            }
            if (entries.size() >= maxEntries) {
                evictOne();
            }
            entries.put(key, parsed);
        }
        return parsed;
    }

    /** How many selectors are cached now. */
    public int size() {
        return entries.size();
    }

    public int maxEntries() {
        return maxEntries;
    }

    private void evictOne() {
        Iterator<Object> keys = entries.keySet().iterator();
        if (keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
