package dev.herald.transport.redis;

import static dev.herald.transport.redis.Updates.append;
import static dev.herald.transport.redis.Updates.appendAll;
import static dev.herald.transport.redis.Updates.ids;
import static dev.herald.transport.redis.Updates.readAll;
import static dev.herald.transport.redis.Updates.sequences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.event.StoredUpdate;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RedisServer;
import dev.herald.transport.TransportUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redis goes away and comes back: publishes fail fast meanwhile, and every hub's feed resumes exactly. */
class RedisOutageIT {
    @TempDir
    Path dir;

    @Test
    void whileRedisIsDownPublishesAndHistoryReadsFailAtOnceSayingRedisIsUnreachable() throws Exception {
        try (RedisServer redis = RedisServer.start(dir);
                RedisTransport t = RedisTransport.open(RedisTransportConfig.of(redis.url()))) {
            append(t, "before");
            redis.stop();

            long start = System.nanoTime();
            CompletableFuture<StoredUpdate> refused = t.append(Updates.update("during")).toCompletableFuture();
            assertThatThrownBy(() -> refused.get(1, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TransportUnavailableException.class).hasMessage("Redis is unreachable");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThatThrownBy(() -> t.readAfter(0, 10))
                    .isInstanceOf(TransportUnavailableException.class).hasMessage("Redis is unreachable");
        }
    }

    @Test
    void aStalledRedisFailsAPublishAfterTheCommandTimeoutAndServesAgainOnceItAnswers() throws Exception {
        try (RedisServer redis = RedisServer.start(dir);
                RedisTransport t = RedisTransport.open(RedisTransportConfig.of(redis.url())
                        .withCommandTimeout(Duration.ofMillis(500)))) {
            append(t, "before");
            redis.pause();
            try {
                CompletableFuture<StoredUpdate> stalled = t.append(Updates.update("stalled")).toCompletableFuture();
                assertThatThrownBy(() -> stalled.get(5, TimeUnit.SECONDS))
                        .cause().isInstanceOf(TransportUnavailableException.class)
                        .hasMessage("Redis did not answer within 500ms");
            } finally {
                redis.resume();
            }
            assertThat(appendOnceRedisIsBack(t, "after").sequence()).isGreaterThan(1);
        }
    }

    @Test
    void afterRedisIsKilledAndRestartedOnItsAppendOnlyFileEveryHubResumesWithNoGapAndNoDuplicate() throws Exception {
        try (RedisServer redis = RedisServer.start(dir, "--appendonly", "yes", "--appendfsync", "always")) {
            RedisTransportConfig cluster = RedisTransportConfig.of(redis.url());
            try (RedisTransport publisher = RedisTransport.open(cluster); RedisTransport reader = RedisTransport.open(cluster)) {
                RecordingListener feed = new RecordingListener();
                reader.listen(feed);
                List<String> acknowledged = new ArrayList<>(ids(appendAll(publisher, "before", 30)));
                feed.await(30);

                redis.kill();
                CompletableFuture<StoredUpdate> during = publisher.append(Updates.update("during")).toCompletableFuture();
                assertThatThrownBy(() -> during.get(1, TimeUnit.SECONDS))
                        .cause().isInstanceOf(TransportUnavailableException.class);
                redis.startAgain();

                for (int i = 1; i <= 30; i++) {
                    acknowledged.add(appendOnceRedisIsBack(publisher, "after" + i).update().id());
                }

                List<StoredUpdate> delivered = feed.await(60);
                feed.assertNothingMoreThan(60);
                assertThat(ids(delivered)).containsExactlyElementsOf(acknowledged);
                assertThat(sequences(delivered)).containsExactlyElementsOf(LongStream.rangeClosed(1, 60).boxed().toList());
                assertThat(ids(readAll(reader))).as("history after the restart").containsExactlyElementsOf(acknowledged);
            }
        }
    }

    @Test
    void whenRedisComesBackWithoutItsDataSequencesStillOnlyGoUp() throws Exception {
        try (RedisServer redis = RedisServer.start(dir, "--appendonly", "no")) {
            RedisTransportConfig cluster = RedisTransportConfig.of(redis.url());
            try (RedisTransport t = RedisTransport.open(cluster)) {
                RecordingListener feed = new RecordingListener();
                t.listen(feed);
                appendAll(t, "lost", 5);
                feed.await(5);

                redis.kill();
                redis.startAgain();
                StoredUpdate next = appendOnceRedisIsBack(t, "next");

                assertThat(next.sequence()).isEqualTo(6);
                assertThat(sequences(feed.await(6))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            }
        }
    }

    /** Appends, retrying while Redis is still coming back (each try fails at once until then). */
    private static StoredUpdate appendOnceRedisIsBack(RedisTransport t, String id) throws Exception {
        StoredUpdate[] stored = new StoredUpdate[1];
        Poll.until(() -> {
            try {
                stored[0] = t.append(Updates.update(id)).toCompletableFuture().get(5, TimeUnit.SECONDS);
                return true;
            } catch (ExecutionException e) {
                return false;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, Duration.ofSeconds(20), () -> "Redis did not accept " + id + " again");
        return stored[0];
    }
}
