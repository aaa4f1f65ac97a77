package dev.herald.server.auth;

import dev.herald.protocol.auth.IssuerConfig;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.AuthorizationDetailsParser;
import dev.herald.protocol.auth.VerifierConfig;
import static dev.herald.testkit.HubRequests.bearer;
import static dev.herald.testkit.HubRequests.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import dev.herald.testkit.TestTokens;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mercure 1.0 access tokens (RFC 9068, {@code typ: at+jwt}) with RFC 9396 authorization details. */
class AccessTokenIT {
    private static final String ISSUER_A = "https://a.example";
    private static final String ISSUER_B = "https://b.example";
    private static final String SECRET_A = TestTokens.secret();
    private static final KeyPair RSA_B = TestTokens.rsaKeys();
    private static final String LEGACY_SECRET = TestTokens.secret();
    private static final String RESOURCE = "https://hub.example/.well-known/mercure";
    private static final String TYPE = "https://mercure.rocks/authorization-detail";
    private static final String BOOK = "https://example.com/books/1";

    private static RunningHub hub;
    private static RunningHub derivedAudienceHub;

    @BeforeAll
    static void startHubs() throws InterruptedException {
        AuthConfig auth = AuthConfig.locked()
                .withPublisher(VerifierConfig.key(LEGACY_SECRET, "HS256"))
                .withSubscriber(VerifierConfig.key(LEGACY_SECRET, "HS256"))
                .withAnonymous(true)
                .withTrustedIssuer(ISSUER_A, new IssuerConfig(VerifierConfig.key(SECRET_A, "HS256"),
                        VerifierConfig.key(SECRET_A, "HS256")))
                .withTrustedIssuer(ISSUER_B, new IssuerConfig(
                        VerifierConfig.key(TestTokens.pem(RSA_B.getPublic()), "RS256"), null));
        hub = RunningHub.start(RunningHub.defaults().withAuth(auth.withResourceIdentifier(RESOURCE)));
        derivedAudienceHub = RunningHub.start(RunningHub.defaults().withAuth(auth));
    }

    @AfterAll
    static void stopHubs() {
        hub.close();
        derivedAudienceHub.close();
    }

    // ---- tokens ----

    static Map<String, Object> detail(List<String> actions, Object... topics) {
        List<Object> list = new ArrayList<>();
        for (Object t : topics) {
            list.add(t instanceof String s ? Map.of("match", s) : t);
        }
        return Map.of("type", TYPE, "actions", actions, "topics", list);
    }

    static JWTClaimsSet.Builder claims(String issuer, Object aud, Object... details) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("client-1")
                .claim("client_id", "test")
                .issueTime(new Date())
                .jwtID("jti-" + System.nanoTime())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("authorization_details", List.of(details));
        return aud instanceof List<?> l ? b.audience(l.stream().map(String::valueOf).toList()) : b.audience((String) aud);
    }

    static String hs(String secret, String typ, JWTClaimsSet claims) throws Exception {
        JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.HS256);
        if (typ != null) {
            h.type(new JOSEObjectType(typ));
        }
        return TestTokens.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), h.build(), claims);
    }

    static String a(JWTClaimsSet claims) throws Exception {
        return hs(SECRET_A, "at+jwt", claims);
    }

    static String b(JWTClaimsSet claims) {
        return TestTokens.sign(new RSASSASigner(RSA_B.getPrivate()),
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt")).build(), claims);
    }

    static final Map<String, Object> PUBLISH_ALL = detail(List.of("publish"), "*");

    // ---- accepted ----

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "AT+JWT", "application/at+jwt", "Application/At+JWT"})
    void anAccessTokenPublishes(String typ) throws Exception {
        String token = hs(SECRET_A, typ, claims(ISSUER_A, RESOURCE, PUBLISH_ALL).build());

        assertThat(publishWith(hub, token).status()).isEqualTo(200);
    }

    @Test
    void anArrayAudienceContainingTheResourcePublishes() throws Exception {
        String token = a(claims(ISSUER_A, List.of("https://other.example", RESOURCE), PUBLISH_ALL).build());

        assertThat(publishWith(hub, token).status()).isEqualTo(200);
    }

    @Test
    void withoutAConfiguredResourceTheAudienceIsTheHubUrlTheRequestReached() throws Exception {
        String hubUrl = "http://localhost:" + derivedAudienceHub.port() + "/.well-known/mercure";
        String token = a(claims(ISSUER_A, hubUrl, PUBLISH_ALL).build());

        RawHttp.Response r = publish(derivedAudienceHub.port(),
                Map.of("Authorization", "Bearer " + token, "Host", "localhost:" + derivedAudienceHub.port()),
                "topic", BOOK, "data", "d");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertUnauthorized(publishWith(derivedAudienceHub, a(claims(ISSUER_A, RESOURCE, PUBLISH_ALL).build())),
                "audience");
    }

    @Test
    void eachIssuerVerifiesWithItsOwnKeys() throws Exception {
        assertThat(publishWith(hub, b(claims(ISSUER_B, RESOURCE, PUBLISH_ALL).build())).status()).isEqualTo(200);
        // B's key, A's name; A's key, B's name
        assertUnauthorized(publishWith(hub, b(claims(ISSUER_A, RESOURCE, PUBLISH_ALL).build())), "Invalid token");
        assertUnauthorized(publishWith(hub, a(claims(ISSUER_B, RESOURCE, PUBLISH_ALL).build())), "Invalid token");
    }

    @Test
    void anIssuerWithoutSubscriberKeysCannotSubscribe() throws Exception {
        String token = b(claims(ISSUER_B, RESOURCE, detail(List.of("subscribe"), "*")).build());

        RawHttp.Response r = dev.herald.testkit.HubRequests.request(hub.port(), "GET",
                dev.herald.testkit.HubRequests.subscribePath(List.of(BOOK)), bearer(token));

        assertUnauthorized(r, "issuer");
    }

    @Test
    void legacyTokensKeepWorkingOnTheSameHub() throws Exception {
        assertThat(publishWith(hub, TestTokens.hs256(LEGACY_SECRET, TestTokens.publisher("*"))).status())
                .isEqualTo(200);
        JWTClaimsSet namespaced = new JWTClaimsSet.Builder()
                .claim("https://mercure.rocks/", Map.of("publish", List.of("*"))).build();
        assertThat(publishWith(hub, TestTokens.hs256(LEGACY_SECRET, namespaced)).status()).isEqualTo(200);
    }

    @Test
    void aLegacyTokenSignedWithAnIssuerKeyIsRejected() throws Exception {
        assertUnauthorized(publishWith(hub, TestTokens.hs256(SECRET_A, TestTokens.publisher("*"))), "bad signature");
    }

    @Test
    void anAccessTokenSignedWithTheLegacyKeyIsRejected() throws Exception {
        assertUnauthorized(publishWith(hub, hs(LEGACY_SECRET, "at+jwt", claims(ISSUER_A, RESOURCE, PUBLISH_ALL).build())),
                "bad signature");
    }

    @Test
    void accessTokensTravelInTheConfiguredCookieButNotInTheLegacyOne() throws Exception {
        String token = a(claims(ISSUER_A, RESOURCE, detail(List.of("subscribe"), "*")).build());
        String path = dev.herald.testkit.HubRequests.subscribePath(List.of(BOOK));
        try (StreamClient ok = StreamClient.open(hub.port(), path,
                Map.of("Cookie", "__Secure-mercure_access_token=" + token))) {
            assertThat(ok.awaitStatus()).isEqualTo(200);
        }
        RawHttp.Response legacy = dev.herald.testkit.HubRequests.request(hub.port(), "GET", path,
                Map.of("Cookie", "mercureAuthorization=" + token));
        assertUnauthorized(legacy, "not accepted in the mercureAuthorization cookie");
    }

    // ---- rejected tokens ----

    @Test
    void algNoneIsRejected() throws Exception {
        String token = TestTokens.unsigned(claims(ISSUER_A, RESOURCE, PUBLISH_ALL).build());
        // a PlainJWT has no typ: it is judged as a legacy token, and refused all the same
        assertUnauthorized(publishWith(hub, token), "Invalid token");
    }

    @Test
    void hmacSignedWithTheRsaPublicKeyIsRejected() throws Exception {
        String token = TestTokens.sign(new MACSigner(TestTokens.pem(RSA_B.getPublic()).getBytes(StandardCharsets.US_ASCII)),
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(),
                claims(ISSUER_B, RESOURCE, PUBLISH_ALL).build());

        assertUnauthorized(publishWith(hub, token), "algorithm not allowed");
    }

    @Test
    void missingExpIsRejected() throws Exception {
        String token = a(claims(ISSUER_A, RESOURCE, PUBLISH_ALL).expirationTime(null).build());

        assertUnauthorized(publishWith(hub, token), "missing required claim");
    }

    @Test
    void expiredAndNotYetValidAreRejected() throws Exception {
        assertUnauthorized(publishWith(hub, a(claims(ISSUER_A, RESOURCE, PUBLISH_ALL)
                .expirationTime(Date.from(Instant.now().minusSeconds(60))).build())), "expired");
        assertUnauthorized(publishWith(hub, a(claims(ISSUER_A, RESOURCE, PUBLISH_ALL)
                .notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build())), "not yet valid");
    }

    @Test
    void wrongOrMissingAudienceIsRejected() throws Exception {
        assertUnauthorized(publishWith(hub, a(claims(ISSUER_A, "https://other.example/.well-known/mercure",
                PUBLISH_ALL).build())), "audience");
        assertUnauthorized(publishWith(hub, a(claims(ISSUER_A, List.of(), PUBLISH_ALL).build())), "audience");
    }

    @Test
    void unknownOrMissingIssuerIsRejected() throws Exception {
        assertUnauthorized(publishWith(hub, a(claims("https://evil.example", RESOURCE, PUBLISH_ALL).build())),
                "issuer");
        assertUnauthorized(publishWith(hub, a(claims(null, RESOURCE, PUBLISH_ALL).build())), "issuer");
        // exact comparison: no trailing slash normalization
        assertUnauthorized(publishWith(hub, a(claims(ISSUER_A + "/", RESOURCE, PUBLISH_ALL).build())), "issuer");
    }

    @Test
    void aWrongTypIsJudgedAsLegacyAndRejected() throws Exception {
        String token = hs(SECRET_A, "JWT", claims(ISSUER_A, RESOURCE, PUBLISH_ALL).build());

        assertUnauthorized(publishWith(hub, token), "bad signature");
        assertUnauthorized(publishWith(hub, hs(SECRET_A, "secevent+jwt", claims(ISSUER_A, RESOURCE, PUBLISH_ALL)
                .build())), "Invalid token");
    }

    @Test
    void invalidMercureDetailsInvalidateTheWholeToken() throws Exception {
        List<Object> invalid = List.of(
                Map.of("type", TYPE, "topics", List.of(Map.of("match", "*"))),
                Map.of("type", TYPE, "actions", List.of(), "topics", List.of(Map.of("match", "*"))),
                Map.of("type", TYPE, "actions", "publish", "topics", List.of(Map.of("match", "*"))),
                Map.of("type", TYPE, "actions", List.of("publish", 7), "topics", List.of(Map.of("match", "*"))),
                Map.of("type", TYPE, "actions", List.of("publish")),
                Map.of("type", TYPE, "actions", List.of("publish"), "topics", List.of()),
                Map.of("type", TYPE, "actions", List.of("publish"), "topics", List.of("*")),
                Map.of("type", TYPE, "actions", List.of("publish"), "topics", List.of(Map.of("match", ""))),
                Map.of("type", TYPE, "actions", List.of("publish"), "topics", List.of(Map.of("match", 1))),
                Map.of("type", TYPE, "actions", List.of("publish"),
                        "topics", List.of(Map.of("match", "x", "match_type", "regexp"))),
                Map.of("type", TYPE, "actions", List.of("publish"),
                        "topics", List.of(Map.of("match", "x", "match_type", "Exact"))),
                Map.of("type", TYPE, "actions", List.of("publish"),
                        "topics", List.of(Map.of("match", "x", "match_type", 3))),
                Map.of("type", TYPE, "actions", List.of("publish"),
                        "topics", List.of(Map.of("match", "https://example.com/(", "match_type", "urlpattern"))),
                Map.of("type", TYPE, "actions", List.of("subscribe"), "topics", List.of(Map.of("match", "*")),
                        "payload", "not an object"),
                Map.of("type", TYPE, "actions", List.of("publish"), "topics", List.of(Map.of("match", "*")),
                        "payload", List.of(1)),
                "not an object");
        for (Object bad : invalid) {
            String token = a(claims(ISSUER_A, RESOURCE, PUBLISH_ALL, bad).build());
            assertUnauthorized(publishWith(hub, token), "Invalid token");
        }
        String notAnArray = a(claims(ISSUER_A, RESOURCE).claim("authorization_details", Map.of("type", TYPE)).build());
        assertUnauthorized(publishWith(hub, notAnArray), "authorization_details must be an array");
    }

    @Test
    void limitsInvalidateTheToken() throws Exception {
        Object[] many = Collections.nCopies(AuthorizationDetailsParser.MAX_DETAILS + 1, PUBLISH_ALL).toArray();
        assertUnauthorized(publishWith(hub, a(claims(ISSUER_A, RESOURCE, many).build())), "more than");
        List<Object> topics = new ArrayList<>();
        for (int i = 0; i <= AuthorizationDetailsParser.MAX_TOPICS_PER_DETAIL; i++) {
            topics.add("https://example.com/" + i);
        }
        // (a token with more topics per detail than the limit exceeds the header limit over HTTP:
        // AuthorizationDetailsParserTest shows the parser refuses it too)
        String longMatch = "https://example.com/" + "a".repeat(AuthorizationDetailsParser.MAX_MATCHER_LENGTH);
        assertUnauthorized(publishWith(hub, a(claims(ISSUER_A, RESOURCE,
                detail(List.of("publish"), longMatch)).build())), "longer than");
    }

    // ---- grants ----

    @Test
    void unknownActionsOtherTypesAndMissingDetailsGrantNothing() throws Exception {
        assertForbidden(publishWith(hub, a(claims(ISSUER_A, RESOURCE, detail(List.of("admin"), "*")).build())));
        assertForbidden(publishWith(hub, a(claims(ISSUER_A, RESOURCE,
                Map.of("type", "https://other.example/detail", "actions", List.of("publish"))).build())));
        assertForbidden(publishWith(hub, a(claims(ISSUER_A, RESOURCE).build())));
        assertForbidden(publishWith(hub, a(claims(ISSUER_A, RESOURCE,
                Map.of("type", TYPE + "/", "actions", List.of("publish"), "topics", List.of(Map.of("match", "*"))))
                .build())));
        // unknown actions next to a known one do not invalidate
        assertThat(publishWith(hub, a(claims(ISSUER_A, RESOURCE, detail(List.of("publish", "future"), "*")).build()))
                .status()).isEqualTo(200);
    }

    @Test
    void exactAndUrlPatternGrantsBoundPublishing() throws Exception {
        String exact = a(claims(ISSUER_A, RESOURCE, detail(List.of("publish"), BOOK)).build());
        assertThat(publishWith(hub, exact).status()).isEqualTo(200);
        assertForbidden(publish(hub.port(), bearer(exact), "topic", "https://example.com/books/2", "data", "d"));
        // every topic must be granted
        assertForbidden(publish(hub.port(), bearer(exact), "topic", BOOK, "topic", "https://example.com/x",
                "data", "d"));

        String pattern = a(claims(ISSUER_A, RESOURCE, detail(List.of("publish"),
                Map.of("match", "https://example.com/books/:id", "match_type", "urlpattern"))).build());
        assertThat(publish(hub.port(), bearer(pattern), "topic", "https://example.com/books/2", "data", "d")
                .status()).isEqualTo(200);
        assertForbidden(publish(hub.port(), bearer(pattern), "topic", "https://example.com/authors/2", "data", "d"));
    }

    @Test
    void privateUpdatesReachOnlySubscribersGrantedByDetails() throws Exception {
        String publisher = a(claims(ISSUER_A, RESOURCE, PUBLISH_ALL).build());
        String granted = a(claims(ISSUER_A, RESOURCE, detail(List.of("subscribe"),
                Map.of("match", "https://example.com/books/:id", "match_type", "urlpattern"))).build());
        String other = a(claims(ISSUER_A, RESOURCE, detail(List.of("subscribe"), "https://example.com/books/2"))
                .build());
        try (StreamClient authorized = LiveStreams.open(hub.port(), List.of(BOOK), bearer(granted));
                StreamClient notGranted = LiveStreams.open(hub.port(), List.of(BOOK), bearer(other));
                StreamClient anonymous = LiveStreams.open(hub.port(), List.of(BOOK), Map.of())) {
            String secretId = publish(hub.port(), bearer(publisher), "topic", BOOK, "data", "secret", "private", "on")
                    .body().trim();
            String fenceId = publish(hub.port(), bearer(publisher), "topic", BOOK, "data", "fence").body().trim();

            assertThat(authorized.awaitEvents(2, Duration.ofSeconds(5))).containsExactly(
                    SseEvent.message(secretId, "secret"), SseEvent.message(fenceId, "fence"));
            assertThat(notGranted.awaitEvents(1, Duration.ofSeconds(5)))
                    .containsExactly(SseEvent.message(fenceId, "fence"));
            assertThat(anonymous.awaitEvents(1, Duration.ofSeconds(5)))
                    .containsExactly(SseEvent.message(fenceId, "fence"));
        }
    }

    private static RawHttp.Response publishWith(RunningHub target, String token) throws Exception {
        return publish(target.port(), bearer(token), "topic", BOOK, "data", "hello");
    }

    private static void assertUnauthorized(RawHttp.Response r, String reason) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
        assertThat(r.body()).contains(reason);
    }

    private static void assertForbidden(RawHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(403);
    }
}
