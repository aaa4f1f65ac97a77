package dev.herald.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.client.EventStream;
import dev.herald.client.HeraldClient;
import dev.herald.client.MessageEvent;
import dev.herald.client.Publication;
import dev.herald.client.PublishException;
import dev.herald.client.TopicMatcher;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.Poll;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Java client against a running Herald hub: subscribe, publish, resume after a cut-off. */
class HeraldClientHubIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private RunningHub hub;

    @AfterEach
    void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    private HeraldClient client() {
        return HeraldClient.create(URI.create("http://127.0.0.1:" + hub.port() + "/.well-known/mercure"));
    }

    @Test
    void publishedUpdatesReachASubscriberWithEveryField() throws Exception {
        hub = RunningHub.start();
        HeraldClient client = client();
        try (EventStream stream = client.subscribeTo(List.of(TopicMatcher.urlPattern("https://example.com/books/:id")),
                null, null).stream()) {
            awaitSubscribers(1);

            String generated = client.publish("https://example.com/books/1", "{\"title\":\"Dune\"}");
            String given = client.publish(Publication.builder().topic("https://example.com/books/2").topic("alt")
                    .data("line 1\r\nline 2\u2026").id("book-2").type("update").retry(5000L).build(), null);

            assertThat(generated).startsWith("urn:uuid:");
            assertThat(given).isEqualTo("book-2");
            assertThat(next(stream)).isEqualTo(MessageEvent.message("{\"title\":\"Dune\"}", generated));
            assertThat(next(stream)).isEqualTo(new MessageEvent("update", "line 1\nline 2\u2026", "book-2"));
        }
    }

    @Test
    void exactMatchersAnd0xTemplatesSubscribeToo() throws Exception {
        hub = RunningHub.start();
        HeraldClient client = client();
        try (EventStream exact = client.subscribe("https://example.com/books/1").stream();
                EventStream legacy = client.subscribeTo(List.of(TopicMatcher.legacyTopic("https://example.com/books/{id}")),
                        null, null).stream()) {
            awaitSubscribers(2);

            String other = client.publish("https://example.com/books/2", "two");
            String one = client.publish("https://example.com/books/1", "one");

            assertThat(next(exact)).isEqualTo(MessageEvent.message("one", one));
            assertThat(next(legacy)).isEqualTo(MessageEvent.message("two", other));
            assertThat(next(legacy)).isEqualTo(MessageEvent.message("one", one));
        }
    }

    @Test
    void aRefusedPublicationNamesTheStatusAndTheHubsMessage() throws Exception {
        hub = RunningHub.start();

        assertThatThrownBy(() -> client().publish(Publication.builder().topic("t").id("#bad").build(), null))
                .isInstanceOfSatisfying(PublishException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body()).contains("Invalid \"id\" parameter");
                })
                .hasMessageStartingWith("hub answered 400: Invalid \"id\" parameter");
    }

    @Test
    void aSubscriberCutOffForFallingBehindResumesWithNoGapAndNoDuplicate() throws Exception {
        hub = RunningHub.start(RunningHub.defaults().withSubscriberBufferBytes(16 * 1024));
        HeraldClient client = client();
        String payload = "x".repeat(4000);
        List<String> published = new ArrayList<>();
        // Capacity 1 and nobody reading: the client stops reading the socket, so the hub cuts it off.
        try (EventStream stream = client.subscribe(List.of("feed"), null, null).streamCapacity(1)
                .reconnectTime(Duration.ofMillis(50)).stream()) {
            awaitSubscribers(1);
            while (hub.client().stats().slowSubscribersDisconnected() == 0) {
                for (int i = 0; i < 20; i++) {
                    published.add(client.publish("feed", published.size() + " " + payload));
                }
                assertThat(published.size()).as("updates before the cut-off").isLessThan(9_000);
            }
            assertThat(hub.client().stats().slowSubscribersDisconnected()).as("subscribers cut off").isEqualTo(1);
            for (int i = 0; i < 20; i++) {
                published.add(client.publish("feed", published.size() + " " + payload));
            }

            List<String> received = new ArrayList<>();
            while (received.size() < published.size()) {
                received.add(next(stream).lastEventId());
            }

            assertThat(received).containsExactlyElementsOf(published);
            assertThat(stream.lastError()).isPresent();
            assertThat(stream.poll(Poll.QUIET)).as("an event within %s after the last one published", Poll.QUIET)
                    .isEmpty();
        }
    }

    private static MessageEvent next(EventStream stream) throws InterruptedException {
        Optional<MessageEvent> event = stream.poll(TIMEOUT);
        assertThat(event).as("an event within %s; last error %s", TIMEOUT, stream.lastError()).isPresent();
        return event.get();
    }

    private void awaitSubscribers(int n) throws InterruptedException {
        Poll.until(() -> hub.client().stats().subscribers() == n, TIMEOUT, () -> "stats: " + hub.client().stats());
    }
}
