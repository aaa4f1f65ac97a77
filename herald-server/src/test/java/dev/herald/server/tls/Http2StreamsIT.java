package dev.herald.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.hub.HubConfig;
import dev.herald.server.ServerConfig;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.VerifierConfig;
import dev.herald.server.testing.H2Client;
import dev.herald.server.testing.RunningHub;
import dev.herald.server.testing.TestCertificate;
import dev.herald.testkit.Poll;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.TestTokens;
import io.netty.handler.codec.http2.Http2Error;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscriptions as streams of ONE HTTP/2 connection over TLS: each is its own subscriber, with
 * its own budget, heartbeats and fate; publishing and the hub's other resources share the connection.
 */
class Http2StreamsIT {
    private static final String TOPIC = "https://example.com/h2";
    private static final String SUBSCRIBE = "/.well-known/mercure?topic=" + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8);
    private static final int DEFAULT_WINDOW = 65_535;

    @TempDir
    Path dir;

    private RunningHub start(ServerConfig config, HubConfig hubConfig, TestCertificate cert) throws Exception {
        return RunningHub.start(config.withTls(TlsConfig.of(cert.certificateFile(), cert.keyFile())), hubConfig);
    }

    @Test
    void twelveSubscriptionsOnOneConnectionAllReceiveAPublishMadeOnThatConnection() throws Exception {
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        try (RunningHub hub = start(RunningHub.defaults(), HubConfig.defaults(), cert);
                H2Client h2 = H2Client.overTls(hub.port(), cert.certificate(), DEFAULT_WINDOW)) {
            List<H2Client.Stream> streams = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                streams.add(h2.get(SUBSCRIBE, true));
            }
            Poll.until("12 subscribers", () -> h2.stats().subscribers() == 12);
            for (H2Client.Stream s : streams) {
                assertThat(s.status()).isEqualTo(200);
                assertThat(s.header("content-type")).isEqualTo("text/event-stream");
                assertThat(s.header("connection")).as("no connection-specific header in HTTP/2").isNull();
            }

            String id = h2.publish(TOPIC, "to all twelve");

            SseEvent expected = SseEvent.message(id, "to all twelve");
            Poll.until("the update on all 12 streams", () -> streams.stream().allMatch(s -> s.events().contains(expected)));
            assertThat(streams).allSatisfy(s -> assertThat(s.resetCode()).isNull());
            assertThat(h2.isOpen()).isTrue();
        }
    }

    @Test
    void aStreamThatStopsReadingIsResetAloneWhileItsSiblingOnTheSameConnectionKeepsReceiving() throws Exception {
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        int budget = 32 * 1024;
        String payload = "x".repeat(1000);
        try (RunningHub hub = start(RunningHub.defaults().withSubscriberBufferBytes(budget), HubConfig.defaults(), cert);
                H2Client h2 = H2Client.overTls(hub.port(), cert.certificate(), DEFAULT_WINDOW)) {
            H2Client.Stream slow = h2.get(SUBSCRIBE, false);
            H2Client.Stream sibling = h2.get(SUBSCRIBE, true);
            Poll.until("2 subscribers", () -> h2.stats().subscribers() == 2);

            // Once its 64 KiB window is full, the slow stream's updates wait in the hub, counted
            // against its budget, until it is over and the stream is reset.
            List<String> ids = new ArrayList<>();
            while (slow.resetCode() == null) {
                ids.add(h2.publish(TOPIC, ids.size() + " " + payload));
                assertThat(ids).as("updates published before the slow stream was reset").hasSizeLessThan(2_000);
            }

            assertThat(slow.resetCode()).isEqualTo(Http2Error.CANCEL.code());
            assertThat(slow.bytesReceived()).as("bytes sent within the stream's flow-control window")
                    .isLessThanOrEqualTo(DEFAULT_WINDOW);
            String after = h2.publish(TOPIC, "after the reset");
            ids.add(after);
            Poll.until("every update on the sibling", () -> sibling.events().size() == ids.size());
            assertThat(sibling.events()).extracting(SseEvent::id).containsExactlyElementsOf(ids);
            assertThat(sibling.resetCode()).isNull();
            assertThat(h2.isOpen()).isTrue();
            assertThat(h2.stats().slowSubscribersDisconnected()).isEqualTo(1);
            assertThat(h2.stats().subscribers()).isEqualTo(1);
        }
    }

    @Test
    void aStreamTheClientCancelsIsUnsubscribedAtOnceAndItsSiblingStays() throws Exception {
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        try (RunningHub hub = start(RunningHub.defaults(), HubConfig.defaults(), cert);
                H2Client h2 = H2Client.overTls(hub.port(), cert.certificate(), DEFAULT_WINDOW)) {
            H2Client.Stream cancelled = h2.get(SUBSCRIBE, true);
            H2Client.Stream sibling = h2.get(SUBSCRIBE, true);
            Poll.until("2 subscribers", () -> h2.stats().subscribers() == 2);

            h2.reset(cancelled);

            Poll.until("1 subscriber", () -> h2.stats().subscribers() == 1);
            String id = h2.publish(TOPIC, "after the cancel");
            Poll.until("the update on the sibling", () -> sibling.events().contains(SseEvent.message(id, "after the cancel")));
            assertThat(cancelled.events()).isEmpty();
        }
    }

    @Test
    void aReplayLargerThanTheBudgetPausesOnTheStreamWindowAndResumesAsTheClientReads() throws Exception {
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        int budget = 32 * 1024;
        try (RunningHub hub = start(RunningHub.defaults().withSubscriberBufferBytes(budget), HubConfig.defaults(), cert);
                H2Client h2 = H2Client.overTls(hub.port(), cert.certificate(), 16 * 1024)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                ids.add(h2.publish(TOPIC, i + " " + "y".repeat(1000)));
            }

            // About 300 KiB of history through a 16 KiB window and a 32 KiB budget: the replay must
            // wait for the stream to become writable again, many times, rather than be cut off.
            H2Client.Stream resumed = h2.get(SUBSCRIBE, true, "last-event-id", ids.get(0));

            Poll.until("the replay of 299 updates", () -> resumed.events().size() == 299);
            assertThat(resumed.events()).extracting(SseEvent::id).containsExactlyElementsOf(ids.subList(1, 300));
            assertThat(resumed.resetCode()).isNull();
            assertThat(h2.stats().slowSubscribersDisconnected()).isZero();
        }
    }

    @Test
    void eachIdleStreamGetsItsOwnHeartbeats() throws Exception {
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        try (RunningHub hub = start(RunningHub.defaults(), HubConfig.defaults().withHeartbeat(Duration.ofMillis(200)), cert);
                H2Client h2 = H2Client.overTls(hub.port(), cert.certificate(), DEFAULT_WINDOW)) {
            H2Client.Stream first = h2.get(SUBSCRIBE, true);
            H2Client.Stream second = h2.get(SUBSCRIBE + "&topic=other", true);
            // The opening comment, then heartbeats: ":\n" each.
            Poll.until("three heartbeats on each stream",
                    () -> comments(first.body()) >= 4 && comments(second.body()) >= 4);
        }
    }

    @Test
    void theSubscriptionsApiAnswersOverHttp2() throws Exception {
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        String secret = TestTokens.secret();
        ServerConfig config = RunningHub.defaults().withSubscriptions(true)
                .withAuth(AuthConfig.devMode().withSubscriber(VerifierConfig.key(secret, "HS256")));
        try (RunningHub hub = start(config, HubConfig.defaults(), cert);
                H2Client h2 = H2Client.overTls(hub.port(), cert.certificate(), DEFAULT_WINDOW)) {
            h2.get(SUBSCRIBE, true);
            Poll.until("1 subscriber", () -> h2.stats().subscribers() == 1);

            H2Client.Stream list = h2.fetch("/.well-known/mercure/subscriptions",
                    "authorization", "Bearer " + TestTokens.hs256(secret, TestTokens.subscriber("*")));

            assertThat(list.status()).as(list.body()).isEqualTo(200);
            assertThat(list.body()).contains("\"topic\":\"" + TOPIC + "\"", "\"active\":true");
        }
    }

    private static int comments(String body) {
        int n = 0;
        for (int i = body.indexOf(":\n"); i >= 0; i = body.indexOf(":\n", i + 2)) {
            if (i == 0 || body.charAt(i - 1) == '\n') {
                n++;
            }
        }
        return n;
    }
}
