package dev.herald.bench;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An SSE reader that keeps what a resuming client needs: each event's {@code id}, {@code event}
 * type and data (lines joined with LF), dispatched at the blank line that ends it, as an
 * {@code EventSource} does. Comments and unknown fields are skipped; lines may be split across
 * reads and end in LF, CRLF or CR. Unlike {@link SseScanner} it allocates per event, which the soak's
 * moderate rate affords.
 */
final class SseEvents {
    /** One dispatched event; {@code id} is null when the event carried none. */
    interface Listener {
        void onEvent(String id, String type, String data);
    }

    private static final int MAX_LINE = 16 * 1024;

    private final Listener listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean afterCr;
    private String id;
    private String type;
    private StringBuilder data;
    private long oversized;

    SseEvents(Listener listener) {
        this.listener = listener;
    }

    /** Consumes the readable bytes of {@code in} without changing its reader index. */
    void feed(ByteBuf in) {
        for (int i = in.readerIndex(), end = in.writerIndex(); i < end; i++) {
            byte b = in.getByte(i);
            if (afterCr && b == '\n') { // the LF of a CRLF: the line already ended at the CR
                afterCr = false;
                continue;
            }
            afterCr = b == '\r';
            if (b == '\n' || b == '\r') {
                line(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (line.size() < MAX_LINE) {
                line.write(b);
            } else {
                oversized++; // not ours; keep the first MAX_LINE bytes rather than grow
            }
        }
    }

    /** Bytes dropped from lines longer than the limit. */
    long oversized() {
        return oversized;
    }

    private void line(String l) {
        if (l.isEmpty()) {
            if (data != null) {
                listener.onEvent(id, type, data.toString());
            }
            id = null;
            type = null;
            data = null;
            return;
        }
        if (l.charAt(0) == ':') {
            return;
        }
        int colon = l.indexOf(':');
        String field = colon < 0 ? l : l.substring(0, colon);
        String value = colon < 0 ? "" : l.substring(colon + 1 < l.length() && l.charAt(colon + 1) == ' '
                ? colon + 2 : colon + 1);
        switch (field) {
            case "id" -> id = value.indexOf('\0') >= 0 ? id : value;
            case "event" -> type = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> { }
        }
    }
}
