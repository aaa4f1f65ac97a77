package dev.herald.server.auth;

import dev.herald.protocol.auth.IssuerConfig;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.Authorizer;
import dev.herald.protocol.auth.VerifierConfig;
import static dev.herald.testkit.HubRequests.bearer;
import static dev.herald.testkit.HubRequests.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.RawHttp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --allow-short-hmac-key}: 0.x HMAC secrets under 32 bytes, for legacy tokens only. */
class ShortHmacKeyIT {
    private static final String SHORT = "!ChangeMe!";
    private static final String PUBLISH_ALL = "{\"mercure\":{\"publish\":[\"*\"]}}";

    private static RunningHub hub;

    @BeforeAll
    static void startHub() throws InterruptedException {
        hub = RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.locked()
                .withPublisher(VerifierConfig.key(SHORT, "HS256"))
                .withAllowShortHmacKey(true)));
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    /** nimbus refuses to sign with a short secret: sign by hand, as 0.x tooling did. */
    static String sign(String alg, String typ, String claims, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"" + alg + "\"" + (typ == null ? "" : ",\"typ\":\"" + typ + "\"") + "}";
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        String javaAlg = "HmacSHA" + alg.substring(2);
        Mac mac = Mac.getInstance(javaAlg);
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), javaAlg));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static RawHttp.Response publishWith(String token) throws Exception {
        return publish(hub.port(), bearer(token), "topic", "https://example.com/t", "data", "d");
    }

    private static void assertInvalid(RawHttp.Response r, String reason) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        assertThat(r.body()).contains(reason).doesNotContain(SHORT);
    }

    @Test
    void aLegacyTokenSignedWithTheShortKeyPublishes() throws Exception {
        assertThat(publishWith(sign("HS256", "JWT", PUBLISH_ALL, SHORT)).status()).isEqualTo(200);
        assertThat(publishWith(sign("HS256", null, PUBLISH_ALL, SHORT)).status()).isEqualTo(200);
    }

    @Test
    void anotherSecretIsABadSignature() throws Exception {
        assertInvalid(publishWith(sign("HS256", "JWT", PUBLISH_ALL, "!ChangeMe?")), "bad signature");
        String good = sign("HS256", "JWT", PUBLISH_ALL, SHORT);
        assertInvalid(publishWith(good.substring(0, good.length() - 2) + "AA"), "Invalid token");
    }

    @Test
    void onlyTheConfiguredAlgorithmIsAccepted() throws Exception {
        assertInvalid(publishWith(sign("HS512", "JWT", PUBLISH_ALL, SHORT)), "algorithm not allowed");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(
                StandardCharsets.UTF_8)) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                PUBLISH_ALL.getBytes(StandardCharsets.UTF_8)) + ".";
        assertInvalid(publishWith(none), "Invalid token");
    }

    @Test
    void expiryAndTypStillHold() throws Exception {
        long past = Instant.now().minusSeconds(60).getEpochSecond();
        assertInvalid(publishWith(sign("HS256", "JWT", "{\"exp\":" + past + ",\"mercure\":{\"publish\":[\"*\"]}}",
                SHORT)), "expired");
        // an access token never takes the short-key path: there is no trusted issuer here
        assertInvalid(publishWith(sign("HS256", "at+jwt", PUBLISH_ALL, SHORT)), "Invalid token");
        assertInvalid(publishWith(sign("HS256", "secevent+jwt", PUBLISH_ALL, SHORT)), "typ");
    }

    @Test
    void withoutTheOptionAShortKeyStopsTheHubAtStartup() {
        assertThatThrownBy(() -> new Authorizer(AuthConfig.locked().withPublisher(VerifierConfig.key(SHORT, "HS256"))))
                .hasMessageContaining("too short").hasMessageContaining("--allow-short-hmac-key");
    }

    @Test
    void anIssuerNeverGetsAShortKey() {
        assertThatThrownBy(() -> new Authorizer(AuthConfig.locked().withAllowShortHmacKey(true)
                .withTrustedIssuer("https://a.example", new IssuerConfig(VerifierConfig.key(SHORT, "HS256"), null))))
                .hasMessageContaining("too short");
    }
}
