package dev.herald.transport.redis;

import java.time.Duration;

/**
 * How a node holds its place in the cluster's list of active subscriptions: every {@code
 * interval} it renews its lease for {@code lease} and looks for nodes whose lease lapsed. A node
 * that dies (crash, {@code kill -9}, cut off from Redis) has its subscriptions announced inactive
 * by a survivor within {@code lease + interval} of its last renewal.
 *
 * @param lease how long a node's entries outlive its last renewal
 * @param interval how often each node renews and checks; well under the lease, so that a few slow
 *     renewals in a row do not make a live node look dead
 */
public record PresenceLease(Duration lease, Duration interval) {
    public PresenceLease {
        if (lease == null || interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the presence lease needs a positive interval: " + interval);
        }
        if (lease.compareTo(interval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the presence lease (" + lease + ") must be at least twice its renewal "
                    + "interval (" + interval + ")");
        }
    }

    /** A 10 s lease renewed every 2 s: a dead node's subscriptions end within 12 s. */
    public static PresenceLease defaults() {
        return new PresenceLease(Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    /** The longest a dead node's subscriptions stay listed after its last renewal. */
    public Duration bound() {
        return lease.plus(interval);
    }
}
