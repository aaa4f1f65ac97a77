package dev.herald.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.herald.server.LimitsConfig;
import dev.herald.server.ServerConfig;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.VerifierConfig;
import dev.herald.server.testing.H2Client;
import dev.herald.server.testing.H2Mode;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.HubRequests;
import dev.herald.testkit.Poll;
import dev.herald.testkit.TestTokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The per-address and per-subject limits over HTTP/2, by TLS and by h2c: one connection carries
 * many subscriptions, so they count its subscription streams, each as a connection would count;
 * past a limit, the stream is answered 429 with Retry-After and its siblings are untouched.
 */
class Http2LimitsIT {
    private static final String SECRET = TestTokens.secret();
    private static final String TOPIC = "t";
    private static final String SUBSCRIBE = HubRequests.subscribePath(List.of(TOPIC));

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(H2Mode.class)
    void subscriptionStreamsOfOneConnectionCountAgainstTheAddressLimit(H2Mode mode) throws Exception {
        try (H2Mode.Started started = mode.start(perAddress(3), dir);
                H2Client h2 = started.connect()) {
            List<H2Client.Stream> admitted = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                admitted.add(admittedStream(h2, Map.of()));
            }

            H2Client.Stream refused = h2.get(SUBSCRIBE, true).awaitEnd();

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("retry-after")).isEqualTo("5");
            assertThat(refused.body()).contains("Too many connections from 127.0.0.1: the limit is 3 per client address");
            assertThat(h2.fetch("/healthz").status()).as("requests that are not subscriptions pass").isEqualTo(200);
            assertThat(HubRequests.request(started.hub().port(), "GET", "/healthz", Map.of()).status())
                    .as("another connection from the address is counted too").isEqualTo(429);
            assertThat(admitted).allSatisfy(s -> assertThat(s.resetCode()).isNull());
            assertThat(h2.isOpen()).isTrue();

            h2.reset(admitted.remove(0));
            Poll.until("the reset stream's slot back", () -> h2.get(SUBSCRIBE, true).awaitStatus() == 200);
        }
    }

    /** Admissions retried until they succeed (a slot comes back a little after the reset): a leak times out. */
    @ParameterizedTest
    @EnumSource(H2Mode.class)
    void streamChurnAndRefusalsLeaveExactlyTheLimitPerAddress(H2Mode mode) throws Exception {
        try (H2Mode.Started started = mode.start(perAddress(3), dir);
                H2Client h2 = started.connect()) {
            for (int round = 0; round < 15; round++) {
                List<H2Client.Stream> open = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    open.add(admittedStream(h2, Map.of()));
                }
                for (int i = 0; i < 5; i++) {
                    assertThat(h2.get(SUBSCRIBE, true).awaitEnd().status()).as("round %d, refusal %d", round, i)
                            .isEqualTo(429);
                }
                open.forEach(h2::reset);
            }
            for (int i = 0; i < 3; i++) {
                admittedStream(h2, Map.of());
            }
            assertThat(h2.get(SUBSCRIBE, true).awaitEnd().status()).isEqualTo(429);
            assertThat(h2.isOpen()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(H2Mode.class)
    void subscriptionStreamsOfOneSubjectPastItsLimitGet429(H2Mode mode) throws Exception {
        ServerConfig config = RunningHub.defaults()
                .withAuth(AuthConfig.locked().withAnonymous(true).withSubscriber(VerifierConfig.key(SECRET, "HS256")))
                .withLimits(LimitsConfig.defaults().withMaxSubscriptionsPerSubject(2));
        try (H2Mode.Started started = mode.start(config, dir);
                H2Client h2 = started.connect()) {
            Map<String, String> alice = Map.of("authorization", "Bearer " + token("alice"));
            H2Client.Stream first = admittedStream(h2, alice);
            admittedStream(h2, alice);

            H2Client.Stream refused = get(h2, alice).awaitEnd();

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("retry-after")).isEqualTo("5");
            assertThat(refused.body()).contains("Too many subscriptions for this token's subject: the limit is 2");
            admittedStream(h2, Map.of("authorization", "Bearer " + token("bob")));
            h2.reset(first);
            Poll.until("alice's slot back", () -> get(h2, alice).awaitStatus() == 200);
        }
    }

    private static ServerConfig perAddress(int max) {
        return RunningHub.defaults().withLimits(LimitsConfig.defaults().withMaxConnectionsPerIp(max));
    }

    private static H2Client.Stream admittedStream(H2Client h2, Map<String, String> headers) {
        List<H2Client.Stream> admitted = new ArrayList<>(1);
        Poll.until("a subscription admitted (else a slot leaked)", () -> {
            H2Client.Stream s = get(h2, headers);
            if (s.awaitStatus() == 200) {
                admitted.add(s);
                return true;
            }
            return false;
        });
        return admitted.get(0);
    }

    private static H2Client.Stream get(H2Client h2, Map<String, String> headers) {
        List<String> namesAndValues = new ArrayList<>();
        headers.forEach((k, v) -> {
            namesAndValues.add(k);
            namesAndValues.add(v);
        });
        return h2.get(SUBSCRIBE, true, namesAndValues.toArray(String[]::new));
    }

    private static String token(String subject) {
        return TestTokens.hs256(SECRET, new JWTClaimsSet.Builder(TestTokens.subscriber(TOPIC)).subject(subject).build());
    }
}
