package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Subscribe requests the hub must turn away with a 4xx, and the limits it must still accept. */
class BadSubscribeRequestIT extends BadInputFixture {

    @Test
    void subscribeWithoutTopicIsRejected() throws Exception {
        assertRejected(hub.client().get(HUB), 400, "Missing \"match\" parameter");
    }

    @Test
    void subscribeWithOnlyOtherParametersIsRejected() throws Exception {
        assertRejected(hub.client().get(HUB + "?lastEventID=x&foo=bar"), 400, "Missing \"match\" parameter");
    }

    @Test
    void subscribeWithAnEmptyTopicIsRejected() throws Exception {
        assertRejected(hub.client().get(HUB + "?topic="), 400, "Invalid \"topic\" parameter");
    }

    @Test
    void subscribeWithTooManyTopicsIsRejected() throws Exception {
        String query = IntStream.rangeClosed(1, MAX_TOPICS + 1).mapToObj(i -> "topic=t" + i)
                .collect(Collectors.joining("&"));

        assertRejected(hub.client().get(HUB + "?" + query), 400,
                "Too many topic matchers: 4 (limit 3)");
    }

    @Test
    void subscribeWithBrokenPercentEncodingIsRejected() throws Exception {
        assertRejected(rawGet(HUB + "?topic=%ZZ"), 400, "Invalid percent-encoding in \"topic\" parameter");
    }

    @Test
    void subscribeWithATruncatedPercentEscapeIsRejected() throws Exception {
        assertRejected(rawGet(HUB + "?topic=books%4"), 400, "Invalid percent-encoding in \"topic\" parameter");
    }

    @ParameterizedTest(name = "topic={0}")
    @ValueSource(strings = {"%FF", "%C0%AF", "%ED%A0%80", "abc%E2%82"})
    void subscribeWithPercentEncodedBytesThatAreNotUtf8IsRejected(String topic) throws Exception {
        assertRejected(rawGet(HUB + "?topic=" + topic), 400, "Invalid UTF-8 in \"topic\" parameter");
    }

    @ParameterizedTest(name = "topic={0}")
    @ValueSource(strings = {"https://example.com/{id", "https://example.com/{}", "https://example.com/{=id}",
            "https://example.com/{id}}", "https://example.com/{a{b}}", "https://example.com/{bad-name}"})
    void subscribeWithAMalformedTemplateIsRejected(String template) throws Exception {
        HttpResponse<String> response = hub.client().get(HUB + "?topic=" + encode(template));

        assertRejected(response, 400, "Invalid \"topic\" parameter");
        assertThat(response.body()).contains(template);
    }

    @Test
    void subscribeWithALastEventIdHeaderThatIsNotUtf8IsRejected() throws Exception {
        byte[] request = ("GET " + HUB + "?topic=a HTTP/1.1\r\nHost: localhost\r\nLast-Event-ID: ")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[request.length + 2 + end.length];
        System.arraycopy(request, 0, all, 0, request.length);
        all[request.length] = (byte) 0xC3;
        all[request.length + 1] = (byte) 0x28;
        System.arraycopy(end, 0, all, request.length + 2, end.length);

        assertRejected(RawHttp.exchange(hub.port(), all), 400, "Invalid UTF-8 in the Last-Event-ID header");
    }

    @Test
    void subscribeWithExactlyTheTopicLimitIsAccepted() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "l1", "l2", "l3")) {
            String id = hub.client().publish("l3", "within the limit");

            assertThat(stream.awaitEvents(1, Duration.ofSeconds(5)))
                    .containsExactly(SseEvent.message(id, "within the limit"));
        }
    }

    // --- helpers ---------------------------------------------------------------------------

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
