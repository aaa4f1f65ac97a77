package dev.herald.app.cli;

import dev.herald.server.ServerConfig;
import dev.herald.server.tls.TlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** TLS and HTTP/2 for {@code herald serve}: HTTPS with ALPN h2 and http/1.1, or cleartext h2 behind a proxy. */
final class TlsOptions {
    @Option(names = "--tls-cert", defaultValue = "${env:HERALD_TLS_CERT}",
            description = "PEM certificate chain (server certificate first): serve HTTPS, HTTP/2 and HTTP/1.1 by "
                    + "ALPN, on --port; needs --tls-key (env HERALD_TLS_CERT).")
    Path certificate;

    @Option(names = "--tls-key", defaultValue = "${env:HERALD_TLS_KEY}",
            description = "PEM private key of --tls-cert, unencrypted PKCS#8 (BEGIN PRIVATE KEY) (env HERALD_TLS_KEY).")
    Path key;

    @Option(names = "--tls-reload-interval", defaultValue = "${env:HERALD_TLS_RELOAD_INTERVAL:-10s}",
            description = "Check the certificate and key files this often (at most) and serve new connections "
                    + "a changed pair; open connections keep theirs (env HERALD_TLS_RELOAD_INTERVAL, "
                    + "default ${DEFAULT-VALUE}).")
    Duration reloadInterval;

    @Option(names = "--tls-provider", defaultValue = "${env:HERALD_TLS_PROVIDER:-auto}",
            description = "auto: BoringSSL where its native library loads (Linux x86_64 and aarch64), the JDK "
                    + "otherwise; openssl; jdk (env HERALD_TLS_PROVIDER, default ${DEFAULT-VALUE}).")
    String provider;

    @Option(names = "--h2c", defaultValue = "${env:HERALD_H2C:-false}",
            description = "Without TLS, also accept cleartext HTTP/2 by prior knowledge (a proxy in front that "
                    + "speaks HTTP/2 to the hub); HTTP/1.1 still works (env HERALD_H2C, default ${DEFAULT-VALUE}).")
    boolean h2c;

    /** @throws IllegalArgumentException for a certificate without its key, or the other way round */
    ServerConfig apply(ServerConfig config) {
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (certificate != null && h2c) {
            throw new IllegalArgumentException("--h2c is for a cleartext port; with TLS, ALPN offers HTTP/2 already");
        }
        TlsConfig.Provider wanted = switch (provider.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> TlsConfig.Provider.AUTO;
            case "openssl" -> TlsConfig.Provider.OPENSSL;
            case "jdk" -> TlsConfig.Provider.JDK;
            default -> throw new IllegalArgumentException("--tls-provider must be auto, openssl or jdk: " + provider);
        };
        TlsConfig tls = certificate == null ? null
                : TlsConfig.of(certificate, key).withReloadInterval(reloadInterval).withProvider(wanted);
        return config.withTls(tls).withH2c(h2c);
    }

    String scheme() {
        return certificate == null ? "http" : "https";
    }
}
