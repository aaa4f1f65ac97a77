package dev.herald.servlet;

import static dev.herald.testkit.HubRequests.bearer;
import static dev.herald.testkit.HubRequests.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.HubRequests;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Mercure endpoint through {@link HeraldServlet}, on Jetty and on Tomcat: the same test for both. */
class HeraldServletIT {
    private static final String TOPIC = "https://example.com/books/1";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ServletHub start(ServletContainer.Kind kind) throws Exception {
        return start(kind, ServletHub.config(), Duration.ofSeconds(15));
    }

    private ServletHub start(ServletContainer.Kind kind, HeraldServletConfig config, Duration heartbeat)
            throws Exception {
        ServletHub hub = ServletHub.start(kind, config, heartbeat);
        open.add(hub);
        return hub;
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private static String path(String topic) {
        return StreamClient.path(List.of(), Map.of("match", topic));
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.Kind.class)
    void anUpdatePublishedOverHttpReachesASubscriber(ServletContainer.Kind kind) throws Exception {
        ServletHub hub = start(kind);
        StreamClient subscriber = opened(StreamClient.open(hub.port(), path(TOPIC), Map.of()));
        assertThat(subscriber.awaitStatus()).isEqualTo(200);
        assertThat(subscriber.header("Content-Type")).startsWith("text/event-stream");
        assertThat(subscriber.header("X-Accel-Buffering")).isEqualTo("no");
        Poll.until("the subscription registers", () -> hub.hub.stats().subscribers() == 1);

        RawHttp.Response published = publish(hub.port(), bearer(ServletHub.publisherToken()),
                "topic", TOPIC, "data", "hello", "id", "first");

        assertThat(published.status()).isEqualTo(200);
        assertThat(published.body()).isEqualTo("first");
        assertThat(subscriber.awaitEvents(1, WAIT)).containsExactly(SseEvent.message("first", "hello"));
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.Kind.class)
    void privateUpdatesReachOnlySubscribersWhoseTokenAllowsThem(ServletContainer.Kind kind) throws Exception {
        ServletHub hub = start(kind);
        StreamClient allowed = opened(StreamClient.open(hub.port(), path(TOPIC),
                bearer(ServletHub.subscriberToken(TOPIC))));
        StreamClient other = opened(StreamClient.open(hub.port(), path(TOPIC),
                bearer(ServletHub.subscriberToken("https://example.com/books/2"))));
        StreamClient anonymous = opened(StreamClient.open(hub.port(), path(TOPIC), Map.of()));
        Poll.until("three subscriptions register", () -> hub.hub.stats().subscribers() == 3);

        String secret = publish(hub.port(), bearer(ServletHub.publisherToken()),
                "topic", TOPIC, "data", "secret", "private", "on").body();
        String fence = hub.publish(TOPIC, "fence");

        assertThat(allowed.awaitEvents(2, WAIT)).containsExactly(SseEvent.message(secret, "secret"),
                SseEvent.message(fence, "fence"));
        assertThat(other.awaitEvents(1, WAIT)).containsExactly(SseEvent.message(fence, "fence"));
        assertThat(anonymous.awaitEvents(1, WAIT)).containsExactly(SseEvent.message(fence, "fence"));
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.Kind.class)
    void aSubscriberResumesAfterItsLastEventIdWithNothingLostOrRepeated(ServletContainer.Kind kind)
            throws Exception {
        ServletHub hub = start(kind);
        String first = hub.publish(TOPIC, "one");
        String second = hub.publish(TOPIC, "two");
        String third = hub.publish(TOPIC, "three");

        StreamClient resumed = opened(StreamClient.open(hub.port(), path(TOPIC), Map.of("Last-Event-ID", first)));

        assertThat(resumed.awaitEvents(2, WAIT)).containsExactly(SseEvent.message(second, "two"),
                SseEvent.message(third, "three"));
        assertThat(resumed.header("Mercure-Last-Event-ID")).isEqualTo(first);
        String fourth = hub.publish(TOPIC, "four");
        assertThat(resumed.awaitEvents(3, WAIT)).extracting(SseEvent::id).containsExactly(second, third, fourth);
        resumed.assertNoEventsBeyond(3);
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.Kind.class)
    void aSubscriberThatStopsReadingIsCutOffWhileAHealthyOneKeepsReceiving(ServletContainer.Kind kind)
            throws Exception {
        // Past the bytes the container holds, the budget is all a stream may buffer: a burst of
        // publishes must fit in it while the stream waits for the container's onWritePossible.
        int budget = 256 * 1024;
        ServletHub hub = start(kind, ServletHub.config().withSubscriberBufferBytes(budget), Duration.ofSeconds(15));
        StreamClient healthy = opened(StreamClient.open(hub.port(), path(TOPIC), Map.of()));
        StreamClient slow = opened(StreamClient.openWithoutReading(hub.port(), path(TOPIC)));
        Poll.until("both subscriptions register", () -> hub.hub.stats().subscribers() == 2);

        String payload = "x".repeat(4000);
        List<String> ids = new ArrayList<>();
        while (hub.hub.stats().slowSubscribersDisconnected() == 0) {
            for (int i = 0; i < 10; i++) {
                ids.add(hub.publish(TOPIC, ids.size() + " " + payload));
            }
            // The healthy one keeps up: the publisher goes no faster than it reads.
            healthy.awaitEvents(ids.size(), Duration.ofSeconds(30));
            assertThat(ids.size()).as("updates published before the slow subscriber was cut off").isLessThan(20_000);
        }
        for (int i = 0; i < 50; i++) {
            ids.add(hub.publish(TOPIC, ids.size() + " " + payload));
        }

        assertThat(healthy.awaitEvents(ids.size(), Duration.ofSeconds(30))).extracting(SseEvent::id)
                .containsExactlyElementsOf(ids);
        assertThat(hub.hub.stats().slowSubscribersDisconnected()).isEqualTo(1);
        Poll.until("the slow subscription is gone", () -> hub.hub.stats().subscribers() == 1);
        Poll.until("the servlet let go of the slow stream", () -> hub.servlet.openStreams() == 1);
        assertThat(slow.ended()).as("the slow client never read").isFalse();
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.Kind.class)
    void aClientThatGoesAwayEndsItsSubscription(ServletContainer.Kind kind) throws Exception {
        ServletHub hub = start(kind, ServletHub.config(), Duration.ofMillis(200));
        StreamClient subscriber = StreamClient.open(hub.port(), path(TOPIC), Map.of());
        assertThat(subscriber.awaitStatus()).isEqualTo(200);
        Poll.until("the subscription registers", () -> hub.hub.stats().subscribers() == 1);

        subscriber.close();

        Poll.until(() -> hub.hub.stats().subscribers() == 0, Duration.ofSeconds(5),
                () -> "the subscription outlived its client: " + hub.hub.stats());
        Poll.until("the servlet let go of the stream", () -> hub.servlet.openStreams() == 0);
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.Kind.class)
    void anIdleStreamGetsACommentRightAwayAndHeartbeatsAfter(ServletContainer.Kind kind) throws Exception {
        ServletHub hub = start(kind, ServletHub.config(), Duration.ofMillis(200));
        StreamClient subscriber = opened(StreamClient.open(hub.port(), path(TOPIC), Map.of()));
        assertThat(subscriber.awaitStatus()).isEqualTo(200);

        Poll.until(() -> subscriber.comments() >= 4, WAIT,
                () -> "comments so far: " + subscriber.comments());
        assertThat(subscriber.events()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.Kind.class)
    void badRequestsGetTheStandaloneHubsAnswers(ServletContainer.Kind kind) throws Exception {
        ServletHub hub = start(kind, ServletHub.config().withMaxBodyBytes(1024), Duration.ofSeconds(15));
        String token = ServletHub.publisherToken();

        RawHttp.Response noMatcher = HubRequests.request(hub.port(), "GET", HubRequests.HUB, Map.of());
        assertThat(noMatcher.status()).isEqualTo(400);
        assertThat(noMatcher.body()).startsWith("Missing \"match\" parameter");

        RawHttp.Response unknownMatcher = HubRequests.request(hub.port(), "GET",
                HubRequests.HUB + "?match_regex=x", Map.of());
        assertThat(unknownMatcher.status()).isEqualTo(400);
        assertThat(unknownMatcher.body()).startsWith("Unknown matcher parameter \"match_regex\"");

        RawHttp.Response noToken = publish(hub.port(), Map.of(), "topic", TOPIC, "data", "d");
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.body()).startsWith("Publishing requires a JWT");
        assertThat(noToken.header("WWW-Authenticate")).startsWith("Bearer resource_metadata=");

        RawHttp.Response badToken = publish(hub.port(), bearer("not.a.jwt"), "topic", TOPIC, "data", "d");
        assertThat(badToken.status()).isEqualTo(401);
        assertThat(badToken.header("WWW-Authenticate")).contains("error=\"invalid_token\"");

        RawHttp.Response notAForm = publish(hub.port(), Map.of("Authorization", "Bearer " + token,
                "Content-Type", "application/json"), "topic", TOPIC);
        assertThat(notAForm.status()).isEqualTo(415);
        assertThat(notAForm.body()).startsWith("Content-Type must be application/x-www-form-urlencoded");

        RawHttp.Response noTopic = publish(hub.port(), bearer(token), "data", "d");
        assertThat(noTopic.status()).isEqualTo(400);
        assertThat(noTopic.body()).contains("\"topic\"");

        RawHttp.Response reservedType = publish(hub.port(), bearer(token), "topic", TOPIC, "type", "mercure");
        assertThat(reservedType.status()).isEqualTo(400);
        assertThat(reservedType.body()).startsWith("Invalid \"type\" parameter: mercure is reserved");

        RawHttp.Response reservedTopic = publish(hub.port(), bearer(token),
                "topic", "http://localhost/.well-known/mercure/subscriptions/x", "data", "d");
        assertThat(reservedTopic.status()).isEqualTo(400);
        assertThat(reservedTopic.body()).contains("reserved namespace");

        RawHttp.Response badPercent = RawHttp.exchange(hub.port(), RawHttp.request("POST", HubRequests.HUB,
                Map.of("Host", "localhost", "Connection", "close", "Authorization", "Bearer " + token,
                        "Content-Type", "application/x-www-form-urlencoded"),
                "topic=%zz&data=d".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(badPercent.status()).isEqualTo(400);
        assertThat(badPercent.body()).startsWith("Invalid percent-encoding");

        RawHttp.Response tooLarge = publish(hub.port(), bearer(token), "topic", TOPIC, "data", "x".repeat(2000));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body()).startsWith("Request body too large: the limit is 1024 bytes");

        RawHttp.Response wrongMethod = HubRequests.request(hub.port(), "PUT", HubRequests.HUB, Map.of());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("GET, QUERY, POST, OPTIONS");

        RawHttp.Response twoAuthorizations = RawHttp.exchange(hub.port(), ("GET " + path(TOPIC) + " HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\n\r\n"));
        assertThat(twoAuthorizations.status()).isEqualTo(400);
        assertThat(twoAuthorizations.body()).startsWith("More than one Authorization header");
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.Kind.class)
    void aQueryRequestSubscribesWithItsMatchersInTheBody(ServletContainer.Kind kind) throws Exception {
        ServletHub hub = start(kind);
        StreamClient subscriber = opened(StreamClient.openWithBody(hub.port(), "QUERY", HubRequests.HUB,
                "match=" + java.net.URLEncoder.encode(TOPIC, java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(subscriber.awaitStatus()).isEqualTo(200);
        Poll.until("the subscription registers", () -> hub.hub.stats().subscribers() == 1);

        String id = hub.publish(TOPIC, "by query");

        assertThat(subscriber.awaitEvents(1, WAIT)).containsExactly(SseEvent.message(id, "by query"));
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.Kind.class)
    void aLastEventIdThatIsNotUtf8IsRefused(ServletContainer.Kind kind) throws Exception {
        ServletHub hub = start(kind);
        byte[] request = ("GET " + path(TOPIC) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Last-Event-ID: \u00ff\u00fe\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        RawHttp.Response refused = RawHttp.exchange(hub.port(), request);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).startsWith("Invalid UTF-8 in the Last-Event-ID header");
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.Kind.class)
    void stoppingTheContainerEndsTheStreamsAndTheirSubscriptions(ServletContainer.Kind kind) throws Exception {
        ServletHub hub = start(kind);
        StreamClient subscriber = opened(StreamClient.open(hub.port(), path(TOPIC), Map.of()));
        assertThat(subscriber.awaitStatus()).isEqualTo(200);
        Poll.until("the subscription registers", () -> hub.hub.stats().subscribers() == 1);

        hub.stopContainer();

        subscriber.awaitEnded(WAIT);
        assertThat(hub.hub.stats().subscribers()).isZero();
        assertThat(hub.servlet.openStreams()).isZero();
    }
}
