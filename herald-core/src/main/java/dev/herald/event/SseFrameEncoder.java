package dev.herald.event;

import java.nio.charset.StandardCharsets;

/**
 * Encodes an update into the bytes of one SSE event. Done once per update; every subscriber gets
 * the same bytes. The frame is measured first and written into one array of the exact size.
 */
public final class SseFrameEncoder {
    private static final byte[] ID = ascii("id: ");
    private static final byte[] EVENT = ascii("event: ");
    private static final byte[] RETRY = ascii("retry: ");
    private static final byte[] DATA = ascii("data: ");

    private SseFrameEncoder() {}

    /** The complete event: {@code id}, {@code event}, {@code retry}, one {@code data} line per line. */
    public static byte[] encode(Update update) {
        String type = update.type();
        String retry = update.retry() == null ? null : update.retry().toString();
        int size = field(ID, update.id(), null, 0)
                + (type == null ? 0 : field(EVENT, type, null, 0))
                + (retry == null ? 0 : field(RETRY, retry, null, 0))
                + dataLines(update.data(), null, 0) + 1;
        byte[] out = new byte[size];
        int o = field(ID, update.id(), out, 0);
        if (type != null) {
            o = field(EVENT, type, out, o);
        }
        if (retry != null) {
            o = field(RETRY, retry, out, o);
        }
        o = dataLines(update.data(), out, o);
        out[o] = '\n';
        return out;
    }

    /**
     * One {@code data:} line per line of {@code data}; CR, LF and CRLF all end a line. With
     * {@code out} null only counts; returns the offset after the lines.
     */
    private static int dataLines(String data, byte[] out, int offset) {
        int o = offset;
        int start = 0;
        int n = data.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? data.charAt(i) : '\n'; // the end closes the last line
            if (c == '\r' || c == '\n') {
                o = line(DATA, data, start, i, out, o);
                if (c == '\r' && i + 1 < n && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        return o;
    }

    private static int field(byte[] name, String value, byte[] out, int offset) {
        return line(name, value, 0, value.length(), out, offset);
    }

    /** {@code name}, {@code value[from, to)} and LF at {@code offset}, or only their length when {@code out} is null. */
    private static int line(byte[] name, String value, int from, int to, byte[] out, int offset) {
        if (out == null) {
            return offset + name.length + Utf8.length(value, from, to) + 1;
        }
        System.arraycopy(name, 0, out, offset, name.length);
        int o = Utf8.write(value, from, to, out, offset + name.length);
        out[o] = '\n';
        return o + 1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
