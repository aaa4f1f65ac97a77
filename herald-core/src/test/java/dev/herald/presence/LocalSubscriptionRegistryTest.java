package dev.herald.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Membership and counts; paging has its own class. */
class LocalSubscriptionRegistryTest {
    private static final String A = "urn:uuid:00000000-0000-4000-8000-00000000000a";
    private static final String B = "urn:uuid:00000000-0000-4000-8000-00000000000b";
    private static final String BOOK = "https://example.com/books/1";
    private static final String PATTERN = "https://example.com/books/:id";

    private final LocalSubscriptionRegistry registry = new LocalSubscriptionRegistry();

    static ActiveSubscription sub(String subscriber, String type, String match) {
        return new ActiveSubscription(subscriber, type, match, null);
    }

    @Test
    void anAddedSubscriptionIsFoundByItsThreeVariablesUntilRemoved() {
        ActiveSubscription s = new ActiveSubscription(A, "exact", BOOK, "{\"x\":1}");
        registry.add(s);

        assertThat(registry.find("exact", BOOK, A)).contains(s);
        assertThat(registry.find("urlpattern", BOOK, A)).as("another type").isEmpty();
        assertThat(registry.find("exact", BOOK, B)).as("another subscriber").isEmpty();
        assertThat(registry.find("exact", BOOK + "/", A)).as("another matcher").isEmpty();

        registry.remove(s);
        assertThat(registry.find("exact", BOOK, A)).isEmpty();
    }

    @Test
    void countsFollowEachScope() {
        registry.add(sub(A, "exact", BOOK));
        registry.add(sub(B, "exact", BOOK));
        registry.add(sub(A, "urlpattern", BOOK)); // same string, other type
        registry.add(sub(A, "urlpattern", PATTERN));
        registry.add(sub(B, "uritemplate", BOOK));

        assertThat(registry.count(SubscriptionScope.ALL)).isEqualTo(5);
        assertThat(registry.count(SubscriptionScope.matcher("exact", BOOK))).isEqualTo(2);
        assertThat(registry.count(SubscriptionScope.matcher("urlpattern", BOOK))).isEqualTo(1);
        assertThat(registry.count(SubscriptionScope.matcher("urlpattern", PATTERN))).isEqualTo(1);
        assertThat(registry.count(SubscriptionScope.matcher("exact", PATTERN))).isZero();
        assertThat(registry.count(SubscriptionScope.topic(BOOK))).as("0.x: every type").isEqualTo(4);
        assertThat(registry.count(SubscriptionScope.topic(PATTERN))).isEqualTo(1);
        assertThat(registry.count(SubscriptionScope.topic("https://example.com/none"))).isZero();
    }

    @Test
    void addingTwiceOrRemovingWhatIsAbsentChangesNothing() {
        ActiveSubscription s = sub(A, "exact", BOOK);
        registry.add(s);
        registry.add(s);
        registry.remove(sub(B, "exact", BOOK));

        assertThat(registry.count(SubscriptionScope.ALL)).isEqualTo(1);
        assertThat(registry.count(SubscriptionScope.matcher("exact", BOOK))).isEqualTo(1);
        assertThat(registry.count(SubscriptionScope.topic(BOOK))).isEqualTo(1);

        registry.remove(s);
        registry.remove(s);
        assertThat(registry.count(SubscriptionScope.ALL)).isZero();
        assertThat(registry.count(SubscriptionScope.matcher("exact", BOOK))).isZero();
        assertThat(registry.count(SubscriptionScope.topic(BOOK))).isZero();
    }

    @Test
    void countsDropToZeroAndLeaveNoCounterBehind() throws Exception {
        // a hub sees millions of distinct matchers come and go: a counter left at zero would leak
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 500; i++) {
                registry.add(sub(A, "exact", BOOK + "/" + i));
                registry.add(sub(B, "urlpattern", BOOK + "/" + i));
            }
            for (int i = 0; i < 500; i++) {
                registry.remove(sub(A, "exact", BOOK + "/" + i));
                registry.remove(sub(B, "urlpattern", BOOK + "/" + i));
            }
        }

        assertThat(registry.count(SubscriptionScope.ALL)).isZero();
        assertThat(registry.count(SubscriptionScope.topic(BOOK + "/7"))).isZero();
        assertThat(registry.page(SubscriptionScope.ALL, null, 10).subscriptions()).isEmpty();
        assertThat(counters("perMatcher")).isEmpty();
        assertThat(counters("perMatch")).isEmpty();
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> registry.page(SubscriptionScope.ALL, null, -1));
    }

    @Test
    void aLimitOfZeroGivesTheTotalOnly() {
        registry.add(sub(A, "exact", BOOK));

        SubscriptionPage page = registry.page(SubscriptionScope.ALL, null, 0);

        assertThat(page.subscriptions()).isEmpty();
        assertThat(page.total()).isEqualTo(1);
    }

    @Test
    void valuesThatNeedEncodingKeepTheirScopesApart() {
        // "a/b" under exact must not be listed as a subscription of matcher "a" by subscriber "b..."
        registry.add(sub(A, "exact", "a/b"));
        registry.add(sub(B, "exact", "a"));
        registry.add(sub(B, "exact", "a%2Fb"));

        assertThat(registry.page(SubscriptionScope.matcher("exact", "a"), null, 10).subscriptions())
                .containsExactly(sub(B, "exact", "a"));
        assertThat(registry.page(SubscriptionScope.topic("a/b"), null, 10).subscriptions())
                .containsExactly(sub(A, "exact", "a/b"));
        assertThat(registry.find("exact", "a%2Fb", B)).isPresent();
        assertThat(registry.find("exact", "a/b", B)).isEmpty();
    }

    /** The registry's private counter maps: there is no public view, and their size is the point. */
    private Map<?, ?> counters(String field) throws ReflectiveOperationException {
        Field f = LocalSubscriptionRegistry.class.getDeclaredField(field);
        f.setAccessible(true);
        return (Map<?, ?>) f.get(registry);
    }
}
