package dev.herald.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.Poll;
import dev.herald.testkit.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What /readyz learns from the Redis transport: not ready while Redis is gone, ready again once it is back. */
class RedisHealthIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void notReadyWhileRedisIsDownReadyAgainOnceItIsBack() throws Exception {
        try (RedisServer redis = RedisServer.start(dir);
                RedisTransport t = RedisTransport.open(RedisTransportConfig.of(redis.url()))) {
            t.listen(u -> {});
            Updates.append(t, "before");
            assertThat(t.health().ready()).isTrue();

            redis.stop();
            Poll.until(() -> !t.health().ready(), TIMEOUT, () -> "still ready with Redis stopped");
            assertThat(t.health().reason()).isIn("redis unreachable", "redis feed lost");

            redis.startAgain();
            Poll.until(() -> t.health().ready(), TIMEOUT, () -> "not ready again: " + t.health().reason());
        }
    }

    @Test
    void aClosedTransportIsNotReady() throws Exception {
        try (RedisServer redis = RedisServer.start(dir)) {
            RedisTransport t = RedisTransport.open(RedisTransportConfig.of(redis.url()));
            t.close();
            assertThat(t.health().reason()).isEqualTo("redis transport closed");
        }
    }
}
