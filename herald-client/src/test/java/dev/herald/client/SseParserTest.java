package dev.herald.client;

import static dev.herald.client.Parsed.event;
import static dev.herald.client.Parsed.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.client.Parsed.Comment;
import dev.herald.client.Parsed.Item;
import dev.herald.client.Parsed.Retry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parser rules beyond the wpt vectors, chunk boundaries first. */
class SseParserTest {

    @Test
    void aCrEndingOneChunkAndAnLfStartingTheNextAreOneLineEnding() {
        List<Item> items = new ArrayList<>();
        SseParser parser = new SseParser(Parsed.recorder(items));

        parser.feed(bytes("data:a\r"));
        parser.feed(bytes("\ndata:b\r"));
        parser.feed(bytes("\n\r"));
        parser.feed(bytes("\n"));

        assertThat(items).containsExactly(event("a\nb"));
    }

    @Test
    void twoCrsAreTwoLineEndingsEvenAcrossChunks() {
        List<Item> items = new ArrayList<>();
        SseParser parser = new SseParser(Parsed.recorder(items));

        parser.feed(bytes("data:a\r"));
        parser.feed(bytes("\r"));

        assertThat(items).containsExactly(event("a"));
    }

    @Test
    void aBomSplitAcrossChunksIsStillSkipped() {
        byte[] body = bytes("\uFEFFdata:x\n\n");
        List<Item> items = new ArrayList<>();
        SseParser parser = new SseParser(Parsed.recorder(items));

        parser.feed(body, 0, 1);
        parser.feed(body, 1, 1);
        parser.feed(body, 2, body.length - 2);

        assertThat(items).containsExactly(event("x"));
    }

    @Test
    void aBomAfterAnEmptyFirstLineIsNotSkipped() {
        assertThat(parse("\n\uFEFFdata:x\n\ndata:y\n\n")).containsExactly(event("y"));
    }

    @Test
    void aUtf8SequenceSplitAcrossChunksDecodesWhole() {
        assertThat(parse("data:\u00e9\u2026\uD83D\uDE00\n\n")).containsExactly(event("\u00e9\u2026\uD83D\uDE00"));
    }

    @Test
    void invalidUtf8IsReplacedAsABrowserDoes() {
        byte[] body = {'d', 'a', 't', 'a', ':', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'A', (byte) 0xF0, (byte) 0x9F,
            (byte) 0x98, '\n', '\n'};

        assertThat(parse(body)).containsExactly(event("\uFFFD\uFFFD\uFFFDA\uFFFD"));
    }

    @Test
    void anEventWithoutTheFinalEmptyLineIsDiscardedAndSoIsAnUnterminatedLine() {
        assertThat(parse("data:a\n\ndata:b\n")).containsExactly(event("a"));
        assertThat(parse("data:a\n\ndata:b")).containsExactly(event("a"));
        assertThat(parse("retry:5")).isEmpty();
    }

    @Test
    void anIdDispatchedWithoutDataStillBecomesTheLastEventId() {
        assertThat(parse("id: 7\n\n")).isEmpty();
        assertThat(Parsed.lastEventIdAfter("id: 7\n\n", "")).isEqualTo("7");
        assertThat(Parsed.lastEventIdAfter("id: 7\n", "3")).isEqualTo("3");
    }

    @Test
    void theLastEventIdOfAReconnectionStartsFromThePreviousOne() {
        assertThat(parse(bytes("data:x\n\nid\ndata:y\n\n"), "41"))
                .containsExactly(event("41", "message", "x"), event("", "message", "y"));
    }

    @Test
    void retryTakesDigitsOnlyAndIgnoresValuesTooLargeForALong() {
        assertThat(parse("retry: 10\nretry:-1\nretry:1.5\nretry: 2 \nretry:99999999999999999999\n"
                + "retry:9223372036854775807\n"))
                .containsExactly(new Retry(10), new Retry(Long.MAX_VALUE));
    }

    @Test
    void aCommentKeepsItsTextAfterTheColon() {
        assertThat(parse(":\n: hello\n::x\n")).containsExactly(new Comment(""), new Comment(" hello"),
                new Comment(":x"));
    }

    @Test
    void theTypeResetsAfterAnEventWithoutData() {
        assertThat(parse("event:a\n\ndata:x\n\n")).containsExactly(event("x"));
    }

    @Test
    void feedingAfterTheEndIsRefused() {
        SseParser parser = new SseParser(Parsed.recorder(new ArrayList<>()));
        parser.end();

        assertThatThrownBy(() -> parser.feed(bytes("data:x\n\n"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the stream has ended");
    }

    @Test
    void aDirectByteBufferIsReadWhole() {
        List<Item> items = new ArrayList<>();
        SseParser parser = new SseParser(Parsed.recorder(items));
        byte[] body = bytes("data:direct\n\n");
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(body.length).put(body).flip();

        parser.feed(buffer);

        assertThat(buffer.hasRemaining()).isFalse();
        assertThat(items).containsExactly(event("direct"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
