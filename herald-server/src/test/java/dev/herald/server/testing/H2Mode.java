package dev.herald.server.testing;

import dev.herald.server.ServerConfig;
import dev.herald.server.tls.TlsConfig;
import java.nio.file.Path;

/** The two ways a client reaches the hub's HTTP/2: TLS with ALPN h2, and cleartext by prior knowledge. */
public enum H2Mode {
    TLS, H2C;

    /** A hub with {@code config} serving HTTP/2 this way; TLS certificates go into {@code dir}. */
    public Started start(ServerConfig config, Path dir) throws Exception {
        if (this == H2C) {
            return new Started(RunningHub.start(config.withH2c(true)), null);
        }
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        return new Started(RunningHub.start(config.withTls(TlsConfig.of(cert.certificateFile(), cert.keyFile()))), cert);
    }

    /** A running hub and, over TLS, the certificate its clients trust. */
    public record Started(RunningHub hub, TestCertificate certificate) implements AutoCloseable {
        /** A new HTTP/2 connection to the hub, with the default stream window. */
        public H2Client connect() throws Exception {
            return certificate == null ? H2Client.cleartext(hub.port(), 65_535)
                    : H2Client.overTls(hub.port(), certificate.certificate(), 65_535);
        }

        @Override
        public void close() {
            hub.close();
        }
    }
}
