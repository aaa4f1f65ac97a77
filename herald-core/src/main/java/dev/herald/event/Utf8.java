package dev.herald.event;

/**
 * UTF-8 length and encoding of a string range straight into a caller's array, so a frame or a
 * packed history entry is built in one allocation instead of one per field plus copies. Encodes
 * exactly as {@code String.getBytes(UTF_8)} does, an unpaired surrogate included (as {@code '?'}).
 */
public final class Utf8 {

    private Utf8() {}

    public static int length(String s) {
        return length(s, 0, s.length());
    }

    /** The number of bytes {@link #write} produces for {@code s[from, to)}. */
    public static int length(String s, int from, int to) {
        int bytes = to - from;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (isPair(s, i, to)) {
                bytes += 2; // two chars, four bytes
                i++;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            }
        }
        return bytes;
    }

    public static int write(String s, byte[] out, int offset) {
        return write(s, 0, s.length(), out, offset);
    }

    /** Writes {@code s[from, to)} at {@code out[offset]}; returns the offset after the last byte written. */
    public static int write(String s, int from, int to, byte[] out, int offset) {
        int o = offset;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xC0 | c >> 6);
                out[o++] = (byte) (0x80 | c & 0x3F);
            } else if (isPair(s, i, to)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[o++] = (byte) (0xF0 | cp >> 18);
                out[o++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[o++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[o++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                out[o++] = '?';
            } else {
                out[o++] = (byte) (0xE0 | c >> 12);
                out[o++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[o++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return o;
    }

    private static boolean isPair(String s, int i, int to) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
