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
                .hasMessage("--request-warmup must be a number, got: five");
        assertThatThrownBy(() -> args.integer("subscribers", 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--subscribers must be a whole number, got: 1.5");
    }
}
