package dev.herald.hub;

import dev.herald.transport.TransportHealth;
import java.util.OptionalLong;

/**
 * The hub's figures as plain numbers, for a metrics library to read when it is scraped. Every
 * method answers from counters the hub keeps anyway (deliveries are summed per event loop, once
 * per fan-out pass), so reading is cheap and counting costs the fan-out nothing measurable.
 * Counters only grow; the others are gauges.
 */
public final class HubMetrics {
    private final Hub hub;

    HubMetrics(Hub hub) {
        this.hub = hub;
    }

    /** Updates the transport accepted since start, the hub's own (subscription events) included. */
    public long updatesPublished() {
        return hub.counters().publishedCount();
    }

    /** Publishes the transport refused (unavailable, overloaded, closed). */
    public long publishFailures() {
        return hub.counters().publishFailureCount();
    }

    /** Connected subscriptions (gauge). */
    public int subscribers() {
        return hub.counters().subscribers();
    }

    /**
     * Connected subscriptions made only of 0.x {@code topic} parameters (gauge): the clients a
     * hub still serves the legacy protocol for.
     */
    public int legacySubscribers() {
        return hub.counters().legacySubscribers();
    }

    /** Distinct topic selectors with at least one subscriber (gauge). */
    public int topicSelectors() {
        return hub.counters().selectors();
    }

    /** Subscriptions started since start. */
    public long subscriptionsStarted() {
        return hub.counters().startedCount();
    }

    /** Subscriptions the hub ended for {@code reason}. */
    public long subscriptionsEndedByHub(CloseReason reason) {
        return hub.counters().endedCount(reason);
    }

    /** Subscriptions whose client went away (its connection closed or broke). */
    public long subscriptionsEndedByClient() {
        return hub.counters().endedCount(null);
    }

    /** Events written to subscriber connections, live and replayed from history. */
    public long deliveries() {
        long sum = 0;
        for (Lane lane : hub.lanes()) {
            sum += lane.counters().deliveries();
        }
        return sum;
    }

    /** Bytes of those events (response heads and heartbeats not included). */
    public long deliveredBytes() {
        long sum = 0;
        for (Lane lane : hub.lanes()) {
            sum += lane.counters().bytes();
        }
        return sum;
    }

    /** Updates the transport retains for resume, when it knows without I/O (gauge). */
    public OptionalLong retainedUpdates() {
        return hub.transport().retainedUpdates();
    }

    /** Whether the hub can take updates: open, and its transport healthy. */
    public TransportHealth health() {
        return hub.health();
    }
}
