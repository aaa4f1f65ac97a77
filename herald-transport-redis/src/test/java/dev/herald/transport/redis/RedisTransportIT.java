package dev.herald.transport.redis;

import static dev.herald.transport.redis.Updates.append;
import static dev.herald.transport.redis.Updates.appendAll;
import static dev.herald.transport.redis.Updates.ids;
import static dev.herald.transport.redis.Updates.readAll;
import static dev.herald.transport.redis.Updates.sequences;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.StoredUpdate;
import dev.herald.testkit.RedisServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Transport contract on a real Redis, with two transports on one Redis standing for two hubs.
 * One server for the class; each test has keys of its own.
 */
class RedisTransportIT {
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

    /** Settings for a cluster of its own (its own keys) on the shared server. */
    private static RedisTransportConfig newCluster() {
        return RedisTransportConfig.of(redis.url()).withKeyPrefix("test" + CLUSTERS.incrementAndGet());
    }

    @Test
    void appendsGetIncreasingSequencesAndReadAfterReturnsThemOldestFirst() throws Exception {
        try (RedisTransport t = RedisTransport.open(newCluster())) {
            List<StoredUpdate> stored = appendAll(t, "u", 5);

            assertThat(sequences(stored)).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(ids(t.readAfter(0, 100))).containsExactly("u1", "u2", "u3", "u4", "u5");
            assertThat(ids(t.readAfter(2, 2))).containsExactly("u3", "u4");
            assertThat(t.readAfter(5, 100)).isEmpty();
            StoredUpdate back = t.readAfter(0, 1).get(0);
            assertThat(back.update()).isEqualTo(stored.get(0).update());
            assertThat(back.frame()).isEqualTo(stored.get(0).frame());
        }
    }

    @Test
    void twoHubsSeeEveryUpdateOnceInTheSameOrderWhoeverPublishedIt() throws Exception {
        RedisTransportConfig cluster = newCluster();
        try (RedisTransport a = RedisTransport.open(cluster); RedisTransport b = RedisTransport.open(cluster)) {
            RecordingListener onA = new RecordingListener();
            RecordingListener onB = new RecordingListener();
            a.listen(onA);
            b.listen(onB);

            List<CompletableFuture<StoredUpdate>> acks = new ArrayList<>();
            for (int i = 1; i <= 300; i++) {
                acks.add(a.append(Updates.update("a" + i)).toCompletableFuture());
                acks.add(b.append(Updates.update("b" + i)).toCompletableFuture());
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

            List<StoredUpdate> seenOnA = onA.await(600);
            List<StoredUpdate> seenOnB = onB.await(600);
            assertThat(sequences(seenOnA)).containsExactlyElementsOf(LongStream.rangeClosed(1, 600).boxed().toList());
            assertThat(ids(seenOnB)).containsExactlyElementsOf(ids(seenOnA));
            assertThat(sequences(seenOnB)).containsExactlyElementsOf(sequences(seenOnA));
            // Each publisher's own updates keep the order it sent them in.
            assertThat(ids(seenOnA).stream().filter(id -> id.startsWith("a")).toList())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 300).mapToObj(i -> "a" + i).toList());
            // The acknowledged sequences are the ones every hub delivers.
            for (CompletableFuture<StoredUpdate> ack : acks) {
                StoredUpdate acked = ack.join();
                assertThat(seenOnB.get((int) acked.sequence() - 1).update().id()).isEqualTo(acked.update().id());
            }
        }
    }

    @Test
    void theListenerIsFedOnlyUpdatesThatHistoryReadsAlreadyReturn() throws Exception {
        RedisTransportConfig cluster = newCluster();
        try (RedisTransport publisher = RedisTransport.open(cluster); RedisTransport reader = RedisTransport.open(cluster)) {
            List<String> problems = new CopyOnWriteArrayList<>();
            RecordingListener seen = new RecordingListener();
            reader.listen(u -> {
                List<StoredUpdate> page = reader.readAfter(u.sequence() - 1, 1);
                if (page.isEmpty() || page.get(0).sequence() != u.sequence()) {
                    problems.add("sequence " + u.sequence() + " not readable when delivered");
                }
                seen.accept(u);
            });
            appendAll(publisher, "u", 50);

            seen.await(50);
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void anIdPublishedThroughOneHubResolvesOnAnotherToItsEarliestRetainedUse() throws Exception {
        RedisTransportConfig cluster = newCluster();
        try (RedisTransport a = RedisTransport.open(cluster); RedisTransport b = RedisTransport.open(cluster)) {
            append(a, "x");
            StoredUpdate first = append(a, "shared");
            append(b, "y");
            append(b, "shared");

            assertThat(b.sequenceOf("shared")).isEqualTo(OptionalLong.of(first.sequence()));
            assertThat(b.sequenceOf("x")).isEqualTo(OptionalLong.of(1));
            assertThat(a.sequenceOf("y")).isEqualTo(OptionalLong.of(3));
            assertThat(a.sequenceOf("never-published")).isEmpty();
        }
    }

    @Test
    void aHubThatOpensLaterStartsItsFeedAtTheEndAndKnowsTheNewestId() throws Exception {
        RedisTransportConfig cluster = newCluster();
        try (RedisTransport early = RedisTransport.open(cluster)) {
            assertThat(early.lastIdAtOpen()).isNull();
            appendAll(early, "old", 3);
            try (RedisTransport late = RedisTransport.open(cluster)) {
                RecordingListener listener = new RecordingListener();
                late.listen(listener);
                append(early, "new");

                assertThat(late.lastIdAtOpen()).isEqualTo("old3");
                assertThat(ids(listener.await(1))).containsExactly("new");
                assertThat(ids(readAll(late))).containsExactly("old1", "old2", "old3", "new");
            }
        }
    }

    @Test
    void updatesPublishedBeforeAnyoneListensAreDeliveredOnceTheHubListens() throws Exception {
        try (RedisTransport t = RedisTransport.open(newCluster())) {
            appendAll(t, "u", 3);
            RecordingListener listener = new RecordingListener();
            t.listen(listener);

            assertThat(ids(listener.await(3))).containsExactly("u1", "u2", "u3");
        }
    }

    @Test
    void closingAnswersEveryAppendAlreadyAccepted() throws Exception {
        RedisTransport t = RedisTransport.open(newCluster());
        List<CompletableFuture<StoredUpdate>> acks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            acks.add(t.append(Updates.update("u" + i)).toCompletableFuture());
        }
        t.close();

        for (CompletableFuture<StoredUpdate> ack : acks) {
            assertThat(ack).isCompleted();
        }
        assertThat(acks.stream().filter(a -> !a.isCompletedExceptionally()).count()).isEqualTo(200);
    }
}
