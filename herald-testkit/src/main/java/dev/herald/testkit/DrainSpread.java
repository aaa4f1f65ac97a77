package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

/** What "closed evenly over the window" means, for the drain tests of either protocol. */
final class DrainSpread {
    private DrainSpread() {}

    /** @param endedMillis when each stream ended, from the start of the drain, sorted */
    static void assertEven(List<Long> endedMillis, Duration window, Duration slack) {
        int streams = endedMillis.size();
        long windowMillis = window.toMillis();
        assertThat(endedMillis.stream().filter(t -> t < windowMillis / 10).count())
                .as("streams ended in the first tenth of the window (evenly: %d)", streams / 10)
                .isLessThanOrEqualTo(streams / 4);
        assertThat(endedMillis.get(streams - 1)).as("the last one ends late in the window")
                .isGreaterThanOrEqualTo(windowMillis * 6 / 10);
        assertThat(endedMillis.get(streams / 2)).as("the median")
                .isBetween(windowMillis / 4, windowMillis * 3 / 4 + slack.toMillis());
    }
}
