package dev.herald.server.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * TLS for the hub's port: a PEM certificate chain and its PEM (PKCS#8) private key, offered with
 * ALPN {@code h2} and {@code http/1.1}. The files are checked for changes at most once per
 * {@link #reloadInterval()}, when a connection arrives: new connections then get the new
 * certificate, open ones keep theirs.
 */
public final class TlsConfig {
    /** Which TLS implementation serves the handshakes. */
    public enum Provider {
        /** BoringSSL (netty-tcnative) when its native library loads on this platform, else the JDK's. */
        AUTO,
        /** BoringSSL, or refuse to start. */
        OPENSSL,
        /** The JDK's own TLS. */
        JDK
    }

    private final Path certificateChain;
    private final Path privateKey;
    private final Duration reloadInterval;
    private final Provider provider;

    private TlsConfig(Path certificateChain, Path privateKey, Duration reloadInterval, Provider provider) {
        this.certificateChain = certificateChain;
        this.privateKey = privateKey;
        this.reloadInterval = reloadInterval;
        this.provider = provider;
    }

    /**
     * @param certificateChain PEM: the server certificate first, then any intermediates
     * @param privateKey PEM, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY})
     */
    public static TlsConfig of(Path certificateChain, Path privateKey) {
        Objects.requireNonNull(certificateChain, "certificate chain file");
        Objects.requireNonNull(privateKey, "private key file");
        return new TlsConfig(certificateChain, privateKey, Duration.ofSeconds(10), Provider.AUTO);
    }

    public Path certificateChain() {
        return certificateChain;
    }

    public Path privateKey() {
        return privateKey;
    }

    /** How often, at most, the files are checked for a new certificate. */
    public Duration reloadInterval() {
        return reloadInterval;
    }

    public Provider provider() {
        return provider;
    }

    public TlsConfig withReloadInterval(Duration v) {
        if (v == null || v.isNegative() || v.isZero()) {
            throw new IllegalArgumentException("TLS reload interval must be positive: " + v);
        }
        return new TlsConfig(certificateChain, privateKey, v, provider);
    }

    public TlsConfig withProvider(Provider v) {
        return new TlsConfig(certificateChain, privateKey, reloadInterval, Objects.requireNonNull(v, "provider"));
    }
}
