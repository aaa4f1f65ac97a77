package dev.herald.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;

/** Whether a response head opens an event stream; every SSE reader of the harness checks it the same way. */
final class EventStreamHead {
    private EventStreamHead() {}

    /** @return null when {@code head} is a 200 with {@code text/event-stream}, else what it was ("HTTP 503 text/plain") */
    static String problem(HttpResponse head) {
        String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (head.status().code() == 200 && type.startsWith("text/event-stream")) {
            return null;
        }
        return "HTTP " + head.status().code() + " " + type;
    }
}
