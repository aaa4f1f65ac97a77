package dev.herald.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscriptions of this process, sorted by id. Since an id is the collection path followed by
 * encoded segments that never contain {@code /}, one matcher's subscriptions are one contiguous
 * range of keys: listing a collection is a range scan, and a page cursor is simply the last id.
 */
public final class LocalSubscriptionRegistry implements SubscriptionRegistry {
    private final ConcurrentSkipListMap<String, ActiveSubscription> byId = new ConcurrentSkipListMap<>();
    /** Live count per matcher path ({@link SubscriptionTopics#forMatcher}). */
    private final Map<String, Integer> perMatcher = new ConcurrentHashMap<>();
    /** Live count per matcher string, any type (0.x collections). */
    private final Map<String, Integer> perMatch = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    /** Every matcher type seen, sorted as their encoded forms sort in ids. */
    private final ConcurrentSkipListSet<String> types = new ConcurrentSkipListSet<>();

    private static final CompletionStage<Boolean> TRUE = CompletableFuture.completedFuture(true);
    private static final CompletionStage<Boolean> FALSE = CompletableFuture.completedFuture(false);

    /** Completes at once: true when it was not listed yet. */
    @Override
    public CompletionStage<Boolean> add(ActiveSubscription s) {
        if (byId.putIfAbsent(s.topic(), s) != null) {
            return FALSE;
        }
        types.add(SubscriptionTopics.encode(s.matchType()));
        adjust(perMatcher, s.matcherPath(), 1);
        adjust(perMatch, s.match(), 1);
        total.incrementAndGet();
        return TRUE;
    }

    /** Completes at once: true when it was listed. */
    @Override
    public CompletionStage<Boolean> remove(ActiveSubscription s) {
        if (byId.remove(s.topic()) == null) {
            return FALSE;
        }
        adjust(perMatcher, s.matcherPath(), -1);
        adjust(perMatch, s.match(), -1);
        total.decrementAndGet();
        return TRUE;
    }

    @Override
    public Optional<ActiveSubscription> find(String matchType, String match, String subscriber) {
        return Optional.ofNullable(byId.get(SubscriptionTopics.of(matchType, match, subscriber)));
    }

    @Override
    public SubscriptionPage page(SubscriptionScope scope, String after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        List<ActiveSubscription> out = new ArrayList<>(Math.min(limit, 1024));
        boolean more = false;
        for (String prefix : prefixes(scope)) {
            NavigableMap<String, ActiveSubscription> range = after == null || after.compareTo(prefix) < 0
                    ? byId.tailMap(prefix, false) : byId.tailMap(after, false);
            for (Map.Entry<String, ActiveSubscription> e : range.entrySet()) {
                if (!e.getKey().startsWith(prefix)) {
                    break;
                }
                if (out.size() == limit) {
                    more = true;
                    break;
                }
                out.add(e.getValue());
            }
            if (more) {
                break;
            }
        }
        return new SubscriptionPage(out, count(scope), more);
    }

    @Override
    public int count(SubscriptionScope scope) {
        if (scope.match() == null) {
            return total.get();
        }
        Integer n = scope.matchType() == null ? perMatch.get(scope.match())
                : perMatcher.get(SubscriptionTopics.forMatcher(scope.matchType(), scope.match()));
        return n == null ? 0 : n;
    }

    /** The id prefixes a scope covers, in key order. */
    private List<String> prefixes(SubscriptionScope scope) {
        if (scope.match() == null) {
            return List.of(SubscriptionTopics.COLLECTION + '/');
        }
        if (scope.matchType() != null) {
            return List.of(SubscriptionTopics.forMatcher(scope.matchType(), scope.match()) + '/');
        }
        String encodedMatch = SubscriptionTopics.encode(scope.match());
        List<String> prefixes = new ArrayList<>(types.size());
        for (String type : types) {
            prefixes.add(SubscriptionTopics.COLLECTION + '/' + type + '/' + encodedMatch + '/');
        }
        return prefixes;
    }

    /** Counters are created on first use and dropped at zero, so a churn of topics leaves nothing behind. */
    private static void adjust(Map<String, Integer> counts, String key, int delta) {
        counts.merge(key, delta, (n, d) -> n + d <= 0 ? null : n + d);
    }
}
