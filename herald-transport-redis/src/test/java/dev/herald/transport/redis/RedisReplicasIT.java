package dev.herald.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.event.StoredUpdate;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RedisServer;
import dev.herald.transport.TransportUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With replicas required, a publish is acknowledged only once that many replicas have it (WAIT). */
class RedisReplicasIT {
    @TempDir
    Path dir;

    @Test
    void aPublishIsAcknowledgedOnceTheReplicaHasItAndRefusedWhenTheReplicaStalls() throws Exception {
        try (RedisServer primary = RedisServer.start(Files.createDirectories(dir.resolve("primary")));
                RedisServer replica = RedisServer.start(Files.createDirectories(dir.resolve("replica")),
                        "--replicaof", "127.0.0.1", Integer.toString(primary.port()))) {
            Poll.until(() -> replicasOf(primary).contains("state=online"), Duration.ofSeconds(20),
                    () -> "the replica did not come online");
            RedisTransportConfig config = RedisTransportConfig.of(primary.url())
                    .withReplicas(1, Duration.ofMillis(300));
            try (RedisTransport t = RedisTransport.open(config)) {
                StoredUpdate stored = Updates.append(t, "replicated");
                assertThat(replica.integer("XLEN", "{herald}:updates")).as("on the replica when acknowledged")
                        .isEqualTo(1);

                replica.pause();
                try {
                    CompletableFuture<StoredUpdate> unconfirmed = t.append(Updates.update("unconfirmed"))
                            .toCompletableFuture();
                    assertThatThrownBy(() -> unconfirmed.get(5, TimeUnit.SECONDS)).cause()
                            .isInstanceOf(TransportUnavailableException.class)
                            .hasMessage("only 0 of 1 Redis replicas confirmed the update within 300ms");
                } finally {
                    replica.resume();
                }
                assertThat(stored.sequence()).isEqualTo(1);
            }
        }
    }

    private static String replicasOf(RedisServer primary) {
        try {
            return primary.command("INFO", "replication");
        } catch (IOException e) {
            return "";
        }
    }
}
