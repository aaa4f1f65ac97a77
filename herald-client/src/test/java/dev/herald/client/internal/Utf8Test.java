package dev.herald.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The WHATWG UTF-8 decoder: one U+FFFD per maximal invalid subsequence. */
class Utf8Test {

    @Test
    void validTextDecodesAsTheJdkDoes() {
        String text = "ascii \u00e9 \u2026 \u4e2d \uD83D\uDE00 \uFEFF";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertThat(decode(bytes)).isEqualTo(text);
    }

    @Test
    void anEncodedSurrogateIsThreeErrors() {
        assertThat(decode(0xED, 0xA0, 0x80)).isEqualTo("\uFFFD\uFFFD\uFFFD");
    }

    @Test
    void overlongFormsAreOneErrorPerByte() {
        assertThat(decode(0xC0, 0x80)).isEqualTo("\uFFFD\uFFFD");
        assertThat(decode(0xE0, 0x80, 0x80)).isEqualTo("\uFFFD\uFFFD\uFFFD");
        assertThat(decode(0xF0, 0x80, 0x80, 0x80)).isEqualTo("\uFFFD\uFFFD\uFFFD\uFFFD");
    }

    @Test
    void aTruncatedSequenceIsOneErrorAndTheNextByteStartsAfresh() {
        assertThat(decode(0xF0, 0x9F, 0x98, 'A')).isEqualTo("\uFFFDA");
        assertThat(decode(0xE2, 0x82)).isEqualTo("\uFFFD");
        assertThat(decode(0xE2, 0xE2, 0x82, 0xAC)).isEqualTo("\uFFFD\u20AC");
    }

    @Test
    void beyondU10FFFFAndStrayBytesAreErrors() {
        assertThat(decode(0xF4, 0x90, 0x80, 0x80)).isEqualTo("\uFFFD\uFFFD\uFFFD\uFFFD");
        assertThat(decode(0x80, 'a', 0xFF, 0xF5)).isEqualTo("\uFFFDa\uFFFD\uFFFD");
    }

    @Test
    void decodesOnlyTheRangeAsked() {
        byte[] bytes = "xx\u00e9yy".getBytes(StandardCharsets.UTF_8);

        assertThat(Utf8.decode(bytes, 2, 2)).isEqualTo("\u00e9");
    }

    private static String decode(byte[] bytes) {
        return Utf8.decode(bytes, 0, bytes.length);
    }

    private static String decode(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return decode(bytes);
    }
}
