package dev.herald.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A minimal SSE reader for the benchmark: it only looks at {@code data:} lines carrying our
 * {@link Payload} and skips everything else (ids, comments, blank lines). Lines may be split across
 * reads; a partial line is carried over in a small buffer. CR before LF is tolerated.
 */
final class SseScanner {
    /** What the scanner found. */
    interface Listener {
        void onEvent(long sentMicros, long seq);

        void onMalformed();
    }

    private static final int MAX_LINE = 4096;

    private final Listener listener;
    private final ByteBuf carry = Unpooled.buffer(128, MAX_LINE);
    private final long[] parsed = new long[2];

    SseScanner(Listener listener) {
        this.listener = listener;
    }

    /** Consumes all readable bytes of {@code in} without changing its reader index. */
    void feed(ByteBuf in) {
        int pos = in.readerIndex();
        int end = in.writerIndex();
        while (pos < end) {
            int lf = in.indexOf(pos, end, (byte) '\n');
            if (lf < 0) {
                append(in, pos, end - pos);
                return;
            }
            if (carry.isReadable()) {
                append(in, pos, lf - pos);
                line(carry, carry.readerIndex(), carry.writerIndex());
                carry.clear();
            } else {
                line(in, pos, lf);
            }
            pos = lf + 1;
        }
    }

    private void append(ByteBuf in, int from, int length) {
        if (carry.writerIndex() + length > MAX_LINE) {
            carry.clear(); // not a line of ours; drop it rather than grow without bound
            listener.onMalformed();
            return;
        }
        carry.writeBytes(in, from, length);
    }

    private void line(ByteBuf buf, int from, int to) {
        if (to > from && buf.getByte(to - 1) == '\r') {
            to--;
        }
        if (to - from < 5 || buf.getByte(from) != 'd' || buf.getByte(from + 1) != 'a'
                || buf.getByte(from + 2) != 't' || buf.getByte(from + 3) != 'a' || buf.getByte(from + 4) != ':') {
            return;
        }
        int start = from + 5;
        if (start < to && buf.getByte(start) == ' ') {
            start++;
        }
        if (Payload.parse(buf, start, to, parsed)) {
            listener.onEvent(parsed[0], parsed[1]);
        } else {
            listener.onMalformed();
        }
    }
}
