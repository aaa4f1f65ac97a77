package dev.herald.server.presence;

import static dev.herald.server.presence.PresenceHub.about;
import static dev.herald.server.presence.PresenceHub.accessToken;
import static dev.herald.server.presence.PresenceHub.accessTokenForAll;
import static dev.herald.server.presence.PresenceHub.bearer;
import static dev.herald.server.presence.PresenceHub.json;
import static dev.herald.server.presence.PresenceHub.matcher;
import static dev.herald.server.presence.PresenceHub.q;
import static dev.herald.server.presence.PresenceHub.subscribe;
import static dev.herald.server.presence.PresenceHub.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.hub.Hub;
import dev.herald.hub.HubConfig;
import dev.herald.presence.SubscriptionScope;
import dev.herald.server.HeraldServer;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.Poll;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import dev.herald.transport.InMemoryTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Streams closed by a drain are announced inactive, each once: while the hub drains, and not again
 * when it then closes. The watcher sits on a second server sharing the hub, which is not drained.
 */
class DrainedSubscriptionIT {
    private static final int STREAMS = 10;

    @Test
    void everyDrainedStreamIsAnnouncedInactiveExactlyOnce() throws Exception {
        String book = uniqueTopic("books");
        Hub shared = new Hub(new InMemoryTransport(10_000), HubConfig.defaults());
        HeraldServer draining = HeraldServer.start(PresenceHub.config(), shared);
        HeraldServer watching = HeraldServer.start(PresenceHub.config(), shared);
        List<StreamClient> streams = new ArrayList<>();
        try (StreamClient watcher = LiveStreams.open(watching.port(), "/.well-known/mercure?match=*",
                bearer(accessTokenForAll()))) {
            Map<String, String> token = bearer(accessToken(subscribe(null, List.of(matcher(null, book)))));
            for (int i = 0; i < STREAMS; i++) {
                streams.add(LiveStreams.open(draining.port(), "/.well-known/mercure?" + q("match", book), token));
            }
            Poll.until("every active event", () -> about(watcher, book).size() == STREAMS);

            draining.drain(Duration.ofSeconds(1)).toCompletableFuture().get(10, TimeUnit.SECONDS);

            Poll.until("every inactive event", () -> about(watcher, book).size() == 2 * STREAMS);
            assertThat(draining.subscriptions().orElseThrow().count(SubscriptionScope.ALL))
                    .as("nothing left for the shutdown to announce").isZero();
            draining.close();
            Poll.nothingArrives(() -> about(watcher, book).size() > 2 * STREAMS,
                    () -> "more events: " + about(watcher, book));
            Map<Boolean, List<String>> byState = about(watcher, book).stream().map(SseEvent::data)
                    .map(PresenceHub::json).collect(Collectors.partitioningBy(d -> d.get("active").asBoolean(),
                            Collectors.mapping(d -> d.get("subscriber").asText(), Collectors.toList())));
            assertThat(byState.get(false)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(byState.get(true));
            assertThat(json(about(watcher, book).get(0).data()).get("active").asBoolean()).isTrue();
        } finally {
            for (StreamClient s : streams) {
                s.close();
            }
            draining.close();
            watching.close();
        }
    }
}
