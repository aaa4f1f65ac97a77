package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventsTest {
    private record Event(String id, String type, String data) {}

    private final List<Event> events = new ArrayList<>();
    private final SseEvents parser = new SseEvents((id, type, data) -> events.add(new Event(id, type, data)));

    private void feed(String text) {
        ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        parser.feed(buf);
        assertThat(buf.readerIndex()).isZero(); // the caller's buffer is left as it was
        buf.release();
    }

    @Test
    void eventsAreDispatchedAtTheBlankLineWithTheirIdAndType() {
        feed("""
                :
                id: urn:uuid:1
                data: k=1;seq=1

                event: mercure
                data: {"type":"resume"}

                """);

        assertThat(events).containsExactly(new Event("urn:uuid:1", null, "k=1;seq=1"),
                new Event(null, "mercure", "{\"type\":\"resume\"}"));
    }

    @Test
    void linesSplitAcrossReadsAndAnyLineEndingWork() {
        feed("id: a\r");
        feed("\ndata: one\r\nda");
        feed("ta:two\r\r");
        feed("id: b\ndata: three\n\n");

        assertThat(events).containsExactly(new Event("a", null, "one\ntwo"), new Event("b", null, "three"));
    }

    @Test
    void anEventWithoutDataIsNotDispatchedAndAnIdWithNulIsIgnored() {
        feed("id: x\n\nid: bad\0id\ndata: d\n\n");

        assertThat(events).containsExactly(new Event(null, null, "d"));
    }

    @Test
    void aPendingEventIsNotDispatchedBeforeItsBlankLine() {
        feed("id: 1\ndata: partial\n");

        assertThat(events).isEmpty();
    }
}
