package dev.herald.client.internal;

import java.nio.charset.StandardCharsets;

/**
 * The WHATWG Encoding standard's UTF-8 decoder: each maximal invalid subsequence becomes one
 * U+FFFD, exactly as a browser decodes an event stream. (The JDK's decoder differs on encoded
 * surrogates such as {@code ED A0 80}, which it turns into one U+FFFD instead of three.)
 */
public final class Utf8 {
    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {}

    /** Decodes {@code length} bytes from {@code offset}; an unfinished sequence at the end is one U+FFFD. */
    public static String decode(byte[] bytes, int offset, int length) {
        int end = offset + length;
        if (isAscii(bytes, offset, end)) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        StringBuilder out = new StringBuilder(length);
        int codePoint = 0;
        int needed = 0;
        int seen = 0;
        int lower = 0x80;
        int upper = 0xBF;
        for (int i = offset; i < end; i++) {
            int b = bytes[i] & 0xFF;
            if (needed == 0) {
                if (b <= 0x7F) {
                    out.append((char) b);
                } else if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                    codePoint = b & 0x1F;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    lower = b == 0xE0 ? 0xA0 : 0x80;
                    upper = b == 0xED ? 0x9F : 0xBF;
                    needed = 2;
                    codePoint = b & 0x0F;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    lower = b == 0xF0 ? 0x90 : 0x80;
                    upper = b == 0xF4 ? 0x8F : 0xBF;
                    needed = 3;
                    codePoint = b & 0x07;
                } else {
                    out.append(REPLACEMENT);
                }
                continue;
            }
            if (b < lower || b > upper) {
                // The sequence so far is one error; the byte that broke it starts afresh.
                out.append(REPLACEMENT);
                codePoint = 0;
                needed = 0;
                seen = 0;
                lower = 0x80;
                upper = 0xBF;
                i--;
                continue;
            }
            lower = 0x80;
            upper = 0xBF;
            codePoint = (codePoint << 6) | (b & 0x3F);
            if (++seen == needed) {
                out.appendCodePoint(codePoint);
                codePoint = 0;
                needed = 0;
                seen = 0;
            }
        }
        if (needed != 0) {
            out.append(REPLACEMENT);
        }
        return out.toString();
    }

    private static boolean isAscii(byte[] bytes, int offset, int end) {
        for (int i = offset; i < end; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
