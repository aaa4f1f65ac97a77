package dev.herald.server.auth;

import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.VerifierConfig;
import static dev.herald.testkit.HubRequests.bearer;
import static dev.herald.testkit.HubRequests.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.TestTokens;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Publisher keys from a JWKS URL. nimbus's JWKSourceBuilder caches the set (5 min), refreshes it
 * when a token names a {@code kid} the cache lacks, and allows at most two fetches per 30 s; these
 * tests rely only on the refresh-on-unknown-kid, which happens within that budget.
 */
class JwksIT {
    private final AtomicReference<JWKSet> served = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer jwks;
    private RunningHub hub;

    @BeforeEach
    void start() throws Exception {
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = served.get().toString().getBytes(StandardCharsets.UTF_8); // public parts only
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        URI url = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
        hub = RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.locked()
                .withPublisher(VerifierConfig.jwks(url, List.of("RS256", "ES256")))));
    }

    @AfterEach
    void stop() {
        hub.close();
        jwks.stop(0);
    }

    @Test
    void tokensSignedByKeysOfTheSetVerify() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        served.set(new JWKSet(List.of(rsa, ec)));

        assertThat(publishWith(sign(rsa)).status()).isEqualTo(200);
        assertThat(publishWith(sign(ec)).status()).isEqualTo(200);
        assertThat(fetches.get()).as("the set is cached").isEqualTo(1);
    }

    @Test
    void aKeyRotatedOnTheServerIsPickedUpOnItsUnknownKid() throws Exception {
        RSAKey old = new RSAKeyGenerator(2048).keyID("2024").generate();
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("2025").generate();
        served.set(new JWKSet(old));
        assertThat(publishWith(sign(old)).status()).isEqualTo(200);

        served.set(new JWKSet(rotated));

        assertThat(publishWith(sign(rotated)).status()).isEqualTo(200);
        assertThat(fetches.get()).isEqualTo(2);
        RawHttp.Response withdrawn = publishWith(sign(old));
        assertThat(withdrawn.status()).as("the withdrawn key no longer verifies").isEqualTo(401);
    }

    @Test
    void aKeyOutsideTheSetIsRejected() throws Exception {
        RSAKey inSet = new RSAKeyGenerator(2048).keyID("in").generate();
        served.set(new JWKSet(inSet));
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("in").generate(); // same kid, other key

        RawHttp.Response r = publishWith(sign(stranger));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).contains("bad signature");
    }

    @Test
    void anHmacTokenIsNotVerifiedWithKeysFromTheSet() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        served.set(new JWKSet(rsa));
        String token = TestTokens.hmac(JWSAlgorithm.HS256,
                rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8), TestTokens.publisher("*"));

        RawHttp.Response r = publishWith(token);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).contains("algorithm not allowed");
    }

    @Test
    void anUnreachableKeySetGivesUnauthorizedNotAServerError() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        jwks.stop(0);

        RawHttp.Response r = publishWith(sign(rsa));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).contains("Invalid token");
    }

    private static String sign(JWK key) throws Exception {
        boolean rsa = key instanceof RSAKey;
        var signer = rsa ? new RSASSASigner((RSAKey) key) : new ECDSASigner((ECKey) key);
        return TestTokens.sign(signer, new JWSHeader.Builder(rsa ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256)
                .type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), TestTokens.publisher("*"));
    }

    private RawHttp.Response publishWith(String token) throws Exception {
        return publish(hub.port(), bearer(token), "topic", "https://example.com/books/1", "data", "hello");
    }
}
