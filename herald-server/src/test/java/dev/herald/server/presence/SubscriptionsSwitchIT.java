package dev.herald.server.presence;

import static dev.herald.server.presence.PresenceHub.NS;
import static dev.herald.server.presence.PresenceHub.accessTokenForAll;
import static dev.herald.server.presence.PresenceHub.get;
import static dev.herald.server.presence.PresenceHub.open;
import static dev.herald.server.presence.PresenceHub.publisherToken;
import static dev.herald.server.presence.PresenceHub.q;
import static dev.herald.server.presence.PresenceHub.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.presence.SubscriptionScope;
import dev.herald.presence.SubscriptionTopics;
import dev.herald.server.presence.PresenceHub.Response;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.HubRequests;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.StreamClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --subscriptions} on and off, what the hub advertises, and what nobody else may publish. */
class SubscriptionsSwitchIT {
    private static final String METADATA = "/.well-known/oauth-protected-resource/.well-known/mercure";
    private static final String ORIGIN = "https://app.example";

    @Test
    void switchedOffTheApiIsNotFoundWithAHintAndNoEventIsPublished() throws Exception {
        try (RunningHub hub = RunningHub.start(PresenceHub.config().withSubscriptions(false))) {
            for (String path : List.of(NS, NS + "/exact/x", NS + "/exact/x/y", NS + "/x")) {
                Response r = get(hub, path, accessTokenForAll());

                assertThat(r.status()).as(path).isEqualTo(404);
                assertThat(r.body()).contains("start it with --subscriptions");
            }
            assertThat(metadata(hub).has("mercure_subscriptions")).isFalse();
            assertThat(hub.server().subscriptions()).isEmpty();

            String topic = uniqueTopic("off");
            try (StreamClient watcher = open(hub, "match=*", accessTokenForAll())) {
                open(hub, q("match", topic), null).close();
                // an update published afterwards comes after any event the connection could have caused
                String id = HubRequests.publish(hub.port(), HubRequests.bearer(publisherToken()),
                        "topic", topic, "data", "after", "private", "on").body();

                assertThat(watcher.awaitEvents(1, Poll.TIMEOUT)).singleElement()
                        .satisfies(e -> assertThat(e.id()).isEqualTo(id));
            }
        }
    }

    @Test
    void switchedOnTheMetadataSaysSo() throws Exception {
        try (RunningHub hub = PresenceHub.start()) {
            JsonNode metadata = metadata(hub);

            assertThat(metadata.get("mercure_subscriptions").isBoolean()).isTrue();
            assertThat(metadata.get("mercure_subscriptions").asBoolean()).isTrue();
            assertThat(hub.server().subscriptions()).isPresent();
        }
    }

    @Test
    void aCrossOriginReaderMayReadTheLinkHeader() throws Exception {
        try (RunningHub hub = RunningHub.start(PresenceHub.config().withCorsOrigins(List.of(ORIGIN)))) {
            Response r = PresenceHub.request(hub, "GET", NS,
                    Map.of("Authorization", "Bearer " + accessTokenForAll(), "Origin", ORIGIN));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
            assertThat(Arrays.stream(r.header("Access-Control-Expose-Headers").split(",")).map(String::trim))
                    .contains("Link", "WWW-Authenticate");
        }
    }

    @Test
    void aPublisherAllowedEverythingCannotForgeSubscriptionEvents() throws Exception {
        String topic = uniqueTopic("forge");
        try (RunningHub hub = PresenceHub.start(); StreamClient live = open(hub, q("match", topic), null)) {
            Poll.until("the subscription", () -> hub.server().subscriptions().orElseThrow()
                    .count(SubscriptionScope.topic(topic)) == 1);
            var real = hub.server().subscriptions().orElseThrow().page(SubscriptionScope.topic(topic), null, 1)
                    .subscriptions().get(0);
            Map<String, String> publisher = HubRequests.bearer(publisherToken());

            RawHttp.Response byTopic = HubRequests.publish(hub.port(), publisher, "topic", real.topic(),
                    "data", "{\"active\":false}", "private", "on", "type", "mercure");
            RawHttp.Response byLegacyTopic = HubRequests.publish(hub.port(), publisher, "topic", real.legacyTopic(),
                    "data", "{\"active\":false}", "private", "on");
            RawHttp.Response byType = HubRequests.publish(hub.port(), publisher, "topic", topic,
                    "data", "{\"active\":false}", "private", "on", "type", SubscriptionTopics.EVENT_TYPE);

            assertThat(byTopic.status()).as(byTopic.body()).isEqualTo(400);
            assertThat(byLegacyTopic.status()).as(byLegacyTopic.body()).isEqualTo(400);
            assertThat(byLegacyTopic.body()).contains("reserved namespace");
            assertThat(byType.status()).as(byType.body()).isEqualTo(400);
            assertThat(byType.body()).contains("mercure is reserved");
        }
    }

    private static JsonNode metadata(RunningHub hub) throws Exception {
        Response r = get(hub, METADATA, null);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }
}
