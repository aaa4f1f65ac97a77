package dev.herald.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.RunningHub;
import dev.herald.server.testing.TestCertificate;
import dev.herald.server.testing.TlsClients;
import dev.herald.testkit.Form;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One TLS port, two protocols chosen by ALPN: HTTP/1.1 (a client offering it, or nothing) and
 * HTTP/2; with BoringSSL and with the JDK's TLS. Over TLS the hub calls itself {@code https://}.
 */
class TlsProtocolsIT {
    private static final String TOPIC = "https://example.com/tls";

    @TempDir
    Path dir;

    private RunningHub start(TestCertificate cert, TlsConfig.Provider provider) throws Exception {
        return RunningHub.start(RunningHub.defaults()
                .withTls(TlsConfig.of(cert.certificateFile(), cert.keyFile()).withProvider(provider)));
    }

    @ParameterizedTest
    @EnumSource(value = TlsConfig.Provider.class, names = {"OPENSSL", "JDK"})
    void http11OverTlsStreamsAndPublishes(TlsConfig.Provider provider) throws Exception {
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        try (RunningHub hub = start(cert, provider)) {
            SSLSocket socket = TlsClients.socket(hub.port(), new String[] {"http/1.1"}, cert);
            assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");
            // On epoll with the direct path on, a plain connection's stream would bypass Netty: a
            // TLS one must not, or these bytes would reach the client unencrypted.
            try (StreamClient stream = StreamClient.openOn(socket, "/.well-known/mercure?topic=" + TOPIC)) {
                assertThat(stream.awaitStatus()).isEqualTo(200);
                HttpClient http = TlsClients.http(HttpClient.Version.HTTP_1_1, cert);
                HttpResponse<String> published = http.send(publish(hub, "over TLS"), HttpResponse.BodyHandlers.ofString());

                assertThat(published.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
                assertThat(published.statusCode()).isEqualTo(200);
                assertThat(stream.awaitEvents(1, Duration.ofSeconds(10)))
                        .containsExactly(SseEvent.message(published.body(), "over TLS"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsConfig.Provider.class, names = {"OPENSSL", "JDK"})
    void aClientOfferingH2GetsHttp2AndAnHttpsHubUrl(TlsConfig.Provider provider) throws Exception {
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        try (RunningHub hub = start(cert, provider)) {
            HttpClient http = TlsClients.http(HttpClient.Version.HTTP_2, cert);
            HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(uri(hub,
                    "/.well-known/oauth-protected-resource/.well-known/mercure")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> published = http.send(publish(hub, "over h2"), HttpResponse.BodyHandlers.ofString());

            assertThat(metadata.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(metadata.body()).contains("\"resource\":\"https://127.0.0.1:" + hub.port() + "/.well-known/mercure\"");
            assertThat(published.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(published.statusCode()).isEqualTo(200);
            assertThat(published.body()).startsWith("urn:uuid:");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsConfig.Provider.class, names = {"OPENSSL", "JDK"})
    void aClientOfferingNoProtocolGetsHttp11(TlsConfig.Provider provider) throws Exception {
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        try (RunningHub hub = start(cert, provider);
                SSLSocket socket = TlsClients.socket(hub.port(), new String[0], cert)) {
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(response).startsWith("HTTP/1.1 200 OK").endsWith("ok\n");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsConfig.Provider.class, names = {"OPENSSL", "JDK"})
    void plainHttpOnTheTlsPortIsClosedUnanswered(TlsConfig.Provider provider) throws Exception {
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        try (RunningHub hub = start(cert, provider); Socket plain = new Socket("127.0.0.1", hub.port())) {
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = plain.getInputStream();
            byte[] answer = in.readAllBytes();

            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("ok");
            // and the hub still serves TLS
            assertThat(TlsClients.presented(hub.port(), cert)).isEqualTo(cert.certificate());
        }
    }

    private static HttpRequest publish(RunningHub hub, String data) {
        return HttpRequest.newBuilder(uri(hub, "/.well-known/mercure"))
                .header("Content-Type", Form.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(Form.encode(List.of(
                        java.util.Map.entry("topic", TOPIC), java.util.Map.entry("data", data)))))
                .build();
    }

    private static URI uri(RunningHub hub, String path) {
        return URI.create("https://127.0.0.1:" + hub.port() + path);
    }
}
