package dev.herald.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.app.testing.HubProcess;
import dev.herald.testkit.HubClient;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RedisServer;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hubs as separate processes on one Redis: a hub killed with SIGKILL, then Redis killed and
 * restarted on its append-only file, all during concurrent publishing to both hubs. Nothing
 * acknowledged is lost or duplicated, and a stream opened before it all delivers everything.
 */
class RedisClusterIT {
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration PROGRESS = Duration.ofSeconds(60);
    private static final String TOPIC = "cluster";
    private static final int PUBLISHERS_PER_HUB = 3;

    @TempDir
    Path dir;

    private HubProcess startHub(RedisServer redis) throws Exception {
        return HubProcess.start(null, "--transport", "redis", "--redis-url", redis.url(),
                "--history-size", "1000000", "--heartbeat", "300ms");
    }

    @Test
    void killingAHubAndThenRedisLosesAndDuplicatesNothingAcknowledged() throws Exception {
        Path redisDir = Files.createDirectories(dir.resolve("redis"));
        try (RedisServer redis = RedisServer.start(redisDir, "--appendonly", "yes", "--appendfsync", "always");
                HubProcess a = startHub(redis); HubProcess b = startHub(redis)) {
            int portA = a.awaitListening(STARTUP);
            int portB = b.awaitListening(STARTUP);
            List<ClusterPublisher> onA = new ArrayList<>();
            List<ClusterPublisher> onB = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(2 * PUBLISHERS_PER_HUB);
            try (StreamClient watched = LiveStreams.open(portB, TOPIC)) {
                for (int i = 0; i < PUBLISHERS_PER_HUB; i++) {
                    onA.add(new ClusterPublisher(portA, TOPIC, "a" + i));
                    onB.add(new ClusterPublisher(portB, TOPIC, "b" + i));
                }
                onA.forEach(pool::execute);
                onB.forEach(pool::execute);

                Poll.until(() -> acknowledged(onA) >= 300 && acknowledged(onB) >= 300, PROGRESS, () -> "publishing");
                a.kill();
                int beforeRedisKill = acknowledged(onB) + 300;
                Poll.until(() -> acknowledged(onB) >= beforeRedisKill, PROGRESS, () -> "publishing to B");

                redis.kill();
                int comments = watched.comments();
                Poll.until(() -> refused(onB) >= 10, PROGRESS, () -> "B refusing publishes while Redis is down");
                Poll.until(() -> watched.comments() >= comments + 2, PROGRESS, () -> "heartbeats while Redis is down");
                assertThat(watched.ended()).as("the stream stays open while Redis is down").isFalse();
                redis.startAgain();
                int afterRestart = acknowledged(onB) + 300;
                Poll.until(() -> acknowledged(onB) >= afterRestart, PROGRESS, () -> "publishing to B after Redis restarted");

                onB.forEach(ClusterPublisher::stop);
                pool.shutdown();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("publishers stop").isTrue();

                String endId = new HubClient(portB).publish(TOPIC, "end");
                List<SseEvent> live = untilMarker(watched, endId);
                try (StreamClient history = LiveStreams.open(portB,
                        StreamClient.path(List.of(TOPIC), Map.of("lastEventID", "earliest")), Map.of())) {
                    List<SseEvent> fromEarliest = untilMarker(history, endId);

                    List<ClusterPublisher> all = new ArrayList<>(onA);
                    all.addAll(onB);
                    for (ClusterPublisher p : all) {
                        assertIntact(p, live);
                    }
                    assertThat(ids(live)).doesNotHaveDuplicates();
                    assertThat(ids(fromEarliest)).as("history equals what the open stream delivered")
                            .containsExactlyElementsOf(ids(live));
                    System.out.printf("Cluster run: %d acknowledged through A (killed), %d through B, %d refused "
                            + "while Redis was down, %d delivered%n", acknowledged(onA), acknowledged(onB),
                            refused(onB), live.size());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aHubGivesUpStartingWhenRedisStaysUnreachablePastItsWait() throws Exception {
        int unusedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            unusedPort = s.getLocalPort();
        }
        try (HubProcess hub = HubProcess.start(null, "--transport", "redis",
                "--redis-url", "redis://:secret@127.0.0.1:" + unusedPort, "--redis-wait", "2s")) {
            assertThat(hub.awaitExit(STARTUP)).isEqualTo(2);
            assertThat(hub.log()).contains("waiting up to 2s for it (--redis-wait)")
                    .contains("Cannot use Redis at redis://:***@127.0.0.1:" + unusedPort)
                    .doesNotContain("secret");
        }
    }

    /**
     * Every acknowledged update of the publisher, once, with its acknowledged id; its updates in
     * the order it sent them; a refused one at most once (Redis may have stored it as it died).
     */
    private static void assertIntact(ClusterPublisher p, List<SseEvent> events) {
        String prefix = p.name() + " ";
        List<Integer> numbers = new ArrayList<>();
        for (SseEvent e : events) {
            if (e.data().startsWith(prefix)) {
                int n = Integer.parseInt(e.data().substring(prefix.length()));
                String acked = p.acknowledged.get(n);
                if (acked != null) {
                    assertThat(e.id()).as("%s %d", p.name(), n).isEqualTo(acked);
                }
                numbers.add(n);
            }
        }
        assertThat(numbers).as("%s in publish order, each once", p.name()).isSorted().doesNotHaveDuplicates();
        Set<Integer> delivered = new HashSet<>(numbers);
        assertThat(delivered).as("%s: every acknowledged update delivered", p.name())
                .containsAll(p.acknowledged.keySet());
    }

    private static List<SseEvent> untilMarker(StreamClient stream, String endId) throws InterruptedException {
        Poll.until(() -> stream.events().stream().anyMatch(e -> endId.equals(e.id())) || stream.ended(),
                PROGRESS, () -> "the end marker; " + stream.events().size() + " events so far");
        List<SseEvent> events = List.copyOf(stream.events());
        int end = ids(events).indexOf(endId);
        assertThat(end).as("stream reached the marker").isNotNegative();
        return events.subList(0, end);
    }

    private static List<String> ids(List<SseEvent> events) {
        return events.stream().map(SseEvent::id).toList();
    }

    private static int acknowledged(List<ClusterPublisher> publishers) {
        return publishers.stream().mapToInt(p -> p.acknowledged.size()).sum();
    }

    private static int refused(List<ClusterPublisher> publishers) {
        return publishers.stream().mapToInt(p -> p.refused.get()).sum();
    }
}
