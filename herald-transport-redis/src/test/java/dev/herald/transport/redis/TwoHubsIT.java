package dev.herald.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.hub.Hub;
import dev.herald.hub.HubConfig;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RedisServer;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two hubs over HTTP on one Redis, as a browser and a publisher see them through a load balancer. */
class TwoHubsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HEARTBEAT = Duration.ofMillis(200);

    @TempDir
    Path dir;

    private static RunningHub hub(RedisServer redis) throws InterruptedException {
        RedisTransport transport = RedisTransport.open(RedisTransportConfig.of(redis.url()));
        return RunningHub.start(new Hub(transport, HubConfig.defaults().withHeartbeat(HEARTBEAT)));
    }

    @Test
    void updatesPublishedOnOneHubReachASubscriberOfTheOtherInOrder() throws Exception {
        try (RedisServer redis = RedisServer.start(dir); RunningHub a = hub(redis); RunningHub b = hub(redis);
                StreamClient onB = LiveStreams.open(b.port(), "books")) {
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                ids.add(a.client().publish("books", "book " + i));
            }

            List<SseEvent> events = onB.awaitEvents(20, TIMEOUT);
            assertThat(events.stream().map(SseEvent::id).toList()).containsExactlyElementsOf(ids);
            assertThat(events.get(0).data()).isEqualTo("book 1");
            onB.assertNoEventsBeyond(20);
        }
    }

    @Test
    void aBrowserResumesOnTheOtherHubFromAnIdPublishedOnTheFirst() throws Exception {
        try (RedisServer redis = RedisServer.start(dir); RunningHub a = hub(redis); RunningHub b = hub(redis)) {
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                ids.add(a.client().publish("books", "book " + i));
            }

            try (StreamClient resumed = LiveStreams.open(b.port(), StreamClient.path(List.of("books"), Map.of()),
                    Map.of("Last-Event-ID", ids.get(2)))) {
                List<SseEvent> events = resumed.awaitEvents(2, TIMEOUT);

                assertThat(resumed.header("Last-Event-ID")).isEqualTo(ids.get(2));
                assertThat(events.stream().map(SseEvent::id).toList()).containsExactly(ids.get(3), ids.get(4));
                resumed.assertNoEventsBeyond(2);
            }
        }
    }

    @Test
    void whileRedisIsDownPublishesGet503NamingRedisAndOpenStreamsKeepTheirHeartbeatsAndThenDeliverAgain()
            throws Exception {
        try (RedisServer redis = RedisServer.start(dir, "--appendonly", "yes", "--appendfsync", "always");
                RunningHub a = hub(redis); RunningHub b = hub(redis);
                StreamClient onB = LiveStreams.open(b.port(), "books")) {
            String before = a.client().publish("books", "before");
            onB.awaitEvents(1, TIMEOUT);

            redis.kill();
            long start = System.nanoTime();
            HttpResponse<String> refused = a.client().publish(List.of(Map.entry("topic", "books"),
                    Map.entry("data", "during")));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).isEqualTo("The hub could not store the update: Redis is unreachable; retry later\n");
            int comments = onB.comments();
            Poll.until(() -> onB.comments() >= comments + 3, TIMEOUT, () -> "heartbeats while Redis is down");
            assertThat(onB.ended()).isFalse();

            redis.startAgain();
            String after = publishOnceRedisIsBack(a, "after");

            List<SseEvent> events = onB.awaitEvents(2, TIMEOUT);
            assertThat(events.stream().map(SseEvent::id).toList()).containsExactly(before, after);
            onB.assertNoEventsBeyond(2);
        }
    }

    @Test
    void aStalledRedisBlocksNoEventLoopAndThePublishWaitingForItGets503AfterTheTimeout() throws Exception {
        try (RedisServer redis = RedisServer.start(dir); RunningHub a = hub(redis);
                StreamClient open = LiveStreams.open(a.port(), "books")) {
            String first = a.client().publish("books", "first");
            open.awaitEvents(1, TIMEOUT);
            redis.pause();
            try {
                CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> {
                    try {
                        return a.client().publish(List.of(Map.entry("topic", "books"), Map.entry("data", "stalled")));
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                });
                StreamClient resuming = StreamClient.open(a.port(), StreamClient.path(List.of("books"), Map.of()),
                        Map.of("Last-Event-ID", first));
                int comments = open.comments();
                for (int i = 0; i < 5; i++) {
                    long start = System.nanoTime();
                    assertThat(a.client().get("/healthz").statusCode()).isEqualTo(200);
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
                }
                Poll.until(() -> open.comments() >= comments + 2, TIMEOUT, () -> "heartbeats while Redis is stalled");

                HttpResponse<String> refused = waiting.get(10, TimeUnit.SECONDS);
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.body()).contains("Redis did not answer within 2s");
                resuming.close();
            } finally {
                redis.resume();
            }
        }
    }

    private static String publishOnceRedisIsBack(RunningHub hub, String data) throws InterruptedException {
        String[] id = new String[1];
        Poll.until(() -> {
            try {
                HttpResponse<String> r = hub.client().publish(List.of(Map.entry("topic", "books"), Map.entry("data", data)));
                if (r.statusCode() == 200) {
                    id[0] = r.body();
                    return true;
                }
                return false;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, TIMEOUT, () -> "the hub did not accept a publish again");
        return id[0];
    }
}
