package dev.herald.bench;

import java.util.Locale;

/**
 * The GUIDE's scenarios. Each says how subscribers map to topics and the default publish rate;
 * the subscriber count and durations come from the command line so smoke runs stay small.
 */
enum Scenario {
    /** Connections only: server RSS per connection. */
    IDLE(0),
    /** Every subscriber on one topic, a low rate: latency and CPU per delivery. */
    FANOUT(10),
    /** Every subscriber on one topic, a high offered rate: achieved deliveries per second. */
    BURST(1000),
    /** Each subscriber on its own topic; updates go to random users. */
    PERUSER(2000),
    /**
     * Acknowledged publishes per second: {@link #DURABLE_PUBLISHERS} publishers, each on its own
     * topic with one request in flight, publishing as fast as the server answers (rate 0).
     */
    DURABLE(0),
    /**
     * Bursts of connections, each subscriber on a topic of its own, while watchers take the
     * default rate on one other topic ({@link StormCoordinator}); the subscriber count is the
     * burst's size.
     */
    STORM(10);

    static final int DURABLE_PUBLISHERS = 16;

    final double defaultRate;

    Scenario(double defaultRate) {
        this.defaultRate = defaultRate;
    }

    static Scenario parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace("-", ""));
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How many distinct topics {@code subscribers} subscribers use. */
    int topicCount(int subscribers) {
        return switch (this) {
            case PERUSER -> subscribers;
            case DURABLE -> DURABLE_PUBLISHERS;
            default -> 1;
        };
    }

    /** The topic index of subscriber {@code index} (0-based, global across shards). */
    int topicOf(int index) {
        return switch (this) {
            case PERUSER -> index;
            case DURABLE -> index % DURABLE_PUBLISHERS;
            default -> 0;
        };
    }

    static String topicName(String runId, int topicIndex) {
        return "bench-" + runId + "-t" + topicIndex;
    }
}
