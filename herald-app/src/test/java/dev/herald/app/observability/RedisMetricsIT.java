package dev.herald.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.app.testing.HubProcess;
import dev.herald.testkit.HubClient;
import dev.herald.testkit.MetricsScrape;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald serve --transport redis} on a real redis-server: its own meters count the batches
 * Redis stored and say how far the node's feed is behind, and say "unknown" (NaN) rather than a
 * stale figure while Redis does not answer.
 */
class RedisMetricsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String TOKEN = "operator-test-token-0123456789";

    @TempDir
    Path dir;

    @Test
    void redisMetersCountStoredBatchesAndTheFeedBacklog() throws Exception {
        try (RedisServer redis = RedisServer.start(Files.createDirectories(dir.resolve("redis")));
                HubProcess hub = HubProcess.start(null, "--transport", "redis", "--redis-url", redis.url(),
                        "--admin-token", TOKEN)) {
            int port = hub.awaitListening(TIMEOUT);
            HubClient client = new HubClient(port);
            int n = 20;
            for (int i = 0; i < n; i++) {
                client.publish("https://example.com/orders/" + i, "order " + i);
            }

            MetricsScrape after = MetricsScrape.of(port, TOKEN);
            // One publish at a time: each its own batch, and every one stored.
            assertThat(after.value("herald_redis_appends_total")).isEqualTo(n);
            assertThat(after.value("herald_redis_append_seconds_total")).isPositive();
            Poll.until(() -> MetricsScrape.of(port, TOKEN).value("herald_redis_feed_backlog_updates") == 0, TIMEOUT,
                    () -> "the feed never caught up");
            // Updates stored behind the hub's back (as another node would) show up as backlog only
            // until the feed reads them; a sequence far ahead of the stream is what a stalled feed looks like.
            redis.command("SET", "{herald}:last-sequence", "1000000");
            assertThat(MetricsScrape.of(port, TOKEN).value("herald_redis_feed_backlog_updates"))
                    .isEqualTo(1_000_000 - n);

            redis.pause();
            try {
                assertThat(MetricsScrape.of(port, TOKEN).value("herald_redis_feed_backlog_updates")).isNaN();
            } finally {
                redis.resume();
            }
        }
    }
}
