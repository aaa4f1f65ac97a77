package dev.herald.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.IssuerConfig;
import dev.herald.protocol.auth.VerifierConfig;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TokenCommandIT {
    private static final String KEY = "a-secret-of-at-least-thirty-two-bytes!";

    private static String run(String... args) {
        CommandLine cli = HeraldCli.newCommandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute(args)).isZero();
        return out.toString().strip();
    }

    private static int exitOf(String... args) {
        CommandLine cli = HeraldCli.newCommandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    @Test
    void mintedLegacyTokensPublishAndReadPrivateUpdatesOnAHubWithTheSameKey() throws Exception {
        String pub = run("token", "--legacy", "--key", KEY, "--publish", "*");
        String sub = run("token", "--legacy", "--key", KEY, "--subscribe", "users/{id}", "--ttl", "5m");
        AuthConfig auth = AuthConfig.locked()
                .withPublisher(VerifierConfig.key(KEY, "HS256"))
                .withSubscriber(VerifierConfig.key(KEY, "HS256"));
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withAuth(auth))) {
            assertDelivered(hub, pub, sub, "users/7");
        }
    }

    @Test
    void mintedAccessTokensWorkOnAHubTrustingTheIssuer() throws Exception {
        String resource = "https://localhost/.well-known/mercure";
        String pub = run("token", "--key", KEY, "--publish", "*", "--audience", resource);
        String sub = run("token", "--key", KEY, "--subscribe", "https://example.com/users/:id",
                "--match-type", "urlpattern", "--ttl", "5m", "--audience", resource);
        SignedJWT jwt = SignedJWT.parse(sub);
        assertThat(jwt.getHeader().getType().toString()).isEqualTo("at+jwt");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://localhost");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(resource);
        assertThat(jwt.getJWTClaimsSet().getClaims()).containsKeys("sub", "client_id", "iat", "exp", "jti");
        assertThat(jwt.getJWTClaimsSet().getClaim("authorization_details")).isEqualTo(List.of(Map.of(
                "type", "https://mercure.rocks/authorization-detail", "actions", List.of("subscribe"),
                "topics", List.of(Map.of("match", "https://example.com/users/:id", "match_type", "urlpattern")))));
        VerifierConfig key = VerifierConfig.key(KEY, "HS256");
        AuthConfig auth = AuthConfig.locked()
                .withTrustedIssuer("https://localhost", new IssuerConfig(key, key))
                .withResourceIdentifier(resource);
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withAuth(auth))) {
            assertDelivered(hub, pub, sub, "https://example.com/users/7");
        }
    }

    private static void assertDelivered(RunningHub hub, String pub, String sub, String topic) throws Exception {
        StreamClient stream = StreamClient.open(hub.port(), StreamClient.path(List.of(topic), Map.of()),
                Map.of("Authorization", "Bearer " + sub));
        assertThat(stream.awaitStatus()).isEqualTo(200);
        CommandLine cli = HeraldCli.newCommandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        int exit = cli.execute("publish", "--hub", "http://127.0.0.1:" + hub.port() + "/.well-known/mercure",
                "--token", pub, "--topic", topic, "--data", "secret for 7", "--private");
        assertThat(exit).isZero();
        assertThat(stream.awaitEvents(1, Duration.ofSeconds(10))).extracting(SseEvent::data)
                .containsExactly("secret for 7");
        stream.close();
    }

    @Test
    void onlyHmacAlgorithmsCanBeMinted() {
        assertThat(exitOf("token", "--key", KEY, "--algorithm", "RS256")).isEqualTo(2);
    }

    @Test
    void accessTokensMustExpireAndNameAKnownMatchType() {
        assertThat(exitOf("token", "--key", KEY, "--ttl", "0")).isEqualTo(2);
        assertThat(exitOf("token", "--key", KEY, "--publish", "x", "--match-type", "regexp")).isEqualTo(2);
        assertThat(exitOf("token", "--legacy", "--key", KEY, "--ttl", "0")).isZero();
    }
}
