package dev.herald.bench;

import java.util.List;

/**
 * One half of a storm as the load clients saw it: opening the connections (until the last one's
 * response head arrived) or closing them. Wall-clock microseconds, so shards' legs merge.
 *
 * @param connections streams opened (opening) or closed (closing)
 * @param failed connections that never opened
 * @param cutOff opened streams the server ended while they were held (closing legs only)
 */
record StormLeg(long fromMicros, long toMicros, int connections, int failed, String firstFailure, long cutOff) {

    /** The shards' legs as one: from the first start to the last finish, counts summed. */
    static StormLeg merge(List<StormLeg> legs) {
        long from = Long.MAX_VALUE, to = Long.MIN_VALUE, cut = 0;
        int connections = 0, failed = 0;
        String firstFailure = null;
        for (StormLeg l : legs) {
            from = Math.min(from, l.fromMicros);
            to = Math.max(to, l.toMicros);
            connections += l.connections;
            failed += l.failed;
            cut += l.cutOff;
            firstFailure = firstFailure != null ? firstFailure : l.firstFailure;
        }
        return new StormLeg(from, to, connections, failed, firstFailure, cut);
    }

    double millis() {
        return (toMicros - fromMicros) / 1000.0;
    }
}
