package dev.herald.bench;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLException;

/**
 * How the load generator's connections are carried ({@code --tls off|h1|h2}): cleartext, or TLS
 * trusting only the run's own certificate ({@code --tls-cert}, PEM). Subscribers offer by ALPN
 * exactly the protocol of their mode; publishers always speak HTTP/1.1 (over TLS when the mode has it).
 * BoringSSL (netty-tcnative) where its native library loads, the JDK's TLS otherwise.
 */
final class Wire {
    /** Most streams a connection may carry; servers allow 100 or more by RFC 9113's advice, Herald and nginx 128. */
    static final int MAX_STREAMS_PER_CONNECTION = 1000;

    static final Wire PLAIN = new Wire(TlsMode.OFF, null, null, 1);

    private final TlsMode mode;
    private final SslContext subscriberTls;
    private final SslContext publisherTls;
    private final int streamsPerConnection;

    private Wire(TlsMode mode, SslContext subscriberTls, SslContext publisherTls, int streamsPerConnection) {
        this.mode = mode;
        this.subscriberTls = subscriberTls;
        this.publisherTls = publisherTls;
        this.streamsPerConnection = streamsPerConnection;
    }

    /** {@code --tls off|h1|h2}, {@code --tls-cert FILE} (with TLS), {@code --streams-per-connection N} (h2, default 100). */
    static Wire from(Args args) {
        TlsMode mode = TlsMode.parse(args.string("tls", "off"));
        if (mode == TlsMode.OFF) {
            return PLAIN;
        }
        File trusted = new File(args.required("tls-cert"));
        if (!trusted.canRead()) {
            throw new IllegalArgumentException("--tls-cert cannot be read: " + trusted);
        }
        int streams = mode == TlsMode.H2 ? args.integer("streams-per-connection", 100) : 1;
        return over(mode, trusted, streams);
    }

    /** TLS trusting {@code certificate} only; {@code streamsPerConnection} counts for {@link TlsMode#H2}. */
    static Wire over(TlsMode mode, File certificate, int streamsPerConnection) {
        if (mode == TlsMode.OFF) {
            return PLAIN;
        }
        if (streamsPerConnection < 1 || streamsPerConnection > MAX_STREAMS_PER_CONNECTION) {
            throw new IllegalArgumentException("--streams-per-connection must be 1 to " + MAX_STREAMS_PER_CONNECTION
                    + ", got: " + streamsPerConnection);
        }
        String subscriberProtocol = mode == TlsMode.H2
                ? ApplicationProtocolNames.HTTP_2 : ApplicationProtocolNames.HTTP_1_1;
        return new Wire(mode, context(certificate, subscriberProtocol),
                context(certificate, ApplicationProtocolNames.HTTP_1_1), streamsPerConnection);
    }

    private static SslContext context(File certificate, String protocol) {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(provider())
                    .trustManager(certificate)
                    .endpointIdentificationAlgorithm("HTTPS") // the certificate must name 127.0.0.1, as a browser checks
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocol))
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--tls-cert " + certificate + " is not a usable PEM certificate: " + e.getMessage());
        }
    }

    private static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** {@code OpenSSL provider, BoringSSL} (netty-tcnative) or {@code JDK}: which TLS the load generator itself uses. */
    static String providerName() {
        return provider() == SslProvider.OPENSSL ? "OpenSSL provider, " + OpenSsl.versionString() : "JDK";
    }

    TlsMode mode() {
        return mode;
    }

    boolean tls() {
        return mode != TlsMode.OFF;
    }

    /** Whether subscribers share connections as HTTP/2 streams. */
    boolean multiplexes() {
        return mode == TlsMode.H2;
    }

    int streamsPerConnection() {
        return streamsPerConnection;
    }

    /** A subscriber connection's TLS handler (ALPN: its mode's protocol), or null in cleartext. */
    SslHandler subscriberHandler(ByteBufAllocator alloc, InetSocketAddress server) {
        return subscriberTls == null ? null : subscriberTls.newHandler(alloc, server.getHostString(), server.getPort());
    }

    /** A publishing connection's TLS handler (ALPN: http/1.1), or null in cleartext. */
    SslHandler publisherHandler(ByteBufAllocator alloc, InetSocketAddress server) {
        return publisherTls == null ? null : publisherTls.newHandler(alloc, server.getHostString(), server.getPort());
    }
}
