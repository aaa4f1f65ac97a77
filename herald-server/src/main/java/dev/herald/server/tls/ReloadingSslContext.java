package dev.herald.server.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS context, rebuilt when the certificate or key file changes. Each connection
 * takes the context current when it arrives, so a reload never touches open connections; a
 * change that does not load (a pair half written, a wrong key) keeps the previous certificate.
 * No thread of its own: the files are looked at, at most once per interval, by an arriving
 * connection.
 */
public final class ReloadingSslContext {
    private static final Logger log = LoggerFactory.getLogger(ReloadingSslContext.class);

    /** What tells that a file changed: its identity (a replaced symlink target), time and size. */
    private record Stamp(Object certKey, long certTime, long certSize, Object keyKey, long keyTime, long keySize) {}

    private record Loaded(SslContext context, Stamp stamp, X509Certificate certificate) {}

    private final TlsConfig config;
    private final SslProvider provider;
    private final long intervalNanos;
    private final AtomicLong nextCheck;
    private volatile Loaded current;
    private volatile Stamp lastFailed;

    private ReloadingSslContext(TlsConfig config, SslProvider provider, Loaded first) {
        this.config = config;
        this.provider = provider;
        this.current = first;
        this.intervalNanos = config.reloadInterval().toNanos();
        this.nextCheck = new AtomicLong(System.nanoTime() + intervalNanos);
    }

    /** Loads the files now: anything wrong with them is an {@link IllegalArgumentException} naming it. */
    public static ReloadingSslContext load(TlsConfig config) {
        SslProvider provider = provider(config.provider());
        Stamp stamp;
        try {
            stamp = stamp(config);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the TLS files: " + e);
        }
        ReloadingSslContext tls = new ReloadingSslContext(config, provider, build(config, provider, stamp));
        X509Certificate certificate = tls.current.certificate();
        log.info("TLS with {}, ALPN h2 and http/1.1; certificate {}, valid until {}",
                provider == SslProvider.OPENSSL ? "BoringSSL" : "the JDK",
                certificate.getSubjectX500Principal().getName(), certificate.getNotAfter());
        return tls;
    }

    /** A handler for a new connection, with the current certificate (reloaded first if its files changed). */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        reloadIfDue();
        return current.context().newHandler(alloc);
    }

    /** {@code OpenSSL} (BoringSSL) or {@code JDK}. */
    public String providerName() {
        return provider == SslProvider.OPENSSL ? "OpenSSL" : "JDK";
    }

    private void reloadIfDue() {
        long due = nextCheck.get();
        long now = System.nanoTime();
        // One arriving connection per interval looks; the others go on with the current context.
        if (now - due < 0 || !nextCheck.compareAndSet(due, now + intervalNanos)) {
            return;
        }
        Stamp stamp;
        try {
            stamp = stamp(config);
        } catch (IOException e) {
            log.warn("Cannot look at the TLS files, keeping the current certificate: {}", e.toString());
            return;
        }
        if (stamp.equals(current.stamp()) || stamp.equals(lastFailed)) {
            return;
        }
        try {
            current = build(config, provider, stamp);
            log.info("TLS certificate reloaded: {}, valid until {}",
                    current.certificate().getSubjectX500Principal().getName(), current.certificate().getNotAfter());
        } catch (IllegalArgumentException e) {
            lastFailed = stamp; // said once per change of the files, not at every check
            log.warn("New TLS files not loaded, keeping the current certificate: {}", e.getMessage());
        }
    }

    private static Loaded build(TlsConfig config, SslProvider provider, Stamp stamp) {
        X509Certificate[] chain = PemFiles.certificates(config.certificateChain());
        PrivateKey key = PemFiles.privateKey(config.privateKey());
        PemFiles.checkPair(key, chain[0], config.privateKey(), config.certificateChain());
        try {
            SslContext context = SslContextBuilder.forServer(key, chain)
                    .sslProvider(provider)
                    // TLS 1.2 suites HTTP/2 allows (RFC 9113 appendix A), and TLS 1.3's.
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            // A client offering neither gets http/1.1 (the negotiator's fallback).
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)))
                    .build();
            return new Loaded(context, stamp, chain[0]);
        } catch (SSLException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot use the TLS certificate " + config.certificateChain()
                    + " with the key " + config.privateKey() + ": " + e.getMessage());
        }
    }

    private static SslProvider provider(TlsConfig.Provider wanted) {
        return switch (wanted) {
            case JDK -> SslProvider.JDK;
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalArgumentException("OpenSSL (netty-tcnative) is not available here: "
                            + OpenSsl.unavailabilityCause());
                }
                yield SslProvider.OPENSSL;
            }
        };
    }

    private static Stamp stamp(TlsConfig config) throws IOException {
        BasicFileAttributes cert = Files.readAttributes(config.certificateChain(), BasicFileAttributes.class);
        BasicFileAttributes key = Files.readAttributes(config.privateKey(), BasicFileAttributes.class);
        return new Stamp(Objects.requireNonNullElse(cert.fileKey(), ""), cert.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                cert.size(), Objects.requireNonNullElse(key.fileKey(), ""), key.lastModifiedTime().to(TimeUnit.NANOSECONDS), key.size());
    }
}
