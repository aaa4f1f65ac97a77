package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.ConnectionEnd;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.HubClient;
import dev.herald.testkit.Poll;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.SseTestParser;
import dev.herald.testkit.StreamClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One subscriber stops reading among 200 that keep up. The hub must cut the slow one off without
 * holding up the publisher or the others, and the slow one must get every update exactly once
 * when it resumes with its last event id.
 */
class SlowSubscriberIT {
    private static final String TOPIC = "https://example.com/feed";
    private static final int NORMAL_SUBSCRIBERS = 200;
    private static final int BUDGET = 64 * 1024;
    private static final String PAYLOAD = "x".repeat(900);

    private final List<StreamClient> clients = new ArrayList<>();
    private RunningHub hub;

    @AfterEach
    void stop() throws Exception {
        for (StreamClient c : clients) {
            c.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aSubscriberThatStopsReadingIsCutOffAloneAndResumesWithNothingLostOrRepeated() throws Exception {
        // The slow one's receive window stays shut while the publishing goes on, which on a loaded
        // machine can outlast the dead-client timeout: the kernel would drop it first (DeadClientIT),
        // and this test is about the budget.
        hub = RunningHub.start(RunningHub.defaults().withSubscriberBufferBytes(BUDGET)
                .withDeadClientTimeout(Duration.ofMinutes(10)));
        HubClient client = hub.client();
        String path = StreamClient.path(List.of(TOPIC), Map.of());
        for (int i = 0; i < NORMAL_SUBSCRIBERS; i++) {
            StreamClient c = StreamClient.open(hub.port(), path, Map.of());
            clients.add(c);
        }
        StreamClient slow = StreamClient.openWithoutReading(hub.port(), path);
        clients.add(slow);
        for (StreamClient c : clients.subList(0, NORMAL_SUBSCRIBERS)) {
            assertThat(c.awaitStatus()).isEqualTo(200);
        }
        Poll.until(() -> client.stats().subscribers() == NORMAL_SUBSCRIBERS + 1,
                Duration.ofSeconds(10), () -> "subscribers did not all register: " + client.stats());

        // Publish until the hub gives up on the slow one, then some more.
        List<String> ids = new ArrayList<>();
        long start = System.nanoTime();
        while (client.stats().slowSubscribersDisconnected() == 0) {
            for (int i = 0; i < 20; i++) {
                ids.add(client.publish(TOPIC, ids.size() + " " + PAYLOAD));
            }
            assertThat(ids.size()).as("updates published before the slow subscriber was cut off")
                    .isLessThan(20_000);
        }
        assertThat(client.stats().slowSubscribersDisconnected()).as("subscribers cut off").isEqualTo(1);
        int publishedBeforeCutOff = ids.size();
        for (int i = 0; i < 100; i++) {
            ids.add(client.publish(TOPIC, ids.size() + " " + PAYLOAD));
        }
        double publishSeconds = (System.nanoTime() - start) / 1e9;

        // Every subscriber that kept reading got every update, in order, and none was cut off.
        long lastPublished = System.nanoTime();
        for (StreamClient c : clients.subList(0, NORMAL_SUBSCRIBERS)) {
            assertThat(c.awaitEvents(ids.size(), Duration.ofSeconds(30))).extracting(SseEvent::id)
                    .containsExactlyElementsOf(ids);
        }
        double drainMillis = (System.nanoTime() - lastPublished) / 1e6;
        assertThat(client.stats().slowSubscribersDisconnected()).as("subscribers cut off").isEqualTo(1);

        // The slow one reads what reached it before the cut, then the reset; it resumes from its last id.
        ConnectionEnd end = ConnectionEnd.readToEnd(slow.socket(), Duration.ofSeconds(30));
        assertThat(end.reset()).as("the cut-off connection is reset").isTrue();
        List<SseEvent> beforeCut = events(end.bytes());
        assertThat(beforeCut).isNotEmpty();
        String lastId = beforeCut.get(beforeCut.size() - 1).id();
        StreamClient resumed = StreamClient.open(hub.port(), path, Map.of("Last-Event-ID", lastId));
        clients.add(resumed);
        int missing = ids.size() - beforeCut.size();
        List<SseEvent> afterResume = resumed.awaitEvents(missing, Duration.ofSeconds(30));

        List<String> slowIds = new ArrayList<>();
        beforeCut.forEach(e -> slowIds.add(e.id()));
        afterResume.forEach(e -> slowIds.add(e.id()));
        assertThat(slowIds).containsExactlyElementsOf(ids);

        System.out.printf("slow-subscriber test: %d normal subscribers, budget %d B; cut off after %d updates "
                        + "(%d received before the cut, %d replayed on resume); %d updates published in %.2f s; "
                        + "all normal subscribers complete %.0f ms after the last publish%n",
                NORMAL_SUBSCRIBERS, BUDGET, publishedBeforeCutOff, beforeCut.size(), afterResume.size(),
                ids.size(), publishSeconds, drainMillis);
    }

    /** The events of what a stream sent (head included). */
    private static List<SseEvent> events(byte[] all) {
        int bodyStart = Math.max(0, SseTestParser.bodyStart(all));
        return new SseTestParser().feed(all, bodyStart, all.length - bodyStart);
    }
}
