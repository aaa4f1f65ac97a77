package dev.herald.server.presence;

import dev.herald.event.Update;
import dev.herald.hub.Hub;
import dev.herald.presence.ActiveSubscription;
import dev.herald.presence.SubscriptionRegistry;
import dev.herald.presence.SubscriptionTopics;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the subscription registry and announces each change as subscription events: private
 * updates the hub publishes through its transport like any other, so they are stored, resumable
 * with {@code last_event_id}, and carried to every node by a shared transport. Each change is
 * announced in both protocols' forms; {@link SubscriptionTopics#formFits} gives a subscriber the
 * one it reads.
 */
public final class PresenceTracker {
    private static final Logger log = LoggerFactory.getLogger(PresenceTracker.class);

    private final Hub hub;
    private final SubscriptionRegistry registry;

    public PresenceTracker(Hub hub, SubscriptionRegistry registry) {
        this.hub = hub;
        this.registry = registry;
    }

    public SubscriptionRegistry registry() {
        return registry;
    }

    /**
     * Registers a connection's subscriptions and announces them active. Call {@link
     * Presence#end()} when the connection closes, however it closes: it announces them inactive
     * once, and later calls do nothing.
     */
    public Presence begin(List<ActiveSubscription> subscriptions) {
        for (ActiveSubscription s : subscriptions) {
            registry.add(s);
            announce(s, true);
        }
        return new Presence(subscriptions);
    }

    private void announce(ActiveSubscription s, boolean active) {
        publish(Update.builder().topic(s.topic()).type(SubscriptionTopics.EVENT_TYPE).privateUpdate(true)
                .data(SubscriptionDocuments.subscription(s, active)).build());
        publish(Update.builder().topic(s.legacyTopic()).privateUpdate(true)
                .data(SubscriptionDocuments.legacySubscription(s, active, null)).build());
    }

    private void publish(Update update) {
        try {
            hub.publish(update).whenComplete((stored, failure) -> {
                if (failure != null) {
                    log.warn("Could not publish subscription event {}: {}", update.topic(), failure.toString());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not publish subscription event {}: {}", update.topic(), e.toString());
        }
    }

    /** One connection's subscriptions while it is open. */
    public final class Presence {
        private final List<ActiveSubscription> subscriptions;
        private final AtomicBoolean ended = new AtomicBoolean();

        private Presence(List<ActiveSubscription> subscriptions) {
            this.subscriptions = List.copyOf(subscriptions);
        }

        public void end() {
            if (ended.compareAndSet(false, true)) {
                for (ActiveSubscription s : subscriptions) {
                    registry.remove(s);
                    announce(s, false);
                }
            }
        }
    }
}
