package dev.herald.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.app.testing.HubProcess;
import dev.herald.testkit.HubClient;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.Form;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RedisSentinel;
import dev.herald.testkit.RedisServer;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald serve --redis-url redis-sentinel://…} on a real primary, two replicas and a
 * Sentinel; the primary is killed during publishing. The hub answers 503 while Sentinel fails
 * over, then publishes succeed again; a stream opened before stays open, keeps its heartbeats and
 * ends with every acknowledged update once, in order (with WAIT for one replica, and two replicas
 * so that the new primary still has one).
 */
class SentinelFailoverIT {
    private static final String NAME = "herald";
    private static final String TOPIC = "failover";
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration FAILOVER = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void publishesAnswer503DuringTheFailoverAndSucceedAfterItWhileTheStreamGoesOn() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (RedisServer primary = RedisServer.start(Files.createDirectories(dir.resolve("primary")));
                RedisServer replica1 = replicaOf(primary, "replica1");
                RedisServer replica2 = replicaOf(primary, "replica2");
                RedisSentinel sentinel = RedisSentinel.start(dir.resolve("sentinel"), NAME, primary.port(),
                        Duration.ofSeconds(1))) {
            Poll.until(() -> info(primary).split("state=online", -1).length - 1 == 2, FAILOVER,
                    () -> "the replicas did not come online: " + info(primary));
            try (HubProcess hub = HubProcess.start(null, "--transport", "redis", "--redis-url",
                    "redis-sentinel://127.0.0.1:" + sentinel.port() + "#" + NAME, "--redis-replicas", "1",
                    "--heartbeat", "300ms")) {
                int port = hub.awaitListening(STARTUP);
                try (StreamClient stream = LiveStreams.open(port, TOPIC)) {
                    ClusterPublisher publisher = new ClusterPublisher(port, TOPIC, "p");
                    pool.execute(publisher);
                    Poll.until(() -> publisher.acknowledged.size() >= 100, FAILOVER, () -> "publishing");

                    primary.kill();
                    HttpResponse<String> during = new HubClient(port).publish(Form.fields("topic", TOPIC, "data", "x"));
                    assertThat(during.statusCode()).as("a publish while the primary is gone").isEqualTo(503);
                    assertThat(during.body()).contains("Redis");
                    int comments = stream.comments();
                    Poll.until(() -> stream.comments() >= comments + 2, FAILOVER, () -> "heartbeats during the failover");
                    Poll.until(() -> promoted(sentinel, primary), FAILOVER,
                            () -> "no promotion:\n" + sentinel.logText());
                    int afterPromotion = publisher.acknowledged.size() + 100;
                    Poll.until(() -> publisher.acknowledged.size() >= afterPromotion, FAILOVER,
                            () -> "publishing after the failover\n" + hub.log());

                    publisher.stop();
                    pool.shutdown();
                    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
                    String endId = new HubClient(port).publish(TOPIC, "end");
                    Poll.until(() -> stream.events().stream().anyMatch(e -> endId.equals(e.id())), FAILOVER,
                            () -> "the end marker on the stream opened before the failover");

                    assertThat(stream.ended()).as("the stream stayed open").isFalse();
                    List<SseEvent> events = stream.events();
                    List<Map.Entry<String, String>> received = events.subList(0, events.size() - 1).stream()
                            .map(e -> Map.entry(e.id(), e.data())).toList();
                    assertThat(received.stream().map(Map.Entry::getKey).toList()).doesNotHaveDuplicates();
                    Delivery.assertIntact(publisher, received);
                    System.out.printf("Sentinel failover under a hub: %d acknowledged, %d refused (503), %d delivered%n",
                            publisher.acknowledged.size(), publisher.refused.get(), received.size());
                    assertThat(publisher.refused.get()).as("publishes refused while it failed over").isPositive();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean promoted(RedisSentinel sentinel, RedisServer old) {
        try {
            return sentinel.primaryPort(NAME) != old.port();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private RedisServer replicaOf(RedisServer primary, String name) throws IOException, InterruptedException {
        return RedisServer.start(Files.createDirectories(dir.resolve(name)),
                "--replicaof", "127.0.0.1", Integer.toString(primary.port()));
    }

    private static String info(RedisServer redis) {
        try {
            return redis.command("INFO", "replication");
        } catch (IOException e) {
            return "";
        }
    }
}
