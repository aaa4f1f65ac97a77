package dev.herald.server.auth;

import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.VerifierConfig;
import static dev.herald.testkit.HubRequests.bearer;
import static dev.herald.testkit.HubRequests.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.HubRequests;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.TestTokens;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a token can be wrong gets a 401 (or 403 for a valid token without the scope) whose
 * message names the reason, and never echoes the token or the key.
 */
class JwtRejectionIT {
    private static final String SECRET = TestTokens.secret();
    private static final String SUBSCRIBER_SECRET = TestTokens.secret();
    private static final KeyPair RSA = TestTokens.rsaKeys();
    private static final String RSA_PEM = TestTokens.pem(RSA.getPublic());
    private static final JWTClaimsSet MAY_PUBLISH = TestTokens.publisher("*");

    private static RunningHub hub;
    private static RunningHub rsaHub;

    @BeforeAll
    static void startHubs() throws InterruptedException {
        hub = RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.locked()
                .withPublisher(VerifierConfig.key(SECRET, "HS256"))
                .withSubscriber(VerifierConfig.key(SUBSCRIBER_SECRET, "HS256"))));
        rsaHub = RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.locked()
                .withPublisher(VerifierConfig.key(RSA_PEM, "RS256"))));
    }

    @AfterAll
    static void stopHubs() {
        hub.close();
        rsaHub.close();
    }

    @Test
    void aValidTokenPublishes() throws Exception {
        assertThat(publishWith(hub, TestTokens.hs256(SECRET, MAY_PUBLISH)).status()).isEqualTo(200);
    }

    @Test
    void algNoneIsRejected() throws Exception {
        String token = TestTokens.unsigned(MAY_PUBLISH);

        assertUnauthorized(publishWith(hub, token), "algorithm not allowed", token);
    }

    @Test
    void anRsaPublicKeyUsedAsAnHmacSecretIsRejected() throws Exception {
        String token = TestTokens.hmac(JWSAlgorithm.HS256, RSA_PEM.getBytes(StandardCharsets.US_ASCII), MAY_PUBLISH);

        assertUnauthorized(publishWith(rsaHub, token), "algorithm not allowed", token);
    }

    @Test
    void anRsaTokenAtAnHmacHubIsRejected() throws Exception {
        String token = TestTokens.rs256(RSA, MAY_PUBLISH);

        assertUnauthorized(publishWith(hub, token), "algorithm not allowed", token);
    }

    @Test
    void aTamperedPayloadHasABadSignature() throws Exception {
        String narrow = TestTokens.hs256(SECRET, TestTokens.publisher("https://example.com/only-this"));
        String[] parts = narrow.split("\\.");
        String widened = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MAY_PUBLISH.toString().getBytes(StandardCharsets.UTF_8));
        String token = parts[0] + "." + widened + "." + parts[2];

        assertUnauthorized(publishWith(hub, token), "bad signature", token);
    }

    @Test
    void aTokenSignedWithAnotherKeyHasABadSignature() throws Exception {
        String token = TestTokens.hs256(TestTokens.secret(), MAY_PUBLISH);

        assertUnauthorized(publishWith(hub, token), "bad signature", token);
    }

    @Test
    void aSubscriberTokenCannotPublish() throws Exception {
        String token = TestTokens.hs256(SUBSCRIBER_SECRET, TestTokens.mercure(List.of("*"), List.of("*")).build());

        assertUnauthorized(publishWith(hub, token), "bad signature", token);
    }

    @Test
    void anExpiredTokenIsRejected() throws Exception {
        String token = TestTokens.hs256(SECRET, TestTokens.timed(MAY_PUBLISH, Duration.ofMinutes(-10), null));

        assertUnauthorized(publishWith(hub, token), "expired", token);
    }

    @Test
    void aTokenExpiredTenSecondsAgoIsRejectedDespiteClockSkewLeeway() throws Exception {
        String token = TestTokens.hs256(SECRET, TestTokens.timed(MAY_PUBLISH, Duration.ofSeconds(-10), null));

        assertUnauthorized(publishWith(hub, token), "expired", token);
    }

    @Test
    void aTokenNotYetValidIsRejected() throws Exception {
        String token = TestTokens.hs256(SECRET, TestTokens.timed(MAY_PUBLISH, null, Duration.ofMinutes(10)));

        assertUnauthorized(publishWith(hub, token), "not yet valid", token);
    }

    @Test
    void anExpiredSubscriberTokenIsRejected() throws Exception {
        String token = TestTokens.hs256(SUBSCRIBER_SECRET,
                TestTokens.timed(TestTokens.subscriber("*"), Duration.ofMinutes(-10), null));

        RawHttp.Response r = HubRequests.request(hub.port(), "GET", HubRequests.subscribePath(List.of("t")), bearer(token));

        assertUnauthorized(r, "expired", token);
    }

    @Test
    void aTokenOfAnUnexpectedTypeIsRejected() throws Exception {
        String token = TestTokens.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)),
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("secevent+jwt")).build(),
                MAY_PUBLISH);

        assertUnauthorized(publishWith(hub, token), "type", token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-jwt", "a.b.c", "e30.e30.", "...."})
    void aMalformedTokenIsRejected(String token) throws Exception {
        RawHttp.Response r = publishWith(hub, token);

        assertUnauthorized(r, "Invalid token", token);
        assertThat(r.body()).containsAnyOf("malformed", "bad signature", "rejected");
    }

    @Test
    void aTokenWithoutTheMercureClaimMayNotPublish() throws Exception {
        String token = TestTokens.hs256(SECRET, new JWTClaimsSet.Builder().subject("someone").build());

        assertForbidden(publishWith(hub, token), "does not allow publishing to topic", token);
    }

    @Test
    void aTokenWithOnlyASubscribeClaimMayNotPublish() throws Exception {
        String token = TestTokens.hs256(SECRET, TestTokens.subscriber("*"));

        assertForbidden(publishWith(hub, token), "does not allow publishing to topic", token);
    }

    @Test
    void aMercureClaimThatIsNotAnObjectIsRejected() throws Exception {
        String token = TestTokens.hs256(SECRET, new JWTClaimsSet.Builder().claim("mercure", "publish-all").build());

        assertUnauthorized(publishWith(hub, token), "mercure claim must be an object", token);
    }

    @Test
    void aNonBearerAuthorizationIsRejected() throws Exception {
        RawHttp.Response r = publish(hub.port(), Map.of("Authorization", "Basic " + SECRET), "topic", "t", "data", "d");

        // a malformed presentation: 400 invalid_request (was 401 before RFC 6750 errors)
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_request\", resource_metadata=\"http://localhost/.well-known/oauth-protected-resource/.well-known/mercure\"");
        assertNoEcho(r, "Bearer scheme", SECRET);
    }

    @Test
    void publishingWithoutATokenIsUnauthorized() throws Exception {
        RawHttp.Response r = publish(hub.port(), Map.of(), "topic", "t", "data", "d");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer resource_metadata=\"http://localhost/.well-known/oauth-protected-resource/.well-known/mercure\"");
        assertThat(r.body()).contains("requires a JWT");
    }

    private static RawHttp.Response publishWith(RunningHub target, String token) throws Exception {
        return publish(target.port(), bearer(token), "topic", "https://example.com/books/1", "data", "hello");
    }

    static void assertUnauthorized(RawHttp.Response r, String reason, String token) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\", resource_metadata=\"http://localhost/.well-known/oauth-protected-resource/.well-known/mercure\"");
        assertNoEcho(r, reason, token);
    }

    static void assertForbidden(RawHttp.Response r, String reason, String token) {
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\", resource_metadata=\"http://localhost/.well-known/oauth-protected-resource/.well-known/mercure\"");
        assertNoEcho(r, reason, token);
    }

    private static void assertNoEcho(RawHttp.Response r, String reason, String token) {
        assertThat(r.body()).contains(reason).doesNotContain(SECRET).doesNotContain(SUBSCRIBER_SECRET)
                .doesNotContain("BEGIN PUBLIC KEY");
        if (token.length() > 8) {
            assertThat(r.body()).doesNotContain(token);
        }
        assertThat(r.headers().values()).noneMatch(v -> v.contains(SECRET) || (token.length() > 8 && v.contains(token)));
    }
}
