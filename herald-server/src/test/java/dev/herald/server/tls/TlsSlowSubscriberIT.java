package dev.herald.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.H2Client;
import dev.herald.server.testing.RunningHub;
import dev.herald.server.testing.TestCertificate;
import dev.herald.server.testing.TlsClients;
import dev.herald.testkit.Poll;
import dev.herald.testkit.StreamClient;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subscriber budget over TLS with HTTP/1.1: bytes waiting to be encrypted count as much as
 * encrypted ones, so a subscriber that stops reading is cut off alone, as on a plain connection.
 */
class TlsSlowSubscriberIT {
    private static final String TOPIC = "https://example.com/tls-slow";
    private static final String SUBSCRIBE = "/.well-known/mercure?topic=" + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void anHttp11SubscriberThatStopsReadingIsCutOffAloneOverTls() throws Exception {
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        int budget = 64 * 1024;
        String payload = "x".repeat(900);
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withSubscriberBufferBytes(budget)
                        .withDeadClientTimeout(Duration.ofMinutes(10))
                        .withTls(TlsConfig.of(cert.certificateFile(), cert.keyFile())));
                H2Client h2 = H2Client.overTls(hub.port(), cert.certificate(), 65_535);
                SSLSocket slow = TlsClients.socket(hub.port(), 4096, new String[] {"http/1.1"}, cert);
                StreamClient reading = StreamClient.openOn(
                        TlsClients.socket(hub.port(), new String[] {"http/1.1"}, cert), SUBSCRIBE)) {
            OutputStream out = slow.getOutputStream();
            out.write(("GET " + SUBSCRIBE + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(reading.awaitStatus()).isEqualTo(200);
            Poll.until("2 subscribers", () -> h2.stats().subscribers() == 2);

            List<String> ids = new ArrayList<>();
            while (h2.stats().slowSubscribersDisconnected() == 0) {
                for (int i = 0; i < 20; i++) {
                    ids.add(h2.publish(TOPIC, ids.size() + " " + payload));
                }
                assertThat(ids).as("updates published before the slow subscriber was cut off").hasSizeLessThan(20_000);
            }

            assertThat(h2.stats().slowSubscribersDisconnected()).isEqualTo(1);
            assertThat(reading.awaitEvents(ids.size(), Duration.ofSeconds(10))).hasSize(ids.size());
            Poll.until("1 subscriber left", () -> h2.stats().subscribers() == 1);
        }
    }
}
