package dev.herald.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorCacheTest {

    @Test
    void returnsTheSameInstanceForTheSameString() {
        SelectorCache cache = new SelectorCache(10);

        TopicSelector first = cache.get("https://example.com/books/{id}");
        TopicSelector second = cache.get("https://example.com/books/{id}");

        assertThat(second).isSameAs(first);
        assertThat(first.matches("https://example.com/books/1")).isTrue();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void distinguishesDifferentSelectors() {
        SelectorCache cache = new SelectorCache(10);

        assertThat(cache.get("*")).isNotSameAs(cache.get("urn:a"));
        assertThat(cache.get("urn:a").isExact()).isTrue();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void staysBoundedWhenFull() {
        SelectorCache cache = new SelectorCache(100);

        for (int i = 0; i < 1_000; i++) {
            TopicSelector selector = cache.get("https://example.com/" + i + "/{id}");
            assertThat(selector.matches("https://example.com/" + i + "/x")).isTrue();
            assertThat(cache.size()).isLessThanOrEqualTo(100);
        }
        assertThat(cache.size()).isEqualTo(100);
    }

    @Test
    void staysBoundedUnderConcurrentMisses() throws Exception {
        SelectorCache cache = new SelectorCache(50);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        cache.get("urn:topic:" + (i % 300) + ":{x}");
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(50);
    }

    @Test
    void doesNotCacheMalformedSelectors() {
        SelectorCache cache = new SelectorCache(10);

        assertThatIllegalArgumentException().isThrownBy(() -> cache.get("/books/{id"));
        assertThatIllegalArgumentException().isThrownBy(() -> cache.get(""));
        assertThatIllegalArgumentException().isThrownBy(() -> cache.get(null));
        assertThat(cache.size()).isZero();
    }

    @Test
    void defaultsToTenThousandEntries() {
        assertThat(new SelectorCache().maxEntries()).isEqualTo(10_000);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void rejectsNonPositiveBound(int maxEntries) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SelectorCache(maxEntries))
                .withMessage("maxEntries must be positive: " + maxEntries);
    }
}
