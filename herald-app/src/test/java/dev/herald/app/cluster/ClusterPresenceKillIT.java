package dev.herald.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.app.testing.HubProcess;
import dev.herald.presence.SubscriptionTopics;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RedisServer;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import dev.herald.testkit.TestTokens;
import dev.herald.transport.redis.PresenceLease;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald serve --transport redis --subscriptions} as separate processes: a hub killed with
 * SIGKILL has its subscriptions announced inactive, once each, by the surviving hub within the
 * lease bound, and the survivor's API stops listing them.
 */
class ClusterPresenceKillIT {
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final String SECRET = TestTokens.secret();
    private static final String READER = TestTokens.hs256(SECRET, TestTokens.subscriber("*"));
    private static final String ROOM = "https://example.com/rooms/kill";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static HubProcess startHub(RedisServer redis) throws IOException {
        return HubProcess.start(null, "--transport", "redis", "--redis-url", redis.url(), "--subscriptions",
                "--jwt-key", SECRET, "--heartbeat", "300ms");
    }

    @Test
    void aKilledHubsSubscriptionsAreAnnouncedInactiveOnceByTheSurvivorWithinTheLeaseBound() throws Exception {
        Duration bound = PresenceLease.defaults().bound();
        try (RedisServer redis = RedisServer.start(dir); HubProcess a = startHub(redis); HubProcess b = startHub(redis)) {
            int portA = a.awaitListening(STARTUP);
            int portB = b.awaitListening(STARTUP);
            List<StreamClient> onA = new ArrayList<>();
            try (StreamClient watcher = LiveStreams.open(portB, "/.well-known/mercure?match=*",
                    Map.of("Authorization", "Bearer " + READER))) {
                for (int i = 0; i < 3; i++) {
                    onA.add(LiveStreams.open(portA, ROOM));
                }
                Poll.until(() -> about(watcher, true).size() == 3, STARTUP, () -> "active events: " + watcher.events());
                assertThat(total(portB)).isEqualTo(3);

                long killed = System.nanoTime();
                a.kill();
                Poll.until(() -> about(watcher, false).size() == 3, bound.plusSeconds(10),
                        () -> "inactive events: " + watcher.events() + "\nB's log:\n" + b.log());
                Duration took = Duration.ofNanos(System.nanoTime() - killed);

                assertThat(took).as("within the lease bound").isLessThan(bound.plusSeconds(3));
                assertThat(new HashSet<>(about(watcher, false))).as("each subscriber once")
                        .isEqualTo(new HashSet<>(about(watcher, true))).hasSize(3);
                assertThat(total(portB)).isZero();
                Poll.nothingArrives(() -> about(watcher, false).size() > 3, () -> "more events: " + watcher.events());
                assertThat(b.log()).contains("took over 3 subscriptions");
            } finally {
                for (StreamClient c : onA) {
                    c.close();
                }
            }
        }
    }

    /** Subscribers of {@link #ROOM} the watcher was told are active (or inactive). */
    private static List<String> about(StreamClient watcher, boolean active) {
        List<String> subscribers = new ArrayList<>();
        for (SseEvent e : watcher.events()) {
            try {
                JsonNode doc = JSON.readTree(e.data());
                if (doc.isObject() && ROOM.equals(doc.path("match").asText()) && doc.path("active").asBoolean() == active) {
                    subscribers.add(doc.get("subscriber").asText());
                }
            } catch (IOException notJson) {
                // another event
            }
        }
        return subscribers;
    }

    private static int total(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + port + SubscriptionTopics.COLLECTION + "/exact/" + SubscriptionTopics.encode(ROOM)))
                .header("Authorization", "Bearer " + READER).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("total").asInt();
    }
}
