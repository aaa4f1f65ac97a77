package dev.herald.client;

import java.util.Objects;

/**
 * One dispatched event, as a browser's {@code MessageEvent} carries it.
 *
 * @param type the event type; {@code "message"} unless the stream named another
 * @param data the data lines joined by LF; may be empty
 * @param lastEventId the last event id after this event; {@code ""} when the stream set none
 */
public record MessageEvent(String type, String data, String lastEventId) {

    public MessageEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(lastEventId, "lastEventId");
    }

    /** An event of the default type {@code message}. */
    public static MessageEvent message(String data, String lastEventId) {
        return new MessageEvent("message", data, lastEventId);
    }
}
