package dev.herald.bench;

import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLSession;

/** What a TLS handshake settled on, as the results state it: {@code h2, TLSv1.3, TLS_AES_128_GCM_SHA256}. */
final class Negotiated {
    private Negotiated() {}

    /** Read once {@code tls}'s handshake has succeeded. */
    static String describe(SslHandler tls) {
        SSLSession session = tls.engine().getSession();
        String alpn = tls.applicationProtocol();
        return (alpn == null ? "no ALPN" : alpn) + ", " + session.getProtocol() + ", " + session.getCipherSuite();
    }
}
