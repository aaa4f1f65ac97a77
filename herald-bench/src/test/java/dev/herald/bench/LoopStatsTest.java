package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopStatsTest {
    private static final long UNKNOWN = Long.MAX_VALUE;
    private final LoopStats stats = new LoopStats();

    @Test
    void beforeTheWindowIsKnownNothingIsMeasured() {
        stats.delivered(1_000, 1_300, UNKNOWN, UNKNOWN);

        assertThat(stats.measuredDeliveries()).isZero();
        assertThat(stats.measuredLatency().getTotalCount()).isZero();
        assertThat(stats.windowDeliveries()).isZero();
        assertThat(stats.deliveriesBeforeWindow()).isEqualTo(1);
    }

    @Test
    void measuresDeliveriesPublishedFromTheWindowStartOn() {
        long from = 10_000, to = 20_000;
        stats.delivered(9_999, 10_500, from, to);  // published just before: read in the window only
        stats.delivered(10_000, 10_250, from, to); // published at the start
        stats.delivered(19_999, 20_400, from, to); // published at the end, read after it

        assertThat(stats.measuredDeliveries()).isEqualTo(2);
        assertThat(stats.measuredLatency().getTotalCount()).isEqualTo(2);
        assertThat(stats.measuredLatency().getMaxValue()).isBetween(400L, 401L);
        assertThat(stats.measuredLatency().getMinValue()).isEqualTo(250);
        assertThat(stats.deliveriesBeforeWindow()).isEqualTo(1);
        assertThat(stats.windowDeliveries()).isEqualTo(2);
    }

    @Test
    void aReadStampedBeforeTheSendCountsAsZeroLatency() {
        stats.delivered(10_100, 10_090, 10_000, 20_000);

        assertThat(stats.measuredLatency().getMaxValue()).isZero();
    }

    @Test
    void windowBoundsAreArithmeticComparisons() {
        assertThat(LoopStats.atOrAfter(5, 5)).isEqualTo(1);
        assertThat(LoopStats.atOrAfter(4, 5)).isZero();
        assertThat(LoopStats.atOrAfter(0, UNKNOWN)).isZero();
        assertThat(LoopStats.atOrAfter(UNKNOWN - 1, UNKNOWN)).isZero();
        assertThat(LoopStats.before(4, 5)).isEqualTo(1);
        assertThat(LoopStats.before(5, 5)).isZero();
        assertThat(LoopStats.before(1_795_000_000_000_000L, UNKNOWN)).isEqualTo(1);
    }
}
