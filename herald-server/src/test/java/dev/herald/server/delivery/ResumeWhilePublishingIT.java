package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.HubClient;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subscribers resume (by header, by query parameter, from {@code earliest}) while a publisher is
 * busy: each must get every update after its resume point exactly once, in order.
 */
class ResumeWhilePublishingIT {
    private static final String TOPIC = "https://example.com/race";
    private static final int UPDATES = 1500;

    private RunningHub hub;
    private final List<StreamClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        hub = RunningHub.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (StreamClient c : clients) {
            c.close();
        }
        hub.close();
    }

    @Test
    void resumingSubscribersGetEveryLaterUpdateExactlyOnceWhilePublishesRace() throws Exception {
        HubClient client = hub.client();
        List<String> published = new CopyOnWriteArrayList<>();
        Thread publisher = new Thread(() -> {
            try {
                for (int i = 0; i < UPDATES; i++) {
                    published.add(client.publish(TOPIC, "update " + i));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "race-publisher");
        // A first stretch of history to resume from.
        for (int i = 0; i < 50; i++) {
            published.add(client.publish(TOPIC, "before " + i));
        }
        publisher.start();

        record Resumer(StreamClient stream, int afterIndex) {}
        List<Resumer> resumers = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            int index = Math.max(0, published.size() - 1 - round * 7);
            String lastId = published.get(index);
            String path = StreamClient.path(List.of(TOPIC), Map.of());
            StreamClient stream = switch (round % 3) {
                case 0 -> StreamClient.open(hub.port(), path, Map.of("Last-Event-ID", lastId));
                case 1 -> StreamClient.open(hub.port(), StreamClient.path(List.of(TOPIC), Map.of("lastEventID", lastId)), Map.of());
                default -> StreamClient.open(hub.port(), StreamClient.path(List.of(TOPIC), Map.of("lastEventID", "earliest")), Map.of());
            };
            clients.add(stream);
            resumers.add(new Resumer(stream, round % 3 == 2 ? -1 : index));
            assertThat(stream.awaitStatus()).isEqualTo(200);
            assertThat(stream.header("Last-Event-ID")).isEqualTo(round % 3 == 2 ? "earliest" : lastId);
        }
        publisher.join(60_000);
        assertThat(published).hasSize(UPDATES + 50);

        for (Resumer r : resumers) {
            List<String> expected = published.subList(r.afterIndex() + 1, published.size());
            List<SseEvent> got = r.stream().awaitEvents(expected.size(), Duration.ofSeconds(30));
            assertThat(got).extracting(SseEvent::id).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void anIdNoLongerInHistoryReplaysEverythingRetainedAndSaysEarliest() throws Exception {
        hub.close();
        hub = RunningHub.start(5, Duration.ofSeconds(15));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(hub.client().publish(TOPIC, "u" + i));
        }
        StreamClient stream = StreamClient.open(hub.port(), StreamClient.path(List.of(TOPIC), Map.of()),
                Map.of("Last-Event-ID", ids.get(0)));
        clients.add(stream);
        assertThat(stream.awaitStatus()).isEqualTo(200);
        assertThat(stream.header("Last-Event-ID")).isEqualTo("earliest");
        List<SseEvent> events = stream.awaitEvents(6, Duration.ofSeconds(10));
        assertThat(events.get(0).type()).as("the resume notice").isEqualTo("mercure");
        assertThat(events.subList(1, 6)).extracting(SseEvent::id).containsExactlyElementsOf(ids.subList(3, 8));
    }

    @Test
    void theHeaderWinsOverTheQueryParameter() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(hub.client().publish(TOPIC, "u" + i));
        }
        StreamClient stream = StreamClient.open(hub.port(),
                StreamClient.path(List.of(TOPIC), Map.of("lastEventID", ids.get(0))),
                Map.of("Last-Event-ID", ids.get(2)));
        clients.add(stream);
        assertThat(stream.awaitStatus()).isEqualTo(200);
        assertThat(stream.awaitEvents(1, Duration.ofSeconds(10))).extracting(SseEvent::id)
                .containsExactly(ids.get(3));
        String live = hub.client().publish(TOPIC, "live");
        assertThat(stream.awaitEvents(2, Duration.ofSeconds(10))).extracting(SseEvent::id)
                .containsExactly(ids.get(3), live);
    }
}
