package dev.herald.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.testing.TestCertificate;
import io.netty.handler.ssl.OpenSsl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the hub refuses to start with, saying why, and which TLS implementation it picks. */
class ReloadingSslContextTest {
    @TempDir
    Path dir;

    @Test
    void boringSslServesOnTheLinuxPlatformsItShipsFor() throws Exception {
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        ReloadingSslContext tls = ReloadingSslContext.load(TlsConfig.of(cert.certificateFile(), cert.keyFile()));

        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        boolean shipped = os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64"));
        assertThat(tls.providerName()).as("OpenSSL unavailable because: %s", OpenSsl.unavailabilityCause())
                .isEqualTo(shipped ? "OpenSSL" : "JDK");
    }

    @Test
    void theJdkProviderCanBeChosen() throws Exception {
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        assertThat(ReloadingSslContext.load(TlsConfig.of(cert.certificateFile(), cert.keyFile())
                .withProvider(TlsConfig.Provider.JDK)).providerName()).isEqualTo("JDK");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        TestCertificate one = TestCertificate.generate(dir, "one");
        TestCertificate other = TestCertificate.generate(dir, "other");
        assertThatThrownBy(() -> ReloadingSslContext.load(TlsConfig.of(one.certificateFile(), other.keyFile())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong to the first certificate");
    }

    @Test
    void aPkcs1KeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> ReloadingSslContext.load(TlsConfig.of(cert.certificateFile(), pkcs1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PKCS#1")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> ReloadingSslContext.load(TlsConfig.of(missing, cert.keyFile())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing.pem");
    }

    @Test
    void aFileThatIsNoCertificateIsNamed() throws Exception {
        TestCertificate cert = TestCertificate.generate(dir, "hub");
        assertThatThrownBy(() -> ReloadingSslContext.load(TlsConfig.of(cert.keyFile(), cert.keyFile())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(cert.keyFile().toString());
    }
}
