package dev.herald.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Herald's own counters ({@code GET /stats}). Read between phases only: the answer lists every
 * topic with a subscriber, which during a storm is thousands of them.
 */
final class HubCounters {
    private HubCounters() {}

    /** Updates the hub has published since it started, its own subscription events included. */
    static long updatesPublished(InetSocketAddress server) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://" + server.getHostString() + ":" + server.getPort() + "/stats"))
                .timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /stats answered " + response.statusCode());
        }
        long published = Json.MAPPER.readTree(response.body()).path("updatesPublished").asLong(-1);
        if (published < 0) {
            throw new IOException("GET /stats has no updatesPublished: " + response.body());
        }
        return published;
    }
}
