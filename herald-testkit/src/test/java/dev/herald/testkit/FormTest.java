package dev.herald.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormTest {

    @Test
    void encodesFieldsInOrderKeepingRepeatedNames() {
        assertThat(Form.encode("topic", "https://example.com/a?b=c", "topic", "x y", "data", "caf\u00e9 & more"))
                .isEqualTo("topic=https%3A%2F%2Fexample.com%2Fa%3Fb%3Dc&topic=x+y&data=caf%C3%A9+%26+more");
    }

    @Test
    void theListAndTheVarargsFormsAgree() {
        assertThat(Form.encode(List.of(Map.entry("topic", "t"), Map.entry("data", ""))))
                .isEqualTo(Form.encode("topic", "t", "data", "")).isEqualTo("topic=t&data=");
    }

    @Test
    void aNameWithoutAValueIsAMistakeInTheTest() {
        assertThatThrownBy(() -> Form.encode("topic", "t", "data")).isInstanceOf(IllegalArgumentException.class);
    }
}
