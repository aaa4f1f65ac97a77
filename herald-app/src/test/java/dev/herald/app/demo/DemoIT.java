package dev.herald.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo page and the two built-in publishers: the demo feeds and standard input. */
class DemoIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RFC_3339 = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})";

    @Test
    void theDemoPageIsServedAtTheRootWithDemoEnabled() throws Exception {
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withHomePage(DemoPage.html()))) {
            HttpResponse<String> page = hub.client().get("/");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body()).contains("Timestamp (server)", "EventSource", "demo/ticker", "demo/clock");
        }
    }

    @Test
    void withoutDemoTheRootExplainsTheHubInstead() throws Exception {
        try (RunningHub hub = RunningHub.start()) {
            HttpResponse<String> page = hub.client().get("/");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("/.well-known/mercure").doesNotContain("Timestamp (server)");
        }
    }

    @Test
    void theTickerAndClockPublishWhatTheClockSays() throws Exception {
        Instant now = Instant.parse("2026-01-02T03:04:05.678Z");
        try (RunningHub hub = RunningHub.start();
                StreamClient ticker = LiveStreams.open(hub.port(), DemoPublisher.TICKER_TOPIC);
                StreamClient clock = LiveStreams.open(hub.port(), DemoPublisher.CLOCK_TOPIC);
                DemoPublisher demo = new DemoPublisher(hub.server().hub(), Clock.fixed(now, ZoneOffset.UTC))) {
            demo.start();

            JsonNode tick = JSON.readTree(ticker.awaitEvents(1, TIMEOUT).get(0).data());
            assertThat(tick.get("timestamp").isIntegralNumber()).isTrue();
            assertThat(tick.get("timestamp").asLong()).isEqualTo(now.getEpochSecond());
            assertThat(tick.get("message").asText()).isEqualTo("Hello at Fri, 2 Jan 2026 03:04:05 GMT");

            JsonNode time = JSON.readTree(clock.awaitEvents(1, TIMEOUT).get(0).data());
            assertThat(time.get("clock").asText()).isEqualTo("2026-01-02T03:04:05Z");
        }
    }

    @Test
    void theTickerMessageCarriesAnRfc1123DateMatchingItsTimestamp() throws Exception {
        try (RunningHub hub = RunningHub.start();
                StreamClient ticker = LiveStreams.open(hub.port(), DemoPublisher.TICKER_TOPIC);
                StreamClient clock = LiveStreams.open(hub.port(), DemoPublisher.CLOCK_TOPIC);
                DemoPublisher demo = new DemoPublisher(hub.server().hub(), Clock.systemUTC())) {
            Instant before = Instant.now();
            demo.start();

            SseEvent tickEvent = ticker.awaitEvents(1, TIMEOUT).get(0);
            assertThat(tickEvent.type()).isEqualTo("message");
            assertThat(tickEvent.id()).startsWith("urn:uuid:");
            JsonNode tick = JSON.readTree(tickEvent.data());
            assertThat(tick.get("timestamp").isIntegralNumber()).isTrue();
            String message = tick.get("message").asText();
            assertThat(message).startsWith("Hello at ");
            OffsetDateTime date = OffsetDateTime.parse(message.substring("Hello at ".length()),
                    DateTimeFormatter.RFC_1123_DATE_TIME);
            assertThat(date.toEpochSecond()).isEqualTo(tick.get("timestamp").asLong());
            assertThat(date.toInstant()).isBetween(before.minusSeconds(1), Instant.now());

            String clockText = JSON.readTree(clock.awaitEvents(1, TIMEOUT).get(0).data()).get("clock").asText();
            assertThat(clockText).matches(RFC_3339);
            assertThat(OffsetDateTime.parse(clockText).toInstant()).isBetween(before.minusSeconds(1), Instant.now());
        }
    }

    @Test
    void stdinLinesArePublishedInOrderAndTheHubServesOnAfterEndOfInput() throws Exception {
        byte[] input = "first line\r\nsecond, with ünïcode\nthird without newline".getBytes(StandardCharsets.UTF_8);
        try (RunningHub hub = RunningHub.start(); StreamClient logs = LiveStreams.open(hub.port(), "logs")) {
            Thread reader = new StdinPublisher(hub.server().hub(), "logs", new ByteArrayInputStream(input)).start();
            reader.join(TIMEOUT.toMillis());
            assertThat(reader.isAlive()).as("stdin reader still running after end of input").isFalse();

            List<SseEvent> events = logs.awaitEvents(3, TIMEOUT);
            assertThat(events).extracting(SseEvent::data)
                    .containsExactly("first line", "second, with ünïcode", "third without newline");

            String id = hub.client().publish("logs", "after EOF");
            assertThat(logs.awaitEvents(4, TIMEOUT)).hasSize(4).last().isEqualTo(SseEvent.message(id, "after EOF"));
            assertThat(hub.client().get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void emptyStdinPublishesNothing() throws Exception {
        try (RunningHub hub = RunningHub.start(); StreamClient logs = LiveStreams.open(hub.port(), "logs")) {
            Thread reader = new StdinPublisher(hub.server().hub(), "logs", new ByteArrayInputStream(new byte[0])).start();
            reader.join(TIMEOUT.toMillis());

            String id = hub.client().publish("logs", "marker");
            assertThat(logs.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(id, "marker"));
        }
    }
}
