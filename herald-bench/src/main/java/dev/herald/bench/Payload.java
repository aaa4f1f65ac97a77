package dev.herald.bench;

import io.netty.buffer.ByteBuf;

/**
 * The publisher's data: {@code t=<wall-clock micros>;seq=<n>}. Parsed straight from the receive
 * buffer without allocating, because a receiver parses up to a million of these per second.
 */
final class Payload {

    private Payload() {}

    static String format(long micros, long seq) {
        return "t=" + micros + ";seq=" + seq;
    }

    /**
     * Parses {@code buf[from, to)} into {@code out[0] = micros, out[1] = seq}.
     *
     * @return false when the bytes are not {@code t=<digits>;seq=<digits>}
     */
    static boolean parse(ByteBuf buf, int from, int to, long[] out) {
        if (to - from < 9 || buf.getByte(from) != 't' || buf.getByte(from + 1) != '=') {
            return false;
        }
        int i = from + 2;
        long t = 0;
        int digits = 0;
        byte b;
        while (i < to && (b = buf.getByte(i)) >= '0' && b <= '9') {
            t = t * 10 + (b - '0');
            i++;
            digits++;
        }
        if (digits == 0 || to - i < 6 || buf.getByte(i) != ';' || buf.getByte(i + 1) != 's'
                || buf.getByte(i + 2) != 'e' || buf.getByte(i + 3) != 'q' || buf.getByte(i + 4) != '=') {
            return false;
        }
        i += 5;
        long seq = 0;
        digits = 0;
        while (i < to && (b = buf.getByte(i)) >= '0' && b <= '9') {
            seq = seq * 10 + (b - '0');
            i++;
            digits++;
        }
        if (digits == 0 || i != to) {
            return false;
        }
        out[0] = t;
        out[1] = seq;
        return true;
    }
}
