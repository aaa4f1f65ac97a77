package dev.herald.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.ServerConfig;
import dev.herald.server.tls.TlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TlsOptionsTest {
    /** The server configuration's TLS part as {@code herald serve ARGS} builds it. */
    private static ServerConfig parse(String... args) {
        String[] serve = new String[args.length + 1];
        serve[0] = "serve";
        System.arraycopy(args, 0, serve, 1, args.length);
        var parsed = HeraldCli.newCommandLine().parseArgs(serve);
        return ((ServeCommand) parsed.subcommand().commandSpec().userObject()).tls.apply(ServerConfig.defaults());
    }

    @Test
    void noTlsOptionServesCleartextHttp11Only() {
        ServerConfig config = parse();

        assertThat(config.tls()).isNull();
        assertThat(config.h2c()).isFalse();
    }

    @Test
    void aCertificateAndItsKeyServeTls() {
        ServerConfig config = parse("--tls-cert", "/etc/herald/cert.pem", "--tls-key", "/etc/herald/key.pem",
                "--tls-reload-interval", "1m", "--tls-provider", "jdk");

        assertThat(config.tls().certificateChain()).isEqualTo(Path.of("/etc/herald/cert.pem"));
        assertThat(config.tls().privateKey()).isEqualTo(Path.of("/etc/herald/key.pem"));
        assertThat(config.tls().reloadInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.tls().provider()).isEqualTo(TlsConfig.Provider.JDK);
    }

    @Test
    void theDefaultsReloadEveryTenSecondsWithBoringSslWhereItLoads() {
        TlsConfig tls = parse("--tls-cert", "c.pem", "--tls-key", "k.pem").tls();

        assertThat(tls.reloadInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(tls.provider()).isEqualTo(TlsConfig.Provider.AUTO);
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        assertThatThrownBy(() -> parse("--tls-cert", "c.pem"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tls-key");
        assertThatThrownBy(() -> parse("--tls-key", "k.pem"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tls-cert");
    }

    @Test
    void h2cIsForACleartextPort() {
        assertThat(parse("--h2c").h2c()).isTrue();
        assertThatThrownBy(() -> parse("--h2c", "--tls-cert", "c.pem", "--tls-key", "k.pem"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cleartext");
    }

    @Test
    void anUnknownProviderIsRefused() {
        assertThatThrownBy(() -> parse("--tls-cert", "c.pem", "--tls-key", "k.pem", "--tls-provider", "conscrypt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto, openssl or jdk");
    }
}
