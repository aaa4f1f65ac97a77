package dev.herald.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The event that tells a resuming client its resume was not exact: the id it sent is not (or no
 * longer) in the hub's history, so everything retained is replayed and updates may be missing.
 * {@code mercure} is the event type reserved for the hub's own events; the JSON's {@code type}
 * tells this one from subscription events.
 */
public final class ResumeNotice {
    public static final String EVENT_TYPE = "mercure";

    private ResumeNotice() {}

    public static byte[] frame(String requestedId) {
        String json = "{\"type\":\"resume\",\"exact\":false,\"last_event_id\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(requestedId))
                + "\",\"resumed_from\":\"earliest\"}";
        return ("event: " + EVENT_TYPE + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
