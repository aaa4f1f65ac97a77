package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every client mistake gets a 4xx whose body names the problem, never a 5xx, and leaves the hub
 * serving: after each case a subscriber still receives a fresh update.
 *
 * <p>Shared by the {@code Bad*RequestIT} classes: each runs against its own hub with small limits.
 */
abstract class BadInputFixture {
    static final int MAX_TOPICS = 3;
    static final int MAX_BODY = 1024;
    static final String HUB = "/.well-known/mercure";
    static final String FORM = "application/x-www-form-urlencoded";

    static RunningHub hub;

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

    // --- helpers ---------------------------------------------------------------------------

    static RawHttp.Response rawGet(String target) throws Exception {
        return RawHttp.exchange(hub.port(), "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    }

    static void assertRejected(HttpResponse<String> response, int status, String message) {
        assertRejected(response.statusCode(), response.body(), status, message);
    }

    static void assertRejected(RawHttp.Response response, int status, String message) {
        assertRejected(response.status(), response.body(), status, message);
    }

    static void assertRejected(int actualStatus, String body, int status, String message) {
        assertThat(actualStatus).as("status (body: %s)", body).isLessThan(500).isEqualTo(status);
        assertThat(body).as("body of the %d response", status).containsIgnoringCase(message);
    }
}
