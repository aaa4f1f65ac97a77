package dev.herald.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.ObservabilityConfig;
import dev.herald.server.ServerConfig;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.server.testing.RunningHub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who may read {@code /metrics} and {@code /stats}: with an admin token, whoever shows it; without
 * one, anyone in dev mode and nobody otherwise. {@code /healthz} and {@code /readyz} stay open.
 */
class AdminTokenIT {
    private static final String TOKEN = "0123456789abcdef-admin";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void withATokenTheOperatorEndpointsAnswer401WithoutItAnd200WithIt() throws Exception {
        ServerConfig config = RunningHub.defaults()
                .withObservability(ObservabilityConfig.defaults().withAdminToken(TOKEN));
        try (RunningHub hub = RunningHub.start(config)) {
            for (String path : List.of("/metrics", "/stats")) {
                HttpResponse<String> none = get(hub, path, null);
                assertThat(none.statusCode()).as(path + " without a token").isEqualTo(401);
                assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"herald-admin\"");

                HttpResponse<String> wrong = get(hub, path, "Bearer " + TOKEN + "x");
                assertThat(wrong.statusCode()).as(path + " with a wrong token").isEqualTo(401);
                assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                        .hasValue("Bearer realm=\"herald-admin\", error=\"invalid_token\"");
                assertThat(get(hub, path, "Basic " + TOKEN).statusCode()).as(path + " with another scheme").isEqualTo(401);
                assertThat(wrong.body()).doesNotContain(TOKEN);

                assertThat(get(hub, path, "Bearer " + TOKEN).statusCode()).as(path + " with the token").isEqualTo(200);
                assertThat(get(hub, path, "bearer " + TOKEN).statusCode()).as("the scheme is case-insensitive")
                        .isEqualTo(200);
            }
            assertThat(get(hub, "/healthz", null).statusCode()).isEqualTo(200);
            assertThat(get(hub, "/readyz", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutATokenALockedHubRefusesTheOperatorEndpointsToEveryone() throws Exception {
        ServerConfig config = RunningHub.defaults().withAuth(AuthConfig.locked());
        try (RunningHub hub = RunningHub.start(config)) {
            for (String path : List.of("/metrics", "/stats")) {
                HttpResponse<String> r = get(hub, path, "Bearer anything-at-all-0123456789");
                assertThat(r.statusCode()).as(path).isEqualTo(403);
                assertThat(r.body()).contains("--admin-token");
            }
            assertThat(get(hub, "/healthz", null).statusCode()).isEqualTo(200);
            assertThat(get(hub, "/readyz", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutATokenADevModeHubServesThemToAnyone() throws Exception {
        try (RunningHub hub = RunningHub.start(RunningHub.defaults())) {
            assertThat(get(hub, "/metrics", null).statusCode()).isEqualTo(200);
            assertThat(get(hub, "/stats", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aShortTokenOrOneAHeaderCannotCarryIsRefused() {
        ObservabilityConfig config = ObservabilityConfig.defaults();
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> config.withAdminToken("short")).withMessageContaining("at least 16");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> config.withAdminToken("long enough but with spaces")).withMessageContaining("letters");
    }

    private static HttpResponse<String> get(RunningHub hub, String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
