package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.HubStats;
import dev.herald.testkit.RawHttp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests reach their handler however the target is written, and connections are reused. */
class RoutingIT {
    private RunningHub hub;

    @BeforeEach
    void startHub() throws InterruptedException {
        hub = RunningHub.start();
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void healthzAnswersOk() throws Exception {
        HttpResponse<String> response = hub.client().get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void aQueryStringDoesNotChangeTheRoute() throws Exception {
        HttpResponse<String> response = hub.client().get("/stats?format=json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(HubStats.parse(response.body()).subscribers()).isZero();
    }

    @Test
    void anAbsoluteFormTargetIsRoutedByItsPath() throws Exception {
        RawHttp.Response response = RawHttp.exchange(hub.port(), "GET http://127.0.0.1:" + hub.port()
                + "/healthz HTTP/1.1\r\nHost: 127.0.0.1:" + hub.port() + "\r\n\r\n");

        assertThat(response.status()).as("body: %s", response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void aKeptAliveConnectionServesSeveralRequestsThenTurnsIntoAStream() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", hub.port()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            out.write(ascii("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            assertThat(RawHttp.read(in).status()).isEqualTo(200);
            out.write(ascii("GET /.well-known/mercure HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            assertThat(RawHttp.read(in).status()).isEqualTo(400);
            out.write(ascii("GET /.well-known/mercure?topic=reused HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            assertThat(RawHttp.readHead(in)).startsWith("HTTP/1.1 200");
            assertThat(new String(in.readNBytes(2), StandardCharsets.UTF_8)).isEqualTo(":\n");

            String id = hub.client().publish("reused", "on a reused connection");

            String expected = "id: " + id + "\ndata: on a reused connection\n\n";
            assertThat(new String(in.readNBytes(expected.length()), StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
