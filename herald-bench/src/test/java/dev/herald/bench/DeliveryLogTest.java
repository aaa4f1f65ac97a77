package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class DeliveryLogTest {

    @Test
    void aPhaseTakesTheDeliveriesPublishedInsideItWhenEverTheyArrived() {
        DeliveryLog log = new DeliveryLog();
        log.add(999, 5);
        log.add(1_000, 7_000); // published at the start of the phase, read long after its end
        log.add(1_500, 300);
        log.add(2_000, 1); // published at its end: belongs to the next phase

        Histogram phase = new Histogram(60_000_000L, 3);
        log.addPublishedBetween(1_000, 2_000, phase);

        assertThat(phase.getTotalCount()).isEqualTo(2);
        assertThat(phase.getMinValue()).isEqualTo(300);
        assertThat(phase.getMaxValue()).isBetween(6_995L, 7_005L);
    }

    @Test
    void growsPastItsFirstCapacityAndLatenciesBeyondTheHistogramAreCappedNotLost() {
        DeliveryLog log = new DeliveryLog();
        for (int i = 0; i < 10_000; i++) {
            log.add(i, 10);
        }
        log.add(10_000, 120_000_000L);

        Histogram all = new Histogram(60_000_000L, 3);
        log.addPublishedBetween(0, Long.MAX_VALUE, all);

        assertThat(log.size()).isEqualTo(10_001);
        assertThat(all.getTotalCount()).isEqualTo(10_001);
        assertThat(all.getMaxValue()).isGreaterThanOrEqualTo(59_000_000L);
    }
}
