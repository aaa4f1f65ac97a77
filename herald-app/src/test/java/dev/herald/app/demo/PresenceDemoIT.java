package dev.herald.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.ServerConfig;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The presence demo's server side, as {@code serve --demo --subscriptions} mounts it: the page,
 * and demo tokens that make a subscriber present with its name and let it watch its room only.
 */
class PresenceDemoIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private RunningHub hub;

    @BeforeEach
    void startHub() throws InterruptedException {
        DemoIssuer issuer = DemoIssuer.random();
        // As ServeCommand does: the default lock, anonymous subscribers for the demo, the demo issuer.
        // A fixed resource identifier, which demo tokens then name: the test clients send different Hosts.
        ServerConfig config = RunningHub.defaults().withSubscriptions(true)
                .withAuth(issuer.trustedBy(AuthConfig.locked().withAnonymous(true)
                        .withResourceIdentifier("https://hub.test/.well-known/mercure")));
        hub = RunningHub.start(PresenceDemo.mount(config, issuer));
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void thePresencePageIsServed() throws Exception {
        HttpResponse<String> page = hub.client().get("/presence?room=lobby");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("Who is here", "aria-live", "/demo/token", "last_event_id");
    }

    @Test
    void aTokenMakesItsHolderPresentWithItsNameAndListsTheRoom() throws Exception {
        JsonNode ann = token("lobby", "Ann \"the first\"");
        String topic = ann.get("topic").asText();
        String collection = "/.well-known/mercure/subscriptions/exact/demo%2Fpresence%2Flobby";
        assertThat(topic).isEqualTo("demo/presence/lobby");
        assertThat(ann.get("expires_in").asLong()).isEqualTo(DemoIssuer.TTL.toSeconds());

        try (StreamClient watcher = LiveStreams.open(hub.port(), "/.well-known/mercure?match_urlpattern="
                        + URLEncoder.encode(collection + "/:subscriber", StandardCharsets.UTF_8),
                        bearer(token("lobby", "Watcher")));
                StreamClient present = LiveStreams.open(hub.port(),
                        "/.well-known/mercure?match=" + URLEncoder.encode(topic, StandardCharsets.UTF_8), bearer(ann))) {
            SseEvent joined = watcher.awaitEvents(1, TIMEOUT).get(0);
            assertThat(joined.type()).isEqualTo("mercure");
            assertThat(JSON.readTree(joined.data()).get("payload")).isEqualTo(JSON.readTree("{\"name\":\"Ann \\\"the first\\\"\"}"));

            HttpResponse<String> listing = get(collection, ann);
            assertThat(listing.statusCode()).isEqualTo(200);
            JsonNode subscriptions = JSON.readTree(listing.body()).get("subscriptions");
            assertThat(subscriptions).hasSize(1);
            assertThat(subscriptions.get(0).get("payload").get("name").asText()).isEqualTo("Ann \"the first\"");
        }
    }

    @Test
    void aTokenReadsOnlyItsOwnRoomAndCannotPublish() throws Exception {
        JsonNode eve = token("lobby", "Eve");

        assertThat(get("/.well-known/mercure/subscriptions/exact/demo%2Fpresence%2Fother", eve).statusCode())
                .isEqualTo(403);
        assertThat(get("/.well-known/mercure/subscriptions", eve).statusCode()).isEqualTo(403);
        HttpResponse<String> publish = http.send(HttpRequest.newBuilder(hub.client().uri("/.well-known/mercure"))
                .header("Authorization", "Bearer " + eve.get("token").asText())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("topic=demo%2Fpresence%2Flobby&data=x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(publish.statusCode()).isEqualTo(401);
    }

    @Test
    void roomsAndNamesAreChecked() throws Exception {
        assertThat(postToken("room=a%2Fb&name=x").statusCode()).isEqualTo(400);
        assertThat(postToken("room=lobby&name=%20").statusCode()).isEqualTo(400);
        assertThat(postToken("room=lobby&name=a%0Ab").statusCode()).isEqualTo(400);
        assertThat(postToken("room=lobby&name=" + "x".repeat(PresenceDemo.MAX_NAME_LENGTH + 1)).statusCode())
                .isEqualTo(400);
        assertThat(hub.client().get("/demo/token").statusCode()).isEqualTo(405);
    }

    @Test
    void aHubWithoutTheDemoHasNoTokenEndpoint() throws Exception {
        try (RunningHub plain = RunningHub.start()) {
            assertThat(plain.client().get("/presence").statusCode()).isEqualTo(404);
            assertThat(plain.client().send("POST", "/demo/token").statusCode()).isEqualTo(404);
        }
    }

    private JsonNode token(String room, String name) throws Exception {
        HttpResponse<String> response = postToken("room=" + room + "&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> postToken(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(hub.client().uri("/demo/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, JsonNode token) throws Exception {
        return http.send(HttpRequest.newBuilder(hub.client().uri(path))
                .header("Authorization", "Bearer " + token.get("token").asText()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> bearer(JsonNode token) {
        return Map.of("Authorization", "Bearer " + token.get("token").asText());
    }
}
