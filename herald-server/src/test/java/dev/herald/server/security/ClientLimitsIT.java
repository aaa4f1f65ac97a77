package dev.herald.server.security;

import static dev.herald.testkit.HubRequests.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.herald.server.LimitsConfig;
import dev.herald.server.PublishRate;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.VerifierConfig;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.HubRequests;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.StreamClient;
import dev.herald.testkit.TestTokens;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-client limits: connections per client address, subscriptions per token subject, publishes
 * per token subject. Past each, a 429 naming the limit with a Retry-After; slots come back when
 * connections close, through any amount of churn, and refusals neither leak slots nor free any.
 */
class ClientLimitsIT {
    private static final String SECRET = TestTokens.secret();
    private static final String TOPIC = "t";

    private final List<StreamClient> streams = new ArrayList<>();
    private RunningHub hub;

    @AfterEach
    void stop() throws IOException {
        closeAll(streams);
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void connectionsFromOneAddressPastTheLimitGet429UntilOneCloses() throws Exception {
        hub = RunningHub.start(RunningHub.defaults().withLimits(LimitsConfig.defaults().withMaxConnectionsPerIp(3)));
        for (int i = 0; i < 3; i++) {
            streams.add(LiveStreams.open(hub.port(), TOPIC));
        }

        RawHttp.Response refused = healthz();

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.body()).contains("Too many connections from 127.0.0.1: the limit is 3 per client address");
        assertThat(streams).noneMatch(StreamClient::ended);

        streams.remove(0).close();
        Poll.until(() -> healthzStatus() == 200, Poll.TIMEOUT, () -> "the closed stream's slot did not come back");
    }

    /**
     * Slots come back asynchronously (the hub sees a close a little after the client made it), so
     * an admission is retried until it succeeds: a leaked slot makes it time out. A refusal must
     * come at once: a slot freed twice would let it through. No stats requests here: their
     * keep-alive connection would hold a slot of this address.
     */
    @Test
    void churnAndRefusalsLeaveExactlyTheLimitPerAddress() throws Exception {
        hub = RunningHub.start(RunningHub.defaults().withLimits(LimitsConfig.defaults().withMaxConnectionsPerIp(3)));
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 3; i++) {
                admitted(Map.of());
            }
            for (int i = 0; i < 10; i++) {
                assertThat(healthz().status()).as("round %d, refusal %d", round, i).isEqualTo(429);
            }
            closeAll(streams);
        }

        assertExactlyAdmitted(3, Map.of());
    }

    @Test
    void subscriptionsOfOneSubjectPastTheLimitGet429AndOtherSubjectsAreNotCounted() throws Exception {
        hub = RunningHub.start(subscriberHub().withLimits(LimitsConfig.defaults().withMaxSubscriptionsPerSubject(2)));
        Map<String, String> alice = bearer(subscriberToken("alice"));
        streams.add(LiveStreams.open(hub.port(), List.of(TOPIC), alice));
        streams.add(LiveStreams.open(hub.port(), List.of(TOPIC), alice));

        RawHttp.Response refused = HubRequests.request(hub.port(), "GET", path(), alice);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.body()).contains("Too many subscriptions for this token's subject: the limit is 2");
        streams.add(LiveStreams.open(hub.port(), List.of(TOPIC), bearer(subscriberToken("bob"))));
        for (int i = 0; i < 3; i++) {
            streams.add(LiveStreams.open(hub.port(), TOPIC)); // anonymous: no subject
        }

        streams.remove(0).close();
        admitted(alice);
    }

    @Test
    void aTokenWithoutSubjectCountsAsItself() throws Exception {
        hub = RunningHub.start(subscriberHub().withLimits(LimitsConfig.defaults().withMaxSubscriptionsPerSubject(1)));
        Map<String, String> first = bearer(TestTokens.hs256(SECRET, TestTokens.subscriber("a")));
        Map<String, String> second = bearer(TestTokens.hs256(SECRET, TestTokens.subscriber("b")));
        streams.add(LiveStreams.open(hub.port(), List.of(TOPIC), first));

        assertThat(HubRequests.request(hub.port(), "GET", path(), first).status()).isEqualTo(429);
        streams.add(LiveStreams.open(hub.port(), List.of(TOPIC), second));
    }

    @Test
    void subjectSlotsSurviveChurnAndRefusedRequests() throws Exception {
        hub = RunningHub.start(subscriberHub().withLimits(LimitsConfig.defaults().withMaxSubscriptionsPerSubject(2)));
        Map<String, String> alice = bearer(subscriberToken("alice"));
        for (int round = 0; round < 20; round++) {
            admitted(alice);
            admitted(alice);
            for (int i = 0; i < 5; i++) {
                assertThat(HubRequests.request(hub.port(), "GET", path(), alice).status())
                        .as("round %d, refusal %d", round, i).isEqualTo(429);
            }
            closeAll(streams);
        }

        assertExactlyAdmitted(2, alice);
    }

    @Test
    void publishesPastTheSubjectsRateGet429WithTheWaitAndOtherSubjectsPublish() throws Exception {
        // Three a minute: a bucket refills one publish every 20 s, far beyond this test's duration.
        hub = RunningHub.start(RunningHub.defaults()
                .withAuth(AuthConfig.locked().withPublisher(VerifierConfig.key(SECRET, "HS256")))
                .withLimits(LimitsConfig.defaults().withPublishRate(PublishRate.parse("3/m"))));
        Map<String, String> alice = bearer(publisherToken("alice"));
        for (int i = 0; i < 3; i++) {
            assertThat(publish(alice).status()).as("publish %d of the burst", i).isEqualTo(200);
        }

        RawHttp.Response refused = publish(alice);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 20);
        assertThat(refused.body()).contains("Publish rate exceeded for this token's subject: the limit is 3/m");
        assertThat(publish(bearer(publisherToken("bob"))).status()).isEqualTo(200);
        assertThat(publish(alice).status()).as("still refused").isEqualTo(429);
    }

    /** {@code n} subscriptions with {@code headers} are admitted (in time), the next is refused at once. */
    private void assertExactlyAdmitted(int n, Map<String, String> headers) throws Exception {
        for (int i = 0; i < n; i++) {
            admitted(headers);
        }
        assertThat(HubRequests.request(hub.port(), "GET", path(), headers).status()).isEqualTo(429);
    }

    /** Subscribes with {@code headers} until admitted (kept in {@link #streams}); fails if never. */
    private void admitted(Map<String, String> headers) throws InterruptedException {
        Poll.until(() -> subscribeStatus(headers) == 200, Poll.TIMEOUT, () -> "never admitted: a slot leaked");
        StreamClient stream = streams.get(streams.size() - 1);
        Poll.until(() -> stream.comments() >= 1, Poll.TIMEOUT, () -> "no opening comment");
    }

    private static dev.herald.server.ServerConfig subscriberHub() {
        return RunningHub.defaults().withAuth(AuthConfig.locked().withAnonymous(true)
                .withSubscriber(VerifierConfig.key(SECRET, "HS256")));
    }

    private static String subscriberToken(String subject) {
        return TestTokens.hs256(SECRET, new JWTClaimsSet.Builder(TestTokens.subscriber(TOPIC)).subject(subject).build());
    }

    private static String publisherToken(String subject) {
        return TestTokens.hs256(SECRET, new JWTClaimsSet.Builder(TestTokens.publisher("*")).subject(subject).build());
    }

    private RawHttp.Response publish(Map<String, String> headers) throws IOException {
        return HubRequests.publish(hub.port(), headers, "topic", TOPIC, "data", "d");
    }

    private RawHttp.Response healthz() throws IOException {
        return HubRequests.request(hub.port(), "GET", "/healthz", Map.of());
    }

    private int healthzStatus() {
        try {
            return healthz().status();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The status of a subscription with {@code headers}: 429 when refused; when admitted (200) the
     * stream is kept open in {@link #streams}.
     */
    private int subscribeStatus(Map<String, String> headers) {
        try {
            StreamClient stream = StreamClient.open(hub.port(), path(), headers);
            int status = stream.awaitStatus();
            if (status == 200) {
                streams.add(stream);
            } else {
                stream.close();
            }
            return status;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String path() {
        return HubRequests.subscribePath(List.of(TOPIC));
    }

    private static void closeAll(List<StreamClient> clients) throws IOException {
        for (StreamClient c : clients) {
            c.close();
        }
        clients.clear();
    }
}
