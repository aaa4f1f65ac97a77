package dev.herald.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.H2Client;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.Poll;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Cleartext HTTP/2 by prior knowledge (h2c), for a proxy that speaks HTTP/2 to the hub, on the
 * same port as HTTP/1.1; and the idle limits of an HTTP/2 connection.
 */
class Http2CleartextIT {
    private static final String TOPIC = "https://example.com/h2c";
    private static final String SUBSCRIBE = "/.well-known/mercure?topic=" + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8);

    @Test
    void http2ByPriorKnowledgeAndHttp11ShareThePort() throws Exception {
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withH2c(true));
                H2Client h2 = H2Client.cleartext(hub.port(), 65_535);
                StreamClient http11 = StreamClient.open(hub.port(), TOPIC)) {
            H2Client.Stream stream = h2.get(SUBSCRIBE, true);
            assertThat(http11.awaitStatus()).isEqualTo(200);
            Poll.until("2 subscribers", () -> hub.client().stats().subscribers() == 2);

            String id = h2.publish(TOPIC, "over h2c");

            SseEvent expected = SseEvent.message(id, "over h2c");
            Poll.until("the update on the h2c stream", () -> stream.events().contains(expected));
            assertThat(http11.awaitEvents(1, Duration.ofSeconds(10))).containsExactly(expected);
            assertThat(h2.fetch("/.well-known/oauth-protected-resource/.well-known/mercure").body())
                    .contains("\"resource\":\"http://127.0.0.1:" + hub.port() + "/.well-known/mercure\"");
        }
    }

    @Test
    void withoutH2cThePrefaceIsNotHttp2() throws Exception {
        try (RunningHub hub = RunningHub.start(RunningHub.defaults());
                H2Client h2 = H2Client.cleartext(hub.port(), 65_535)) {
            H2Client.Stream stream = h2.get("/healthz", true);

            // The HTTP/1.1 parser answers the preface 400 and closes; no HTTP/2 stream ever opens.
            Poll.until("the connection closed", () -> !h2.isOpen());
            assertThat(stream.status()).isZero();
        }
    }

    @Test
    void anHttp2ConnectionWithoutStreamsIsClosedAfterTheRequestTimeoutAndOneWithAStreamIsKept() throws Exception {
        Duration timeout = Duration.ofMillis(500);
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withH2c(true).withRequestTimeout(timeout));
                H2Client idle = H2Client.cleartext(hub.port(), 65_535);
                H2Client streaming = H2Client.cleartext(hub.port(), 65_535)) {
            H2Client.Stream stream = streaming.get(SUBSCRIBE, true);
            long start = System.nanoTime();

            Poll.until("the idle connection closed", () -> !idle.isOpen());

            assertThat(idle.goneAway()).as("GOAWAY before closing").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(timeout.minusMillis(100));
            // Well past the timeout: the subscribing connection and its stream are still there.
            Poll.until("three request timeouts", () -> System.nanoTime() - start > timeout.multipliedBy(3).toNanos());
            assertThat(streaming.isOpen()).isTrue();
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.resetCode()).isNull();
        }
    }

    @Test
    void aStreamWhoseRequestNeverEndsIsResetAfterTheRequestTimeout() throws Exception {
        Duration timeout = Duration.ofMillis(500);
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withH2c(true).withRequestTimeout(timeout));
                H2Client h2 = H2Client.cleartext(hub.port(), 65_535)) {
            H2Client.Stream unfinished = h2.postUnfinished("/.well-known/mercure", "topic=x&data=");
            H2Client.Stream subscription = h2.get(SUBSCRIBE, true);

            Poll.until("the unfinished request reset", () -> unfinished.resetCode() != null);
            assertThat(h2.isOpen()).isTrue();
            assertThat(subscription.resetCode()).isNull();
            assertThat(h2.fetch("/healthz").status()).isEqualTo(200);
        }
    }
}
