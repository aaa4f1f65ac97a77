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
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.HubRequests;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.TestTokens;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each supported kind of key verifies the tokens it should, and only those. */
class KeyTypesIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    void hmacSecretsVerifyTheirAlgorithmOnly(String alg) throws Exception {
        String secret = TestTokens.secret();
        try (RunningHub hub = publisherHub(VerifierConfig.key(secret, alg))) {
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            assertThat(publishWith(hub, TestTokens.hmac(JWSAlgorithm.parse(alg), key, TestTokens.publisher("*")))
                    .status()).isEqualTo(200);
            JWSAlgorithm other = alg.equals("HS256") ? JWSAlgorithm.HS512 : JWSAlgorithm.HS256;
            RawHttp.Response r = publishWith(hub, TestTokens.hmac(other, key, TestTokens.publisher("*")));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).contains("algorithm not allowed").doesNotContain(secret);
        }
    }

    @Test
    void anRs256PemPublicKeyVerifiesTokensOfItsPrivateKey() throws Exception {
        KeyPair keys = TestTokens.rsaKeys();
        try (RunningHub hub = publisherHub(VerifierConfig.key(TestTokens.pem(keys.getPublic()), "RS256"))) {
            assertThat(publishWith(hub, TestTokens.rs256(keys, TestTokens.publisher("*"))).status()).isEqualTo(200);
            assertThat(publishWith(hub, TestTokens.rs256(TestTokens.rsaKeys(), TestTokens.publisher("*"))).body())
                    .contains("bad signature");
        }
    }

    @Test
    void anEs256PemPublicKeyVerifiesTokensOfItsPrivateKey() throws Exception {
        KeyPair keys = TestTokens.ecKeys();
        try (RunningHub hub = publisherHub(VerifierConfig.key(TestTokens.pem(keys.getPublic()), "ES256"))) {
            assertThat(publishWith(hub, TestTokens.es256(keys, TestTokens.publisher("*"))).status()).isEqualTo(200);
            assertThat(publishWith(hub, TestTokens.es256(TestTokens.ecKeys(), TestTokens.publisher("*"))).body())
                    .contains("bad signature");
        }
    }

    @Test
    void aPemFilePathWorksLikeThePemText() throws Exception {
        KeyPair keys = TestTokens.ecKeys();
        Path file = Files.writeString(dir.resolve("publisher.pem"), TestTokens.pem(keys.getPublic()));
        try (RunningHub hub = publisherHub(VerifierConfig.key(file.toString(), "ES256"))) {
            assertThat(publishWith(hub, TestTokens.es256(keys, TestTokens.publisher("*"))).status()).isEqualTo(200);
        }
    }

    @Test
    void aCertificateVerifiesTokensOfItsKey() throws Exception {
        Path store = dir.resolve("keys.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "jwt", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=herald-test",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        Certificate cert = ks.getCertificate("jwt");
        PrivateKey key = (PrivateKey) ks.getKey("jwt", "changeit".toCharArray());
        String certPem = TestTokens.pem("CERTIFICATE", cert.getEncoded());

        try (RunningHub hub = publisherHub(VerifierConfig.key(certPem, "RS256"))) {
            String token = TestTokens.sign(new RSASSASigner(key),
                    new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), TestTokens.publisher("*"));
            assertThat(publishWith(hub, token).status()).isEqualTo(200);
        }
    }

    @Test
    void aMercureTokenWorksUnchanged() throws Exception {
        // What the Mercure docs tell users to mint: HS256, typ JWT, no exp, publish ["*"].
        String secret = "!ChangeThisMercureHubJWTSecretKey!";
        String token = TestTokens.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)),
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                JWTClaimsSet.parse("{\"mercure\":{\"publish\":[\"*\"]}}"));
        try (RunningHub hub = publisherHub(VerifierConfig.key(secret, "HS256"))) {
            assertThat(publishWith(hub, token).status()).isEqualTo(200);
        }
    }

    @Test
    void aTokenWithAKeyIdWorksWithAStaticKey() throws Exception {
        // Mercure ignores kid with a configured key; libraries (and JWKS-era tooling) often set one.
        String secret = TestTokens.secret();
        KeyPair keys = TestTokens.rsaKeys();
        String hsToken = TestTokens.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)),
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID("k1").build(),
                TestTokens.publisher("*"));
        try (RunningHub hs = publisherHub(VerifierConfig.key(secret, "HS256"));
                RunningHub rs = publisherHub(VerifierConfig.key(TestTokens.pem(keys.getPublic()), "RS256"))) {
            assertThat(publishWith(hs, hsToken).status()).isEqualTo(200);
            assertThat(publishWith(rs, TestTokens.rs256(keys, "k1", TestTokens.publisher("*"))).status()).isEqualTo(200);
        }
    }

    @Test
    void publisherAndSubscriberKeysAreSeparate() throws Exception {
        String publisherSecret = TestTokens.secret();
        KeyPair subscriberKeys = TestTokens.ecKeys();
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.locked()
                .withPublisher(VerifierConfig.key(publisherSecret, "HS256"))
                .withSubscriber(VerifierConfig.key(TestTokens.pem(subscriberKeys.getPublic()), "ES256"))))) {
            String subscriberToken = TestTokens.es256(subscriberKeys,
                    TestTokens.mercure(java.util.List.of("*"), java.util.List.of("*")).build());
            String publisherToken = TestTokens.hs256(publisherSecret, TestTokens.mercure(
                    java.util.List.of("*"), java.util.List.of("*")).build());
            String path = HubRequests.subscribePath(java.util.List.of("t"));

            assertThat(publishWith(hub, subscriberToken).status()).isEqualTo(401);
            assertThat(HubRequests.request(hub.port(), "GET", path, bearer(publisherToken)).status()).isEqualTo(401);
            assertThat(publishWith(hub, publisherToken).status()).isEqualTo(200);
        }
    }

    private static RunningHub publisherHub(VerifierConfig publisher) throws InterruptedException {
        return RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.locked().withPublisher(publisher)));
    }

    private static RawHttp.Response publishWith(RunningHub hub, String token) throws Exception {
        return publish(hub.port(), bearer(token), "topic", "https://example.com/books/1", "data", "hello");
    }
}
