package dev.herald.client.internal;

import java.util.Arrays;

/**
 * Splits a byte stream into lines ended by CR, LF or CRLF, whatever the chunk boundaries: a CR at
 * the end of one chunk and an LF at the start of the next end one line. Bytes of an unterminated
 * last line stay buffered; the owner decides what end of input means.
 *
 * <p>Not thread-safe; one instance per stream.
 */
public final class LineSplitter {

    /** Receives each complete line, without its line ending. The array is reused after the call. */
    @FunctionalInterface
    public interface LineHandler {
        void onLine(byte[] buffer, int length);
    }

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final LineHandler handler;
    private byte[] line = new byte[256];
    private int length;
    private boolean afterCr;

    public LineSplitter(LineHandler handler) {
        this.handler = handler;
    }

    /** Feeds {@code count} bytes of {@code bytes} from {@code offset}. */
    public void feed(byte[] bytes, int offset, int count) {
        int end = offset + count;
        int start = offset;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b != CR && b != LF) {
                continue;
            }
            if (b == LF && afterCr && i == start && length == 0) {
                // The LF of a CRLF whose CR ended the previous line (possibly in the previous chunk).
                afterCr = false;
                start = i + 1;
                continue;
            }
            append(bytes, start, i - start);
            handler.onLine(line, length);
            length = 0;
            afterCr = b == CR;
            start = i + 1;
        }
        if (start < end) {
            append(bytes, start, end - start);
            afterCr = false;
        }
    }

    private void append(byte[] bytes, int offset, int count) {
        if (count == 0) {
            return;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(bytes, offset, line, length, count);
        length += count;
    }
}
