package dev.herald.server.presence;

import static dev.herald.server.presence.PresenceHub.NS;
import static dev.herald.server.presence.PresenceHub.UUID_URN;
import static dev.herald.server.presence.PresenceHub.about;
import static dev.herald.server.presence.PresenceHub.accessToken;
import static dev.herald.server.presence.PresenceHub.accessTokenForAll;
import static dev.herald.server.presence.PresenceHub.enc;
import static dev.herald.server.presence.PresenceHub.json;
import static dev.herald.server.presence.PresenceHub.legacyToken;
import static dev.herald.server.presence.PresenceHub.matcher;
import static dev.herald.server.presence.PresenceHub.open;
import static dev.herald.server.presence.PresenceHub.q;
import static dev.herald.server.presence.PresenceHub.subscribe;
import static dev.herald.server.presence.PresenceHub.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.presence.SubscriptionRegistry;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.Poll;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subscription events as readers see them: one {@code active} when a connection subscribes, one
 * {@code inactive} when it goes, each reader in its own protocol's form, and only for readers
 * whose token covers the subscription namespace.
 */
class SubscriptionEventsIT {
    private static final Map<String, Object> ALICE = Map.of("user", "alice");

    private static RunningHub hub;

    @BeforeAll
    static void startHub() throws InterruptedException {
        hub = PresenceHub.start();
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void eachAuthorizedReaderGetsOneActiveAndOneInactiveEventInItsOwnForm() throws Exception {
        String book = uniqueTopic("books");
        try (StreamClient all10 = open(hub, "match=*", accessTokenForAll());
                StreamClient pattern10 = open(hub, q("match_urlpattern", NS + "/*"),
                        accessToken(subscribe(null, List.of(matcher("urlpattern", NS + "/*")))));
                StreamClient all0x = open(hub, "topic=*", legacyToken(null, "*"));
                StreamClient template0x = open(hub, q("topic", NS + "/{topic}/{subscriber}"),
                        legacyToken(null, NS + "/{topic}/{subscriber}"))) {
            List<StreamClient> readers = List.of(all10, pattern10, all0x, template0x);
            StreamClient other = open(hub, q("match", book), accessToken(subscribe(ALICE, List.of(matcher(null, book)))));
            for (StreamClient r : readers) {
                Poll.until("the active event", () -> about(r, book).size() >= 1);
            }
            String subscriber = json(about(all10, book).get(0).data()).get("subscriber").asText();
            SubscriptionRegistry registry = hub.server().subscriptions().orElseThrow();
            assertThat(registry.find("exact", book, subscriber)).get()
                    .satisfies(s -> assertThat(json(s.payloadJson())).isEqualTo(json("{\"user\":\"alice\"}")));

            other.close();
            for (StreamClient r : readers) {
                Poll.until("the inactive event", () -> about(r, book).size() >= 2);
            }
            for (StreamClient r : readers) {
                Poll.nothingArrives(() -> about(r, book).size() > 2, () -> "more events: " + about(r, book));
            }

            assertThat(subscriber).matches(UUID_URN);
            for (StreamClient r : List.of(all10, pattern10)) {
                List<SseEvent> events = about(r, book);
                assertModern(events.get(0), book, subscriber, true);
                assertModern(events.get(1), book, subscriber, false);
                assertThat(events.get(0).id()).isNotEmpty().isNotEqualTo(events.get(1).id());
            }
            for (StreamClient r : List.of(all0x, template0x)) {
                List<SseEvent> events = about(r, book);
                assertLegacy(events.get(0), book, subscriber, true);
                assertLegacy(events.get(1), book, subscriber, false);
            }
            assertThat(registry.find("exact", book, subscriber)).as("gone from the registry").isEmpty();
        }
    }

    @Test
    void a0xSubscriberIsAnnouncedWithItsTokenPayloadAndTheTypeOfEachSelector() throws Exception {
        String book = uniqueTopic("books");
        String template = book + "/{chapter}";
        try (StreamClient all10 = open(hub, "match=*", accessTokenForAll());
                StreamClient all0x = open(hub, "topic=*", legacyToken(null, "*"))) {
            StreamClient other = open(hub, q("topic", book) + "&" + q("topic", template),
                    legacyToken(Map.of("n", 1), book));
            Poll.until("two 1.0 events", () -> about(all10, book).size() + about(all10, template).size() >= 2);
            Poll.until("two 0.x events", () -> about(all0x, book).size() + about(all0x, template).size() >= 2);
            other.close();

            Poll.until("the inactive events", () -> about(all10, book).size() == 2 && about(all10, template).size() == 2);
            JsonNode exact = json(about(all10, book).get(0).data());
            JsonNode uriTemplate = json(about(all10, template).get(0).data());
            assertThat(exact.get("match_type").asText()).isEqualTo("exact");
            assertThat(uriTemplate.get("match_type").asText()).isEqualTo("uritemplate");
            assertThat(uriTemplate.get("id").asText()).isEqualTo(NS + "/uritemplate/" + enc(template) + "/"
                    + enc(exact.get("subscriber").asText()));
            assertThat(uriTemplate.get("subscriber")).as("one connection, one subscriber").isEqualTo(exact.get("subscriber"));
            for (JsonNode doc : List.of(exact, uriTemplate)) {
                assertThat(doc.get("payload")).isEqualTo(json("{\"n\":1}"));
            }
            JsonNode legacy = json(about(all0x, template).get(0).data());
            assertThat(legacy.get("id").asText()).isEqualTo(NS + "/" + enc(template) + "/"
                    + enc(exact.get("subscriber").asText()));
            assertThat(legacy.get("topic").asText()).isEqualTo(template);
        }
    }

    @Test
    void readersWithoutAGrantOnTheNamespaceNeverSeeSubscriptionEvents() throws Exception {
        String book = uniqueTopic("books");
        try (StreamClient control = open(hub, "match=*", accessTokenForAll());
                StreamClient anonymous10 = open(hub, "match=*", null);
                StreamClient anonymous0x = open(hub, "topic=*", null);
                StreamClient bookOnly = open(hub, "match=*", accessToken(subscribe(null, List.of(matcher(null, book)))));
                StreamClient bookOnly0x = open(hub, "topic=*", legacyToken(null, book))) {
            StreamClient other = open(hub, q("match", book), accessToken(subscribe(ALICE, List.of(matcher(null, book)))));
            other.close();
            // the events went out: the authorized reader got both
            Poll.until("both events on the authorized reader", () -> about(control, book).size() == 2);

            for (StreamClient r : List.of(anonymous10, anonymous0x, bookOnly, bookOnly0x)) {
                Poll.nothingArrives(() -> !r.events().isEmpty(), () -> "events: " + r.events());
            }
        }
    }

    private static void assertModern(SseEvent event, String match, String subscriber, boolean active) {
        assertThat(event.type()).as("the reserved SSE event type").isEqualTo("mercure");
        JsonNode doc = json(event.data());
        assertThat(doc.get("id").asText()).as("id is the event's topic")
                .isEqualTo(NS + "/exact/" + enc(match) + "/" + enc(subscriber));
        assertThat(doc.get("type").asText()).isEqualTo("subscription");
        assertThat(doc.get("match_type").asText()).isEqualTo("exact");
        assertThat(doc.get("match").asText()).isEqualTo(match);
        assertThat(doc.get("subscriber").asText()).isEqualTo(subscriber);
        assertThat(doc.get("active").isBoolean()).isTrue();
        assertThat(doc.get("active").asBoolean()).isEqualTo(active);
        assertThat(doc.get("payload")).isEqualTo(json("{\"user\":\"alice\"}"));
        assertThat(doc.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("id", "type", "match_type", "match", "subscriber", "active", "payload");
    }

    private static void assertLegacy(SseEvent event, String topic, String subscriber, boolean active) {
        assertThat(event.type()).as("0.x events carry no event type").isEqualTo("message");
        JsonNode doc = json(event.data());
        assertThat(doc.get("@context").asText()).isEqualTo("https://mercure.rocks/");
        assertThat(doc.get("id").asText()).isEqualTo(NS + "/" + enc(topic) + "/" + enc(subscriber));
        assertThat(doc.get("type").asText()).isEqualTo("Subscription");
        assertThat(doc.get("topic").asText()).isEqualTo(topic);
        assertThat(doc.get("subscriber").asText()).isEqualTo(subscriber);
        assertThat(doc.get("active").asBoolean()).isEqualTo(active);
        assertThat(doc.get("payload")).isEqualTo(json("{\"user\":\"alice\"}"));
        assertThat(doc.has("match_type")).isFalse();
    }
}
