package dev.herald.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Subscribes to and publishes on a Herald (or any Mercure) hub, such as
 * {@code http://localhost:8080/.well-known/mercure}. Thread-safe.
 */
public final class HeraldClient {
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    private final URI hub;
    private final HttpClient http;

    private HeraldClient(URI hub, HttpClient http) {
        this.hub = hub;
        this.http = http;
    }

    /** A client for the hub at {@code hub}, with its own HTTP client. */
    public static HeraldClient create(URI hub) {
        return create(hub, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build());
    }

    /** A client for the hub at {@code hub} that uses {@code http} for publishing and subscribing. */
    public static HeraldClient create(URI hub, HttpClient http) {
        EventSource.builder(hub); // validates the URL
        return new HeraldClient(hub, Objects.requireNonNull(http, "http"));
    }

    public URI hub() {
        return hub;
    }

    /**
     * A source subscribed to exactly {@code topics} (Mercure 1.0 {@code match}; {@code *} for every
     * topic), configured but not started: add options, then {@code start(listener)} or
     * {@code stream()}. For URL patterns use {@link #subscribeTo}.
     *
     * @param token a subscriber JWT sent as a bearer token, or null
     * @param lastEventId the id to resume after ({@code "earliest"} for all retained), or null
     */
    public EventSourceBuilder subscribe(List<String> topics, String token, String lastEventId) {
        return subscribeTo(topics.stream().map(TopicMatcher::exact).toList(), token, lastEventId);
    }

    /**
     * A source subscribed with {@code matchers} (exact topics, URL patterns, or 0.x selectors),
     * configured but not started.
     *
     * @param token a subscriber JWT sent as a bearer token, or null
     * @param lastEventId the id to resume after ({@code "earliest"} for all retained), or null
     */
    public EventSourceBuilder subscribeTo(List<TopicMatcher> matchers, String token, String lastEventId) {
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("at least one topic matcher is required");
        }
        StringBuilder query = new StringBuilder();
        for (TopicMatcher m : matchers) {
            query.append(query.length() == 0 ? "" : "&").append(encode(m.parameter())).append('=').append(encode(m.value()));
        }
        String base = hub.toString();
        URI uri = URI.create(base + (hub.getRawQuery() == null ? "?" : "&") + query);
        EventSourceBuilder builder = EventSource.builder(uri).httpClient(http);
        if (token != null) {
            builder.bearerToken(token);
        }
        if (lastEventId != null) {
            builder.lastEventId(lastEventId);
        }
        return builder;
    }

    /** A source subscribed to exactly {@code topics}, anonymous, from now on. */
    public EventSourceBuilder subscribe(String... topics) {
        return subscribe(List.of(topics), null, null);
    }

    /**
     * Publishes with a form POST and returns the update's id as the hub stored it.
     *
     * @param token a publisher JWT sent as a bearer token, or null
     * @throws PublishException when the hub answers anything but 200, naming its status and body
     */
    public String publish(Publication publication, String token) throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder();
        for (String topic : publication.topics()) {
            field(form, "topic", topic);
        }
        field(form, "data", publication.data());
        if (publication.id() != null) {
            field(form, "id", publication.id());
        }
        if (publication.type() != null) {
            field(form, "type", publication.type());
        }
        if (publication.retry() != null) {
            field(form, "retry", publication.retry().toString());
        }
        if (publication.privateUpdate()) {
            field(form, "private", "on");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(hub)
                .timeout(PUBLISH_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new PublishException(response.statusCode(), response.body());
        }
        return response.body();
    }

    /** Publishes {@code data} on {@code topic} without a token; returns the generated id. */
    public String publish(String topic, String data) throws IOException, InterruptedException {
        return publish(Publication.of(topic, data), null);
    }

    private static void field(StringBuilder form, String name, String value) {
        form.append(form.length() == 0 ? "" : "&").append(name).append('=').append(encode(value));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
