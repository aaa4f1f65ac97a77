package dev.herald.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.presence.ActiveSubscription;
import dev.herald.presence.LocalSubscriptionRegistry;
import dev.herald.presence.SubscriptionPage;
import dev.herald.presence.SubscriptionScope;
import dev.herald.presence.SubscriptionTopics;
import dev.herald.testkit.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' registries on one Redis list the same subscriptions: every scope, cursor and count
 * is checked against a {@link LocalSubscriptionRegistry} holding the same entries.
 */
class RedisSubscriptionRegistryIT {
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    private static final PresenceLease LEASE = new PresenceLease(Duration.ofSeconds(10), Duration.ofSeconds(1));
    private static final String BOOK = "https://example.com/books/1";
    private static final String PATTERN = "https://example.com/books/:id";
    private static final String ODD = "https://example.com/a b/ü?x=1&y=%2F";

    @TempDir
    static Path dir;
    static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start(dir);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    /** A node: a transport and its registry, on a cluster of its own prefix. */
    record Node(RedisTransport transport, RedisSubscriptionRegistry registry) implements AutoCloseable {
        static Node join(String prefix) {
            RedisTransport t = RedisTransport.open(RedisTransportConfig.of(redis.url()).withKeyPrefix(prefix));
            return new Node(t, RedisSubscriptionRegistry.open(t, LEASE));
        }

        @Override
        public void close() {
            registry.close();
            transport.close();
        }
    }

    private static String newCluster() {
        return "registry" + CLUSTERS.incrementAndGet();
    }

    static boolean done(java.util.concurrent.CompletionStage<Boolean> change) throws Exception {
        return change.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void whatOneNodeAddsTheOtherFindsAndRemovingItTwiceChangesTheListOnce() throws Exception {
        String cluster = newCluster();
        try (Node a = Node.join(cluster); Node b = Node.join(cluster)) {
            ActiveSubscription s = new ActiveSubscription("urn:uuid:1", "exact", ODD, "{\"name\":\"Ann\"}");
            assertThat(done(a.registry().add(s))).isTrue();

            assertThat(b.registry().find("exact", ODD, "urn:uuid:1")).contains(s);
            assertThat(b.registry().find("urlpattern", ODD, "urn:uuid:1")).isEmpty();
            assertThat(b.registry().count(SubscriptionScope.matcher("exact", ODD))).isEqualTo(1);

            assertThat(done(a.registry().remove(s))).as("removed by this call").isTrue();
            assertThat(done(a.registry().remove(s))).as("already gone").isFalse();
            assertThat(b.registry().find("exact", ODD, "urn:uuid:1")).isEmpty();
            assertThat(b.registry().count(SubscriptionScope.ALL)).isZero();
            assertThat(redis.integer("HLEN", "{" + cluster + "}:presence:counts")).as("no counter left at zero").isZero();
        }
    }

    @Test
    void pagesAndCountsOfEveryScopeAreTheSameOnBothNodesAndTheSameAsOneProcessWouldList() throws Exception {
        String cluster = newCluster();
        LocalSubscriptionRegistry oracle = new LocalSubscriptionRegistry();
        try (Node a = Node.join(cluster); Node b = Node.join(cluster)) {
            List<ActiveSubscription> all = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String subscriber = "urn:uuid:" + String.format("%04d", (i * 7) % 30);
                all.add(new ActiveSubscription(subscriber, "exact", BOOK, null));
                if (i % 3 == 0) {
                    all.add(new ActiveSubscription(subscriber, "urlpattern", BOOK, "{\"i\":" + i + "}"));
                    all.add(new ActiveSubscription(subscriber, "uritemplate", PATTERN, null));
                }
                if (i % 5 == 0) {
                    all.add(new ActiveSubscription(subscriber, "exact", ODD, null));
                }
            }
            for (int i = 0; i < all.size(); i++) {
                Node node = i % 2 == 0 ? a : b;
                assertThat(done(node.registry().add(all.get(i)))).isTrue();
                oracle.add(all.get(i));
            }

            List<SubscriptionScope> scopes = List.of(SubscriptionScope.ALL, SubscriptionScope.matcher("exact", BOOK),
                    SubscriptionScope.matcher("urlpattern", BOOK), SubscriptionScope.topic(BOOK),
                    SubscriptionScope.topic(PATTERN), SubscriptionScope.topic(ODD), SubscriptionScope.topic("none"));
            for (SubscriptionScope scope : scopes) {
                for (Node reader : List.of(a, b)) {
                    assertThat(reader.registry().count(scope)).as("count %s", scope).isEqualTo(oracle.count(scope));
                    for (int limit : new int[] {0, 1, 7, 100}) {
                        assertSamePages(reader, oracle, scope, limit);
                    }
                }
            }
            String cursor = SubscriptionTopics.of("exact", BOOK, "urn:uuid:0010");
            assertThat(b.registry().page(SubscriptionScope.topic(BOOK), cursor, 5))
                    .as("a cursor in the middle").isEqualTo(oracle.page(SubscriptionScope.topic(BOOK), cursor, 5));
            assertThat(b.registry().page(SubscriptionScope.ALL, "zzz", 5)).isEqualTo(oracle.page(SubscriptionScope.ALL, "zzz", 5));
        }
    }

    /** Follows the cursor from the first page to the last, comparing each page. */
    private static void assertSamePages(Node reader, LocalSubscriptionRegistry oracle, SubscriptionScope scope, int limit) {
        String after = null;
        for (int pages = 0; pages < 200; pages++) {
            SubscriptionPage page = reader.registry().page(scope, after, limit);
            SubscriptionPage expected = oracle.page(scope, after, limit);
            assertThat(page).as("%s after %s, limit %d", scope, after, limit).isEqualTo(expected);
            if (!page.more() || limit == 0) {
                return;
            }
            after = page.lastId();
        }
        throw new AssertionError("pages never ended");
    }
}
