package dev.herald.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.testkit.RedisServer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub started before its Redis waits for it; a Redis that refuses the login is not waited for. */
class RedisStartupIT {
    @TempDir
    Path dir;

    @Test
    void aHubStartedBeforeRedisOpensOnceRedisIsUp() throws Exception {
        try (RedisServer redis = RedisServer.start(dir)) {
            redis.stop(); // its port is known, and nothing listens on it now
            RedisTransportConfig config = RedisTransportConfig.of(redis.url());
            CompletableFuture<RedisTransport> opening = CompletableFuture.supplyAsync(() -> {
                try {
                    return RedisStartup.open(config, Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThatThrownBy(() -> opening.get(1500, TimeUnit.MILLISECONDS)).as("still waiting while Redis is away")
                    .isInstanceOf(TimeoutException.class);

            redis.startAgain();
            try (RedisTransport transport = opening.get(30, TimeUnit.SECONDS)) {
                assertThat(Updates.append(transport, "after the wait").sequence()).isEqualTo(1);
            }
        }
    }

    @Test
    void withoutPatienceOrPastItTheLastFailureIsThrown() throws Exception {
        try (RedisServer redis = RedisServer.start(dir)) {
            redis.stop();
            RedisTransportConfig config = RedisTransportConfig.of(redis.url());

            assertThatThrownBy(() -> RedisStartup.open(config, Duration.ZERO))
                    .isInstanceOf(RedisTransportException.class).hasMessageContaining("Cannot use Redis at");
            long began = System.nanoTime();
            assertThatThrownBy(() -> RedisStartup.open(config, Duration.ofMillis(1200)))
                    .isInstanceOf(RedisTransportException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(1200));
        }
    }

    @Test
    void aRefusedLoginFailsAtOnceDespitePatience() throws Exception {
        try (RedisServer redis = RedisServer.start(dir, "--requirepass", "right-password")) {
            String wrong = "redis://:wrong-password@127.0.0.1:" + redis.port();
            long began = System.nanoTime();

            assertThatThrownBy(() -> RedisStartup.open(RedisTransportConfig.of(wrong), Duration.ofSeconds(60)))
                    .isInstanceOf(RedisTransportException.class).hasMessageContaining("WRONGPASS");
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void redisStillLoadingItsDataIsWaitedForAndRefusalsAreNot() {
        RedisTransportException loading = new RedisTransportException("Cannot use Redis",
                new RedisConnectionException("Unable to connect",
                        new RedisCommandExecutionException("LOADING Redis is loading the dataset in memory")));
        RedisTransportException refused = new RedisTransportException("Cannot use Redis",
                new RedisConnectionException("Unable to connect",
                        new RedisCommandExecutionException("NOPERM this user has no permissions")));
        RedisTransportException away = new RedisTransportException("Cannot use Redis",
                new RedisConnectionException("Unable to connect to 127.0.0.1:1", new java.net.ConnectException("refused")));

        assertThat(RedisStartup.worthWaiting(loading)).isTrue();
        assertThat(RedisStartup.worthWaiting(away)).isTrue();
        assertThat(RedisStartup.worthWaiting(refused)).isFalse();
    }
}
