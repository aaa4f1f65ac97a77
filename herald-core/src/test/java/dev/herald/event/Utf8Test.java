package dev.herald.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {
    /** ASCII, Latin-1, two- and three-byte chars, surrogate pairs and lone surrogates of both kinds. */
    private static final char[] SAMPLES = {'a', 'Z', '\n', '\r', 0, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x2713, 0xFFFF,
        0xD83D, 0xDE00, 0xD800, 0xDFFF};

    @Test
    void encodesEveryRangeExactlyLikeTheJdkIncludingUnpairedSurrogates() {
        Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            String s = randomString(random, random.nextInt(12));
            int from = s.isEmpty() ? 0 : random.nextInt(s.length() + 1);
            int to = from + random.nextInt(s.length() - from + 1);
            byte[] expected = s.substring(from, to).getBytes(StandardCharsets.UTF_8);

            byte[] out = new byte[expected.length + 6];
            int end = Utf8.write(s, from, to, out, 3);

            assertThat(Utf8.length(s, from, to)).as("length of %s", codes(s, from, to)).isEqualTo(expected.length);
            assertThat(end).isEqualTo(3 + expected.length);
            assertThat(Arrays.copyOfRange(out, 3, end)).as("bytes of %s", codes(s, from, to)).isEqualTo(expected);
        }
    }

    @Test
    void wholeStringFormsMatchTheRangeForms() {
        String s = "caf\u00e9 \u2713 \ud83d\ude00";
        byte[] out = new byte[Utf8.length(s)];

        assertThat(Utf8.write(s, out, 0)).isEqualTo(out.length);
        assertThat(out).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }

    static String randomString(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : SAMPLES[random.nextInt(SAMPLES.length)]);
        }
        return sb.toString();
    }

    private static String codes(String s, int from, int to) {
        StringBuilder sb = new StringBuilder();
        s.substring(from, to).chars().forEach(c -> sb.append(String.format("%04x ", c)));
        return sb.toString().trim();
    }
}
