package dev.herald.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Publishes and queries a hub over real HTTP (java.net.http, HTTP/1.1 kept alive). */
public final class HubClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    public HubClient(int port) {
        this.port = port;
    }

    /** Form-encodes {@code fields} (each name may repeat) and POSTs it to the hub. */
    public HttpResponse<String> publish(List<Map.Entry<String, String>> fields) throws IOException, InterruptedException {
        return postRaw(Form.encode(fields).getBytes(StandardCharsets.UTF_8), Form.CONTENT_TYPE);
    }

    /** Publishes {@code data} to {@code topic}; fails the test unless the hub answers 200. Returns the id. */
    public String publish(String topic, String data) throws IOException, InterruptedException {
        HttpResponse<String> r = publish(List.of(Map.entry("topic", topic), Map.entry("data", data)));
        if (r.statusCode() != 200) {
            throw new AssertionError("publish answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    public HttpResponse<String> postRaw(byte[] body, String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/.well-known/mercure"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(String method, String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /stats}, parsed; fails the test unless the hub answers 200 with the stats document. */
    public HubStats stats() {
        try {
            HttpResponse<String> r = get("/stats");
            if (r.statusCode() != 200) {
                throw new AssertionError("GET /stats answered " + r.statusCode() + ": " + r.body());
            }
            return HubStats.parse(r.body());
        } catch (IOException e) {
            throw new AssertionError("GET /stats failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted reading /stats", e);
        }
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }
}
