package dev.herald.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormDecoderTest {

    @Test
    void plainAsciiFieldsComeBackAsSentInOrderWithRepeatedNamesCollected() {
        Map<String, List<String>> form = FormDecoder.decode(bytes("topic=a&data=hello&topic=b&private=on"));

        assertThat(form.keySet()).containsExactly("topic", "data", "private");
        assertThat(form.get("topic")).containsExactly("a", "b");
        assertThat(form.get("data")).containsExactly("hello");
    }

    @Test
    void plusIsASpaceAndPercentEscapesAreDecoded() {
        Map<String, List<String>> form = FormDecoder.decode(
                bytes("topic=https%3A%2F%2Fexample.com%2Fbooks%2F1&data=t%3D1%3Bseq%3D2+and+more%25"));

        assertThat(form.get("topic")).containsExactly("https://example.com/books/1");
        assertThat(form.get("data")).containsExactly("t=1;seq=2 and more%");
    }

    @Test
    void escapedAndRawUtf8BothDecodeToTheSameText() {
        String escaped = FormDecoder.decode(bytes("data=caf%C3%A9+%E2%9C%93")).get("data").get(0);
        byte[] raw = "data=café ✓".getBytes(StandardCharsets.UTF_8);

        assertThat(escaped).isEqualTo("café ✓");
        assertThat(FormDecoder.decode(raw).get("data")).containsExactly("café ✓");
    }

    @Test
    void aFieldWithoutValueIsEmptyAndEmptyPairsAreSkipped() {
        Map<String, List<String>> form = FormDecoder.decode(bytes("private&&data=&topic=t&"));

        assertThat(form.get("private")).containsExactly("");
        assertThat(form.get("data")).containsExactly("");
        assertThat(form.get("topic")).containsExactly("t");
    }

    @Test
    void brokenEscapesAndBytesThatAreNotUtf8AreRejectedWithTheFieldNamed() {
        assertThatThrownBy(() -> FormDecoder.decode(bytes("data=%G1")))
                .isInstanceOf(BadRequestException.class).hasMessage("Invalid percent-encoding in \"data\" parameter");
        assertThatThrownBy(() -> FormDecoder.decode(bytes("data=ab%4")))
                .isInstanceOf(BadRequestException.class).hasMessage("Invalid percent-encoding in \"data\" parameter");
        assertThatThrownBy(() -> FormDecoder.decode(bytes("data=%C3%28")))
                .isInstanceOf(BadRequestException.class).hasMessage("Invalid UTF-8 in \"data\" parameter");
        assertThatThrownBy(() -> FormDecoder.decode(new byte[] {'d', '=', (byte) 0xFF}))
                .isInstanceOf(BadRequestException.class).hasMessage("Invalid UTF-8 in \"d\" parameter");
        assertThatThrownBy(() -> FormDecoder.decode(bytes("%FF=1")))
                .isInstanceOf(BadRequestException.class).hasMessage("Invalid UTF-8 in field name");
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
