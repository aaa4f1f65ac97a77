package dev.herald.server.security;

import static dev.herald.testkit.HubRequests.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.VerifierConfig;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.HubRequests;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.StreamClient;
import dev.herald.testkit.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Browsers on listed origins may call the hub with credentials; other origins get no CORS grant. */
class CorsIT {
    private static final String SECRET = TestTokens.secret();
    private static final String ALLOWED = "https://app.example.com";
    private static final String FOREIGN = "https://evil.example.net";
    private static final String TOKEN = TestTokens.hs256(SECRET, TestTokens.mercure(List.of("*"), List.of("*")).build());

    private static RunningHub hub;

    @BeforeAll
    static void startHub() throws InterruptedException {
        hub = RunningHub.start(RunningHub.defaults().withCorsOrigins(List.of(ALLOWED)).withAuth(AuthConfig.locked()
                .withPublisher(VerifierConfig.key(SECRET, "HS256")).withSubscriber(VerifierConfig.key(SECRET, "HS256"))
                .withPublishOrigins(List.of(ALLOWED))));
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void aPreflightFromAnAllowedOriginIsGrantedWithCredentials() throws Exception {
        RawHttp.Response r = preflight(hub, ALLOWED);

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(r.header("Vary")).containsIgnoringCase("Origin");
        assertThat(r.header("Access-Control-Allow-Methods")).contains("GET").contains("POST");
        assertThat(List.of(r.header("Access-Control-Allow-Headers").toLowerCase().split(",\\s*")))
                .contains("authorization", "last-event-id", "cache-control");
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() throws Exception {
        RawHttp.Response r = preflight(hub, FOREIGN);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
        assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void aWildcardConfigurationAllowsAnyOriginWithoutCredentials() throws Exception {
        try (RunningHub open = RunningHub.start(RunningHub.defaults().withCorsOrigins(List.of("*")))) {
            RawHttp.Response r = preflight(open, FOREIGN);

            assertThat(r.status()).isEqualTo(204);
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
        }
    }

    @Test
    void theEventStreamCarriesTheCorsGrantForAnAllowedOrigin() throws Exception {
        try (StreamClient stream = StreamClient.open(hub.port(), HubRequests.subscribePath(List.of("t")),
                Map.of("Origin", ALLOWED, "Cookie", "mercureAuthorization=" + TOKEN))) {
            assertThat(stream.awaitStatus()).isEqualTo(200);
            assertThat(stream.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
            assertThat(stream.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        }
    }

    @Test
    void theEventStreamCarriesNoGrantForAnotherOrigin() throws Exception {
        try (StreamClient stream = StreamClient.open(hub.port(), HubRequests.subscribePath(List.of("t")),
                Map.of("Origin", FOREIGN, "Authorization", "Bearer " + TOKEN))) {
            assertThat(stream.awaitStatus()).isEqualTo(200);
            assertThat(stream.header("Access-Control-Allow-Origin")).isNull();
            assertThat(stream.header("Access-Control-Allow-Credentials")).isNull();
        }
    }

    @Test
    void publishResponsesCarryTheGrantForAnAllowedOriginOnly() throws Exception {
        RawHttp.Response allowed = HubRequests.publish(hub.port(), withOrigin(ALLOWED), "topic", "t", "data", "d");
        RawHttp.Response foreign = HubRequests.publish(hub.port(), withOrigin(FOREIGN), "topic", "t", "data", "d");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void errorsCarryTheGrantSoTheBrowserCanReadThem() throws Exception {
        RawHttp.Response r = HubRequests.publish(hub.port(), Map.of("Origin", ALLOWED), "topic", "t", "data", "d");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
    }

    @Test
    void aCredentialedCookiePublishFromAnAllowedOriginWorks() throws Exception {
        RawHttp.Response r = HubRequests.publish(hub.port(),
                Map.of("Origin", ALLOWED, "Cookie", "mercureAuthorization=" + TOKEN), "topic", "t", "data", "d");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
    }

    private static Map<String, String> withOrigin(String origin) {
        Map<String, String> headers = new HashMap<>(bearer(TOKEN));
        headers.put("Origin", origin);
        return headers;
    }

    private static RawHttp.Response preflight(RunningHub target, String origin) throws Exception {
        return HubRequests.request(target.port(), "OPTIONS", HubRequests.HUB, Map.of("Origin", origin,
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization, last-event-id, cache-control"));
    }
}
