package dev.herald.client.internal;

import java.net.http.HttpRequest;
import java.util.Map;

/** Builds the GET request of each connection, as a browser's EventSource sends it. */
final class Requests {
    private static final System.Logger LOG = System.getLogger(Requests.class.getName());

    private final SourceConfig config;

    Requests(SourceConfig config) {
        this.config = config;
    }

    /** The request, with {@code Last-Event-ID} when {@code lastEventId} is not empty and can be sent. */
    HttpRequest build(String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(config.uri())
                .GET()
                .header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache");
        for (Map.Entry<String, String> h : config.headers()) {
            b.setHeader(h.getKey(), h.getValue());
        }
        if (!lastEventId.isEmpty()) {
            if (isSendable(lastEventId)) {
                b.setHeader("Last-Event-ID", lastEventId);
            } else {
                LOG.log(System.Logger.Level.WARNING, "Last-Event-ID not sent: java.net.http writes header values"
                        + " as ASCII and this id has other characters: {0}", lastEventId);
            }
        }
        return b.build();
    }

    /**
     * True when java.net.http can send the id as it is: printable ASCII (and tab). It writes header
     * values as US-ASCII, so a non-ASCII id would reach the server as question marks.
     */
    static boolean isSendable(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if ((c < 0x20 && c != '\t') || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}
