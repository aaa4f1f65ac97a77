package dev.herald.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RandomCasesTest {
    @Test
    void theSameNameGivesTheSameCasesEveryRun() {
        List<String> first = RandomCases.seeded("x").cases(50, List.of("edge"), r -> r.scalarValues(10)).toList();
        List<String> again = RandomCases.seeded("x").cases(50, List.of("edge"), r -> r.scalarValues(10)).toList();
        List<String> other = RandomCases.seeded("y").cases(50, List.of("edge"), r -> r.scalarValues(10)).toList();

        assertThat(first).hasSize(51).startsWith("edge").isEqualTo(again).isNotEqualTo(other);
    }

    @Test
    void betweenStaysInItsBoundsAndReachesThem() {
        RandomCases r = RandomCases.seeded("between");
        boolean sawMin = false;
        boolean sawMax = false;
        for (int i = 0; i < 1000; i++) {
            int v = r.between(3, 5);
            assertThat(v).isBetween(3, 5);
            sawMin |= v == 3;
            sawMax |= v == 5;
            assertThat(r.between(0, Integer.MAX_VALUE)).isNotNegative();
            assertThat(r.between(Integer.MIN_VALUE, Integer.MAX_VALUE)).isBetween(Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        assertThat(sawMin).isTrue();
        assertThat(sawMax).isTrue();
    }

    @Test
    void scalarValuesNeverHoldALoneSurrogateAndFromKeepsToItsAlphabet() {
        RandomCases r = RandomCases.seeded("text");
        for (int i = 0; i < 1000; i++) {
            String s = r.scalarValues(20);
            assertThat(s.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF)).isEmpty();
            assertThat(s.codePointCount(0, s.length())).isLessThanOrEqualTo(20);
            assertThat(r.from("ab€", 2, 4)).matches("[ab€]{2,4}");
        }
    }
}
