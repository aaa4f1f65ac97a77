package dev.herald.server.auth;

import dev.herald.protocol.auth.IssuerConfig;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.VerifierConfig;
import static dev.herald.testkit.HubRequests.bearer;
import static dev.herald.testkit.HubRequests.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.HubRequests;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6750 errors with RFC 9728 challenges, and the protected resource metadata document. */
class AuthErrorsIT {
    private static final String SECRET = TestTokens.secret();
    private static final String ISSUER = "https://issuer.example";
    private static final String RESOURCE = "https://hub.example/.well-known/mercure";
    private static final String METADATA = "https://hub.example/.well-known/oauth-protected-resource/.well-known/mercure";
    private static final String DERIVED_METADATA =
            "http://localhost/.well-known/oauth-protected-resource/.well-known/mercure";
    private static final String BOOK = "https://example.com/books/1";

    private static RunningHub hub;
    private static RunningHub plainHub;

    @BeforeAll
    static void startHubs() throws InterruptedException {
        hub = RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.locked()
                .withPublisher(VerifierConfig.key(SECRET, "HS256"))
                .withSubscriber(VerifierConfig.key(SECRET, "HS256"))
                .withTrustedIssuer(ISSUER, new IssuerConfig(VerifierConfig.key(SECRET, "HS256"),
                        VerifierConfig.key(SECRET, "HS256")))
                .withResourceIdentifier(RESOURCE)
                .withAuthorizationServers(List.of(ISSUER))
                .withCookieName("hub_token")));
        plainHub = RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.locked()
                .withPublisher(VerifierConfig.key(SECRET, "HS256"))));
    }

    @AfterAll
    static void stopHubs() {
        hub.close();
        plainHub.close();
    }

    private static String accessToken(List<String> actions, String match) throws Exception {
        return AccessTokenIT.hs(SECRET, "at+jwt", AccessTokenIT.claims(ISSUER, RESOURCE,
                AccessTokenIT.detail(actions, match)).build());
    }

    @Test
    void noTokenIsA401WithoutErrorCode() throws Exception {
        RawHttp.Response r = publish(hub.port(), Map.of(), "topic", BOOK, "data", "d");
        assertChallenge(r, 401, null, METADATA);

        RawHttp.Response s = HubRequests.request(hub.port(), "GET", HubRequests.subscribePath(List.of(BOOK)), Map.of());
        assertChallenge(s, 401, null, METADATA);
    }

    @Test
    void anInvalidTokenIsA401InvalidToken() throws Exception {
        RawHttp.Response r = publish(hub.port(), bearer("a.b.c"), "topic", BOOK, "data", "d");

        assertChallenge(r, 401, "invalid_token", METADATA);
        assertThat(r.body()).contains("Invalid token");
    }

    @Test
    void aValidTokenWithoutTheGrantIsA403InsufficientScope() throws Exception {
        String token = accessToken(List.of("publish"), BOOK);
        assertThat(publish(hub.port(), bearer(token), "topic", BOOK, "data", "d").status()).isEqualTo(200);

        RawHttp.Response r = publish(hub.port(), bearer(token), "topic", BOOK, "topic", "https://example.com/x",
                "data", "d");
        assertChallenge(r, 403, "insufficient_scope", METADATA);

        RawHttp.Response subscribeOnly = publish(hub.port(), bearer(accessToken(List.of("subscribe"), "*")),
                "topic", BOOK, "data", "d");
        assertChallenge(subscribeOnly, 403, "insufficient_scope", METADATA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer    ", "Basic dXNlcjpwYXNz", "Token abc.def.ghi",
            "Bearer a b", "Bearer abc%def", "Bearerabc.def"})
    void aMalformedPresentationIsA400InvalidRequest(String authorization) throws Exception {
        RawHttp.Response r = publish(hub.port(), Map.of("Authorization", authorization), "topic", BOOK, "data", "d");

        assertChallenge(r, 400, "invalid_request", METADATA);
        assertThat(r.body()).contains("Authorization header");
    }

    @Test
    void severalAuthorizationHeadersAreA400InvalidRequest() throws Exception {
        String token = accessToken(List.of("publish"), "*");
        String request = "POST /.well-known/mercure HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: Bearer " + token + "\r\nAuthorization: Bearer " + token + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 16\r\n\r\ntopic=t&data=abc";
        RawHttp.Response r = RawHttp.exchange(hub.port(), request.getBytes(StandardCharsets.US_ASCII));

        assertChallenge(r, 400, "invalid_request", METADATA);
    }

    @Test
    void theHeaderWinsOverTheCookie() throws Exception {
        String good = accessToken(List.of("publish"), "*");
        RawHttp.Response r = publish(hub.port(), Map.of("Authorization", "Bearer a.b.c",
                "Cookie", "hub_token=" + good, "Origin", "https://app.example"), "topic", BOOK, "data", "d");

        assertChallenge(r, 401, "invalid_token", METADATA);
    }

    @Test
    void withoutAResourceIdentifierTheChallengePointsToTheRequestedHub() throws Exception {
        RawHttp.Response r = publish(plainHub.port(), Map.of(), "topic", BOOK, "data", "d");

        assertChallenge(r, 401, null, DERIVED_METADATA);
    }

    @Test
    void theMetadataDocumentDescribesTheHub() throws Exception {
        RawHttp.Response r = HubRequests.request(hub.port(), "GET",
                "/.well-known/oauth-protected-resource/.well-known/mercure", Map.of());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        Map<String, Object> doc = com.nimbusds.jose.util.JSONObjectUtils.parse(r.body());
        assertThat(doc).containsEntry("resource", RESOURCE)
                .containsEntry("authorization_servers", List.of(ISSUER))
                .containsEntry("authorization_details_types_supported",
                        List.of("https://mercure.rocks/authorization-detail"))
                .containsEntry("bearer_methods_supported", List.of("header"))
                .containsEntry("mercure_cookie", "hub_token")
                .containsEntry("mercure_matcher_types_supported", List.of("exact", "urlpattern"));

        RawHttp.Response plain = HubRequests.request(plainHub.port(), "GET",
                "/.well-known/oauth-protected-resource/.well-known/mercure", Map.of());
        Map<String, Object> plainDoc = com.nimbusds.jose.util.JSONObjectUtils.parse(plain.body());
        assertThat(plainDoc).containsEntry("resource", "http://localhost/.well-known/mercure")
                .doesNotContainKey("authorization_servers");
        assertThat(HubRequests.request(hub.port(), "POST",
                "/.well-known/oauth-protected-resource/.well-known/mercure", Map.of()).status()).isEqualTo(405);
    }

    static void assertChallenge(RawHttp.Response r, int status, String error, String metadata) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        String expected = error == null
                ? "Bearer resource_metadata=\"" + metadata + "\""
                : "Bearer error=\"" + error + "\", resource_metadata=\"" + metadata + "\"";
        assertThat(r.header("WWW-Authenticate")).isEqualTo(expected);
        assertThat(r.body()).doesNotContain(SECRET);
    }
}
