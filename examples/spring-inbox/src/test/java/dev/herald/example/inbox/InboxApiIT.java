package dev.herald.example.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.Poll;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example's API and its hub on a real Tomcat, with its real database and history files: what
 * a script sends with HTTP Basic reaches the recipient's stream and nobody else's; bad requests
 * are answered 4xx naming the problem.
 */
@SpringBootTest(classes = InboxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboxApiIT {
    @TempDir
    static Path data;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("inbox.data-dir", () -> data.toString());
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<StreamClient> streams = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (StreamClient s : streams) {
            s.close();
        }
    }

    @Test
    void aNotificationSentByScriptReachesTheRecipientsStreamOnly() throws Exception {
        StreamClient alice = stream("alice", "https://inbox.example/users/alice");
        StreamClient bob = stream("bob", "https://inbox.example/users/alice", "https://inbox.example/users/bob");

        HttpResponse<String> sent = post("bob", "/api/notifications", "{\"user\":\"alice\",\"text\":\"hello alice\"}");
        post("alice", "/api/notifications", "{\"user\":\"bob\",\"text\":\"hello bob\"}");

        assertThat(sent.statusCode()).isEqualTo(201);
        assertThat(sent.body()).contains("\"from\":\"bob\"", "\"to\":\"alice\"", "\"text\":\"hello alice\"");
        assertThat(alice.awaitEvents(1, Poll.TIMEOUT)).extracting(SseEvent::data).singleElement()
                .satisfies(d -> assertThat(d).contains("\"text\":\"hello alice\""));
        // bob's one event is his own: alice's, published first, never reached him
        assertThat(bob.awaitEvents(1, Poll.TIMEOUT)).extracting(SseEvent::data).singleElement()
                .satisfies(d -> assertThat(d).contains("\"text\":\"hello bob\""));
        HttpResponse<String> inbox = get("alice", "/api/notifications");
        assertThat(inbox.body()).contains("\"unread\":1", "hello alice").doesNotContain("hello bob");
    }

    @Test
    void markingReadIsForOnesOwnNotificationsOnly() throws Exception {
        HttpResponse<String> sent = post("bob", "/api/notifications", "{\"user\":\"alice\",\"text\":\"mine\"}");
        String id = sent.body().replaceAll(".*\"id\":(\\d+).*", "$1");

        HttpResponse<String> byBob = post("bob", "/api/notifications/" + id + "/read", "");
        HttpResponse<String> byAlice = post("alice", "/api/notifications/" + id + "/read", "");

        assertThat(byBob.statusCode()).isEqualTo(404);
        assertThat(byBob.body()).contains("No notification " + id + " in your inbox");
        assertThat(byAlice.statusCode()).isEqualTo(204);
    }

    @Test
    void badRequestsAreAnsweredByName() throws Exception {
        assertProblem(post("bob", "/api/notifications", "{\"user\":\"alice\""), 400, "");
        assertProblem(post("bob", "/api/notifications", "{\"text\":\"no recipient\"}"), 400, "is required: the recipient");
        assertProblem(post("bob", "/api/notifications", "{\"user\":\"mallory\",\"text\":\"hi\"}"), 400, "No such user: mallory");
        assertProblem(post("bob", "/api/notifications", "{\"user\":\"alice\",\"text\":\"  \"}"), 400, "must not be blank");
        assertProblem(post("bob", "/api/notifications", "{\"user\":\"alice\",\"text\":\"" + "x".repeat(1001) + "\"}"),
                400, "at most 1000");
        assertProblem(get("alice", "/api/notifications?limit=0"), 400, "must be between 1 and 200");
        assertProblem(get("alice", "/api/notifications?limit=many"), 400, "");
        assertProblem(send("bob", "POST", "/api/notifications", "text/plain", "alice: hi"), 415, "");
        assertProblem(post("bob", "/api/notifications/abc/read", ""), 400, "");
    }

    @Test
    void strangersAndWrongPasswordsAreRefused() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/api/notifications"))
                .header("X-Requested-With", "XMLHttpRequest").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri("/api/notifications"))
                .header("Authorization", basic("alice", "bob")).build(), HttpResponse.BodyHandlers.ofString());
        StreamClient hub = StreamClient.open(port, StreamClient.path(List.of("https://inbox.example/users/alice"),
                Map.of()), Map.of("Authorization", basic("alice", "bob")));
        streams.add(hub);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(hub.awaitStatus()).isEqualTo(401);
    }

    private void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains(detail);
    }

    private StreamClient stream(String user, String... topics) throws Exception {
        StreamClient s = StreamClient.open(port, StreamClient.path(List.of(topics), Map.of()),
                Map.of("Authorization", basic(user, user)));
        streams.add(s);
        assertThat(s.awaitStatus()).isEqualTo(200);
        return s;
    }

    private HttpResponse<String> post(String user, String path, String json) throws Exception {
        return send(user, "POST", path, "application/json", json);
    }

    private HttpResponse<String> get(String user, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, user)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String user, String method, String path, String type, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, user))
                .header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
