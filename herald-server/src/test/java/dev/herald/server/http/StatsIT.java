package dev.herald.server.http;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.HubStats;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.Poll;
import dev.herald.testkit.StreamClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /stats} follows subscribers as they come and go, and counts accepted updates. */
class StatsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunningHub hub;
    private final List<StreamClient> streams = new ArrayList<>();

    @BeforeEach
    void startHub() throws InterruptedException {
        hub = RunningHub.start();
    }

    @AfterEach
    void stopHub() throws IOException {
        for (StreamClient s : streams) {
            s.close();
        }
        hub.close();
    }

    @Test
    void aFreshHubReportsZeroes() throws Exception {
        HttpResponse<String> response = hub.client().get("/stats");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("""
                {"subscribers": 0, "subscribersByTopic": {}, "updatesPublished": 0, "slowSubscribersDisconnected": 0}
                """));
    }

    @Test
    void countsSubscribersInTotalAndPerTopicSelector() throws Exception {
        subscribe("a");
        subscribe("a");
        subscribe("a", "b");
        subscribe("*");
        subscribe("https://example.com/books/{id}");

        HubStats stats = hub.client().stats();

        assertThat(stats.subscribers()).isEqualTo(5);
        assertThat(stats.subscribersByTopic()).isEqualTo(Map.of(
                "a", 3, "b", 1, "*", 1, "https://example.com/books/{id}", 1));
    }

    @Test
    void aSubscriberNamingTheSameTopicTwiceCountsOnceForIt() throws Exception {
        subscribe("a", "a");

        HubStats stats = hub.client().stats();

        assertThat(stats.subscribers()).isEqualTo(1);
        assertThat(stats.subscribersByTopic()).isEqualTo(Map.of("a", 1));
    }

    @Test
    void publishingIncreasesUpdatesPublished() throws Exception {
        long before = hub.client().stats().updatesPublished();

        hub.client().publish("a", "1");
        hub.client().publish("b", "2");
        hub.client().publish(List.of(entry("topic", "c"), entry("topic", "d"), entry("data", "3")));

        assertThat(hub.client().stats().updatesPublished()).isEqualTo(before + 3);
    }

    @Test
    void rejectedPublishesAreNotCounted() throws Exception {
        HttpResponse<String> rejected = hub.client().publish(List.of(entry("topic", "a"), entry("retry", "soon")));
        assertThat(rejected.statusCode()).isEqualTo(400);

        assertThat(hub.client().stats().updatesPublished()).isZero();
    }

    @Test
    void closingSubscribersBringsTheCountsBackToZero() throws Exception {
        subscribe("a");
        subscribe("a", "b");
        subscribe("*");
        assertThat(hub.client().stats().subscribers()).isEqualTo(3);

        for (StreamClient s : streams) {
            s.close();
        }

        Poll.until(() -> {
            HubStats stats = hub.client().stats();
            return stats.subscribers() == 0 && stats.subscribersByTopic().isEmpty();
        }, TIMEOUT, () -> "stats still count closed subscribers: " + hub.client().stats());
    }

    @Test
    void closingOneSubscriberLeavesTheOthersCounted() throws Exception {
        StreamClient leaving = subscribe("a", "b");
        subscribe("a");

        leaving.close();

        Poll.until(() -> hub.client().stats().subscribers() == 1, TIMEOUT, () -> "stats: " + hub.client().stats());
        assertThat(hub.client().stats().subscribersByTopic()).isEqualTo(Map.of("a", 1));
    }

    private StreamClient subscribe(String... topics) throws IOException, InterruptedException {
        StreamClient stream = LiveStreams.open(hub.port(), topics);
        streams.add(stream);
        return stream;
    }
}
