package dev.herald.client.internal;

import java.util.Locale;

/** Content-type checks of an event-stream response. */
public final class ContentTypes {
    private ContentTypes() {}

    /** True when the MIME type's essence is {@code text/event-stream}, whatever its parameters. */
    public static boolean isEventStream(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String essence = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return essence.strip().toLowerCase(Locale.ROOT).equals("text/event-stream");
    }
}
