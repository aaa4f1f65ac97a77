package dev.herald.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisTransportConfigTest {

    @Test
    void theDefaultsKeepTenThousandUpdatesAndAcknowledgeOnThePrimary() {
        RedisTransportConfig c = RedisTransportConfig.of("redis://localhost:6379");

        assertThat(c.retentionCount()).isEqualTo(10_000);
        assertThat(c.retentionAge()).isZero();
        assertThat(c.replicas()).isZero();
        assertThat(c.keyPrefix()).isEqualTo("herald");
    }

    @Test
    void passwordsNeverShowInMessagesOrLogs() {
        RedisTransportConfig c = RedisTransportConfig.of("rediss://app:s3cret@redis.internal:6380/2");

        assertThat(c.displayUrl()).isEqualTo("rediss://app:***@redis.internal:6380/2");
        assertThat(RedisTransportConfig.of("redis://s3cret@h").displayUrl()).isEqualTo("redis://:***@h");
        assertThat(c.toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> RedisTransportConfig.of("redis-sentinel://:s3cret@h:26379"))
                .hasMessage("a redis-sentinel:// URL must name the primary after #, e.g. "
                        + "redis-sentinel://127.0.0.1:26379#mymaster: redis-sentinel://:***@h:26379");
        assertThat(RedisTransportConfig.of("redis-sentinel://:s3cret@h:26379,h2:26379#main").displayUrl())
                .isEqualTo("redis-sentinel://:***@h:26379,h2:26379#main");
    }

    @Test
    void otherSchemesAreRefusedByName() {
        assertThatThrownBy(() -> RedisTransportConfig.of("http://h:6379")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the Redis URL must start with redis://, rediss:// or redis-sentinel:// "
                        + "(Redis Cluster is not supported yet): http://h:6379");
        assertThatThrownBy(() -> RedisTransportConfig.of("redis-sentinel://h:26379#"))
                .hasMessageContaining("must name the primary after #");
    }

    @Test
    void historyMustKeepAtLeastOneUpdateBecauseItIsAlsoTheFeed() {
        assertThatThrownBy(() -> RedisTransportConfig.of("redis://h").withRetentionCount(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @Test
    void aKeyPrefixWithBracesIsRefusedSinceTheyMakeTheHashTag() {
        assertThatThrownBy(() -> RedisTransportConfig.of("redis://h").withKeyPrefix("a{b}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RedisKeys.of("c1").stream()).isEqualTo("{c1}:updates");
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatThrownBy(() -> RedisTransportConfig.of("redis://h").withCommandTimeout(Duration.ZERO))
                .hasMessageContaining("command timeout");
        assertThatThrownBy(() -> RedisTransportConfig.of("redis://h").withReplicas(1, Duration.ZERO))
                .hasMessageContaining("replica timeout");
    }
}
