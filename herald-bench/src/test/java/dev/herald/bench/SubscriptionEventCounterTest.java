package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SubscriptionEventCounterTest {
    private static final String OPENED = """
            id: urn:uuid:6478
            event: mercure
            data: {"id":"/.well-known/mercure/subscriptions/exact/bench-r1-storm-7/urn%3Auuid%3A48","type":"subscription",\
            "match_type":"exact","match":"bench-r1-storm-7","subscriber":"urn:uuid:48","active":true}

            """;
    private static final String CLOSED = OPENED.replace("\"active\":true", "\"active\":false");

    private final SubscriptionEventCounter counter = new SubscriptionEventCounter("bench-r1-storm-");

    @Test
    void countsTheStormsOpenedAndClosedSubscriptions() {
        feed(":\n\n" + OPENED + OPENED + CLOSED);

        assertThat(counter.active()).isEqualTo(2);
        assertThat(counter.inactive()).isEqualTo(1);
    }

    @Test
    void ignoresOtherSubscribersEventsAndLinesThatAreNotData() {
        feed(OPENED.replace("bench-r1-storm-7", "bench-r1-t0")
                + ": \"match\":\"bench-r1-storm-1\",\"active\":true\n\n"
                + "id: \"match\":\"bench-r1-storm-1\",\"active\":true\n\n");

        assertThat(counter.active()).isZero();
        assertThat(counter.inactive()).isZero();
    }

    @Test
    void joinsLinesSplitAcrossReadsAtEveryByte() {
        for (byte b : (OPENED + CLOSED).getBytes(StandardCharsets.UTF_8)) {
            counter.feed(Unpooled.wrappedBuffer(new byte[] {b}));
        }

        assertThat(counter.active()).isEqualTo(1);
        assertThat(counter.inactive()).isEqualTo(1);
    }

    @Test
    void leavesTheReaderIndexAlone() {
        ByteBuf buf = Unpooled.copiedBuffer(OPENED, StandardCharsets.UTF_8);

        counter.feed(buf);

        assertThat(buf.readerIndex()).isZero();
        assertThat(counter.active()).isEqualTo(1);
    }

    private void feed(String text) {
        counter.feed(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }
}
