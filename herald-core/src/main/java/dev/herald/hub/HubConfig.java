package dev.herald.hub;

import java.time.Duration;

/**
 * Hub tuning.
 *
 * @param heartbeat interval after which an idle stream gets a comment line
 * @param replayPageSize updates read from history per step of a replay
 * @param maxPendingDuringReplay live updates held for a subscriber while it replays history;
 *     past this they are dropped and read from history instead
 */
public record HubConfig(Duration heartbeat, int replayPageSize, int maxPendingDuringReplay) {

    public HubConfig {
        if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive: " + heartbeat);
        }
        if (replayPageSize <= 0) {
            throw new IllegalArgumentException("replayPageSize must be positive: " + replayPageSize);
        }
        if (maxPendingDuringReplay <= 0) {
            throw new IllegalArgumentException(
                    "maxPendingDuringReplay must be positive: " + maxPendingDuringReplay);
        }
    }

    public static HubConfig defaults() {
        return new HubConfig(Duration.ofSeconds(15), 256, 4096);
    }

    public HubConfig withHeartbeat(Duration heartbeat) {
        return new HubConfig(heartbeat, replayPageSize, maxPendingDuringReplay);
    }
}
