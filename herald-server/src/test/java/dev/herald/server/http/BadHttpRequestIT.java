package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.RawHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Wrong methods, unknown paths and malformed or oversized HTTP framing get a 4xx. */
class BadHttpRequestIT extends BadInputFixture {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PUT", "DELETE", "PATCH"})
    void otherMethodsOnTheHubPathAreNotAllowed(String method) throws Exception {
        HttpResponse<String> response = hub.client().send(method, HUB);

        assertRejected(response, 405, "Method not allowed: " + method);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, QUERY, POST, OPTIONS");
    }

    @Test
    void postingToStatsIsNotAllowed() throws Exception {
        HttpResponse<String> response = hub.client().send("POST", "/stats");

        assertRejected(response, 405, "Method not allowed: POST");
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void anUnknownPathIsNotFound() throws Exception {
        assertRejected(hub.client().get("/.well-known/mercure-not?topic=a"), 404, "Not found: /.well-known/mercure-not");
    }

    @Test
    void aRequestLineThatIsTooLongIsRejected() throws Exception {
        RawHttp.Response response = rawGet(HUB + "?topic=" + "a".repeat(10_000));

        assertRejected(response, 414, "Request line too long");
    }

    @Test
    void headersThatAreTooLargeAreRejected() throws Exception {
        StringBuilder request = new StringBuilder("GET /healthz HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < 40; i++) {
            request.append("X-Filler-").append(i).append(": ").append("v".repeat(1000)).append("\r\n");
        }
        RawHttp.Response response = RawHttp.exchange(hub.port(), request.append("\r\n").toString());

        assertRejected(response, 431, "Request headers too large");
    }

    @Test
    void aMalformedRequestLineIsRejected() throws Exception {
        RawHttp.Response response = RawHttp.exchange(hub.port(), "THIS IS NOT HTTP\r\n\r\n");

        assertRejected(response, 400, "Malformed HTTP request");
    }

    @Test
    void twoHostHeadersAreRejected() throws Exception {
        RawHttp.Response response = RawHttp.exchange(hub.port(),
                "GET /healthz HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n");

        assertRejected(response, 400, "More than one Host header");
    }

    @Test
    void anUnknownHttpVersionIsRejected() throws Exception {
        RawHttp.Response response = RawHttp.exchange(hub.port(), "GET / HTTP/9.9\r\nHost: localhost\r\n\r\n");

        assertRejected(response, 400, "Unsupported HTTP version: HTTP/9.9");
    }
}
