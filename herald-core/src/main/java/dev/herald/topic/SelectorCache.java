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
    private final Map<String, TopicSelector> entries = new ConcurrentHashMap<>();

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
        if (cached != null) {
            return cached;
        }
        TopicSelector parsed = TopicSelector.parse(selector);
        synchronized (this) {
            TopicSelector raced = entries.get(selector);
            if (raced != null) {
                return raced;
            }
            if (entries.size() >= maxEntries) {
                evictOne();
            }
            entries.put(selector, parsed);
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
        Iterator<String> keys = entries.keySet().iterator();
        if (keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
