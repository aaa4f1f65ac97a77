package dev.herald.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.herald.client.MessageEvent;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.Poll;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code herald tail} run in-process against a real hub and a stub server. */
class TailCommandIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private RunningHub hub;
    private HttpServer stub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        if (stub != null) {
            stub.stop(0);
        }
    }

    @Test
    void jsonPrintsOneObjectPerEventPerLine() throws Exception {
        hub = RunningHub.start();
        String hubUrl = "http://127.0.0.1:" + hub.port() + "/.well-known/mercure";
        AtomicInteger exit = new AtomicInteger(-1);
        Thread tail = new Thread(() -> exit.set(run("tail", "--hub", hubUrl, "--match", "t", "--json", "--count", "3")));
        tail.start();
        Poll.until(() -> hub.client().stats().subscribers() == 1, TIMEOUT, () -> "stats: " + hub.client().stats());

        String first = hub.client().publish("t", "plain");
        hub.client().publish(List.of(Map.entry("topic", "t"), Map.entry("data", "two\r\nlines \"quoted\" \\ \u2026 \uD83D\uDE00"),
                Map.entry("id", "id-2"), Map.entry("type", "note")));
        hub.client().publish(List.of(Map.entry("topic", "t"), Map.entry("data", ""), Map.entry("id", "id-3")));
        tail.join(TIMEOUT.toMillis());

        assertThat(exit.get()).as("exit code; stderr: %s", err).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readValue(lines.get(0), Map.class)).isEqualTo(Map.of("type", "message", "id", first, "data", "plain"));
        assertThat(json.readValue(lines.get(1), Map.class)).isEqualTo(
                Map.of("type", "note", "id", "id-2", "data", "two\nlines \"quoted\" \\ \u2026 \uD83D\uDE00"));
        assertThat(lines.get(2)).isEqualTo("{\"type\": \"message\", \"id\": \"id-3\", \"data\": \"\"}");
    }

    @Test
    void aUrlPatternAndA0xTopicSubscribeTogether() throws Exception {
        hub = RunningHub.start();
        String hubUrl = "http://127.0.0.1:" + hub.port() + "/.well-known/mercure";
        AtomicInteger exit = new AtomicInteger(-1);
        Thread tail = new Thread(() -> exit.set(run("tail", "--hub", hubUrl, "--match-urlpattern",
                "https://example.com/books/:id", "--topic", "https://example.com/authors/{id}", "--count", "2")));
        tail.start();
        Poll.until(() -> hub.client().stats().subscribers() == 1, TIMEOUT, () -> "stats: " + hub.client().stats());

        hub.client().publish("https://example.com/books/1/reviews", "not a book");
        hub.client().publish("https://example.com/books/1", "book");
        hub.client().publish("https://example.com/authors/7", "author");
        tail.join(TIMEOUT.toMillis());

        assertThat(exit.get()).as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString().lines().toList()).containsExactly("book", "author");
    }

    @Test
    void exitsZeroWhenTheServerAnswersNoContent() throws Exception {
        startStub(204, null, "");

        int exit = run("tail", stubUrl());

        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void printsTheDataOfEachEventAndExitsNonZeroWhenTheStreamFails() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            boolean first = calls.getAndIncrement() == 0;
            byte[] body = (first ? "id: 1\ndata: hello\ndata: world\n\n" : "").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(first ? 200 : 500, first ? body.length : -1);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();

        int exit = run("tail", stubUrl());

        assertThat(exit).isNotZero();
        assertThat(out.toString()).isEqualTo("hello\nworld" + System.lineSeparator());
        assertThat(err.toString()).contains("stream closed by the server; reconnecting", "unexpected HTTP status: 500");
    }

    @Test
    void aWrongContentTypeExitsNonZeroNamingIt() throws Exception {
        startStub(200, "text/html", "<html>");

        int exit = run("tail", stubUrl());

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("invalid content-type: text/html");
    }

    @Test
    void aUrlOrATopicIsRequiredButNotBoth() {
        assertThat(run("tail")).isNotZero();
        assertThat(err.toString()).contains("give a URL or at least one --match, --match-urlpattern or --topic");

        assertThat(run("tail", "http://127.0.0.1:1/x", "--topic", "t")).isNotZero();
        assertThat(err.toString()).contains("give either a URL or --match/--match-urlpattern/--topic, not both");

        assertThat(run("tail", "ftp://example.com/x")).isNotZero();
        assertThat(err.toString()).contains("uri must be an absolute http or https URL: ftp://example.com/x");
    }

    @Test
    void theJsonLineEscapesEverythingOutsidePrintableAscii() throws Exception {
        String data = "\u0000\u001f\u007f\b\f\t\r\n\"\\/\u2028\uD83D\uDE00\uD800";

        String line = JsonLine.of(new MessageEvent("t\"", data, "\u00e9"));

        assertThat(line).isEqualTo("{\"type\": \"t\\\"\", \"id\": \"\\u00e9\", \"data\": "
                + "\"\\u0000\\u001f\\u007f\\b\\f\\t\\r\\n\\\"\\\\/\\u2028\\ud83d\\ude00\\ud800\"}");
        assertThat(line).matches("[\\x20-\\x7e]*");
        assertThat(new ObjectMapper().readValue(line, Map.class).get("data")).isEqualTo(data);
    }

    private void startStub(int status, String contentType, String body) throws Exception {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            exchange.sendResponseHeaders(status, status == 204 || bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        stub.start();
    }

    private String stubUrl() {
        return "http://127.0.0.1:" + stub.getAddress().getPort() + "/events";
    }

    private int run(String... args) {
        CommandLine cli = HeraldCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
