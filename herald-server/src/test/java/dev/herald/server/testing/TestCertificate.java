package dev.herald.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made by the JDK's keytool (no other tool
 * or library needed) and written as the PEM files {@code herald serve --tls-cert/--tls-key} read.
 */
public record TestCertificate(Path certificateFile, Path keyFile, X509Certificate certificate, PrivateKey key) {
    private static final char[] PASSWORD = "changeit".toCharArray();

    /** A new EC P-256 pair named {@code CN=<commonName>}, its PEM files in {@code dir}. */
    public static TestCertificate generate(Path dir, String commonName) throws IOException, InterruptedException {
        Path store = Files.createTempFile(dir, "keystore", ".p12");
        Files.delete(store); // keytool refuses to write into an empty file
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "herald", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + commonName, "-validity", "2",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD);
            X509Certificate cert = (X509Certificate) ks.getCertificate("herald");
            PrivateKey key = (PrivateKey) ks.getKey("herald", PASSWORD);
            Path certFile = dir.resolve(commonName + "-cert.pem");
            Path keyFile = dir.resolve(commonName + "-key.pem");
            Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
            return new TestCertificate(certFile, keyFile, cert, key);
        } catch (GeneralSecurityException e) {
            throw new IOException("reading keytool's key store", e);
        } finally {
            Files.deleteIfExists(store);
        }
    }

    /** Puts this pair in place of the files {@code target} names, each file replaced at once (as a deploy tool would). */
    public void installAs(TestCertificate target) throws IOException {
        replace(certificateFile, target.certificateFile());
        replace(keyFile, target.keyFile());
    }

    static void replace(Path source, Path target) throws IOException {
        Path staging = Files.createTempFile(target.getParent(), "staging", ".pem");
        Files.copy(source, staging, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public String commonName() {
        return certificate.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
