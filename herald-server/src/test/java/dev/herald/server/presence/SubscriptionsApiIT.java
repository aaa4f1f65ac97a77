package dev.herald.server.presence;

import static dev.herald.server.presence.PresenceHub.NS;
import static dev.herald.server.presence.PresenceHub.about;
import static dev.herald.server.presence.PresenceHub.accessToken;
import static dev.herald.server.presence.PresenceHub.accessTokenForAll;
import static dev.herald.server.presence.PresenceHub.cursor;
import static dev.herald.server.presence.PresenceHub.enc;
import static dev.herald.server.presence.PresenceHub.get;
import static dev.herald.server.presence.PresenceHub.json;
import static dev.herald.server.presence.PresenceHub.legacyToken;
import static dev.herald.server.presence.PresenceHub.matcher;
import static dev.herald.server.presence.PresenceHub.open;
import static dev.herald.server.presence.PresenceHub.q;
import static dev.herald.server.presence.PresenceHub.subscribe;
import static dev.herald.server.presence.PresenceHub.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.presence.ActiveSubscription;
import dev.herald.presence.SubscriptionRegistry;
import dev.herald.presence.SubscriptionScope;
import dev.herald.server.presence.PresenceHub.Response;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.HubRequests;
import dev.herald.testkit.Poll;
import dev.herald.testkit.StreamClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every shape of the subscriptions API, in both protocols, over three live subscriptions: a 1.0
 * connection with an exact and a URL pattern matcher, and a 0.x connection on the same topic.
 */
class SubscriptionsApiIT {
    private static final String BOOK = uniqueTopic("books");
    private static final String PATTERN = BOOK + "/:chapter";
    private static final String LINK = "<http://localhost/\\.well-known/mercure>; rel=\"mercure\"; "
            + "last-event-id=\"[^\"]+\"; type=\"mercure\"; content-type=\"application/json\"";
    private static final String READER = accessTokenForAll();

    private static RunningHub hub;
    private static StreamClient modern;
    private static StreamClient legacy;
    private static String modernId;
    private static String legacyId;

    @BeforeAll
    static void startHub() throws Exception {
        hub = PresenceHub.start();
        modern = open(hub, q("match", BOOK) + "&" + q("match_urlpattern", PATTERN), accessToken(
                subscribe(Map.of("user", "alice"), List.of(matcher(null, BOOK))),
                subscribe(Map.of("role", "pattern"), List.of(matcher(null, PATTERN)))));
        legacy = open(hub, q("topic", BOOK), legacyToken(Map.of("n", 1), BOOK));
        SubscriptionRegistry registry = hub.server().subscriptions().orElseThrow();
        Poll.until("three subscriptions", () -> registry.count(SubscriptionScope.ALL) == 3);
        modernId = registry.page(SubscriptionScope.matcher("urlpattern", PATTERN), null, 1).subscriptions().get(0).subscriber();
        legacyId = registry.page(SubscriptionScope.matcher("exact", BOOK), null, 2).subscriptions().stream()
                .map(ActiveSubscription::subscriber).filter(s -> !s.equals(modernId)).findFirst().orElseThrow();
    }

    @AfterAll
    static void stopHub() throws Exception {
        modern.close();
        legacy.close();
        hub.close();
    }

    private static JsonNode modernDoc(String type, String match, String subscriber, String payload) {
        return json("{\"id\":\"" + NS + "/" + type + "/" + enc(match) + "/" + enc(subscriber) + "\",\"type\":\"subscription\","
                + "\"match_type\":\"" + type + "\",\"match\":\"" + match + "\",\"subscriber\":\"" + subscriber
                + "\",\"active\":true,\"payload\":" + payload + "}");
    }

    private static void assertPlainAnswer(Response r, String contentType) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo(contentType);
        assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(r.all("Link")).as("one link, no next page").singleElement().asString().matches(LINK);
    }

    @Test
    void theWholeCollection() throws Exception {
        Response r = get(hub, NS, READER);

        assertPlainAnswer(r, "application/json");
        JsonNode body = r.json();
        assertThat(body.get("id").asText()).isEqualTo(NS);
        assertThat(body.get("type").asText()).isEqualTo("subscriptions");
        assertThat(body.get("total").asInt()).isEqualTo(3);
        assertThat(body.get("subscriptions")).containsExactlyInAnyOrder(
                modernDoc("exact", BOOK, modernId, "{\"user\":\"alice\"}"),
                modernDoc("urlpattern", PATTERN, modernId, "{\"role\":\"pattern\"}"),
                modernDoc("exact", BOOK, legacyId, "{\"n\":1}"));
    }

    @Test
    void theCollectionOfOneMatcher() throws Exception {
        Response exact = get(hub, NS + "/exact/" + enc(BOOK), READER);
        Response pattern = get(hub, NS + "/urlpattern/" + enc(PATTERN), READER);

        assertPlainAnswer(exact, "application/json");
        assertThat(exact.json().get("id").asText()).isEqualTo(NS + "/exact/" + enc(BOOK));
        assertThat(exact.json().get("type").asText()).isEqualTo("subscriptions");
        assertThat(exact.json().get("total").asInt()).isEqualTo(2);
        assertThat(exact.json().get("subscriptions")).containsExactlyInAnyOrder(
                modernDoc("exact", BOOK, modernId, "{\"user\":\"alice\"}"), modernDoc("exact", BOOK, legacyId, "{\"n\":1}"));
        assertThat(pattern.json().get("subscriptions")).containsExactly(
                modernDoc("urlpattern", PATTERN, modernId, "{\"role\":\"pattern\"}"));
        assertThat(get(hub, NS + "/urlpattern/" + enc(BOOK), READER).json().get("total").asInt())
                .as("same string, other type").isZero();
    }

    @Test
    void oneSubscriptionIsTheDocumentOfItsEvents() throws Exception {
        Response r = get(hub, NS + "/exact/" + enc(BOOK) + "/" + enc(modernId), READER);

        assertPlainAnswer(r, "application/json");
        assertThat(r.json()).isEqualTo(modernDoc("exact", BOOK, modernId, "{\"user\":\"alice\"}"));
        assertThat(get(hub, NS + "/exact/" + enc(BOOK) + "/" + enc(legacyId), READER).json())
                .isEqualTo(modernDoc("exact", BOOK, legacyId, "{\"n\":1}"));
    }

    @Test
    void the0xTopicCollectionSpansMatcherTypes() throws Exception {
        Response r = get(hub, NS + "/" + enc(BOOK), READER);

        assertPlainAnswer(r, "application/ld+json");
        JsonNode body = r.json();
        assertThat(body.get("@context").asText()).isEqualTo("https://mercure.rocks/");
        assertThat(body.get("id").asText()).isEqualTo(NS + "/" + enc(BOOK));
        assertThat(body.get("type").asText()).isEqualTo("Subscriptions");
        assertThat(body.get("lastEventID").asText()).isEqualTo(cursor(r));
        assertThat(body.get("total").asInt()).isEqualTo(2);
        assertThat(body.get("subscriptions")).containsExactlyInAnyOrder(
                legacyDoc(BOOK, modernId, "{\"user\":\"alice\"}"), legacyDoc(BOOK, legacyId, "{\"n\":1}"));
        assertThat(get(hub, NS + "/" + enc(PATTERN), READER).json().get("subscriptions"))
                .containsExactly(legacyDoc(PATTERN, modernId, "{\"role\":\"pattern\"}"));
    }

    @Test
    void one0xSubscription() throws Exception {
        Response r = get(hub, NS + "/" + enc(BOOK) + "/" + enc(legacyId), READER);

        assertPlainAnswer(r, "application/ld+json");
        JsonNode expected = legacyDoc(BOOK, legacyId, "{\"n\":1}");
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("@context", "https://mercure.rocks/")
                .put("lastEventID", cursor(r));
        assertThat(r.json()).isEqualTo(expected);
        assertThat(get(hub, NS + "/" + enc(PATTERN) + "/" + enc(modernId), READER).json().get("topic").asText())
                .as("found whatever its type").isEqualTo(PATTERN);
    }

    @Test
    void theWholeCollectionAnswers0xClientsIn0xTerms() throws Exception {
        Response byToken = get(hub, NS, legacyToken(null, "*"));
        Response byAccept = PresenceHub.request(hub, "GET", NS,
                Map.of("Authorization", "Bearer " + READER, "Accept", "application/ld+json"));
        Response plain = PresenceHub.request(hub, "GET", NS,
                Map.of("Authorization", "Bearer " + READER, "Accept", "application/json"));

        for (Response r : List.of(byToken, byAccept)) {
            assertPlainAnswer(r, "application/ld+json");
            assertThat(r.json().get("type").asText()).isEqualTo("Subscriptions");
            assertThat(r.json().get("subscriptions")).hasSize(3).contains(legacyDoc(BOOK, legacyId, "{\"n\":1}"));
        }
        assertPlainAnswer(plain, "application/json");
        assertThat(plain.json().get("type").asText()).isEqualTo("subscriptions");
    }

    @Test
    void theCursorIsTheLastEventDispatched() throws Exception {
        String topic = uniqueTopic("cursor");
        try (StreamClient reader = open(hub, q("match", topic), null)) {
            String id = HubRequests.publish(hub.port(), HubRequests.bearer(PresenceHub.publisherToken()),
                    "topic", topic, "data", "x").body();
            reader.awaitEvents(1, Poll.TIMEOUT);

            assertThat(cursor(get(hub, NS, READER))).isEqualTo(id);
            assertThat(cursor(get(hub, NS + "/exact/" + enc(BOOK) + "/" + enc(modernId), READER))).isEqualTo(id);
        }
    }

    @Test
    void resumingFromTheCursorMissesNothingThatChangedSince() throws Exception {
        Response listing = get(hub, NS, READER);
        String cursor = cursor(listing);
        String later = uniqueTopic("later");
        open(hub, q("match", later), accessToken(subscribe(null, List.of(matcher(null, later))))).close();

        try (StreamClient modernReader = open(hub, "match=*&" + q("last_event_id", cursor), READER);
                StreamClient legacyReader = open(hub, "topic=*&" + q("lastEventID", cursor), legacyToken(null, "*"))) {
            for (StreamClient r : List.of(modernReader, legacyReader)) {
                Poll.until("the change after the cursor", () -> about(r, later).size() >= 2);
                // events replay in order: what the listing already showed came before the cursor
                assertThat(about(r, BOOK)).isEmpty();
                assertThat(about(r, later)).extracting(e -> json(e.data()).get("active").asBoolean())
                        .containsExactly(true, false);
            }
            assertThat(about(modernReader, later)).allSatisfy(e -> assertThat(e.type()).isEqualTo("mercure"));
            assertThat(about(legacyReader, later)).allSatisfy(e -> assertThat(e.type()).isEqualTo("message"));
        }
    }

    @Test
    void unknownSubscriptionsAndShapesAreNotFound() throws Exception {
        String unknown = "urn:uuid:00000000-0000-4000-8000-000000000000";
        for (String path : List.of(
                NS + "/exact/" + enc(BOOK) + "/" + enc(unknown),
                NS + "/urlpattern/" + enc(BOOK) + "/" + enc(modernId), // right subscriber, wrong type
                NS + "/exact/" + enc(PATTERN) + "/" + enc(modernId), // right subscriber, wrong matcher
                NS + "/" + enc(BOOK) + "/" + enc(unknown),
                NS + "/EXACT/" + enc(BOOK) + "/" + enc(modernId), // types are case-sensitive
                NS + "/nosuchtype/" + enc(BOOK) + "/" + enc(modernId),
                NS + "/exact/" + enc(BOOK) + "/" + enc(modernId) + "/extra")) {
            Response r = get(hub, path, READER);
            assertThat(r.status()).as("%s: %s", path, r.body()).isEqualTo(404);
        }
    }

    @Test
    void nonCanonicalEncodingNamesTheSameResource() throws Exception {
        String lower = NS + "/exact/" + enc(BOOK).replace("%3A", "%3a").replace("%2F", "%2f") + "/"
                + enc(modernId).replace("%3A", "%3a");
        String overEncoded = NS + "/%65xact/" + enc(BOOK);
        String rawColons = NS + "/" + enc(BOOK) + "/" + modernId; // ':' is allowed unencoded in a path segment

        Response r = get(hub, lower, READER);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("id").asText()).as("the canonical id").isEqualTo(NS + "/exact/" + enc(BOOK) + "/" + enc(modernId));
        Response collection = get(hub, overEncoded, READER);
        assertThat(collection.json().get("id").asText()).isEqualTo(NS + "/exact/" + enc(BOOK));
        assertThat(collection.json().get("total").asInt()).isEqualTo(2);
        assertThat(get(hub, rawColons, READER).json().get("id").asText())
                .isEqualTo(NS + "/" + enc(BOOK) + "/" + enc(modernId));
    }

    private static JsonNode legacyDoc(String topic, String subscriber, String payload) {
        return json("{\"id\":\"" + NS + "/" + enc(topic) + "/" + enc(subscriber) + "\",\"type\":\"Subscription\","
                + "\"topic\":\"" + topic + "\",\"subscriber\":\"" + subscriber + "\",\"active\":true,\"payload\":" + payload + "}");
    }
}
