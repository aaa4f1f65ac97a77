package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseScannerTest {
    private final List<String> events = new ArrayList<>();
    private int malformed;
    private final SseScanner scanner = new SseScanner(new SseScanner.Listener() {
        @Override
        public void onEvent(long sentMicros, long seq) {
            events.add(sentMicros + "/" + seq);
        }

        @Override
        public void onMalformed() {
            malformed++;
        }
    });

    @Test
    void readsHeraldFramesAndSkipsIdsAndComments() {
        feed("""
                :
                id: urn:uuid:0b6c
                data: t=1700000000000001;seq=1

                id: urn:uuid:0b6d
                data: t=1700000000000002;seq=2

                """);
        assertThat(events).containsExactly("1700000000000001/1", "1700000000000002/2");
        assertThat(malformed).isZero();
    }

    @Test
    void readsNchanFramesWithCrLfAndNoSpaceAfterColon() {
        feed(": hi\r\n\r\nid: 1795239548:0\r\ndata:t=5;seq=7\r\n\r\n");
        assertThat(events).containsExactly("5/7");
    }

    @Test
    void joinsLinesSplitAcrossReadsAtEveryByte() {
        String text = "id: a\ndata: t=123456;seq=42\n\ndata: t=9;seq=43\n\n";
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        for (byte b : bytes) {
            scanner.feed(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(events).containsExactly("123456/42", "9/43");
    }

    @Test
    void leavesTheReaderIndexAlone() {
        ByteBuf buf = Unpooled.copiedBuffer("data: t=1;seq=1\n", StandardCharsets.US_ASCII);
        scanner.feed(buf);
        assertThat(buf.readerIndex()).isZero();
    }

    @Test
    void countsDataThatIsNotOurPayloadAsMalformed() {
        feed("data: hello\ndata: t=1;seq=\ndata: t=1;seq=2x\ndata: t=;seq=1\n");
        assertThat(events).isEmpty();
        assertThat(malformed).isEqualTo(4);
    }

    @Test
    void formatsWhatItParses() {
        feed("data: " + Payload.format(1_700_000_000_123_456L, 99) + "\n");
        assertThat(events).containsExactly("1700000000123456/99");
    }

    private void feed(String text) {
        scanner.feed(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }
}
