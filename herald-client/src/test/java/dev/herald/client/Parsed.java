package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs bytes through an {@link SseParser} and records what it reports, as comparable values. */
final class Parsed {
    /** What the parser reported, in order. */
    sealed interface Item {}

    record Event(String lastEventId, String type, String data) implements Item {}

    record Retry(long millis) implements Item {}

    record Comment(String text) implements Item {}

    /** The body split at every size that matters: whole, byte by byte, and a few odd sizes. */
    private static final int[] CHUNK_SIZES = {Integer.MAX_VALUE, 1, 2, 3, 5, 7, 64};

    private Parsed() {}

    static Event event(String data) {
        return new Event("", "message", data);
    }

    static Event event(String lastEventId, String type, String data) {
        return new Event(lastEventId, type, data);
    }

    /** Parses {@code body} then ends the stream; every chunking must report the same. */
    static List<Item> parse(byte[] body) {
        return parse(body, "");
    }

    static List<Item> parse(String body) {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses with the last event id a reconnection starts from. Also checks the final last event id agrees. */
    static List<Item> parse(byte[] body, String lastEventId) {
        List<Item> first = null;
        String firstId = null;
        for (int size : CHUNK_SIZES) {
            List<Item> items = new ArrayList<>();
            SseParser parser = new SseParser(recorder(items), lastEventId);
            for (int i = 0; i < body.length; i += Math.min(size, body.length - i)) {
                parser.feed(body, i, Math.min(size, body.length - i));
            }
            parser.end();
            if (first == null) {
                first = items;
                firstId = parser.lastEventId();
            } else {
                assertThat(items).as("chunks of %d bytes", size).isEqualTo(first);
                assertThat(parser.lastEventId()).as("last event id, chunks of %d bytes", size).isEqualTo(firstId);
            }
        }
        return first;
    }

    /** The last event id after parsing {@code body} in one go and ending the stream. */
    static String lastEventIdAfter(String body, String initial) {
        SseParser parser = new SseParser(recorder(new ArrayList<>()), initial);
        parser.feed(body.getBytes(StandardCharsets.UTF_8));
        parser.end();
        return parser.lastEventId();
    }

    static SseParser.Handler recorder(List<Item> items) {
        return new SseParser.Handler() {
            @Override
            public void onEvent(String lastEventId, String type, String data) {
                items.add(new Event(lastEventId, type, data));
            }

            @Override
            public void onRetry(long millis) {
                items.add(new Retry(millis));
            }

            @Override
            public void onComment(String comment) {
                items.add(new Comment(comment));
            }
        };
    }
}
