package dev.herald.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.auth.AuthConfig;
import dev.herald.server.auth.VerifierConfig;
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

    @Test
    void mintedTokensPublishAndReadPrivateUpdatesOnAHubWithTheSameKey() throws Exception {
        String pub = run("token", "--key", KEY, "--publish", "*");
        String sub = run("token", "--key", KEY, "--subscribe", "users/{id}", "--ttl", "5m");
        AuthConfig auth = AuthConfig.locked()
                .withPublisher(VerifierConfig.key(KEY, "HS256"))
                .withSubscriber(VerifierConfig.key(KEY, "HS256"));
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withAuth(auth))) {
            StreamClient stream = StreamClient.open(hub.port(), StreamClient.path(List.of("users/7"), Map.of()),
                    Map.of("Authorization", "Bearer " + sub));
            assertThat(stream.awaitStatus()).isEqualTo(200);
            CommandLine cli = HeraldCli.newCommandLine();
            cli.setOut(new PrintWriter(new StringWriter()));
            int exit = cli.execute("publish", "--hub", "http://127.0.0.1:" + hub.port() + "/.well-known/mercure",
                    "--token", pub, "--topic", "users/7", "--data", "secret for 7", "--private");
            assertThat(exit).isZero();
            assertThat(stream.awaitEvents(1, Duration.ofSeconds(10))).extracting(SseEvent::data)
                    .containsExactly("secret for 7");
            stream.close();
        }
    }

    @Test
    void onlyHmacAlgorithmsCanBeMinted() {
        CommandLine cli = HeraldCli.newCommandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("token", "--key", KEY, "--algorithm", "RS256")).isEqualTo(2);
    }
}
