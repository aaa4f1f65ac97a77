package dev.herald.topic.urlpattern;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The URL Standard's percent-encode sets and UTF-8 percent-encoding. Every set contains the C0
 * controls and all code points above U+007E, so only ASCII needs a table.
 */
enum PercentEncoding {
    C0_CONTROL(""),
    FRAGMENT(" \"<>`"),
    QUERY(" \"#<>"),
    SPECIAL_QUERY(" \"#<>'"),
    PATH(" \"#<>?^`{}"),
    USERINFO(" \"#<>?^`{}/:;=@[\\]|");

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final boolean[] ascii = new boolean[128];

    PercentEncoding(String extra) {
        for (int c = 0; c < 0x20; c++) {
            ascii[c] = true;
        }
        ascii[0x7F] = true;
        for (int i = 0; i < extra.length(); i++) {
            ascii[extra.charAt(i)] = true;
        }
    }

    boolean contains(int codePoint) {
        return codePoint >= 128 || ascii[codePoint];
    }

    /** Appends {@code codePoint}, UTF-8 percent-encoded if this set contains it. */
    void append(StringBuilder out, int codePoint) {
        if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
            codePoint = 0xFFFD; // a lone surrogate: input is taken as a scalar value string
        }
        if (!contains(codePoint)) {
            out.append((char) codePoint);
            return;
        }
        if (codePoint < 0x80) {
            appendByte(out, codePoint);
        } else if (codePoint < 0x800) {
            appendByte(out, 0xC0 | (codePoint >> 6));
            appendByte(out, 0x80 | (codePoint & 0x3F));
        } else if (codePoint < 0x10000) {
            appendByte(out, 0xE0 | (codePoint >> 12));
            appendByte(out, 0x80 | ((codePoint >> 6) & 0x3F));
            appendByte(out, 0x80 | (codePoint & 0x3F));
        } else {
            appendByte(out, 0xF0 | (codePoint >> 18));
            appendByte(out, 0x80 | ((codePoint >> 12) & 0x3F));
            appendByte(out, 0x80 | ((codePoint >> 6) & 0x3F));
            appendByte(out, 0x80 | (codePoint & 0x3F));
        }
    }

    /** UTF-8 percent-encodes every code point of {@code input} that this set contains. */
    String encode(CharSequence input) {
        StringBuilder out = new StringBuilder(input.length() + 8);
        for (int i = 0; i < input.length(); ) {
            int cp = Character.codePointAt(input, i);
            append(out, cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static void appendByte(StringBuilder out, int b) {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }

    /** Percent-decodes the UTF-8 bytes of {@code input}; malformed UTF-8 becomes U+FFFD. */
    static String decodeToString(String input) {
        if (input.indexOf('%') < 0) {
            return input;
        }
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i];
            if (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(b);
            }
        }
        // new String(...) replaces malformed sequences with U+FFFD, as "UTF-8 decode without BOM".
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
