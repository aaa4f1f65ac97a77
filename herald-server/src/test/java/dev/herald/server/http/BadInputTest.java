package dev.herald.server.http;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.RunningHub;
import dev.herald.server.testing.SseEvent;
import dev.herald.server.testing.StreamClient;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every client mistake gets a 4xx whose body names the problem, never a 5xx, and leaves the hub
 * serving: after each case a subscriber still receives a fresh update.
 */
class BadInputTest {
    private static final int MAX_TOPICS = 3;
    private static final int MAX_BODY = 1024;
    private static final String HUB = "/.well-known/mercure";
    private static final String FORM = "application/x-www-form-urlencoded";

    private static RunningHub hub;

    @BeforeAll
    static void startHub() throws InterruptedException {
        hub = RunningHub.start(RunningHub.defaults().withMaxTopicsPerRequest(MAX_TOPICS).withMaxBodyBytes(MAX_BODY));
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @AfterEach
    void hubStillServes() throws Exception {
        assertThat(hub.client().get("/healthz").statusCode()).isEqualTo(200);
        try (StreamClient stream = LiveStreams.open(hub.port(), "still-alive")) {
            String id = hub.client().publish("still-alive", "yes");
            assertThat(stream.awaitEvents(1, Duration.ofSeconds(5))).containsExactly(SseEvent.message(id, "yes"));
        }
    }

    // --- subscribe -------------------------------------------------------------------------

    @Test
    void subscribeWithoutTopicIsRejected() throws Exception {
        assertRejected(hub.client().get(HUB), 400, "Missing \"topic\" parameter");
    }

    @Test
    void subscribeWithOnlyOtherParametersIsRejected() throws Exception {
        assertRejected(hub.client().get(HUB + "?lastEventID=x&foo=bar"), 400, "Missing \"topic\" parameter");
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
                "Too many \"topic\" parameters: 4 (limit 3)");
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

    // --- publish ---------------------------------------------------------------------------

    @Test
    void publishWithoutTopicIsRejected() throws Exception {
        assertRejected(hub.client().publish(List.of(entry("data", "orphan"))), 400, "Missing \"topic\" parameter");
    }

    @Test
    void publishWithAnEmptyTopicIsRejected() throws Exception {
        assertRejected(hub.client().publish(List.of(entry("topic", ""), entry("data", "x"))), 400,
                "Invalid \"topic\" parameter");
    }

    @Test
    void publishWithTooManyTopicsIsRejected() throws Exception {
        assertRejected(hub.client().publish(List.of(entry("topic", "t1"), entry("topic", "t2"),
                        entry("topic", "t3"), entry("topic", "t4"), entry("data", "x"))),
                400, "Too many \"topic\" parameters: 4 (limit 3)");
    }

    @Test
    void publishWithABodyOverTheLimitIsRejected() throws Exception {
        String body = "topic=big&data=" + "x".repeat(MAX_BODY);

        RawHttp.Response response = RawHttp.exchange(hub.port(), "POST " + HUB + " HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: " + FORM + "\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);

        assertRejected(response, 413, "too large");
    }

    @Test
    void publishWithAChunkedBodyOverTheLimitIsRejected() throws Exception {
        String chunk = "topic=big&data=" + "x".repeat(MAX_BODY);

        RawHttp.Response response = RawHttp.exchange(hub.port(), "POST " + HUB + " HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: " + FORM + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");

        assertRejected(response, 413, "too large");
    }

    @Test
    void publishWithExactlyTheTopicLimitAndABodyAtTheLimitIsAccepted() throws Exception {
        String head = "topic=t1&topic=t2&topic=t3&data=";
        String body = head + "x".repeat(MAX_BODY - head.length());

        HttpResponse<String> response = post(body);

        assertThat(response.statusCode()).as("body: %s", response.body()).isEqualTo(200);
    }

    @Test
    void aRejectedPublishLeavesTheKeptAliveConnectionUsable() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", hub.port()), 5000);
            socket.setSoTimeout(10_000);

            socket.getOutputStream().write(rawPost("topic=a&retry=later"));
            assertRejected(RawHttp.read(socket.getInputStream()), 400, "Invalid \"retry\" parameter");

            socket.getOutputStream().write(rawPost("topic=a&data=fine&id=after-400"));
            RawHttp.Response accepted = RawHttp.read(socket.getInputStream());
            assertThat(accepted.status()).isEqualTo(200);
            assertThat(accepted.body()).isEqualTo("after-400");
        }
    }

    @Test
    void publishWithBrokenPercentEncodingIsRejected() throws Exception {
        assertRejected(post("topic=a&data=%G1"), 400, "Invalid percent-encoding in \"data\" parameter");
    }

    @ParameterizedTest(name = "data={0}")
    @ValueSource(strings = {"%FF", "%C0%AF", "%ED%A0%80", "abc%E2%82"})
    void publishWithPercentEncodedBytesThatAreNotUtf8IsRejected(String data) throws Exception {
        assertRejected(post("topic=a&data=" + data), 400, "Invalid UTF-8 in \"data\" parameter");
    }

    @Test
    void publishWithAFieldNameThatIsNotUtf8IsRejected() throws Exception {
        assertRejected(post("topic=a&%FF=1"), 400, "Invalid UTF-8 in field name");
    }

    @ParameterizedTest(name = "id={0}")
    @ValueSource(strings = {"a%0Db", "a%0Ab", "a%00b", "a%0D%0Ab"})
    void publishWithAnIdContainingCrLfOrNulIsRejected(String id) throws Exception {
        assertRejected(post("topic=a&data=x&id=" + id), 400, "Invalid \"id\" parameter: must not contain CR, LF or NUL");
    }

    @Test
    void publishWithAnIdStartingWithHashIsRejected() throws Exception {
        assertRejected(post("topic=a&data=x&id=%23bad"), 400, "Invalid \"id\" parameter: must not start with #");
    }

    @Test
    void publishWithAnEmptyIdIsRejected() throws Exception {
        assertRejected(post("topic=a&data=x&id="), 400, "Invalid \"id\" parameter");
    }

    @ParameterizedTest(name = "type={0}")
    @ValueSource(strings = {"a%0Db", "a%0Ab", "a%00b", ""})
    void publishWithATypeThatBreaksTheEventIsRejected(String type) throws Exception {
        assertRejected(post("topic=a&data=x&type=" + type), 400, "Invalid \"type\" parameter");
    }

    @ParameterizedTest(name = "retry={0}")
    @ValueSource(strings = {"soon", "12a", "-1", "1.5", "+5", "%201", "", "99999999999999999999"})
    void publishWithARetryThatIsNotADigitStringIsRejected(String retry) throws Exception {
        assertRejected(post("topic=a&data=x&retry=" + retry), 400, "Invalid \"retry\" parameter");
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"text/plain", "application/json", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded; charset=iso-8859-1"})
    void publishWithAnotherContentTypeIsRejected(String contentType) throws Exception {
        assertRejected(hub.client().postRaw("topic=a&data=x".getBytes(StandardCharsets.UTF_8), contentType),
                415, "Content-Type must be application/x-www-form-urlencoded, got: " + contentType);
    }

    @Test
    void publishWithoutContentTypeIsRejected() throws Exception {
        assertRejected(hub.client().postRaw("topic=a&data=x".getBytes(StandardCharsets.UTF_8), null),
                415, "Content-Type must be application/x-www-form-urlencoded, got: none");
    }

    // --- routing and framing ---------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PUT", "DELETE", "PATCH"})
    void otherMethodsOnTheHubPathAreNotAllowed(String method) throws Exception {
        HttpResponse<String> response = hub.client().send(method, HUB);

        assertRejected(response, 405, "Method not allowed: " + method);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST, OPTIONS");
    }

    @Test
    void postingToStatsIsNotAllowed() throws Exception {
        HttpResponse<String> response = hub.client().send("POST", "/stats");

        assertRejected(response, 405, "Method not allowed: POST");
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void anUnknownPathIsNotFound() throws Exception {
        assertRejected(hub.client().get("/.well-known/mercure-not?topic=a"), 404, "Not found: /.well-known/mercure-not");
    }

    @Test
    void aRequestLineThatIsTooLongIsRejected() throws Exception {
        RawHttp.Response response = rawGet(HUB + "?topic=" + "a".repeat(10_000));

        assertRejected(response, 414, "Request line too long");
    }

    @Test
    void headersThatAreTooLargeAreRejected() throws Exception {
        StringBuilder request = new StringBuilder("GET /healthz HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < 40; i++) {
            request.append("X-Filler-").append(i).append(": ").append("v".repeat(1000)).append("\r\n");
        }
        RawHttp.Response response = RawHttp.exchange(hub.port(), request.append("\r\n").toString());

        assertRejected(response, 431, "Request headers too large");
    }

    @Test
    void aMalformedRequestLineIsRejected() throws Exception {
        RawHttp.Response response = RawHttp.exchange(hub.port(), "THIS IS NOT HTTP\r\n\r\n");

        assertRejected(response, 400, "Malformed HTTP request");
    }

    // --- helpers ---------------------------------------------------------------------------

    private static HttpResponse<String> post(String form) throws Exception {
        return hub.client().postRaw(form.getBytes(StandardCharsets.US_ASCII), FORM);
    }

    private static byte[] rawPost(String form) {
        return ("POST " + HUB + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM + "\r\n"
                + "Content-Length: " + form.length() + "\r\n\r\n" + form).getBytes(StandardCharsets.US_ASCII);
    }

    private static RawHttp.Response rawGet(String target) throws Exception {
        return RawHttp.exchange(hub.port(), "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void assertRejected(HttpResponse<String> response, int status, String message) {
        assertRejected(response.statusCode(), response.body(), status, message);
    }

    private static void assertRejected(RawHttp.Response response, int status, String message) {
        assertRejected(response.status(), response.body(), status, message);
    }

    private static void assertRejected(int actualStatus, String body, int status, String message) {
        assertThat(actualStatus).as("status (body: %s)", body).isLessThan(500).isEqualTo(status);
        assertThat(body).as("body of the %d response", status).containsIgnoringCase(message);
    }
}
