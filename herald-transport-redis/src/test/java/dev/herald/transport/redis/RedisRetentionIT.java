package dev.herald.transport.redis;

import static dev.herald.transport.redis.Updates.append;
import static dev.herald.transport.redis.Updates.appendAll;
import static dev.herald.transport.redis.Updates.ids;
import static dev.herald.transport.redis.Updates.readAll;
import static dev.herald.transport.redis.Updates.sequences;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.Poll;
import dev.herald.testkit.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History in Redis is trimmed by count and by age, the id index with it. */
class RedisRetentionIT {
    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    @TempDir
    static Path dir;
    static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start(dir);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    private static RedisTransportConfig newCluster() {
        return RedisTransportConfig.of(redis.url()).withKeyPrefix("retention" + CLUSTERS.incrementAndGet());
    }

    @Test
    void onlyTheNewestCountUpdatesAndTheirIdsAreKept() throws Exception {
        RedisTransportConfig cluster = newCluster().withRetentionCount(5);
        try (RedisTransport t = RedisTransport.open(cluster)) {
            appendAll(t, "u", 12);

            assertThat(sequences(readAll(t))).containsExactly(8L, 9L, 10L, 11L, 12L);
            assertThat(t.sequenceOf("u7")).isEmpty();
            assertThat(t.sequenceOf("u8")).isEqualTo(OptionalLong.of(8));
            String prefix = "{" + cluster.keyPrefix() + "}";
            assertThat(redis.integer("XLEN", prefix + ":updates")).isEqualTo(5);
            assertThat(redis.integer("HLEN", prefix + ":ids")).as("the index is trimmed with the history").isEqualTo(5);
        }
    }

    @Test
    void aReusedIdResolvesToItsNextRetainedUseOnceTheEarliestIsTrimmed() throws Exception {
        try (RedisTransport t = RedisTransport.open(newCluster().withRetentionCount(3))) {
            append(t, "a");
            append(t, "b");
            append(t, "a");
            assertThat(t.sequenceOf("a")).isEqualTo(OptionalLong.of(1));

            append(t, "c");

            assertThat(t.sequenceOf("a")).isEqualTo(OptionalLong.of(3));
            append(t, "d");
            append(t, "e");
            assertThat(t.sequenceOf("a")).isEmpty();
        }
    }

    @Test
    void updatesOlderThanTheAgeLimitAreTrimmedEvenWhenNobodyPublishes() throws Exception {
        RedisTransportConfig cluster = newCluster().withRetentionAge(Duration.ofMillis(300))
                .withTrimInterval(Duration.ofMillis(50));
        try (RedisTransport t = RedisTransport.open(cluster)) {
            appendAll(t, "old", 3);
            assertThat(readAll(t)).hasSize(3);

            Poll.until(() -> readAll(t).isEmpty(), Duration.ofSeconds(10), () -> "still retained: " + ids(readAll(t)));
            assertThat(t.sequenceOf("old1")).isEmpty();
            assertThat(append(t, "new").sequence()).as("sequences go on after a trim to empty").isEqualTo(4);
            assertThat(ids(readAll(t))).containsExactly("new");
        }
    }

    @Test
    void aLowerRetentionTrimsTheBacklogCompletelyOnRequest() throws Exception {
        RedisTransportConfig cluster = newCluster();
        try (RedisTransport big = RedisTransport.open(cluster.withRetentionCount(3000))) {
            appendAll(big, "u", 2500);
        }
        try (RedisTransport small = RedisTransport.open(cluster.withRetentionCount(10))) {
            // The writer also starts trimming in bounded steps as it opens, so how much of the backlog
            // this call finds left varies; what it leaves does not.
            long trimmed = small.trimNow().toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(trimmed).isBetween(0L, 2490L);
            assertThat(sequences(readAll(small))).hasSize(10).first().isEqualTo(2491L);
            assertThat(small.sequenceOf("u2490")).isEmpty();
            assertThat(small.sequenceOf("u2491")).isEqualTo(OptionalLong.of(2491));
        }
    }
}
