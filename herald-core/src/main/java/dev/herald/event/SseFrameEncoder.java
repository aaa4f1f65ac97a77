package dev.herald.event;

import java.nio.charset.StandardCharsets;

/**
 * Encodes an update into the bytes of one SSE event. Done once per update; every subscriber gets
 * the same bytes.
 */
public final class SseFrameEncoder {

    private SseFrameEncoder() {}

    /** The complete event: {@code id}, {@code event}, {@code retry}, one {@code data} line per line. */
    public static byte[] encode(Update update) {
        StringBuilder sb = new StringBuilder(update.data().length() + update.id().length() + 32);
        sb.append("id: ").append(update.id()).append('\n');
        if (update.type() != null) {
            sb.append("event: ").append(update.type()).append('\n');
        }
        if (update.retry() != null) {
            sb.append("retry: ").append(update.retry()).append('\n');
        }
        appendData(sb, update.data());
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One {@code data:} line per line of {@code data}; CR, LF and CRLF all end a line. */
    static void appendData(StringBuilder sb, String data) {
        int start = 0;
        int n = data.length();
        for (int i = 0; i < n; i++) {
            char c = data.charAt(i);
            if (c == '\r' || c == '\n') {
                sb.append("data: ").append(data, start, i).append('\n');
                if (c == '\r' && i + 1 < n && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        sb.append("data: ").append(data, start, n).append('\n');
    }
}
