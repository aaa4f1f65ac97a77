package dev.herald.transport.redis;

import static dev.herald.transport.redis.Updates.appendAll;
import static dev.herald.transport.redis.Updates.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.event.StoredUpdate;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RedisSentinel;
import dev.herald.testkit.RedisServer;
import dev.herald.transport.TransportUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primary, its replica and a Sentinel, all real processes; the hubs reach Redis through
 * {@code redis-sentinel://}. The primary is killed, Sentinel promotes the replica: publishes fail
 * (the hub answers 503) until the hubs have reconnected to the new primary, then succeed; a feed
 * opened before goes on without a gap; with {@code WAIT} for one replica nothing acknowledged is lost.
 */
class RedisSentinelIT {
    private static final String NAME = "herald";
    private static final Duration FAILOVER = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void whenSentinelPromotesTheReplicaPublishesFailMeanwhileThenSucceedAndTheFeedGoesOnWithNothingAcknowledgedLost()
            throws Exception {
        try (RedisServer primary = RedisServer.start(Files.createDirectories(dir.resolve("primary")));
                RedisServer replica = RedisServer.start(Files.createDirectories(dir.resolve("replica")),
                        "--replicaof", "127.0.0.1", Integer.toString(primary.port()));
                RedisSentinel sentinel = RedisSentinel.start(dir.resolve("sentinel"), NAME, primary.port(),
                        Duration.ofSeconds(1))) {
            Poll.until(() -> info(primary, "replication").contains("state=online"), FAILOVER,
                    () -> "the replica did not come online");
            RedisTransportConfig cluster = RedisTransportConfig.of("redis-sentinel://127.0.0.1:" + sentinel.port() + "#" + NAME)
                    .withReplicas(1, Duration.ofMillis(500));
            try (RedisTransport publisher = RedisTransport.open(cluster); RedisTransport reader = RedisTransport.open(cluster)) {
                RecordingListener feed = new RecordingListener();
                reader.listen(feed);
                List<String> acknowledged = new ArrayList<>(ids(appendAll(publisher, "before", 30)));
                feed.await(30);

                primary.kill();
                CompletableFuture<StoredUpdate> during = publisher.append(Updates.update("during")).toCompletableFuture();
                assertThatThrownBy(() -> during.get(5, TimeUnit.SECONDS))
                        .cause().isInstanceOf(TransportUnavailableException.class);
                Poll.until(() -> promoted(sentinel, replica), FAILOVER, () -> "Sentinel did not promote the replica:\n"
                        + sentinel.logText());
                // The old primary comes back empty; Sentinel turns it into the new primary's replica,
                // and WAIT 1 can be satisfied again.
                primary.startAgain();

                List<String> attempted = new ArrayList<>();
                for (int i = 1; i <= 30; i++) {
                    acknowledged.add(appendUntilAccepted(publisher, "after" + i, attempted));
                }

                Poll.until(() -> ids(feed.seen()).containsAll(acknowledged), FAILOVER,
                        () -> "the feed after the failover: " + ids(feed.seen()));
                List<String> delivered = ids(feed.seen());
                assertThat(delivered).doesNotHaveDuplicates();
                assertThat(delivered.stream().filter(acknowledged::contains).toList())
                        .as("every acknowledged update, once, in order").containsExactlyElementsOf(acknowledged);
                assertThat(delivered).as("nothing but what was published")
                        .allMatch(id -> acknowledged.contains(id) || attempted.contains(id));
                assertThat(Updates.sequences(feed.seen())).isSorted();
                System.out.printf("Sentinel failover: %d publishes refused while it ran%n", attempted.size() - 30);
            }
        }
    }

    private static boolean promoted(RedisSentinel sentinel, RedisServer replica) {
        try {
            return sentinel.primaryPort(NAME) == replica.port() && info(replica, "replication").contains("role:master");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Appends under a new id per attempt until one is acknowledged (a refused attempt may still be
     * stored, when Redis ran it but no replica confirmed it in time). Returns the acknowledged id.
     */
    private static String appendUntilAccepted(RedisTransport t, String id, List<String> attempted) throws Exception {
        String[] accepted = new String[1];
        Poll.until(() -> {
            String attempt = id + "." + attempted.size();
            attempted.add(attempt);
            try {
                accepted[0] = t.append(Updates.update(attempt)).toCompletableFuture().get(5, TimeUnit.SECONDS)
                        .update().id();
                return true;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TransportUnavailableException)) {
                    throw new AssertionError(e);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // refused at once while down: do not spin
                return false;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, FAILOVER, () -> "no publish accepted after the failover");
        return accepted[0];
    }

    private static String info(RedisServer redis, String section) {
        try {
            return redis.command("INFO", section);
        } catch (IOException e) {
            return "";
        }
    }
}
