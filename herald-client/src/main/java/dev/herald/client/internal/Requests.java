package dev.herald.client.internal;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds the GET request of each connection, as a browser's EventSource sends it. */
final class Requests {
    private final SourceConfig config;

    Requests(SourceConfig config) {
        this.config = config;
    }

    /** The request, with {@code Last-Event-ID} when {@code lastEventId} is not empty. */
    HttpRequest build(String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(config.uri())
                .GET()
                .header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache");
        for (Map.Entry<String, String> h : config.headers()) {
            b.setHeader(h.getKey(), h.getValue());
        }
        String header = headerValue(lastEventId);
        if (!lastEventId.isEmpty() && header != null) {
            b.setHeader("Last-Event-ID", header);
        }
        return b.build();
    }

    /**
     * The id as header characters: its UTF-8 bytes, one char each (the JDK writes header chars as
     * ISO-8859-1), so the server gets the bytes a browser sends. Null when the id holds a control
     * character the JDK refuses in a header; such an id cannot be sent.
     */
    static String headerValue(String id) {
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(utf8.length);
        for (byte b : utf8) {
            int c = b & 0xFF;
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return null;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }
}
