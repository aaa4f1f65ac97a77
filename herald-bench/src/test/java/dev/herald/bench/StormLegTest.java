package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StormLegTest {

    @Test
    void shardsLegsMergeFromTheFirstStartToTheLastFinishWithCountsSummed() {
        StormLeg merged = StormLeg.merge(List.of(
                new StormLeg(2_000, 9_000, 5000, 0, null, 0),
                new StormLeg(1_000, 12_500, 4998, 2, "connection refused", 1)));

        assertThat(merged).isEqualTo(new StormLeg(1_000, 12_500, 9998, 2, "connection refused", 1));
        assertThat(merged.millis()).isEqualTo(11.5);
    }
}
