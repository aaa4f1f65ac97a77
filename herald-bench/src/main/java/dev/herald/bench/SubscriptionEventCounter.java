package dev.herald.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Counts the subscription events of one SSE stream that concern the storm's subscribers: a
 * {@code data:} line naming a storm topic as its {@code match}, and {@code "active":true} (a
 * connection opened) or {@code "active":false} (it closed). Reads bytes in place, allocating
 * nothing per event: a watcher takes two events per storm connection, and garbage in the process
 * that also times the watched topic would slow only the run with subscription events on.
 */
final class SubscriptionEventCounter {
    private static final int MAX_LINE = 4096;
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACTIVE = "\"active\":true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INACTIVE = "\"active\":false".getBytes(StandardCharsets.US_ASCII);

    private final byte[] match;
    private final ByteBuf carry = Unpooled.buffer(512, MAX_LINE);
    private long active;
    private long inactive;

    /** @param topicPrefix the start of every storm topic */
    SubscriptionEventCounter(String topicPrefix) {
        this.match = ("\"match\":\"" + topicPrefix).getBytes(StandardCharsets.UTF_8);
    }

    /** Consumes all readable bytes of {@code in} without changing its reader index. */
    void feed(ByteBuf in) {
        int pos = in.readerIndex();
        int end = in.writerIndex();
        while (pos < end) {
            int lf = in.indexOf(pos, end, (byte) '\n');
            if (lf < 0) {
                if (carry.writerIndex() + end - pos > MAX_LINE) {
                    carry.clear(); // longer than any subscription event line: not one
                } else {
                    carry.writeBytes(in, pos, end - pos);
                }
                return;
            }
            if (carry.isReadable()) {
                carry.writeBytes(in, pos, Math.min(lf - pos, carry.maxWritableBytes()));
                line(carry, carry.readerIndex(), carry.writerIndex());
                carry.clear();
            } else {
                line(in, pos, lf);
            }
            pos = lf + 1;
        }
    }

    private void line(ByteBuf buf, int from, int to) {
        if (!startsWith(buf, from, to, DATA) || indexOf(buf, from, to, match) < 0) {
            return;
        }
        if (indexOf(buf, from, to, ACTIVE) >= 0) {
            active++;
        } else if (indexOf(buf, from, to, INACTIVE) >= 0) {
            inactive++;
        }
    }

    long active() {
        return active;
    }

    long inactive() {
        return inactive;
    }

    private static boolean startsWith(ByteBuf buf, int from, int to, byte[] prefix) {
        return to - from >= prefix.length && matchesAt(buf, from, prefix);
    }

    private static int indexOf(ByteBuf buf, int from, int to, byte[] needle) {
        for (int i = from; i <= to - needle.length; i++) {
            if (matchesAt(buf, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matchesAt(ByteBuf buf, int at, byte[] needle) {
        for (int j = 0; j < needle.length; j++) {
            if (buf.getByte(at + j) != needle[j]) {
                return false;
            }
        }
        return true;
    }
}
