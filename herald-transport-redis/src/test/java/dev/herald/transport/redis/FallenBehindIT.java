package dev.herald.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.hub.Hub;
import dev.herald.hub.HubConfig;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RedisServer;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub whose feed falls further behind than Redis keeps history ends its streams instead of
 * going on with a hole in them: clients reconnect with Last-Event-ID and are told their resume is
 * not exact.
 */
class FallenBehindIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int RETAINED = 5;

    @TempDir
    Path dir;

    @Test
    void aHubThatMissedTrimmedUpdatesEndsItsStreamsAndTheirClientsResumeWithTheInexactNotice() throws Exception {
        try (RedisServer redis = RedisServer.start(dir)) {
            RedisTransportConfig cluster = RedisTransportConfig.of(redis.url()).withRetentionCount(RETAINED);
            HeldFeed feedOfB = new HeldFeed(RedisTransport.open(cluster));
            try (RunningHub a = RunningHub.start(new Hub(RedisTransport.open(cluster), HubConfig.defaults()));
                    RunningHub b = RunningHub.start(new Hub(feedOfB, HubConfig.defaults()));
                    StreamClient onB = LiveStreams.open(b.port(), "books"); StreamClient onA = LiveStreams.open(a.port(), "books")) {
                String first = a.client().publish("books", "first");
                onB.awaitEvents(1, TIMEOUT);

                feedOfB.hold();
                String delivered = a.client().publish("books", "held");
                assertThat(feedOfB.awaitHeld()).as("B's feed is held on the update").isTrue();
                List<String> later = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    later.add(a.client().publish("books", "later " + i));
                }
                assertThat(redis.integer("XLEN", "{herald}:updates")).as("trimmed past B's feed").isEqualTo(RETAINED);
                feedOfB.release();

                onB.awaitEnded(TIMEOUT);
                assertThat(onB.events().stream().map(SseEvent::id).toList())
                        .as("nothing after the hole").containsExactly(first, delivered);
                assertThat(onA.awaitEvents(22, TIMEOUT)).as("A, which kept up, goes on").hasSize(22);
                assertThat(onA.ended()).isFalse();

                try (StreamClient resumed = LiveStreams.open(b.port(), StreamClient.path(List.of("books"), Map.of()),
                        Map.of("Last-Event-ID", delivered))) {
                    List<SseEvent> events = resumed.awaitEvents(1 + RETAINED, TIMEOUT);
                    JsonNode notice = PresenceCluster.parse(events.get(0).data());
                    assertThat(events.get(0).type()).isEqualTo("mercure");
                    assertThat(notice.get("type").asText()).isEqualTo("resume");
                    assertThat(notice.get("exact").asBoolean()).isFalse();
                    assertThat(notice.get("last_event_id").asText()).isEqualTo(delivered);
                    assertThat(events.subList(1, 1 + RETAINED).stream().map(SseEvent::id).toList())
                            .containsExactlyElementsOf(later.subList(20 - RETAINED, 20));
                }
                String after = a.client().publish("books", "after");
                try (StreamClient fresh = LiveStreams.open(b.port(), "books")) {
                    String next = a.client().publish("books", "next");
                    assertThat(fresh.awaitEvents(1, TIMEOUT).get(0).id()).as("B serves live streams again").isEqualTo(next);
                }
                Poll.until(() -> onA.events().stream().anyMatch(e -> e.id().equals(after)), TIMEOUT, () -> "A delivering");
            }
        }
    }
}
