package dev.herald.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.H2Client;
import dev.herald.server.testing.RunningHub;
import dev.herald.server.testing.TestCertificate;
import dev.herald.server.testing.TlsClients;
import dev.herald.testkit.Poll;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates renewed in place (as certbot or cert-manager do): new connections get the new
 * pair, open streams go on over their connections, and a pair caught half written is not taken.
 */
class TlsReloadIT {
    private static final String TOPIC = "https://example.com/reload";
    private static final String SUBSCRIBE = "/.well-known/mercure?topic=" + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8);
    private static final Duration INTERVAL = Duration.ofMillis(100);

    @TempDir
    Path dir;
    private TestCertificate first;
    private TestCertificate second;
    private TestCertificate served;

    @BeforeEach
    void certificates() throws Exception {
        first = TestCertificate.generate(dir, "first");
        second = TestCertificate.generate(dir, "second");
        Path cert = dir.resolve("tls-cert.pem");
        Path key = dir.resolve("tls-key.pem");
        Files.copy(first.certificateFile(), cert);
        Files.copy(first.keyFile(), key);
        served = new TestCertificate(cert, key, first.certificate(), first.key());
    }

    private RunningHub start() throws Exception {
        return RunningHub.start(RunningHub.defaults().withTls(
                TlsConfig.of(served.certificateFile(), served.keyFile()).withReloadInterval(INTERVAL)));
    }

    @Test
    void newConnectionsGetTheRenewedCertificateWhileOpenStreamsKeepReceiving() throws Exception {
        try (RunningHub hub = start();
                H2Client h2 = H2Client.overTls(hub.port(), first.certificate(), 65_535);
                StreamClient http11 = StreamClient.openOn(
                        TlsClients.socket(hub.port(), new String[] {"http/1.1"}, first), SUBSCRIBE)) {
            H2Client.Stream stream = h2.get(SUBSCRIBE, true);
            assertThat(http11.awaitStatus()).isEqualTo(200);
            Poll.until("2 subscribers", () -> h2.stats().subscribers() == 2);

            second.installAs(served);
            Poll.until("a new connection shown the second certificate",
                    () -> presented(hub).equals(second.certificate()));
            String id;
            try (H2Client renewed = H2Client.overTls(hub.port(), second.certificate(), 65_535)) {
                id = renewed.publish(TOPIC, "after the renewal");
            }

            SseEvent expected = SseEvent.message(id, "after the renewal");
            assertThat(http11.awaitEvents(1, Duration.ofSeconds(10))).containsExactly(expected);
            Poll.until("the update on the HTTP/2 stream opened before", () -> stream.events().contains(expected));
            assertThat(stream.resetCode()).isNull();
            assertThat(h2.isOpen()).isTrue();
        }
    }

    @Test
    void aCertificateWithoutItsKeyYetIsNotTakenUntilTheKeyComes() throws Exception {
        try (RunningHub hub = start()) {
            Files.copy(second.certificateFile(), served.certificateFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            // Over five reload intervals every new connection still gets the first, whole pair.
            long end = System.nanoTime() + INTERVAL.multipliedBy(5).toNanos();
            while (System.nanoTime() < end) {
                assertThat(presented(hub)).isEqualTo(first.certificate());
            }
            Files.copy(second.keyFile(), served.keyFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            Poll.until("the second pair once whole", () -> presented(hub).equals(second.certificate()));
        }
    }

    private X509Certificate presented(RunningHub hub) {
        try {
            return TlsClients.presented(hub.port(), first, second);
        } catch (java.io.IOException e) {
            throw new AssertionError("TLS handshake failed", e);
        }
    }
}
