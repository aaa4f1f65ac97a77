package dev.herald.presence;

import static dev.herald.presence.LocalSubscriptionRegistryTest.sub;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Connections open and close on every event loop at once: the counts must end up telling the
 * same story as the entries, and never go negative on the way.
 */
class RegistryConcurrencyTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 3000;
    private static final List<String> MATCHES = List.of("a", "b", "c");
    private static final List<String> TYPES = List.of("exact", "urlpattern");

    @Test
    void countsAgreeWithEntriesAfterConcurrentChurn() throws Exception {
        LocalSubscriptionRegistry registry = new LocalSubscriptionRegistry();
        List<ActiveSubscription> kept = new CopyOnWriteArrayList<>();
        List<Integer> negative = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        // each connection's subscriptions are added, then (for most) removed, by one thread
                        ActiveSubscription s = sub("urn:uuid:t" + thread + "-" + i, TYPES.get(i % 2),
                                MATCHES.get(i % 3));
                        registry.add(s);
                        if (i % 4 == 0) {
                            kept.add(s);
                        } else {
                            registry.remove(s);
                        }
                    }
                    return null;
                }));
            }
            // a reader watching counts while they change
            Future<?> reader = pool.submit(() -> {
                start.await();
                while (workers.stream().anyMatch(w -> !w.isDone())) {
                    int n = registry.count(SubscriptionScope.topic("a"));
                    if (n < 0) {
                        negative.add(n);
                    }
                    registry.page(SubscriptionScope.ALL, null, 50);
                }
                return null;
            });
            start.countDown();
            for (Future<?> w : workers) {
                w.get(60, TimeUnit.SECONDS);
            }
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(negative).as("negative counts seen").isEmpty();
        assertThat(kept).hasSize(THREADS * PER_THREAD / 4);
        assertThat(registry.count(SubscriptionScope.ALL)).isEqualTo(kept.size());
        assertThat(registry.page(SubscriptionScope.ALL, null, 10_000).subscriptions())
                .containsExactlyInAnyOrderElementsOf(kept);
        for (String match : MATCHES) {
            long inTopic = kept.stream().filter(s -> s.match().equals(match)).count();
            assertThat(registry.count(SubscriptionScope.topic(match))).isEqualTo((int) inTopic);
            for (String type : TYPES) {
                long n = kept.stream().filter(s -> s.match().equals(match) && s.matchType().equals(type)).count();
                assertThat(registry.count(SubscriptionScope.matcher(type, match))).as("%s %s", type, match)
                        .isEqualTo((int) n);
                assertThat(registry.page(SubscriptionScope.matcher(type, match), null, 10_000).total())
                        .isEqualTo((int) n);
            }
        }
    }

    @Test
    void racingAddsAndRemovesOfOneSubscriptionLeaveAConsistentCount() throws Exception {
        // the same subscription added and removed from several threads: every add or remove that
        // took effect moved the counts, the others did nothing
        LocalSubscriptionRegistry registry = new LocalSubscriptionRegistry();
        ActiveSubscription s = sub("urn:uuid:same", "exact", "a");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean adder = t % 2 == 0;
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        if (adder) {
                            registry.add(s);
                        } else {
                            registry.remove(s);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> w : workers) {
                w.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int present = registry.find("exact", "a", "urn:uuid:same").isPresent() ? 1 : 0;

        assertThat(registry.count(SubscriptionScope.ALL)).isEqualTo(present);
        assertThat(registry.count(SubscriptionScope.matcher("exact", "a"))).isEqualTo(present);
        assertThat(registry.count(SubscriptionScope.topic("a"))).isEqualTo(present);
        registry.remove(s);
        assertThat(registry.count(SubscriptionScope.ALL)).isZero();
        assertThat(registry.count(SubscriptionScope.matcher("exact", "a"))).isZero();
    }
}
