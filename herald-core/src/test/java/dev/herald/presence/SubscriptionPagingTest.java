package dev.herald.presence;

import static dev.herald.presence.LocalSubscriptionRegistryTest.sub;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pages cut by {@code after} cursors: every scope, boundaries, churn between pages, size. */
class SubscriptionPagingTest {
    private static final List<String> TYPES = List.of("exact", "urlpattern", "uritemplate");
    /** Matchers chosen to sit next to each other in id order: prefixes of one another, escapes. */
    private static final List<String> MATCHES = List.of("m", "m2", "m/x", "m%", "mm", "https://example.com/m", "é");

    private final LocalSubscriptionRegistry registry = new LocalSubscriptionRegistry();
    private final Random random = new Random(42);

    private List<ActiveSubscription> fill(int n) {
        List<ActiveSubscription> added = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ActiveSubscription s = sub(uuid(), TYPES.get(random.nextInt(TYPES.size())),
                    MATCHES.get(random.nextInt(MATCHES.size())));
            registry.add(s);
            added.add(s);
        }
        return added;
    }

    private String uuid() {
        return "urn:uuid:" + new UUID(random.nextLong(), random.nextLong());
    }

    /** Follows cursors to the end, checking each page's shape on the way. */
    private List<ActiveSubscription> readAll(SubscriptionScope scope, int limit) {
        List<ActiveSubscription> out = new ArrayList<>();
        String after = null;
        while (true) {
            SubscriptionPage page = registry.page(scope, after, limit);
            assertThat(page.subscriptions().size()).isLessThanOrEqualTo(limit);
            assertThat(page.total()).isEqualTo(registry.count(scope));
            out.addAll(page.subscriptions());
            if (!page.more()) {
                return out;
            }
            assertThat(page.subscriptions()).as("a page followed by more is full").hasSize(limit);
            after = page.lastId();
        }
    }

    private static List<ActiveSubscription> expected(List<ActiveSubscription> added, Predicate<ActiveSubscription> in) {
        return added.stream().filter(in).sorted(Comparator.comparing(ActiveSubscription::topic)).toList();
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 2, 7, 299, 300, 301, 1000})
    void theWholeCollectionComesOnceInIdOrder(int limit) {
        List<ActiveSubscription> added = fill(300);

        assertThat(readAll(SubscriptionScope.ALL, limit)).containsExactlyElementsOf(expected(added, s -> true));
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 3, 1000})
    void aMatcherCollectionHoldsThatMatcherAndTypeOnly(int limit) {
        List<ActiveSubscription> added = fill(300);
        for (String type : TYPES) {
            for (String match : MATCHES) {
                assertThat(readAll(SubscriptionScope.matcher(type, match), limit)).as("%s %s", type, match)
                        .containsExactlyElementsOf(expected(added,
                                s -> s.matchType().equals(type) && s.match().equals(match)))
                        .isNotEmpty();
            }
        }
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 2, 5, 1000})
    void a0xTopicCollectionSpansEveryType(int limit) {
        List<ActiveSubscription> added = fill(300);
        for (String match : MATCHES) {
            List<ActiveSubscription> all = readAll(SubscriptionScope.topic(match), limit);

            assertThat(all).as(match).containsExactlyElementsOf(expected(added, s -> s.match().equals(match)));
            assertThat(all).extracting(ActiveSubscription::matchType).containsAll(TYPES);
        }
    }

    @Test
    void aPageEndingWithOneTypeSaysMoreWhenAnotherTypeFollows() {
        registry.add(sub("urn:uuid:1", "exact", "m"));
        registry.add(sub("urn:uuid:2", "urlpattern", "m"));

        SubscriptionPage first = registry.page(SubscriptionScope.topic("m"), null, 1);
        SubscriptionPage second = registry.page(SubscriptionScope.topic("m"), first.lastId(), 1);

        assertThat(first.subscriptions()).containsExactly(sub("urn:uuid:1", "exact", "m"));
        assertThat(first.more()).isTrue();
        assertThat(second.subscriptions()).containsExactly(sub("urn:uuid:2", "urlpattern", "m"));
        assertThat(second.more()).isFalse();
    }

    @Test
    void aFullLastPageSaysNoMore() {
        registry.add(sub("urn:uuid:1", "exact", "m"));
        registry.add(sub("urn:uuid:2", "exact", "m"));
        registry.add(sub("urn:uuid:3", "exact", "n")); // outside the scope, right after it

        SubscriptionPage page = registry.page(SubscriptionScope.matcher("exact", "m"), null, 2);

        assertThat(page.subscriptions()).hasSize(2);
        assertThat(page.more()).isFalse();
        assertThat(registry.page(SubscriptionScope.ALL, null, 2).more()).isTrue();
    }

    @Test
    void aCursorOfAnEntryRemovedSinceStillResumesAfterIt() {
        List<ActiveSubscription> added = fill(50);
        List<ActiveSubscription> sorted = expected(added, s -> true);
        SubscriptionPage first = registry.page(SubscriptionScope.ALL, null, 10);
        registry.remove(sorted.get(9)); // the cursor's own entry

        SubscriptionPage second = registry.page(SubscriptionScope.ALL, first.lastId(), 10);

        assertThat(second.subscriptions()).containsExactlyElementsOf(sorted.subList(10, 20));
    }

    @Test
    void churnBetweenPagesNeitherRepeatsNorSkipsWhatStayed() {
        List<ActiveSubscription> added = fill(2000);
        Set<ActiveSubscription> removed = new HashSet<>();
        Set<String> seen = new HashSet<>();
        TreeSet<String> order = new TreeSet<>();
        String after = null;
        SubscriptionPage page;
        do {
            page = registry.page(SubscriptionScope.ALL, after, 37);
            for (ActiveSubscription s : page.subscriptions()) {
                assertThat(seen.add(s.topic())).as("returned twice: %s", s.topic()).isTrue();
                assertThat(after == null || s.topic().compareTo(after) > 0).as("in id order").isTrue();
                order.add(s.topic());
            }
            after = page.lastId() == null ? after : page.lastId();
            // between pages: some leave (seen or not yet), some arrive (before or after the cursor)
            for (int i = 0; i < 10; i++) {
                ActiveSubscription gone = added.get(random.nextInt(added.size()));
                registry.remove(gone);
                removed.add(gone);
                ActiveSubscription fresh = sub(uuid(), TYPES.get(random.nextInt(3)), MATCHES.get(random.nextInt(7)));
                registry.add(fresh);
            }
        } while (page.more());

        for (ActiveSubscription s : added) {
            if (!removed.contains(s)) {
                assertThat(seen).as("present throughout, so listed").contains(s.topic());
            }
        }
        assertThat(removed).as("the churn did remove entries").isNotEmpty();
    }

    @Test
    void twentyThousandSubscriptionsComeInTwentyPagesOfAThousand() {
        List<ActiveSubscription> added = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ActiveSubscription s = sub(uuid(), i % 2 == 0 ? "exact" : "urlpattern", "https://example.com/live/" + (i % 10));
            registry.add(s);
            added.add(s);
        }
        int pages = 0;
        List<ActiveSubscription> all = new ArrayList<>();
        String after = null;
        SubscriptionPage page;
        do {
            page = registry.page(SubscriptionScope.ALL, after, 1000);
            pages++;
            assertThat(page.total()).isEqualTo(20_000);
            all.addAll(page.subscriptions());
            after = page.lastId();
        } while (page.more());

        assertThat(pages).isEqualTo(20);
        assertThat(all).containsExactlyElementsOf(expected(added, s -> true));
        assertThat(readAll(SubscriptionScope.topic("https://example.com/live/3"), 1000)).hasSize(2000);
        assertThat(registry.count(SubscriptionScope.matcher("exact", "https://example.com/live/4"))).isEqualTo(2000);
        assertThat(registry.count(SubscriptionScope.matcher("urlpattern", "https://example.com/live/4"))).isZero();
    }
}
