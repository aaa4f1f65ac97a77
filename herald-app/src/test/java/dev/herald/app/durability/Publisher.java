package dev.herald.app.durability;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Publishes {@code "<name> <n>"} for n = 0, 1, … one at a time over a kept-alive connection and
 * records each acknowledged id in order, until the hub stops answering.
 */
final class Publisher implements Runnable {
    private final HttpClient http;
    private final URI hub;
    private final String topic;
    private final String name;
    final List<String> acknowledged = new CopyOnWriteArrayList<>();

    String name() {
        return name;
    }

    Publisher(HttpClient http, int port, String topic, String name) {
        this.http = http;
        this.hub = URI.create("http://127.0.0.1:" + port + "/.well-known/mercure");
        this.topic = topic;
        this.name = name;
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public void run() {
        for (int n = 0; ; n++) {
            String form = "topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8) + "&data="
                    + URLEncoder.encode(name + " " + n, StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(hub).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    return; // not acknowledged: the hub is going down
                }
                acknowledged.add(r.body());
            } catch (Exception e) {
                return; // the hub died with this publish in flight: it is not acknowledged
            }
        }
    }
}
