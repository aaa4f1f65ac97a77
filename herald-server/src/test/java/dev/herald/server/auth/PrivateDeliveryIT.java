package dev.herald.server.auth;

import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.VerifierConfig;
import static dev.herald.testkit.HubRequests.bearer;
import static dev.herald.testkit.HubRequests.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import dev.herald.testkit.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Private updates reach only subscribers whose claim covers a topic; tokens bound what and how long. */
class PrivateDeliveryIT {
    private static final String SECRET = TestTokens.secret();
    private static final String BOOK = "https://example.com/books/1";
    private static final String PUBLISH_ALL = TestTokens.hs256(SECRET, TestTokens.publisher("*"));

    /**
     * How long the expiring token lives at least: subscribing, publishing and delivering one update
     * take milliseconds, and must fit in it with seconds to spare on a loaded two-core machine.
     */
    private static final Duration TOKEN_LIFE = Duration.ofSeconds(6);
    /** The hub schedules the end in whole milliseconds from its own reading of the clock. */
    private static final Duration CLOCK_GRANULARITY = Duration.ofMillis(20);

    private static RunningHub hub;

    @BeforeAll
    static void startHub() throws InterruptedException {
        hub = RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.locked()
                .withPublisher(VerifierConfig.key(SECRET, "HS256"))
                .withSubscriber(VerifierConfig.key(SECRET, "HS256"))
                .withAnonymous(true)));
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void aPrivateUpdateReachesOnlyAuthorizedSubscribers() throws Exception {
        try (StreamClient authorized = open(BOOK, TestTokens.hs256(SECRET, TestTokens.subscriber(BOOK)));
                StreamClient byTemplate = open(BOOK, TestTokens.hs256(SECRET,
                        TestTokens.subscriber("https://example.com/books/{id}")));
                StreamClient otherClaim = open(BOOK, TestTokens.hs256(SECRET,
                        TestTokens.subscriber("https://example.com/books/2")));
                StreamClient anonymous = open(BOOK, null)) {
            String secretId = publishOk("topic", BOOK, "data", "the private one", "private", "on");
            String fenceId = publishOk("topic", BOOK, "data", "fence");

            assertThat(authorized.awaitEvents(2, Duration.ofSeconds(5))).containsExactly(
                    SseEvent.message(secretId, "the private one"), SseEvent.message(fenceId, "fence"));
            assertThat(byTemplate.awaitEvents(2, Duration.ofSeconds(5))).containsExactly(
                    SseEvent.message(secretId, "the private one"), SseEvent.message(fenceId, "fence"));
            assertThat(otherClaim.awaitEvents(1, Duration.ofSeconds(5)))
                    .containsExactly(SseEvent.message(fenceId, "fence"));
            assertThat(anonymous.awaitEvents(1, Duration.ofSeconds(5)))
                    .containsExactly(SseEvent.message(fenceId, "fence"));
        }
    }

    @Test
    void aPrivateUpdateIsAuthorizedByAnyOfItsTopics() throws Exception {
        String alternate = "https://example.com/users/7/books";
        try (StreamClient viaAlternate = open(BOOK, TestTokens.hs256(SECRET, TestTokens.subscriber(alternate)))) {
            String id = publishOk("topic", BOOK, "topic", alternate, "data", "shared", "private", "on");

            assertThat(viaAlternate.awaitEvents(1, Duration.ofSeconds(5))).containsExactly(SseEvent.message(id, "shared"));
        }
    }

    @Test
    void aPrivateUpdateIsNotReplayedToAnUnauthorizedSubscriber() throws Exception {
        String topic = "https://example.com/replay";
        String first = publishOk("topic", topic, "data", "public before");
        publishOk("topic", topic, "data", "private history", "private", "on");
        String fence = publishOk("topic", topic, "data", "fence");

        String path = StreamClient.path(List.of(topic), Map.of("lastEventID", first));
        try (StreamClient stream = StreamClient.open(hub.port(), path, Map.of())) {
            assertThat(stream.awaitEvents(1, Duration.ofSeconds(5))).containsExactly(SseEvent.message(fence, "fence"));
        }
    }

    @Test
    void theSubscriptionEndsWhenItsTokenExpires() throws Exception {
        // A JWT's exp is whole seconds: the next whole second after TOKEN_LIFE, so the test knows it exactly.
        Instant expiresAt = Instant.now().plus(TOKEN_LIFE).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        String expiring = TestTokens.hs256(SECRET, TestTokens.expiringAt(TestTokens.subscriber(BOOK), expiresAt));
        try (StreamClient stream = open(BOOK, expiring)) {
            String id = publishOk("topic", BOOK, "data", "before expiry", "private", "on");
            assertThat(stream.awaitEvents(1, Duration.ofSeconds(5))).containsExactly(SseEvent.message(id, "before expiry"));
            assertThat(Instant.now()).as("the update arrived while the token was valid").isBefore(expiresAt);

            stream.awaitEnded(TOKEN_LIFE.plusSeconds(10));

            assertThat(Instant.now()).as("the stream was seen ending at the token's exp (%s), not before", expiresAt)
                    .isAfter(expiresAt.minus(CLOCK_GRANULARITY));
        }
    }

    @Test
    void everyTopicOfAnUpdateMustBeInThePublishClaim() throws Exception {
        String scoped = TestTokens.hs256(SECRET, TestTokens.publisher("https://example.com/books/{id}"));

        RawHttp.Response allowed = publish(hub.port(), bearer(scoped), "topic", BOOK, "topic",
                "https://example.com/books/2", "data", "ok");
        RawHttp.Response mixed = publish(hub.port(), bearer(scoped), "topic", BOOK, "topic",
                "https://example.com/admin/secrets", "data", "nope");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(mixed.status()).isEqualTo(403);
        assertThat(mixed.body()).contains("does not allow publishing to topic: https://example.com/admin/secrets")
                .doesNotContain(scoped).doesNotContain(SECRET);
    }

    @Test
    void aTopicOutsideThePublishClaimIsForbiddenEvenWhenPrivate() throws Exception {
        String scoped = TestTokens.hs256(SECRET, TestTokens.publisher("https://example.com/books/1"));

        RawHttp.Response r = publish(hub.port(), bearer(scoped), "topic", "https://example.com/books/2",
                "data", "x", "private", "on");

        assertThat(r.status()).isEqualTo(403);
    }

    private static StreamClient open(String topic, String token) throws Exception {
        return LiveStreams.open(hub.port(), List.of(topic), token == null ? Map.of() : bearer(token));
    }

    private static String publishOk(String... fields) throws Exception {
        RawHttp.Response r = publish(hub.port(), bearer(PUBLISH_ALL), fields);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}
