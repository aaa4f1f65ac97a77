package dev.herald.server.auth;

import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.VerifierConfig;
import static dev.herald.testkit.HubRequests.bearer;
import static dev.herald.testkit.HubRequests.publish;
import static dev.herald.testkit.HubRequests.publishTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.HubRequests;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.StreamClient;
import dev.herald.testkit.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens are taken from the Authorization header, then the authorization query parameter, then
 * the cookie, and only from the first place that has one. Cookie publishing needs an allowed origin.
 */
class TokenSourcesIT {
    private static final String SECRET = TestTokens.secret();
    private static final String ORIGIN = "https://app.example.com";
    private static final String GOOD = TestTokens.hs256(SECRET, TestTokens.mercure(List.of("*"), List.of("*")).build());
    private static final String BAD = TestTokens.hs256(TestTokens.secret(), TestTokens.publisher("*"));

    private static RunningHub hub;

    @BeforeAll
    static void startHub() throws InterruptedException {
        hub = RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.locked()
                .withPublisher(VerifierConfig.key(SECRET, "HS256"))
                .withSubscriber(VerifierConfig.key(SECRET, "HS256"))
                .withPublishOrigins(List.of(ORIGIN))
                .withAllowQueryToken(true)));
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void theAuthorizationHeaderCarriesAToken() throws Exception {
        assertThat(publishVia(bearer(GOOD), "").status()).isEqualTo(200);
    }

    @Test
    void theQueryParameterCarriesAToken() throws Exception {
        assertThat(publishVia(Map.of(), "?authorization=" + GOOD).status()).isEqualTo(200);
    }

    @Test
    void theCookieCarriesATokenForAnAllowedOrigin() throws Exception {
        assertThat(publishVia(Map.of("Cookie", "mercureAuthorization=" + GOOD, "Origin", ORIGIN), "").status())
                .isEqualTo(200);
    }

    @Test
    void aRefererFromAnAllowedOriginAlsoPermitsCookiePublishing() throws Exception {
        assertThat(publishVia(Map.of("Cookie", "mercureAuthorization=" + GOOD,
                "Referer", ORIGIN + "/admin/page?x=1"), "").status()).isEqualTo(200);
    }

    @Test
    void cookiePublishingFromAForeignOriginIsForbidden() throws Exception {
        RawHttp.Response r = publishVia(Map.of("Cookie", "mercureAuthorization=" + GOOD,
                "Origin", "https://evil.example.net"), "");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("Origin or Referer").doesNotContain(GOOD);
    }

    @Test
    void cookiePublishingFromALookalikeRefererIsForbidden() throws Exception {
        RawHttp.Response r = publishVia(Map.of("Cookie", "mercureAuthorization=" + GOOD,
                "Referer", "https://app.example.com.evil.net/"), "");

        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void cookiePublishingWithoutOriginOrRefererIsForbidden() throws Exception {
        RawHttp.Response r = publishVia(Map.of("Cookie", "mercureAuthorization=" + GOOD), "");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("Origin or Referer");
    }

    @Test
    void aBadHeaderTokenIsNotRescuedByAGoodQueryParameterOrCookie() throws Exception {
        RawHttp.Response r = publishVia(Map.of("Authorization", "Bearer " + BAD,
                "Cookie", "mercureAuthorization=" + GOOD, "Origin", ORIGIN), "?authorization=" + GOOD);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).contains("bad signature");
    }

    @Test
    void aBadQueryTokenIsNotRescuedByAGoodCookie() throws Exception {
        RawHttp.Response r = publishVia(Map.of("Cookie", "mercureAuthorization=" + GOOD, "Origin", ORIGIN),
                "?authorization=" + BAD);

        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void aGoodHeaderTokenWinsOverABadCookie() throws Exception {
        assertThat(publishVia(Map.of("Authorization", "Bearer " + GOOD,
                "Cookie", "mercureAuthorization=" + BAD), "").status()).isEqualTo(200);
    }

    @Test
    void theCookieNameIsConfigurable() throws Exception {
        try (RunningHub custom = RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.locked()
                .withPublisher(VerifierConfig.key(SECRET, "HS256")).withCookieName("heraldToken")
                .withPublishOrigins(List.of(ORIGIN))))) {
            assertThat(publishTo(custom.port(), HubRequests.HUB, Map.of("Cookie", "heraldToken=" + GOOD, "Origin", ORIGIN),
                    "topic", "t", "data", "d").status()).isEqualTo(200);
            // the 0.x cookie stays accepted for legacy tokens (a 401 before the 1.0 cookie became the default)
            assertThat(publishTo(custom.port(), HubRequests.HUB, Map.of("Cookie", "mercureAuthorization=" + GOOD,
                    "Origin", ORIGIN), "topic", "t", "data", "d").status()).isEqualTo(200);
            assertThat(publishTo(custom.port(), HubRequests.HUB, Map.of("Cookie", "other=" + GOOD,
                    "Origin", ORIGIN), "topic", "t", "data", "d").status()).isEqualTo(401);
        }
    }

    @Test
    void theDefaultCookieIsTheOneOfMercure10() throws Exception {
        assertThat(AuthConfig.locked().cookieName()).isEqualTo("__Secure-mercure_access_token");
        assertThat(publishVia(Map.of("Cookie", "__Secure-mercure_access_token=" + GOOD, "Origin", ORIGIN), "")
                .status()).isEqualTo(200);
    }

    @Test
    void theQueryTokenIsA400UnlessAllowed() throws Exception {
        try (RunningHub strict = RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.locked()
                .withPublisher(VerifierConfig.key(SECRET, "HS256"))
                .withSubscriber(VerifierConfig.key(SECRET, "HS256"))
                .withAnonymous(true)))) {
            RawHttp.Response r = publishTo(strict.port(), HubRequests.HUB + "?authorization=" + GOOD, Map.of(),
                    "topic", "t", "data", "d");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_request\", "
                    + "resource_metadata=\"http://localhost/.well-known/oauth-protected-resource/.well-known/mercure\"");
            assertThat(r.body()).contains("--allow-query-token").doesNotContain(GOOD);
            // even next to a valid header: the client must drop it
            assertThat(publishTo(strict.port(), HubRequests.HUB + "?authorization=x", bearer(GOOD),
                    "topic", "t", "data", "d").status()).isEqualTo(400);
            RawHttp.Response s = HubRequests.request(strict.port(), "GET",
                    HubRequests.subscribePath(List.of("t")) + "&authorization=" + GOOD, Map.of());
            assertThat(s.status()).isEqualTo(400);
        }
    }

    @Test
    void eachSourceAuthenticatesASubscriber() throws Exception {
        String path = HubRequests.subscribePath(List.of("https://example.com/s"));
        for (Map.Entry<String, Map<String, String>> source : List.of(
                Map.entry(path, bearer(GOOD)),
                Map.entry(path + "&authorization=" + URLEncoder.encode(GOOD, StandardCharsets.UTF_8),
                        Map.<String, String>of()),
                Map.entry(path, Map.of("Cookie", "mercureAuthorization=" + GOOD)))) {
            try (StreamClient stream = StreamClient.open(hub.port(), source.getKey(), source.getValue())) {
                assertThat(stream.awaitStatus()).as(source.toString()).isEqualTo(200);
            }
        }
    }

    @Test
    void subscribingWithoutATokenIsUnauthorized() throws Exception {
        RawHttp.Response r = HubRequests.request(hub.port(), "GET", HubRequests.subscribePath(List.of("t")), Map.of());

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer resource_metadata=\"http://localhost/.well-known/oauth-protected-resource/.well-known/mercure\"");
        assertThat(r.body()).contains("Subscribing requires a JWT");
    }

    @Test
    void anonymousModeLetsSubscribersWithoutATokenIn() throws Exception {
        try (RunningHub open = RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.locked()
                .withPublisher(VerifierConfig.key(SECRET, "HS256"))
                .withSubscriber(VerifierConfig.key(SECRET, "HS256")).withAnonymous(true)));
                StreamClient stream = StreamClient.open(open.port(), "t")) {
            assertThat(stream.awaitStatus()).isEqualTo(200);
            RawHttp.Response bad = HubRequests.request(open.port(), "GET", HubRequests.subscribePath(List.of("t")),
                    bearer(BAD));
            assertThat(bad.status()).as("a presented bad token is still rejected").isEqualTo(401);
        }
    }

    @Test
    void devModePublishesWithoutAToken() throws Exception {
        try (RunningHub dev = RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.devMode()))) {
            assertThat(publish(dev.port(), Map.of(), "topic", "t", "data", "d").status()).isEqualTo(200);
        }
    }

    @Test
    void withoutDevModeOrAKeyNobodyPublishes() throws Exception {
        try (RunningHub locked = RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.locked()))) {
            RawHttp.Response r = publish(locked.port(), bearer(GOOD), "topic", "t", "data", "d");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).contains("Publishing is disabled");
        }
    }

    private static RawHttp.Response publishVia(Map<String, String> headers, String query) throws Exception {
        return publishTo(hub.port(), HubRequests.HUB + query, headers, "topic", "https://example.com/t", "data", "d");
    }
}
