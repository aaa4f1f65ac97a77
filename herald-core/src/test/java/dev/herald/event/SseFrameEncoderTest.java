package dev.herald.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseFrameEncoderTest {

    @Test
    void encodesIdAndDataThenABlankLine() {
        Update update = Update.builder().id("42").topic("https://example.com/books/1").data("hello").build();

        assertThat(encoded(update)).isEqualTo("""
                id: 42
                data: hello

                """);
    }

    @Test
    void writesEventTypeAndRetryBetweenIdAndData() {
        Update update = Update.builder()
                .id("42").topic("t").type("book-updated").retry(5000L).data("{\"title\":\"Dune\"}")
                .build();

        assertThat(encoded(update)).isEqualTo("""
                id: 42
                event: book-updated
                retry: 5000
                data: {"title":"Dune"}

                """);
    }

    @Test
    void writesRetryWithoutEventType() {
        Update update = Update.builder().id("42").topic("t").retry(0L).data("x").build();

        assertThat(encoded(update)).isEqualTo("""
                id: 42
                retry: 0
                data: x

                """);
    }

    @Test
    void splitsDataOnLineFeeds() {
        assertThat(encodedData("first\nsecond\nthird")).isEqualTo("""
                id: 1
                data: first
                data: second
                data: third

                """);
    }

    @Test
    void splitsDataOnCarriageReturns() {
        assertThat(encodedData("first\rsecond")).isEqualTo("""
                id: 1
                data: first
                data: second

                """);
    }

    @Test
    void treatsCrLfAsOneLineEnd() {
        assertThat(encodedData("first\r\nsecond")).isEqualTo("""
                id: 1
                data: first
                data: second

                """);
    }

    @Test
    void keepsEmptyLinesBetweenMixedLineEnds() {
        assertThat(encodedData("a\r\n\nb\r\rc\n\r\nd")).isEqualTo("""
                id: 1
                data: a
                data:\s
                data: b
                data:\s
                data: c
                data:\s
                data: d

                """);
    }

    @Test
    void trailingLineFeedYieldsAnEmptyLastDataLine() {
        assertThat(encodedData("last\n")).isEqualTo("""
                id: 1
                data: last
                data:\s

                """);
    }

    @Test
    void trailingCarriageReturnYieldsAnEmptyLastDataLine() {
        assertThat(encodedData("last\r")).isEqualTo("""
                id: 1
                data: last
                data:\s

                """);
    }

    @Test
    void trailingCrLfYieldsOneEmptyLastDataLine() {
        assertThat(encodedData("last\r\n")).isEqualTo("""
                id: 1
                data: last
                data:\s

                """);
    }

    @Test
    void emptyDataGivesOneEmptyDataLine() {
        assertThat(encodedData("")).isEqualTo("""
                id: 1
                data:\s

                """);
    }

    @Test
    void encodesUnicodeAsUtf8() {
        Update update = Update.builder().id("ü-1").topic("t").type("café").data("héllo 🌍\n日本").build();

        byte[] frame = SseFrameEncoder.encode(update);

        String expected = """
                id: ü-1
                event: café
                data: héllo 🌍
                data: 日本

                """;
        assertThat(frame).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String encodedData(String data) {
        return encoded(Update.builder().id("1").topic("t").data(data).build());
    }

    private static String encoded(Update update) {
        return new String(SseFrameEncoder.encode(update), StandardCharsets.UTF_8);
    }
}
