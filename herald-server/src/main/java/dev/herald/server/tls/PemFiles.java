package dev.herald.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files of {@link TlsConfig}, and refuses, naming the file and the fix, what would
 * otherwise fail only at the first handshake: a key of another format, a key of another certificate.
 */
final class PemFiles {
    private static final Pattern PKCS8 =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");

    private PemFiles() {}

    /** The chain as the file lists it, the server's certificate first. */
    static X509Certificate[] certificates(Path file) {
        Collection<? extends Certificate> all;
        try (InputStream in = Files.newInputStream(file)) {
            all = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the TLS certificate file " + file + ": " + e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("The TLS certificate file " + file
                    + " is not a PEM certificate chain: " + e.getMessage());
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("No certificate in the TLS certificate file " + file);
        }
        return all.toArray(new X509Certificate[0]);
    }

    static PrivateKey privateKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the TLS private key file " + file + ": " + e);
        }
        Matcher m = PKCS8.matcher(pem);
        if (!m.find()) {
            String found = pem.contains("ENCRYPTED PRIVATE KEY") ? "an encrypted key"
                    : pem.contains("RSA PRIVATE KEY") || pem.contains("EC PRIVATE KEY") ? "a PKCS#1 or SEC1 key"
                    : "no PEM private key";
            throw new IllegalArgumentException("The TLS private key file " + file + " holds " + found
                    + "; an unencrypted PKCS#8 key (BEGIN PRIVATE KEY) is needed: convert it with "
                    + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new IllegalArgumentException("The TLS private key file " + file
                + " holds a PKCS#8 key of no supported algorithm (RSA, EC, Ed25519, Ed448)");
    }

    /** Signs with the key and verifies with the certificate: a pair written half-way fails here, not at handshakes. */
    static void checkPair(PrivateKey key, X509Certificate certificate, Path keyFile, Path certificateFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null; // RSASSA-PSS needs parameters of its own; the handshake will tell
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException("The private key in " + keyFile
                    + " does not belong to the first certificate in " + certificateFile);
        }
    }
}
