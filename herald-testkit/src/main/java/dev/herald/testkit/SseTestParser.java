package dev.herald.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small incremental parser following the WHATWG event-stream interpretation rules, enough to
 * check what the hub sends. Counts comment lines so tests can see heartbeats.
 */
public final class SseTestParser {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean lastWasCr;
    private String lastEventId = "";
    private String type = "";
    private StringBuilder data = new StringBuilder();
    private boolean hasData;
    private Long retry;
    private int comments;

    /** Where the body starts in raw response bytes: just past the head's blank line, or -1 if not there yet. */
    public static int bodyStart(byte[] response) {
        for (int i = 3; i < response.length; i++) {
            if (response[i - 3] == '\r' && response[i - 2] == '\n' && response[i - 1] == '\r' && response[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Feeds bytes; returns the events they completed. */
    public List<SseEvent> feed(byte[] bytes, int off, int len) {
        List<SseEvent> out = new ArrayList<>();
        for (int i = off; i < off + len; i++) {
            byte b = bytes[i];
            if (b == '\n' && lastWasCr) {
                lastWasCr = false;
                continue;
            }
            lastWasCr = b == '\r';
            if (b == '\r' || b == '\n') {
                processLine(line.toString(StandardCharsets.UTF_8), out);
                line.reset();
            } else {
                line.write(b);
            }
        }
        return out;
    }

    public int comments() {
        return comments;
    }

    public String lastEventId() {
        return lastEventId;
    }

    private void processLine(String l, List<SseEvent> out) {
        if (l.isEmpty()) {
            if (hasData) {
                String d = data.toString();
                if (d.endsWith("\n")) {
                    d = d.substring(0, d.length() - 1);
                }
                out.add(new SseEvent(lastEventId, type.isEmpty() ? "message" : type, d, retry));
            }
            data = new StringBuilder();
            hasData = false;
            type = "";
            retry = null;
            return;
        }
        if (l.startsWith(":")) {
            comments++;
            return;
        }
        int colon = l.indexOf(':');
        String field = colon < 0 ? l : l.substring(0, colon);
        String value = colon < 0 ? "" : l.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                data.append(value).append('\n');
                hasData = true;
            }
            case "event" -> type = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    retry = Long.parseLong(value);
                }
            }
            default -> { }
        }
    }
}
