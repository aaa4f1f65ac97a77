package dev.herald.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.IssuerConfig;
import dev.herald.protocol.auth.VerifierConfig;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthOptionsTest {
    private static final String K = "0123456789abcdef0123456789abcdef";
    private static final String OTHER = "fedcba9876543210fedcba9876543210";

    /** The auth configuration as {@code herald serve ARGS} builds it. */
    private static AuthConfig parse(String... args) {
        String[] serve = new String[args.length + 1];
        serve[0] = "serve";
        System.arraycopy(args, 0, serve, 1, args.length);
        var parsed = HeraldCli.newCommandLine().parseArgs(serve);
        return ((ServeCommand) parsed.subcommand().commandSpec().userObject()).auth.toConfig(false);
    }

    @Test
    void theAcceptanceCommandTrustsTheIssuerWithTheJwtKey() {
        AuthConfig config = parse("--jwt-key", K, "--trusted-issuer", "https://localhost",
                "--resource-identifier", "https://localhost/.well-known/mercure", "--anonymous");

        assertThat(config.trustedIssuers()).containsOnlyKeys("https://localhost");
        assertThat(config.trustedIssuers().get("https://localhost"))
                .isEqualTo(new IssuerConfig(VerifierConfig.key(K, "HS256"), VerifierConfig.key(K, "HS256")));
        assertThat(config.resourceIdentifier()).isEqualTo("https://localhost/.well-known/mercure");
        assertThat(config.publisher()).isEqualTo(VerifierConfig.key(K, "HS256"));
        assertThat(config.anonymous()).isTrue();
    }

    @Test
    void legacyKeysAloneTrustNoIssuer() {
        AuthConfig config = parse("--publisher-jwt-key", K, "--subscriber-jwt-key", K, "--anonymous");

        assertThat(config.trustedIssuers()).isEmpty();
        assertThat(config.resourceIdentifier()).isNull();
        assertThat(config.subscriber()).isEqualTo(VerifierConfig.key(K, "HS256"));
    }

    @Test
    void issuersMayHaveTheirOwnKeysAndAreTrustedByNamingThem() {
        AuthConfig config = parse("--jwt-key", K, "--trusted-issuer", "https://a.example,https://b.example",
                "--issuer-jwt-key", "https://b.example=" + OTHER,
                "--issuer-jwks-url", "https://c.example=https://c.example/jwks.json");

        assertThat(config.trustedIssuers()).containsOnlyKeys("https://a.example", "https://b.example",
                "https://c.example");
        assertThat(config.trustedIssuers().get("https://a.example").publisher()).isEqualTo(VerifierConfig.key(K, "HS256"));
        assertThat(config.trustedIssuers().get("https://b.example").subscriber())
                .isEqualTo(VerifierConfig.key(OTHER, "HS256"));
        assertThat(config.trustedIssuers().get("https://c.example").publisher())
                .isEqualTo(VerifierConfig.jwks(URI.create("https://c.example/jwks.json"), List.of("RS256", "ES256")));
    }

    @Test
    void aTrustedIssuerWithoutAnyKeyIsRefused() {
        assertThatThrownBy(() -> parse("--trusted-issuer", "https://a.example"))
                .hasMessageContaining("has no key");
    }
}
