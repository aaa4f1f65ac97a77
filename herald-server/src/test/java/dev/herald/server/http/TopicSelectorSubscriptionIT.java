package dev.herald.server.http;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which updates a subscription's {@code topic} selectors let through. Each test publishes the
 * updates that must not arrive first: a stream gets updates in publish order, so had one of them
 * been delivered it would come before the expected ones.
 */
class TopicSelectorSubscriptionIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

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
    void anExactSelectorReceivesOnlyItsOwnTopic() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "https://example.com/books/1")) {
            hub.client().publish("https://example.com/books/10", "other book");
            hub.client().publish("https://example.com/books/1/reviews", "longer topic");
            hub.client().publish("https://example.com/Books/1", "other case");
            hub.client().publish("https://example.com/books/", "prefix");
            String id = hub.client().publish("https://example.com/books/1", "mine");

            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(id, "mine"));
        }
    }

    @Test
    void theWildcardSelectorReceivesEveryTopic() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "*")) {
            String plain = hub.client().publish("plain", "1");
            String url = hub.client().publish("https://example.com/books/1", "2");
            String urn = hub.client().publish("urn:isbn:0451450523", "3");

            assertThat(stream.awaitEvents(3, TIMEOUT)).containsExactly(
                    SseEvent.message(plain, "1"), SseEvent.message(url, "2"), SseEvent.message(urn, "3"));
        }
    }

    @Test
    void aUriTemplateReceivesTheTopicsItCanExpandTo() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "https://example.com/books/{id}")) {
            hub.client().publish("https://example.com/books/1/reviews", "a segment too many");
            hub.client().publish("https://example.com/authors/1", "another collection");
            hub.client().publish("http://example.com/books/1", "another scheme");
            hub.client().publish("https://example.com/books/{id}", "the template itself as a topic");
            String numeric = hub.client().publish("https://example.com/books/42", "numeric id");
            String slug = hub.client().publish("https://example.com/books/dune-1965", "slug id");

            assertThat(stream.awaitEvents(2, TIMEOUT)).containsExactly(
                    SseEvent.message(numeric, "numeric id"), SseEvent.message(slug, "slug id"));
        }
    }

    @Test
    void aTemplateMatchesAnAlternateTopic() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "https://example.com/authors/{id}")) {
            HttpResponse<String> update = hub.client().publish(List.of(
                    entry("topic", "https://example.com/books/1"),
                    entry("topic", "https://example.com/authors/7"),
                    entry("data", "via the alternate")));

            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(
                    SseEvent.message(update.body(), "via the alternate"));
        }
    }

    @Test
    void privateUpdatesAreNotDeliveredToAnonymousSubscribers() throws Exception {
        try (StreamClient exact = LiveStreams.open(hub.port(), "https://example.com/users/1");
                StreamClient wildcard = LiveStreams.open(hub.port(), "*");
                StreamClient template = LiveStreams.open(hub.port(), "https://example.com/users/{id}")) {
            HttpResponse<String> secret = hub.client().publish(List.of(
                    entry("topic", "https://example.com/users/1"),
                    entry("data", "secret"),
                    entry("private", "on")));
            assertThat(secret.statusCode()).isEqualTo(200);

            String open = hub.client().publish("https://example.com/users/1", "public");

            SseEvent expected = SseEvent.message(open, "public");
            assertThat(exact.awaitEvents(1, TIMEOUT)).containsExactly(expected);
            assertThat(wildcard.awaitEvents(1, TIMEOUT)).containsExactly(expected);
            assertThat(template.awaitEvents(1, TIMEOUT)).containsExactly(expected);
        }
    }
}
