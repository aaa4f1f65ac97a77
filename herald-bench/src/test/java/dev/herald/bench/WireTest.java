package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WireTest {
    @TempDir
    Path dir;

    @Test
    void withoutTlsTheWireIsCleartextAndNeedsNoCertificate() {
        Wire wire = Wire.from(new Args(new String[] {"--subscribers", "10"}, 0));

        assertThat(wire.tls()).isFalse();
        assertThat(wire.multiplexes()).isFalse();
        assertThat(wire.streamsPerConnection()).isEqualTo(1);
    }

    @Test
    void anUnknownModeIsRejectedNamingTheChoices() {
        assertThatThrownBy(() -> Wire.from(new Args(new String[] {"--tls", "h3"}, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--tls must be off, h1 or h2, got: h3");
    }

    @Test
    void tlsNeedsTheCertificateToTrust() {
        assertThatThrownBy(() -> Wire.from(new Args(new String[] {"--tls", "h2"}, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing option --tls-cert");
        assertThatThrownBy(() -> Wire.from(new Args(new String[] {"--tls", "h1", "--tls-cert", dir + "/absent.pem"}, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--tls-cert cannot be read: ");
    }

    @Test
    void aFileThatIsNotAPemCertificateIsRejectedNamingIt() throws Exception {
        File garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n").toFile();

        assertThatThrownBy(() -> Wire.over(TlsMode.H1, garbage, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--tls-cert " + garbage + " is not a usable PEM certificate");
    }

    @Test
    void streamsPerConnectionMustBePositiveAndBounded() {
        File any = dir.resolve("unused.pem").toFile();

        assertThatThrownBy(() -> Wire.over(TlsMode.H2, any, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--streams-per-connection must be 1 to 1000, got: 0");
        assertThatThrownBy(() -> Wire.over(TlsMode.H2, any, 1001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--streams-per-connection must be 1 to 1000, got: 1001");
    }

    @Test
    void eachTlsModeIsASystemOfItsOwnInTheResults() {
        assertThat(TlsMode.parse("OFF").systemSuffix()).isEmpty();
        assertThat("Herald" + TlsMode.parse("h1").systemSuffix()).isEqualTo("Herald TLS h1");
        assertThat("Nchan" + TlsMode.parse("h2").systemSuffix()).isEqualTo("Nchan TLS h2");
    }
}
