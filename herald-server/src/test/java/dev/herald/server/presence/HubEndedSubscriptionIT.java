package dev.herald.server.presence;

import static dev.herald.server.presence.PresenceHub.NS;
import static dev.herald.server.presence.PresenceHub.about;
import static dev.herald.server.presence.PresenceHub.accessToken;
import static dev.herald.server.presence.PresenceHub.accessTokenForAll;
import static dev.herald.server.presence.PresenceHub.cursor;
import static dev.herald.server.presence.PresenceHub.get;
import static dev.herald.server.presence.PresenceHub.json;
import static dev.herald.server.presence.PresenceHub.matcher;
import static dev.herald.server.presence.PresenceHub.open;
import static dev.herald.server.presence.PresenceHub.q;
import static dev.herald.server.presence.PresenceHub.subscribe;
import static dev.herald.server.presence.PresenceHub.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.presence.SubscriptionScope;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.Poll;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connections the hub ends itself are announced inactive exactly once, like those the client ends. */
class HubEndedSubscriptionIT {

    @Test
    void anExpiredTokenEndsTheSubscriptionWithOneInactiveEvent() throws Exception {
        String book = uniqueTopic("books");
        Instant exp = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        try (RunningHub hub = PresenceHub.start();
                StreamClient watcher = open(hub, "match=*", accessTokenForAll());
                StreamClient expiring = open(hub, q("match", book),
                        accessToken(exp, "client-1", subscribe(null, List.of(matcher(null, book)))))) {
            Poll.until("the active event", () -> about(watcher, book).size() == 1);

            expiring.awaitEnded(Duration.ofSeconds(10));
            Poll.until("the inactive event", () -> about(watcher, book).size() == 2);
            Poll.nothingArrives(() -> about(watcher, book).size() > 2, () -> "more: " + about(watcher, book));

            assertThat(json(about(watcher, book).get(1).data()).get("active").asBoolean()).isFalse();
            assertThat(hub.server().subscriptions().orElseThrow().count(SubscriptionScope.topic(book))).isZero();
        }
    }

    @Test
    void theMaximumLifetimeEndsTheSubscriptionWithOneInactiveEvent() throws Exception {
        String book = uniqueTopic("books");
        try (RunningHub hub = RunningHub.start(PresenceHub.config().withMaxConnectionLifetime(Duration.ofSeconds(1)))) {
            // every stream here is cut after a second, a watcher too: read back what happened from a cursor
            String before = cursor(get(hub, NS, accessTokenForAll()));
            StreamClient cut = open(hub, q("match", book), accessToken(subscribe(null, List.of(matcher(null, book)))));
            cut.awaitEnded(Duration.ofSeconds(10));
            Poll.until("the registry forgot it",
                    () -> hub.server().subscriptions().orElseThrow().count(SubscriptionScope.ALL) == 0);

            try (StreamClient replay = open(hub, q("match_urlpattern", NS + "/*") + "&" + q("last_event_id", before),
                    accessTokenForAll())) {
                Poll.until("both events replayed", () -> about(replay, book).size() >= 2);
                Poll.nothingArrives(() -> about(replay, book).size() > 2, () -> "more: " + about(replay, book));
                List<SseEvent> events = about(replay, book);
                assertThat(events).extracting(e -> json(e.data()).get("active").asBoolean()).containsExactly(true, false);
                assertThat(events).extracting(SseEvent::type).containsOnly("mercure");
            }
        }
    }
}
