package dev.herald.app.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.app.testing.HubProcess;
import dev.herald.testkit.HubClient;
import dev.herald.testkit.Poll;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable: a hub in its own JVM is killed with SIGKILL in the middle of
 * concurrent publishing and restarted on the same file; nothing it acknowledged may be missing,
 * duplicated or out of order, from {@code earliest} or from a {@code Last-Event-ID}.
 */
class CrashRecoveryIT {
    private static final int PUBLISHERS = 8;
    private static final String TOPIC = "crash";
    private static final Duration STARTUP = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedUpdateSurvivesSigkillOnceAndInPublishOrder() throws Exception {
        List<Publisher> publishers = new ArrayList<>();
        int killAt = 10_000 + new Random().nextInt(4_000);
        String resumeId;
        try (HubProcess hub = HubProcess.start(dataDir, "--history-size", "1000000")) {
            int port = hub.awaitListening(STARTUP);
            ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
            for (int i = 0; i < PUBLISHERS; i++) {
                Publisher p = new Publisher(port, TOPIC, "p" + i);
                publishers.add(p);
                pool.execute(p);
            }
            Poll.until(() -> acknowledged(publishers) >= killAt / 2, Duration.ofSeconds(40), () -> "publishing");
            List<String> firstAcks = publishers.get(0).acknowledged;
            resumeId = firstAcks.get(firstAcks.size() - 1);
            Poll.until(() -> acknowledged(publishers) >= killAt, Duration.ofSeconds(40), () -> "publishing");
            hub.kill();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("publishers stop once the hub is gone").isTrue();
        }
        System.out.printf("Killed the hub after %d acknowledged publishes (target %d)%n",
                acknowledged(publishers), killAt);

        try (HubProcess hub = HubProcess.start(dataDir, "--history-size", "1000000")) {
            int port = hub.awaitListening(STARTUP);
            try (StreamClient all = StreamClient.open(port,
                            StreamClient.path(List.of(TOPIC), Map.of("lastEventID", "earliest")), Map.of());
                    StreamClient resumed = StreamClient.open(port,
                            StreamClient.path(List.of(TOPIC), Map.of()), Map.of("Last-Event-ID", resumeId))) {
                assertThat(all.awaitStatus()).isEqualTo(200);
                assertThat(resumed.awaitStatus()).isEqualTo(200);
                // Both are registered once their head is out, so this marker ends both streams.
                String endId = new HubClient(port).publish(TOPIC, "end");
                List<SseEvent> fromEarliest = untilMarker(all, endId);
                List<SseEvent> fromResume = untilMarker(resumed, endId);

                for (Publisher p : publishers) {
                    assertPublisherIntact(p, fromEarliest);
                }
                assertThat(resumed.header("Last-Event-ID")).isEqualTo(resumeId);
                int at = ids(fromEarliest).indexOf(resumeId);
                assertThat(at).as("the resume id is in history").isNotNegative();
                assertThat(ids(fromResume)).containsExactlyElementsOf(
                        ids(fromEarliest.subList(at + 1, fromEarliest.size())));
            }
        }
    }

    /**
     * The publisher's acknowledged updates, in order, each once; at most one more after them: the
     * publish in flight when the hub died may have been committed without its answer being sent.
     */
    private static void assertPublisherIntact(Publisher p, List<SseEvent> events) {
        String prefix = p.name() + " ";
        List<SseEvent> mine = events.stream().filter(e -> e.data().startsWith(prefix)).toList();
        List<String> acked = List.copyOf(p.acknowledged);
        assertThat(mine.size()).as("%s: %d acknowledged", p.name(), acked.size())
                .isBetween(acked.size(), acked.size() + 1);
        assertThat(ids(mine.subList(0, acked.size()))).as(p.name()).containsExactlyElementsOf(acked);
        for (int n = 0; n < mine.size(); n++) {
            assertThat(mine.get(n).data()).isEqualTo(prefix + n);
        }
    }

    private static List<SseEvent> untilMarker(StreamClient stream, String endId) throws InterruptedException {
        Poll.until(() -> stream.events().stream().anyMatch(e -> endId.equals(e.id())) || stream.ended(),
                Duration.ofSeconds(30), () -> "the end marker; " + stream.events().size() + " events so far");
        List<SseEvent> events = List.copyOf(stream.events());
        int end = ids(events).indexOf(endId);
        assertThat(end).as("stream reached the marker").isNotNegative();
        return events.subList(0, end);
    }

    private static List<String> ids(List<SseEvent> events) {
        return events.stream().map(SseEvent::id).toList();
    }

    private static int acknowledged(List<Publisher> publishers) {
        return publishers.stream().mapToInt(p -> p.acknowledged.size()).sum();
    }
}
