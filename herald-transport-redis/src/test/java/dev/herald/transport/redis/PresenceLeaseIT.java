package dev.herald.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.presence.ActiveSubscription;
import dev.herald.presence.RegistryListener;
import dev.herald.presence.SubscriptionScope;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases: a node that stops renewing loses its entries to exactly one survivor; a node that finds its lease lapsed is told. */
class PresenceLeaseIT {
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    private static final PresenceLease SHORT = new PresenceLease(Duration.ofMillis(1000), Duration.ofMillis(100));

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

    /** What a node's registry told its tracker. */
    static final class Heard implements RegistryListener {
        final List<ActiveSubscription> orphans = new CopyOnWriteArrayList<>();
        final AtomicInteger leasesLost = new AtomicInteger();

        @Override
        public void orphaned(List<ActiveSubscription> subscriptions) {
            orphans.addAll(subscriptions);
        }

        @Override
        public void leaseLost() {
            leasesLost.incrementAndGet();
        }
    }

    record Node(RedisTransport transport, RedisSubscriptionRegistry registry, Heard heard) implements AutoCloseable {
        static Node join(String cluster, PresenceLease lease) {
            RedisTransport t = RedisTransport.open(RedisTransportConfig.of(redis.url()).withKeyPrefix(cluster));
            RedisSubscriptionRegistry r = RedisSubscriptionRegistry.open(t, lease);
            Heard heard = new Heard();
            r.listen(heard);
            return new Node(t, r, heard);
        }

        @Override
        public void close() {
            registry.close();
            transport.close();
        }
    }

    private static List<ActiveSubscription> subscriptions(String node, int n) {
        List<ActiveSubscription> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ActiveSubscription("urn:uuid:" + node + "-" + i, "exact", "https://example.com/room/" + (i % 3), null));
        }
        return out;
    }

    private static boolean done(java.util.concurrent.CompletionStage<Boolean> change) throws Exception {
        return change.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theEntriesOfANodeThatStopsRenewingGoToExactlyOneSurvivorWithinTheBound() throws Exception {
        String cluster = "lease" + CLUSTERS.incrementAndGet();
        try (Node dying = Node.join(cluster, SHORT); Node b = Node.join(cluster, SHORT); Node c = Node.join(cluster, SHORT)) {
            List<ActiveSubscription> its = subscriptions("dying", 1500); // more than one sweep call takes
            for (ActiveSubscription s : its) {
                dying.registry().add(s);
            }
            assertThat(done(dying.registry().add(new ActiveSubscription("urn:uuid:last", "exact", "x", null)))).isTrue();
            ActiveSubscription survivorsOwn = new ActiveSubscription("urn:uuid:b", "exact", "https://example.com/room/0", null);
            assertThat(done(b.registry().add(survivorsOwn))).isTrue();
            assertThat(b.registry().count(SubscriptionScope.ALL)).isEqualTo(1502);

            long died = System.nanoTime();
            dying.registry().halt();
            Poll.until(() -> b.heard().orphans.size() + c.heard().orphans.size() >= 1501,
                    SHORT.bound().plus(Duration.ofSeconds(5)), () -> "orphans: " + (b.heard().orphans.size() + c.heard().orphans.size()));
            Duration took = Duration.ofNanos(System.nanoTime() - died);
            Poll.nothingArrives(() -> b.heard().orphans.size() + c.heard().orphans.size() > 1501, () -> "a second claim");

            List<ActiveSubscription> claimed = new ArrayList<>(b.heard().orphans);
            claimed.addAll(c.heard().orphans);
            List<ActiveSubscription> expected = new ArrayList<>(its);
            expected.add(new ActiveSubscription("urn:uuid:last", "exact", "x", null));
            assertThat(claimed).as("each of the dead node's subscriptions, once").containsExactlyInAnyOrderElementsOf(expected);
            assertThat(took).as("within lease + interval (and the sweeps' own time)").isLessThan(SHORT.bound().plusSeconds(2));
            assertThat(c.registry().count(SubscriptionScope.ALL)).isEqualTo(1);
            assertThat(c.registry().page(SubscriptionScope.ALL, null, 10).subscriptions()).containsExactly(survivorsOwn);
            assertThat(redis.command("ZSCORE", "{" + cluster + "}:presence:nodes", dying.registry().node()))
                    .as("the dead node is gone from the leases").startsWith("$-1");
            assertThat(b.heard().leasesLost.get() + c.heard().leasesLost.get()).isZero();
        }
    }

    @Test
    void aNodeWhoseLeaseLapsedIsToldAndDoesNotClaimTheRemovalOfWhatASurvivorTookOver() throws Exception {
        String cluster = "lease" + CLUSTERS.incrementAndGet();
        // The slow node renews every 5 s: its lease can be made to lapse between two renewals.
        PresenceLease slow = new PresenceLease(Duration.ofSeconds(10), Duration.ofSeconds(5));
        try (Node a = Node.join(cluster, slow); Node b = Node.join(cluster, SHORT)) {
            List<ActiveSubscription> its = subscriptions("a", 3);
            for (ActiveSubscription s : its) {
                assertThat(done(a.registry().add(s))).isTrue();
            }

            redis.command("ZADD", "{" + cluster + "}:presence:nodes", "0", a.registry().node()); // as if it stalled
            Poll.until(() -> b.heard().orphans.size() == 3, Duration.ofSeconds(5), () -> "B taking over A's entries");

            assertThat(done(a.registry().remove(its.get(0)))).as("the survivor removed it, and announced it").isFalse();
            assertThat(a.heard().leasesLost.get()).isEqualTo(1);
            ActiveSubscription fresh = new ActiveSubscription("urn:uuid:a-new", "exact", "https://example.com/room/9", null);
            assertThat(done(a.registry().add(fresh))).isTrue();
            assertThat(b.registry().find("exact", "https://example.com/room/9", "urn:uuid:a-new")).contains(fresh);
            Poll.nothingArrives(() -> b.heard().orphans.size() > 3, () -> "B claiming A again after it renewed");
            assertThat(done(a.registry().remove(fresh))).isTrue();
            assertThat(a.heard().leasesLost.get()).as("told once").isEqualTo(1);
        }
    }
}
