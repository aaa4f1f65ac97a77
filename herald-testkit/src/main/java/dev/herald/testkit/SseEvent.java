package dev.herald.testkit;

/** One dispatched SSE event as a browser would see it. */
public record SseEvent(String id, String type, String data, Long retry) {

    public static SseEvent message(String id, String data) {
        return new SseEvent(id, "message", data, null);
    }
}
