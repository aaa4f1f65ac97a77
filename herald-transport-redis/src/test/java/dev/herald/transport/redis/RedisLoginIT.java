package dev.herald.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.testkit.RedisServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User and password travel in the URL; a refused login stops the transport from opening, password masked. */
class RedisLoginIT {
    @TempDir
    Path dir;

    @Test
    void anAclUserLogsInWithThePasswordInTheUrlAndAWrongOneIsRefusedWithoutShowingIt() throws Exception {
        try (RedisServer redis = RedisServer.start(dir, "--user", "hub", "on", ">s3cret", "~*", "&*", "+@all",
                "--user", "default", "off")) {
            String url = "redis://hub:s3cret@127.0.0.1:" + redis.port() + "/3";
            try (RedisTransport t = RedisTransport.open(RedisTransportConfig.of(url))) {
                assertThat(Updates.append(t, "u1").sequence()).isEqualTo(1);
            }

            String wrong = "redis://hub:wrong-pw@127.0.0.1:" + redis.port();
            assertThatThrownBy(() -> RedisTransport.open(RedisTransportConfig.of(wrong)))
                    .isInstanceOf(RedisTransportException.class)
                    .hasMessageStartingWith("Cannot use Redis at redis://hub:***@127.0.0.1:" + redis.port() + ": ")
                    .hasMessageContaining("WRONGPASS")
                    .hasMessageNotContaining("wrong-pw");
        }
    }
}
