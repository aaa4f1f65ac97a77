package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.Form;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An update goes in as a form and comes out of a subscriber's stream with every field intact. */
class PublishRoundTripIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private RunningHub hub;

    @BeforeEach
    void startHub() throws InterruptedException {
        hub = RunningHub.start();
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void everyFieldReachesTheSubscriber() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "https://example.com/books/1")) {
            HttpResponse<String> response = publish(
                    field("topic", "https://example.com/books/1"),
                    field("data", "{\"title\": \"Dune\"}"),
                    field("id", "book-1-v2"),
                    field("type", "book.updated"),
                    field("retry", "2500"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            assertThat(response.body()).isEqualTo("book-1-v2");
            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(
                    new SseEvent("book-1-v2", "book.updated", "{\"title\": \"Dune\"}", 2500L));
        }
    }

    @Test
    void dataLinesEndedByLfCrOrCrlfArriveJoinedByLf() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "lines")) {
            String lf = hub.client().publish("lines", "one\ntwo\nthree");
            String cr = hub.client().publish("lines", "one\rtwo\rthree");
            String crlf = hub.client().publish("lines", "one\r\ntwo\r\nthree");
            String mixed = hub.client().publish("lines", "a\r\n\rb\n\r\nc");

            assertThat(stream.awaitEvents(4, TIMEOUT)).containsExactly(
                    SseEvent.message(lf, "one\ntwo\nthree"),
                    SseEvent.message(cr, "one\ntwo\nthree"),
                    SseEvent.message(crlf, "one\ntwo\nthree"),
                    SseEvent.message(mixed, "a\n\nb\n\nc"));
        }
    }

    @Test
    void leadingAndTrailingLineBreaksAreKept() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "lines")) {
            String id = hub.client().publish("lines", "\nmiddle\n");

            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(id, "\nmiddle\n"));
        }
    }

    @Test
    void anUpdateWithoutDataArrivesWithEmptyData() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "empty")) {
            HttpResponse<String> response = publish(field("topic", "empty"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(response.body(), ""));
        }
    }

    @Test
    void leadingAndTrailingSpacesInFieldsAreKept() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "spaces")) {
            HttpResponse<String> response = publish(
                    field("topic", "spaces"),
                    field("data", "  indented\n  twice "),
                    field("id", " id "),
                    field("type", " kind"));

            assertThat(response.body()).isEqualTo(" id ");
            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(
                    new SseEvent(" id ", " kind", "  indented\n  twice ", null));
        }
    }

    @Test
    void unicodeSurvivesTheRoundTrip() throws Exception {
        String data = "Grüße, 世界! 🚀 — ñandú\nзаголовок";
        try (StreamClient stream = LiveStreams.open(hub.port(), "https://example.com/ünïcödé/日本")) {
            HttpResponse<String> response = publish(
                    field("topic", "https://example.com/ünïcödé/日本"),
                    field("data", data),
                    field("id", "ключ-1"),
                    field("type", "café"));

            assertThat(response.body()).isEqualTo("ключ-1");
            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(
                    new SseEvent("ключ-1", "café", data, null));
        }
    }

    @Test
    void aGeneratedIdIsAUuidUrnAndIsTheResponseBody() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "anonymous")) {
            HttpResponse<String> response = publish(field("topic", "anonymous"), field("data", "x"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).matches(
                    "urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(response.body(), "x"));
        }
    }

    @Test
    void generatedIdsDifferBetweenUpdates() throws Exception {
        String first = hub.client().publish("anonymous", "1");
        String second = hub.client().publish("anonymous", "2");

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aSubscriberOfAnAlternateTopicReceivesTheUpdate() throws Exception {
        try (StreamClient canonical = LiveStreams.open(hub.port(), "https://example.com/books/1");
                StreamClient alternate = LiveStreams.open(hub.port(), "https://example.com/authors/7/books")) {
            HttpResponse<String> response = publish(
                    field("topic", "https://example.com/books/1"),
                    field("topic", "https://example.com/authors/7/books"),
                    field("data", "new edition"));

            SseEvent expected = SseEvent.message(response.body(), "new edition");
            assertThat(alternate.awaitEvents(1, TIMEOUT)).containsExactly(expected);
            assertThat(canonical.awaitEvents(1, TIMEOUT)).containsExactly(expected);
        }
    }

    @Test
    void anUpdateMatchingSeveralExactSelectorsIsDeliveredOnce() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "a", "b", "c")) {
            HttpResponse<String> both = publish(field("topic", "a"), field("topic", "b"), field("topic", "c"),
                    field("data", "to all three"));
            String marker = hub.client().publish("a", "marker");

            // Updates reach a stream in publish order, so a duplicate would come before the marker.
            assertThat(stream.awaitEvents(2, TIMEOUT)).containsExactly(
                    SseEvent.message(both.body(), "to all three"),
                    SseEvent.message(marker, "marker"));
        }
    }

    @Test
    void anUpdateNamingTheSameTopicTwiceIsDeliveredOnce() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "twice")) {
            HttpResponse<String> update = publish(field("topic", "twice"), field("topic", "twice"), field("data", "1"));
            String marker = hub.client().publish("twice", "marker");

            assertThat(stream.awaitEvents(2, TIMEOUT)).containsExactly(
                    SseEvent.message(update.body(), "1"), SseEvent.message(marker, "marker"));
        }
    }

    @Test
    void anUpdateMatchingExactWildcardAndTemplateSelectorsIsDeliveredOnce() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(),
                "https://example.com/books/1", "*", "https://example.com/books/{id}", "https://example.com/{+path}")) {
            HttpResponse<String> update = publish(
                    field("topic", "https://example.com/books/1"),
                    field("topic", "https://example.com/books/2"),
                    field("data", "matched four ways"));
            String marker = hub.client().publish("marker", "marker");

            assertThat(stream.awaitEvents(2, TIMEOUT)).containsExactly(
                    SseEvent.message(update.body(), "matched four ways"),
                    SseEvent.message(marker, "marker"));
        }
    }

    @Test
    void updatesArriveInPublishOrder() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "ordered")) {
            List<SseEvent> expected = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String id = hub.client().publish("ordered", "update " + i);
                expected.add(SseEvent.message(id, "update " + i));
            }

            assertThat(stream.awaitEvents(50, TIMEOUT)).containsExactlyElementsOf(expected);
        }
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"application/x-www-form-urlencoded; charset=UTF-8",
            "application/x-www-form-urlencoded;charset=\"utf-8\"", "APPLICATION/X-WWW-FORM-URLENCODED"})
    void theFormContentTypeIsAcceptedWithAUtf8CharsetOrInAnyCase(String contentType) throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "typed")) {
            HttpResponse<String> response = hub.client().postRaw(
                    "topic=typed&data=caf%C3%A9".getBytes(StandardCharsets.US_ASCII), contentType);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(response.body(), "café"));
        }
    }

    @Test
    void pipelinedPublishesAreAnsweredInOrderOnOneConnection() throws Exception {
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        for (int i = 1; i <= 3; i++) {
            requests.writeBytes(RawHttp.request("POST", "/.well-known/mercure",
                    RawHttp.headers("Host", "localhost", "Content-Type", Form.CONTENT_TYPE),
                    Form.encode("topic", "pipelined", "data", String.valueOf(i), "id", "p-" + i)
                            .getBytes(StandardCharsets.US_ASCII)));
        }
        try (StreamClient stream = LiveStreams.open(hub.port(), "pipelined"); Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", hub.port()), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(requests.toByteArray());

            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RawHttp.Response response = RawHttp.read(socket.getInputStream());
                assertThat(response.status()).isEqualTo(200);
                answers.add(response.body());
            }

            assertThat(answers).containsExactly("p-1", "p-2", "p-3");
            assertThat(stream.awaitEvents(3, TIMEOUT)).extracting(SseEvent::id).containsExactly("p-1", "p-2", "p-3");
        }
    }

    private HttpResponse<String> publish(Field... fields) throws Exception {
        return hub.client().publish(Arrays.stream(fields).map(f -> Map.entry(f.name(), f.value())).toList());
    }

    private static Field field(String name, String value) {
        return new Field(name, value);
    }

    /** One form field; may repeat. */
    private record Field(String name, String value) {}
}
