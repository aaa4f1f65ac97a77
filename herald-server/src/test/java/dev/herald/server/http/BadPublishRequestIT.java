package dev.herald.server.http;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.RawHttp;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Publish requests the hub must turn away with a 4xx, and the limits it must still accept. */
class BadPublishRequestIT extends BadInputFixture {

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
                413, "Too many \"topic\" parameters: 4 (limit 3)");
    }

    @Test
    void publishWithABodyOverTheLimitIsRejected() throws Exception {
        String body = "topic=big&data=" + "x".repeat(MAX_BODY);

        RawHttp.Response response = RawHttp.exchange(hub.port(), rawPost(body));

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
    @ValueSource(strings = {"a%0Db", "a%0Ab", "a%00b", "a%0D%0Ab", "a%09b", "a%7Fb", "a%C2%85b", "a%E2%80%8Bb",
            "a%E2%80%AEb"})
    void publishWithAnIdContainingAControlOrFormatCharacterIsRejected(String id) throws Exception {
        assertRejected(post("topic=a&data=x&id=" + id), 400, "Invalid \"id\" parameter: control or format character U+");
    }

    @Test
    void publishWithTheReservedIdEarliestIsRejected() throws Exception {
        assertRejected(post("topic=a&data=x&id=earliest"), 400, "Invalid \"id\" parameter: earliest is reserved");
    }

    @ParameterizedTest(name = "topic={0}")
    @ValueSource(strings = {"a%0Ab", "a%00b", "a%1Bb", "a%C2%9Bb", "a%EF%BB%BFb", "a%E2%81%A6b"})
    void publishWithATopicContainingAControlOrFormatCharacterIsRejected(String topic) throws Exception {
        assertRejected(post("topic=ok&topic=" + topic + "&data=x"), 400,
                "Invalid \"topic\" parameter: control or format character U+");
    }

    @Test
    void publishToTheWildcardTopicIsRejectedEvenAsAnAlternate() throws Exception {
        assertRejected(post("topic=*&data=x"), 400, "Invalid \"topic\" parameter: * is the wildcard");
        assertRejected(post("topic=a&topic=*&data=x"), 400, "Invalid \"topic\" parameter: * is the wildcard");
    }

    @Test
    void publishWithTheReservedTypeMercureIsRejected() throws Exception {
        assertRejected(post("topic=a&data=x&type=mercure"), 400,
                "Invalid \"type\" parameter: mercure is reserved for the hub's own events");
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        HttpResponse<String> response = post("topic=a&data=x&future_field=1&another");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.body()).startsWith("urn:uuid:");
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
    @ValueSource(strings = {"a%0Db", "a%0Ab", "a%00b", "", "a%7Fb", "a%E2%80%8Bb"})
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

    // --- helpers ---------------------------------------------------------------------------

    private static HttpResponse<String> post(String form) throws Exception {
        return hub.client().postRaw(form.getBytes(StandardCharsets.US_ASCII), FORM);
    }

    /** A POST of {@code form} as it is (not encoded here), on a connection kept alive. */
    private static byte[] rawPost(String form) {
        return RawHttp.request("POST", HUB, RawHttp.headers("Host", "localhost", "Content-Type", FORM),
                form.getBytes(StandardCharsets.US_ASCII));
    }
}
