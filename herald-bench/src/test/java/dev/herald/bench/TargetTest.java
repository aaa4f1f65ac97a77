package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void targetsParseCaseInsensitivelyAndTheFloorSpeaksNchansRequestShapes() {
        assertThat(Target.parse("Floor")).isEqualTo(Target.FLOOR);
        assertThat(Target.FLOOR.label()).isEqualTo("Floor");
        assertThat(Target.FLOOR.subscribePath("a b")).isEqualTo(Target.NCHAN.subscribePath("a b"));
    }

    @Test
    void anUnknownEmptyOrControlCharacterTargetIsRejectedNamingTheChoices() {
        for (String bad : new String[] {"mercure", "", "herald\r\n", "nchan\0"}) {
            assertThatThrownBy(() -> Target.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("herald, nchan or floor");
        }
    }
}
