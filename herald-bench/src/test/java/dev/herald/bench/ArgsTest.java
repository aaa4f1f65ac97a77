package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArgsTest {

    @Test
    void numbersParseAndMissingOptionsTakeTheirDefaults() {
        Args args = new Args(new String[] {"coordinate", "--request-warmup", "2.5", "--subscribers", "10"}, 1);

        assertThat(args.decimal("request-warmup", 0)).isEqualTo(2.5);
        assertThat(args.integer("subscribers", 100)).isEqualTo(10);
        assertThat(args.decimal("duration", 10)).isEqualTo(10);
    }

    @Test
    void aValueThatIsNotANumberIsRejectedNamingTheOption() {
        Args args = new Args(new String[] {"--request-warmup", "five", "--subscribers", "1.5"}, 0);

        assertThatThrownBy(() -> args.decimal("request-warmup", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--request-warmup must be a number, got: \"five\"");
        assertThatThrownBy(() -> args.integer("subscribers", 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--subscribers must be a whole number, got: \"1.5\"");
    }

    @Test
    void emptyPaddedControlCharacterAndSpecialFloatingPointValuesAreRejectedOnOneLine() {
        for (String bad : new String[] {"", " 5", "5\r\n", "5\0", "NaN", "Infinity", "0x10", "1e9", "5d", "٥"}) {
            Args args = new Args(new String[] {"--request-warmup", bad, "--subscribers", bad}, 0);
            assertThatThrownBy(() -> args.decimal("request-warmup", 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--request-warmup must be a number")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n", "\0"));
            assertThatThrownBy(() -> args.integer("subscribers", 100))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--subscribers must be a whole number");
        }
        assertThatThrownBy(() -> new Args(new String[] {"--subscribers", "9999999999"}, 0).integer("subscribers", 1))
                .hasMessage("--subscribers is too large: 9999999999");
    }
}
