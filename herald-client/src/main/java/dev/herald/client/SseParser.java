package dev.herald.client;

import dev.herald.client.internal.LineSplitter;
import dev.herald.client.internal.Utf8;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Incremental parser of an {@code text/event-stream} body, following the WHATWG HTML "Server-sent
 * events" interpretation rules: bytes in, callbacks out, no I/O and no policy. Chunk boundaries may
 * fall anywhere, even between the CR and the LF of a line ending or inside a UTF-8 sequence.
 *
 * <p>One parser reads one response body. To continue after a reconnection, start a new parser with
 * the previous one's {@link #lastEventId()}. Not thread-safe.
 */
public final class SseParser {

    /** Receives what the stream says, in order, on the thread that calls {@link #feed}. */
    public interface Handler {
        /**
         * An event was dispatched.
         *
         * @param lastEventId the last event id after this event ({@code ""} when none)
         * @param type the event type, {@code "message"} unless the stream named another
         * @param data the data lines joined by LF
         */
        void onEvent(String lastEventId, String type, String data);

        /** The stream set the reconnection time, in milliseconds. */
        default void onRetry(long millis) {}

        /** A comment line, without its leading colon. */
        default void onComment(String comment) {}
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Handler handler;
    private final LineSplitter lines = new LineSplitter(this::onLine);
    private final StringBuilder data = new StringBuilder();
    private String type = "";
    private String idBuffer;
    private String lastEventId;
    private boolean firstLine = true;
    private boolean ended;
    private byte[] chunk = new byte[0];

    /** A parser for a stream read without a previous event id. */
    public SseParser(Handler handler) {
        this(handler, "");
    }

    /** A parser whose last event id starts as {@code lastEventId}, as after a reconnection. */
    public SseParser(Handler handler, String lastEventId) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.lastEventId = Objects.requireNonNull(lastEventId, "lastEventId");
        this.idBuffer = lastEventId;
    }

    /** Parses the next {@code count} bytes of the body. */
    public void feed(byte[] bytes, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        if (ended) {
            throw new IllegalStateException("the stream has ended");
        }
        lines.feed(bytes, offset, count);
    }

    /** Parses the next bytes of the body. */
    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /** Parses the remaining bytes of {@code buffer}, consuming them. */
    public void feed(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            feed(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            buffer.position(buffer.limit());
            return;
        }
        int n = buffer.remaining();
        if (chunk.length < n) {
            chunk = new byte[Math.max(n, 8192)];
        }
        buffer.get(chunk, 0, n);
        feed(chunk, 0, n);
    }

    /** The body ended: an unterminated line and an undispatched event are discarded. */
    public void end() {
        ended = true;
        data.setLength(0);
        type = "";
        idBuffer = lastEventId;
    }

    /** The last event id string: set each time an event is dispatched (even one without data). */
    public String lastEventId() {
        return lastEventId;
    }

    private void onLine(byte[] bytes, int length) {
        int start = 0;
        if (firstLine) {
            firstLine = false;
            if (length >= BOM.length && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2]) {
                start = BOM.length;
            }
        }
        if (length == start) {
            dispatch();
            return;
        }
        // CR and LF never occur inside a UTF-8 sequence, so decoding line by line equals decoding the stream.
        String line = Utf8.decode(bytes, start, length - start);
        int colon = line.indexOf(':');
        if (colon == 0) {
            handler.onComment(line.substring(1));
            return;
        }
        if (colon < 0) {
            field(line, "");
            return;
        }
        int valueStart = colon + 1;
        if (valueStart < line.length() && line.charAt(valueStart) == ' ') {
            valueStart++;
        }
        field(line.substring(0, colon), line.substring(valueStart));
    }

    private void field(String name, String value) {
        switch (name) {
            case "event":
                type = value;
                break;
            case "data":
                data.append(value).append('\n');
                break;
            case "id":
                if (value.indexOf('\0') < 0) {
                    idBuffer = value;
                }
                break;
            case "retry":
                retry(value);
                break;
            default:
                // Unknown fields are ignored.
        }
    }

    private void retry(String value) {
        if (value.isEmpty()) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return;
            }
        }
        try {
            handler.onRetry(Long.parseLong(value));
        } catch (NumberFormatException tooLarge) {
            // More digits than a long holds: ignored like any other unusable value.
        }
    }

    private void dispatch() {
        lastEventId = idBuffer;
        if (data.length() == 0) {
            type = "";
            return;
        }
        data.setLength(data.length() - 1);
        String eventData = data.toString();
        String eventType = type.isEmpty() ? "message" : type;
        data.setLength(0);
        type = "";
        handler.onEvent(lastEventId, eventType, eventData);
    }
}
