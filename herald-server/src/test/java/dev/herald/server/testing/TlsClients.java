package dev.herald.server.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** Clients of a TLS hub on 127.0.0.1 that trust the test certificates given, and only them. */
public final class TlsClients {
    private TlsClients() {}

    /** java.net.http over TLS: {@code HTTP_2} lets ALPN pick h2, {@code HTTP_1_1} offers http/1.1 only. */
    public static HttpClient http(HttpClient.Version version, TestCertificate... trusted) {
        return HttpClient.newBuilder().version(version).sslContext(context(trusted))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A handshaken TLS socket, offering {@code alpn} (none when empty). */
    public static SSLSocket socket(int port, String[] alpn, TestCertificate... trusted) throws IOException {
        return socket(port, 0, alpn, trusted);
    }

    /** @param receiveBuffer the socket's receive buffer, or 0 for the system's */
    public static SSLSocket socket(int port, int receiveBuffer, String[] alpn, TestCertificate... trusted)
            throws IOException {
        SSLSocket socket = (SSLSocket) context(trusted).getSocketFactory().createSocket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(alpn);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /** The certificate a new connection is shown, checked against {@code trusted}. */
    public static X509Certificate presented(int port, TestCertificate... trusted) throws IOException {
        try (SSLSocket socket = socket(port, new String[0], trusted)) {
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static SSLContext context(TestCertificate... trusted) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                store.setCertificateEntry("hub" + i, trusted[i].certificate());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
