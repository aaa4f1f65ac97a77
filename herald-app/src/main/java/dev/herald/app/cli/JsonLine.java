package dev.herald.app.cli;

import dev.herald.client.MessageEvent;

/**
 * One event as a single line of JSON: {@code {"type": "...", "id": "...", "data": "..."}}. Every
 * character outside printable ASCII is escaped, so the line is valid whatever the console charset.
 */
final class JsonLine {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonLine() {}

    static String of(MessageEvent event) {
        StringBuilder sb = new StringBuilder(event.data().length() + 48);
        sb.append("{\"type\": ");
        quote(sb, event.type());
        sb.append(", \"id\": ");
        quote(sb, event.lastEventId());
        sb.append(", \"data\": ");
        quote(sb, event.data());
        return sb.append('}').toString();
    }

    /** Appends {@code s} as a JSON string literal (RFC 8259). */
    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c >= 0x7F) {
                        sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
