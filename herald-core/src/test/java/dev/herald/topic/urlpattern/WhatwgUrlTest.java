package dev.herald.topic.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WhatwgUrlTest {

    private static String href(String input, String base) {
        return WhatwgUrl.parse(input, base == null ? null : WhatwgUrl.parse(base, null)).href();
    }

    @ParameterizedTest(name = "{0} against {1} is {2}")
    @CsvSource(delimiter = '¦', nullValues = "-", value = {
        // special schemes: default ports dropped, host lowercased, empty path becomes "/"
        "HTTPS://Example.COM:443 ¦ - ¦ https://example.com/",
        "http://example.com:80/a ¦ - ¦ http://example.com/a",
        "ws://example.com:80/ ¦ - ¦ ws://example.com/",
        "wss://example.com:443 ¦ - ¦ wss://example.com/",
        "ftp://example.com:21/x ¦ - ¦ ftp://example.com/x",
        "http://example.com:8080/ ¦ - ¦ http://example.com:8080/",
        "https:example.org ¦ - ¦ https://example.org/",
        "https://////example.com/// ¦ - ¦ https://example.com///",
        "http:\\\\example.com\\a\\b ¦ - ¦ http://example.com/a/b",
        // IPv6: compressed and lowercased, IPv4 embedded
        "http://[2001:DB8:0:0:0:0:0:1]/ ¦ - ¦ http://[2001:db8::1]/",
        "http://[0:0:1:0:0:0:0:0]/ ¦ - ¦ http://[0:0:1::]/",
        "http://[1:0:0:2:0:0:0:3]/ ¦ - ¦ http://[1:0:0:2::3]/",
        "http://[::ffff:1.2.3.4]/ ¦ - ¦ http://[::ffff:102:304]/",
        "http://[::]/ ¦ - ¦ http://[::]/",
        // IPv4 number forms
        "http://0x7f.0.0.1/ ¦ - ¦ http://127.0.0.1/",
        "http://0177.0.0.1/ ¦ - ¦ http://127.0.0.1/",
        "http://2130706433/ ¦ - ¦ http://127.0.0.1/",
        "http://127.1/ ¦ - ¦ http://127.0.0.1/",
        "http://1.2.3.4./ ¦ - ¦ http://1.2.3.4/",
        // percent-encoding per component
        "https://ex.com/a b/é?q=a b'#f g` ¦ - ¦ https://ex.com/a%20b/%C3%A9?q=a%20b%27#f%20g%60",
        "foo://ex.com/a b?q=a b' ¦ - ¦ foo://ex.com/a%20b?q=a%20b'",
        "https://us er:p@ss@ex.com/ ¦ - ¦ https://us%20er:p%40ss@ex.com/",
        "https://ex.com/{a}^` ¦ - ¦ https://ex.com/%7Ba%7D%5E%60",
        // IDN and percent-decoded hosts
        "https://café.example/ ¦ - ¦ https://xn--caf-dma.example/",
        "https://%65xample.com/ ¦ - ¦ https://example.com/",
        // dot segments
        "https://ex.com/a/./b/../c ¦ - ¦ https://ex.com/a/c",
        "https://ex.com/a/%2e/b/%2E%2e/c ¦ - ¦ https://ex.com/a/c",
        "https://ex.com/a/b/.. ¦ - ¦ https://ex.com/a/",
        "https://ex.com/../../x ¦ - ¦ https://ex.com/x",
        // relative resolution
        "/books/1 ¦ https://hub.example/.well-known/mercure ¦ https://hub.example/books/1",
        "books/1 ¦ https://hub.example/.well-known/mercure ¦ https://hub.example/.well-known/books/1",
        "../books/1 ¦ https://hub.example/.well-known/mercure ¦ https://hub.example/books/1",
        "?q=1 ¦ https://hub.example/a/b?x#y ¦ https://hub.example/a/b?q=1",
        "#frag ¦ https://hub.example/a/b?x#y ¦ https://hub.example/a/b?x#frag",
        "//other.example/p ¦ https://hub.example/a ¦ https://other.example/p",
        "'' ¦ https://hub.example/a?x#y ¦ https://hub.example/a?x",
        "http:x ¦ http://hub.example/a/b ¦ http://hub.example/a/x",
        "urn:x ¦ https://hub.example/ ¦ urn:x",
        "#x ¦ urn:a:b ¦ urn:a:b#x",
        // opaque paths and file URLs
        "urn:ISBN:0451 450523 ¦ - ¦ urn:ISBN:0451 450523",
        "data:a ?c ¦ - ¦ data:a%20?c",
        "mailto:someone@example.com ¦ - ¦ mailto:someone@example.com",
        "web+demo:/.//not-a-host/ ¦ - ¦ web+demo:/.//not-a-host/",
        "file:///C|/demo ¦ - ¦ file:///C:/demo",
        ".. ¦ file:///C:/demo ¦ file:///C:/",
        "file://localhost/etc ¦ - ¦ file:///etc",
        // leading/trailing C0 controls and spaces trimmed, tabs and newlines removed
        "'  https://ex.com/a\tb\n ' ¦ - ¦ https://ex.com/ab",
    })
    void parsesAndSerializes(String input, String base, String expected) {
        assertThat(href(input, base)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://ex ample.org/", "https://example.com:demo", "https://example.com:65536/", "http://[www.example.com]/",
        "http://[1::2::3]/", "http://[1:2:3:4:5:6:7:8:9]/", "http://[::1.2.3.256]/", "http://[::1", "https://",
        "https://@/", "http://1.2.3.256/", "http://0x100000000/", "http://1.2.3.4.5/", "http://ex%ample.com/",
        "http://exa<mple.com/", "http://%00/", "example", "//no-scheme", "https://xn--a\u00e9/", "http://a^b/",
    })
    void rejectsInvalidInput(String input) {
        assertThat(WhatwgUrl.tryParse(input, null)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> WhatwgUrl.parse(input, null))
                .withMessageContaining("not a URL");
    }

    /** What WptUrlTest skips as stale in its older wpt snapshot, with the current standard's result. */
    @Test
    void followsTheCurrentStandardWhereTheWptSnapshotIsStale() {
        assertThat(href("http://a.b.c.XN--pokxncvks", null)).isEqualTo("http://a.b.c.xn--pokxncvks/");
        assertThat(href("http://10.0.0.xn--pokxncvks", null)).isEqualTo("http://10.0.0.xn--pokxncvks/");
        assertThat(href("foo://host/a^b", null)).isEqualTo("foo://host/a%5Eb");
        assertThat(href("wss://host/a^b", null)).isEqualTo("wss://host/a%5Eb");
    }

    /** A documented deviation: IDNA2003 (java.net.IDN) where the standard uses UTS #46. */
    @Test
    void mapsDeviationCharactersTheIdna2003Way() {
        assertThat(href("https://fa\u00df.example/", null)).isEqualTo("https://fass.example/");
    }

    @Test
    void relativeInputNeedsAHierarchicalBase() {
        WhatwgUrl opaque = WhatwgUrl.parse("urn:isbn:1", null);
        assertThat(WhatwgUrl.tryParse("x", opaque)).isEmpty();
        assertThat(WhatwgUrl.tryParse("x", null)).isEmpty();
    }

    @Test
    void exposesTheComponents() {
        WhatwgUrl url = WhatwgUrl.parse("https://user:pw@[::1]:8443/a/b?q#f", null);

        assertThat(url.scheme()).isEqualTo("https");
        assertThat(url.username()).isEqualTo("user");
        assertThat(url.password()).isEqualTo("pw");
        assertThat(url.host()).isEqualTo("[::1]");
        assertThat(url.port()).isEqualTo(8443);
        assertThat(url.path()).isEqualTo("/a/b");
        assertThat(url.query()).isEqualTo("q");
        assertThat(url.fragment()).isEqualTo("f");
        assertThat(url.isSpecial()).isTrue();
        assertThat(url.hasOpaquePath()).isFalse();
        assertThat(url).isEqualTo(WhatwgUrl.parse("HTTPS://user:pw@[0::1]:8443/a/./b?q#f", null));

        WhatwgUrl opaque = WhatwgUrl.parse("urn:isbn:1", null);
        assertThat(opaque.host()).isNull();
        assertThat(opaque.port()).isEqualTo(-1);
        assertThat(opaque.hasOpaquePath()).isTrue();
        assertThat(opaque.path()).isEqualTo("isbn:1");
        assertThat(opaque.query()).isNull();
    }

    @Test
    void longInputParsesInLinearTime() {
        String longPath = "https://example.com/" + "a/".repeat(200_000) + "?" + "q".repeat(200_000) + "#" + "f".repeat(200_000);
        WhatwgUrl url = WhatwgUrl.parse(longPath, null);
        assertThat(url.path()).hasSize(400_001);
        String longOpaque = "urn:" + "x ".repeat(300_000) + "y";
        assertThat(WhatwgUrl.parse(longOpaque, null).path()).hasSize(600_001);
    }
}
