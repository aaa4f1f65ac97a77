package dev.herald.testkit;

import java.time.Duration;
import java.util.List;

/** What "closed evenly over the window" means, for every drain test (HTTP/1.1, HTTP/2, the servlet). */
public final class DrainSpread {
    private DrainSpread() {}

    /**
     * @param endedMillis when each stream ended, from the start of the drain, sorted
     * @throws AssertionError naming the figure that is off
     */
    public static void assertEven(List<Long> endedMillis, Duration window, Duration slack) {
        int streams = endedMillis.size();
        long windowMillis = window.toMillis();
        long early = endedMillis.stream().filter(t -> t < windowMillis / 10).count();
        check(early <= streams / 4, "streams ended in the first tenth of the window: " + early + " (evenly: "
                + streams / 10 + ", at most " + streams / 4 + ")", endedMillis);
        long last = endedMillis.get(streams - 1);
        check(last >= windowMillis * 6 / 10, "the last one ends late in the window: at " + last + " ms", endedMillis);
        long median = endedMillis.get(streams / 2);
        check(median >= windowMillis / 4 && median <= windowMillis * 3 / 4 + slack.toMillis(),
                "the median at " + median + " ms, not near the middle of the window", endedMillis);
    }

    private static void check(boolean holds, String what, List<Long> endedMillis) {
        if (!holds) {
            throw new AssertionError(what + "; ended at " + endedMillis + " ms");
        }
    }
}
