package dev.herald.transport.redis;

import static dev.herald.transport.redis.PresenceCluster.about;
import static dev.herald.transport.redis.PresenceCluster.api;
import static dev.herald.transport.redis.PresenceCluster.count;
import static dev.herald.transport.redis.PresenceCluster.matcherPath;
import static dev.herald.transport.redis.PresenceCluster.subscribe;
import static dev.herald.transport.redis.PresenceCluster.watch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.presence.SubscriptionScope;
import dev.herald.presence.SubscriptionTopics;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RedisServer;
import dev.herald.testkit.StreamClient;
import dev.herald.transport.redis.PresenceCluster.Node;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presence across two hubs on one Redis: one list, events from every node, a dead node's subscriptions ended by a survivor. */
class ClusterPresenceIT {
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    private static final PresenceLease LEASE = new PresenceLease(Duration.ofMillis(1500), Duration.ofMillis(250));
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>; rel=\"next\"");

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

    private static String newCluster() {
        return "presence" + CLUSTERS.incrementAndGet();
    }

    private static String topic() {
        return "https://example.com/rooms/" + UUID.randomUUID();
    }

    @Test
    void aSubscriberOfOneHubIsListedByTheOtherWhoseWatchersGetItsActiveAndInactiveEventsOnce() throws Exception {
        String cluster = newCluster();
        String room = topic();
        try (Node a = PresenceCluster.start(redis.url(), cluster, LEASE);
                Node b = PresenceCluster.start(redis.url(), cluster, LEASE);
                StreamClient modern = watch(b, "match=*"); StreamClient legacy = watch(b, "topic=*")) {
            StreamClient onA = subscribe(a, room);
            Poll.until("the active events on B", () -> about(modern, room).size() == 1 && about(legacy, room).size() == 1);
            JsonNode active = about(modern, room).get(0);
            String subscriber = active.get("subscriber").asText();
            assertThat(active.get("active").asBoolean()).isTrue();
            assertThat(active.get("type").asText()).isEqualTo("subscription");
            assertThat(about(legacy, room).get(0).get("type").asText()).as("0.x form").isEqualTo("Subscription");

            JsonNode listed = api(b, matcherPath(room));
            assertThat(listed.get("total").asInt()).isEqualTo(1);
            assertThat(listed.get("subscriptions").get(0).get("subscriber").asText()).isEqualTo(subscriber);
            JsonNode single = api(b, matcherPath(room) + "/" + SubscriptionTopics.encode(subscriber));
            assertThat(single.get("subscriber").asText()).as("the single subscription, on the other node").isEqualTo(subscriber);

            onA.close();
            Poll.until("the inactive events on B", () -> about(modern, room).size() == 2 && about(legacy, room).size() == 2);
            Poll.nothingArrives(() -> about(modern, room).size() > 2 || about(legacy, room).size() > 2,
                    () -> "more events: " + about(modern, room) + about(legacy, room));
            assertThat(about(modern, room).get(1).get("active").asBoolean()).isFalse();
            assertThat(about(legacy, room).get(1).get("active").asBoolean()).isFalse();
            assertThat(api(b, matcherPath(room)).get("total").asInt()).isZero();
            assertThat(api(a, matcherPath(room)).get("total").asInt()).isZero();
        }
    }

    @Test
    void theSubscriptionsOfAHubThatDiesAreAnnouncedInactiveOnceByTheSurvivorWithinTheBound() throws Exception {
        String cluster = newCluster();
        String room = topic();
        Node a = PresenceCluster.start(redis.url(), cluster, LEASE);
        try (Node b = PresenceCluster.start(redis.url(), cluster, LEASE); StreamClient watcher = watch(b, "match=*")) {
            List<StreamClient> onA = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                onA.add(subscribe(a, room));
            }
            StreamClient onB = subscribe(b, room);
            Poll.until("four active events", () -> count(about(watcher, room), true) == 4);
            assertThat(api(b, matcherPath(room)).get("total").asInt()).isEqualTo(4);

            long died = System.nanoTime();
            a.registry().halt(); // A stops renewing and writing, as a killed process would; its sockets stay open
            Poll.until(() -> count(about(watcher, room), false) == 3, LEASE.bound().plusSeconds(5),
                    () -> "inactive events: " + about(watcher, room));
            Duration took = Duration.ofNanos(System.nanoTime() - died);

            assertThat(took).as("within lease + interval").isLessThan(LEASE.bound().plusSeconds(2));
            JsonNode listed = api(b, matcherPath(room));
            assertThat(listed.get("total").asInt()).isEqualTo(1);
            assertThat(listed.get("subscriptions").get(0).get("subscriber").asText())
                    .as("B's own subscriber stays").isEqualTo(stillActive(watcher, room));

            a.close(); // A's connections now end too: nothing more is announced for them
            for (StreamClient c : onA) {
                c.close();
            }
            Poll.nothingArrives(() -> about(watcher, room).size() > 7, () -> "more events: " + about(watcher, room));
            Set<String> ended = new HashSet<>();
            for (JsonNode e : about(watcher, room)) {
                if (!e.get("active").asBoolean()) {
                    ended.add(e.get("subscriber").asText());
                }
            }
            assertThat(ended).as("three distinct subscribers, one inactive event each").hasSize(3);
            onB.close();
        } finally {
            a.close();
        }
    }

    @Test
    void pagesFollowOneIdOrderAcrossNodesWhicheverNodeAnswers() throws Exception {
        String cluster = newCluster();
        String room = topic();
        try (Node a = PresenceCluster.start(redis.url(), cluster, LEASE);
                Node b = PresenceCluster.start(redis.url(), cluster, LEASE);
                StreamClient watcher = watch(a, "match=*")) {
            List<StreamClient> clients = new ArrayList<>();
            for (int i = 0; i < 13; i++) {
                clients.add(subscribe(i % 2 == 0 ? a : b, room));
            }
            Poll.until("13 active events", () -> count(about(watcher, room), true) == 13);

            List<String> viaA = walk(a, b, matcherPath(room) + "?limit=4");
            List<String> viaB = walk(b, a, matcherPath(room) + "?limit=4");

            assertThat(viaA).hasSize(13).doesNotHaveDuplicates().isSorted().isEqualTo(viaB);
            assertThat(a.registry().count(SubscriptionScope.topic(room))).isEqualTo(13);
            for (StreamClient c : clients) {
                c.close();
            }
        }
    }

    /** Reads a collection page by page, each next page from the other node; returns the ids in order. */
    private static List<String> walk(Node first, Node second, String target) {
        List<String> ids = new ArrayList<>();
        Node node = first;
        String next = target;
        for (int pages = 0; next != null; pages++) {
            assertThat(pages).as("pages").isLessThan(10);
            HttpResponse<String> r = PresenceCluster.get(node, next);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = PresenceCluster.parse(r.body());
            assertThat(page.get("total").asInt()).isEqualTo(13);
            page.get("subscriptions").forEach(s -> ids.add(s.get("id").asText()));
            next = null;
            for (String link : r.headers().allValues("Link")) {
                Matcher m = NEXT.matcher(link);
                if (m.find()) {
                    next = m.group(1);
                }
            }
            node = node == first ? second : first;
        }
        return ids;
    }

    /** The one subscriber the watcher was told started and not ended. */
    private static String stillActive(StreamClient watcher, String room) {
        List<String> started = new ArrayList<>();
        Set<String> ended = new HashSet<>();
        for (JsonNode e : about(watcher, room)) {
            (e.get("active").asBoolean() ? started : ended).add(e.get("subscriber").asText());
        }
        started.removeAll(ended);
        assertThat(started).hasSize(1);
        return started.get(0);
    }
}
