package dev.herald.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.ObservabilityConfig;
import dev.herald.server.ServerConfig;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.server.testing.H2Client;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.Poll;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/live}: the console's figures, for the admin token only, as an event stream of
 * JSON snapshots that follow what the hub does, and that ends cleanly when the server drains.
 */
class AdminLiveIT {
    private static final String TOKEN = "console-test-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private RunningHub hub(ServerConfig config) throws InterruptedException {
        RunningHub hub = RunningHub.start(config);
        open.add(hub);
        return hub;
    }

    private RunningHub hubWithToken() throws InterruptedException {
        return hub(RunningHub.defaults().withObservability(ObservabilityConfig.defaults().withAdminToken(TOKEN)));
    }

    private LiveReader live(RunningHub hub, String token) throws Exception {
        LiveReader reader = LiveReader.open(HTTP, hub.port(), token);
        open.add(reader);
        return reader;
    }

    @Test
    void withoutTheTokenOrWithAWrongOneTheStreamIsRefused401() throws Exception {
        RunningHub hub = hubWithToken();
        HttpResponse<String> none = get(hub, "/admin/live", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"herald-admin\"");
        assertThat(none.body()).contains("admin token is required");

        HttpResponse<String> wrong = get(hub, "/admin/live", "Bearer " + TOKEN + "x");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"herald-admin\", error=\"invalid_token\"");
        assertThat(wrong.body()).doesNotContain(TOKEN);
    }

    @Test
    void aHubWithNoAdminTokenOutsideDevModeRefusesItToEveryone403() throws Exception {
        RunningHub hub = hub(RunningHub.defaults().withAuth(AuthConfig.locked()));
        HttpResponse<String> r = get(hub, "/admin/live", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("--admin-token");
    }

    @Test
    void withTheTokenItStreamsASnapshotAtOnceAndThenEverySecond() throws Exception {
        RunningHub hub = hubWithToken();
        LiveReader live = live(hub, TOKEN);

        assertThat(live.response().statusCode()).isEqualTo(200);
        assertThat(live.response().headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(live.response().headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(live.response().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        JsonNode first = live.awaitSnapshot("a first snapshot", s -> true);
        for (String field : List.of("time", "connections", "topics", "published", "publishFailures", "deliveries",
                "deliveredBytes", "rates", "disconnects", "subscriptionsStarted", "history", "transport",
                "recentErrors")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(first.path("rates").path("publishedPerSecond").isNull()).as("no rate before a second snapshot")
                .isTrue();
        assertThat(first.path("transport").path("ready").asBoolean()).isTrue();
        assertThat(first.path("transport").path("draining").asBoolean()).isFalse();
        assertThat(first.path("disconnects").has("slow_subscriber")).isTrue();
        assertThat(first.path("disconnects").has("client_gone")).isTrue();
        assertThat(first.path("history").path("retained").asLong()).isZero();

        JsonNode second = live.awaitSnapshot("a second snapshot with rates",
                s -> s.path("rates").path("intervalSeconds").isNumber());
        assertThat(second.path("rates").path("intervalSeconds").asDouble()).isBetween(0.5, 5.0);
        assertThat(second.path("time").asLong()).isGreaterThan(first.path("time").asLong());
    }

    @Test
    void theConsoleStreamIsNoSubscriberButSubscribersAndTheirTopicsShow() throws Exception {
        RunningHub hub = hubWithToken();
        LiveReader live = live(hub, TOKEN);
        JsonNode alone = live.awaitSnapshot("a first snapshot", s -> true);
        assertThat(alone.path("connections").path("subscribers").asInt()).isZero();
        assertThat(alone.path("connections").path("open").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(alone.path("topics").path("total").asInt()).isZero();

        StreamClient a1 = StreamClient.open(hub.port(), "/books/1");
        StreamClient a2 = StreamClient.open(hub.port(), "/books/1");
        StreamClient b = StreamClient.open(hub.port(), "/books/2");
        open.addAll(List.of(a1, a2, b));

        JsonNode three = live.awaitSnapshot("three subscribers",
                s -> s.path("connections").path("subscribers").asInt() == 3);
        assertThat(three.path("topics").path("total").asInt()).isEqualTo(2);
        assertThat(three.path("topics").path("top").get(0).path("selector").asText()).isEqualTo("/books/1");
        assertThat(three.path("topics").path("top").get(0).path("subscribers").asInt()).isEqualTo(2);
        assertThat(three.path("topics").path("top").get(1).path("selector").asText()).isEqualTo("/books/2");
        assertThat(three.path("connections").path("open").asInt()).isGreaterThanOrEqualTo(4);

        b.close();
        JsonNode gone = live.awaitSnapshot("the third subscriber gone",
                s -> s.path("connections").path("subscribers").asInt() == 2);
        assertThat(gone.path("disconnects").path("client_gone").asLong()).isEqualTo(1);
        assertThat(gone.path("topics").path("total").asInt()).isEqualTo(1);
    }

    @Test
    void publishesMoveThePublishedCountTheDeliveriesAndTheRates() throws Exception {
        RunningHub hub = hubWithToken();
        StreamClient subscriber = StreamClient.open(hub.port(), "/prices");
        open.add(subscriber);
        LiveReader live = live(hub, TOKEN);
        live.awaitSnapshot("the subscriber counted", s -> s.path("connections").path("subscribers").asInt() == 1);

        for (int i = 0; i < 5; i++) {
            hub.client().publish("/prices", "p" + i);
        }
        subscriber.awaitEvents(5, Duration.ofSeconds(10));

        JsonNode after = live.awaitSnapshot("five publishes counted", s -> s.path("published").asLong() == 5);
        assertThat(after.path("deliveries").asLong()).isEqualTo(5);
        assertThat(after.path("history").path("retained").asLong()).isEqualTo(5);
        live.awaitSnapshot("a publish rate above zero",
                s -> s.path("rates").path("publishedPerSecond").asDouble() > 0
                        && s.path("rates").path("deliveriesPerSecond").asDouble() > 0);
    }

    @Test
    void recentErrorsListRefusedRequestsWithoutAnyToken() throws Exception {
        RunningHub hub = hub(RunningHub.defaults().withAuth(AuthConfig.locked())
                .withObservability(ObservabilityConfig.defaults().withAdminToken(TOKEN)));
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJtZXJjdXJlIjp7InB1Ymxpc2giOlsiKiJdfX0.c2lnbmF0dXJlLW5vdC12YWxpZA";
        HttpResponse<String> publish = HTTP.send(HttpRequest.newBuilder(hub.client().uri("/.well-known/mercure"))
                .header("Authorization", "Bearer " + jwt).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("topic=/x&data=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(publish.statusCode()).isEqualTo(401);
        assertThat(get(hub, "/nowhere?authorization=" + jwt, null).statusCode()).isEqualTo(404);
        assertThat(get(hub, "/stats", "Bearer wrong-admin-token-0123456789").statusCode()).isEqualTo(401);

        LiveReader live = live(hub, TOKEN);
        JsonNode snapshot = live.awaitSnapshot("three recent errors", s -> s.path("recentErrors").size() >= 3);
        JsonNode newest = snapshot.path("recentErrors").get(0);
        assertThat(newest.path("status").asInt()).isEqualTo(401);
        assertThat(newest.path("method").asText()).isEqualTo("GET");
        assertThat(newest.path("path").asText()).isEqualTo("/stats");
        assertThat(newest.path("message").asText()).isEqualTo("Invalid admin token");
        JsonNode notFound = snapshot.path("recentErrors").get(1);
        assertThat(notFound.path("status").asInt()).isEqualTo(404);
        assertThat(notFound.path("path").asText()).isEqualTo("/nowhere");
        JsonNode refused = snapshot.path("recentErrors").get(2);
        assertThat(refused.path("method").asText()).isEqualTo("POST");
        assertThat(refused.path("path").asText()).isEqualTo("/.well-known/mercure");
        assertThat(refused.path("time").asText()).endsWith("Z");
        assertThat(live.raw()).doesNotContain(jwt).doesNotContain(TOKEN).doesNotContain("wrong-admin-token");
    }

    @Test
    void aDrainEndsTheStreamWithAnEndEventAndTheResponsesEnd() throws Exception {
        RunningHub hub = hubWithToken();
        LiveReader live = live(hub, TOKEN);
        live.awaitSnapshot("a first snapshot", s -> true);

        hub.server().drain(Duration.ofSeconds(1));
        live.awaitEnd();

        assertThat(live.broken()).as("the response ended with its last chunk, not a broken connection").isNull();
        assertThat(live.endedNormally()).isTrue();
        LiveReader.Event last = live.events().get(live.events().size() - 1);
        assertThat(last.type()).isEqualTo("end");
        assertThat(last.data().path("reason").asText()).isEqualTo("draining");
    }

    @Test
    void overHttp2TheStreamIsDataFramesAndADrainEndsItWithEndStream() throws Exception {
        RunningHub hub = hub(RunningHub.defaults().withH2c(true)
                .withObservability(ObservabilityConfig.defaults().withAdminToken(TOKEN)));
        H2Client h2 = H2Client.cleartext(hub.port(), 65_535);
        open.add(h2);
        assertThat(h2.get("/admin/live", true).awaitEnd().status()).as("no token").isEqualTo(401);

        H2Client.Stream stream = h2.get("/admin/live", true, "authorization", "Bearer " + TOKEN);
        Poll.until("two snapshots over HTTP/2", () -> stream.events().size() >= 2);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.header("content-type")).isEqualTo("text/event-stream; charset=utf-8");
        assertThat(stream.events().get(0).type()).isEqualTo("snapshot");
        assertThat(stream.events().get(0).data()).contains("\"connections\"");

        hub.server().drain(Duration.ofSeconds(1));
        stream.awaitEnd();
        assertThat(stream.resetCode()).as("ended, not reset").isNull();
        assertThat(stream.ended()).isTrue();
        List<SseEvent> events = stream.events();
        assertThat(events.get(events.size() - 1).type()).isEqualTo("end");
    }

    @Test
    void inDevModeWithoutATokenTheStreamIsOpen() throws Exception {
        RunningHub hub = hub(RunningHub.defaults());
        LiveReader live = live(hub, null);
        assertThat(live.response().statusCode()).isEqualTo(200);
        live.awaitSnapshot("a snapshot", s -> s.has("published"));
    }

    private static HttpResponse<String> get(RunningHub hub, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
