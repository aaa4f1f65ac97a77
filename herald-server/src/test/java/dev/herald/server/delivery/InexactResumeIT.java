package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.hub.Hub;
import dev.herald.hub.HubConfig;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.Poll;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import dev.herald.transport.InMemoryTransport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A resume that cannot be exact (the id is unknown or trimmed from history) is announced in the
 * stream by a typed event, since a browser's EventSource cannot read the response headers; an
 * exact resume is not. And a connection past its maximum lifetime is closed.
 */
class InexactResumeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HUB = "/.well-known/mercure";

    @Test
    void aTrimmedIdGetsAResumeNoticeBeforeTheRetainedUpdates() throws Exception {
        try (RunningHub hub = RunningHub.start(new Hub(new InMemoryTransport(2), HubConfig.defaults()))) {
            String trimmed = hub.client().publish("r", "1");
            String second = hub.client().publish("r", "2");
            String third = hub.client().publish("r", "3");

            try (StreamClient stream = LiveStreams.open(hub.port(), HUB + "?match=r&last_event_id=" + trimmed, Map.of())) {
                List<SseEvent> events = stream.awaitEvents(3, TIMEOUT);

                assertThat(stream.header("Mercure-Last-Event-ID")).isEqualTo("earliest");
                SseEvent notice = events.get(0);
                assertThat(notice.type()).isEqualTo("mercure");
                assertThat(notice.id()).as("the notice carries no id, so the client's last id is kept").isEmpty();
                JsonNode body = JSON.readTree(notice.data());
                assertThat(body.get("type").asText()).isEqualTo("resume");
                assertThat(body.get("exact").asBoolean()).isFalse();
                assertThat(body.get("last_event_id").asText()).isEqualTo(trimmed);
                assertThat(body.get("resumed_from").asText()).isEqualTo("earliest");
                assertThat(events.subList(1, 3)).containsExactly(SseEvent.message(second, "2"), SseEvent.message(third, "3"));
            }
        }
    }

    @Test
    void aHostileRequestedIdCannotInjectFieldsIntoTheNotice() throws Exception {
        try (RunningHub hub = RunningHub.start()) {
            String hostile = "x\"}\ndata: injected\n\nevent: message";
            String query = "?match=r&last_event_id=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8);

            try (StreamClient stream = LiveStreams.open(hub.port(), HUB + query, Map.of())) {
                String id = hub.client().publish("r", "after");
                List<SseEvent> events = stream.awaitEvents(2, TIMEOUT);

                assertThat(JSON.readTree(events.get(0).data()).get("last_event_id").asText()).isEqualTo(hostile);
                assertThat(events.get(1)).isEqualTo(SseEvent.message(id, "after"));
                stream.assertNoEventsBeyond(2);
            }
        }
    }

    @Test
    void anExactResumeAndAnExplicitEarliestGetNoNotice() throws Exception {
        try (RunningHub hub = RunningHub.start()) {
            String first = hub.client().publish("r", "1");
            String second = hub.client().publish("r", "2");

            try (StreamClient exact = LiveStreams.open(hub.port(), HUB + "?match=r&last_event_id=" + first, Map.of());
                    StreamClient earliest = LiveStreams.open(hub.port(), HUB + "?match=r&last_event_id=earliest", Map.of())) {
                assertThat(exact.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(second, "2"));
                assertThat(earliest.awaitEvents(2, TIMEOUT))
                        .containsExactly(SseEvent.message(first, "1"), SseEvent.message(second, "2"));
                exact.assertNoEventsBeyond(1);
                earliest.assertNoEventsBeyond(2);
            }
        }
    }

    @Test
    void aConnectionPastItsMaximumLifetimeIsClosed() throws Exception {
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withMaxConnectionLifetime(Duration.ofMillis(300)));
                StreamClient stream = LiveStreams.open(hub.port(), HUB + "?match=r", Map.of())) {
            stream.awaitEnded(TIMEOUT);

            Poll.until("the hub to count no subscriber", () -> hub.client().stats().subscribers() == 0);
        }
    }
}
