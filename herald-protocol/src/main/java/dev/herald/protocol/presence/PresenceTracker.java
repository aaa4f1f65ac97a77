package dev.herald.protocol.presence;

import dev.herald.event.Update;
import dev.herald.hub.CloseReason;
import dev.herald.hub.Hub;
import dev.herald.presence.ActiveSubscription;
import dev.herald.presence.RegistryListener;
import dev.herald.presence.SubscriptionRegistry;
import dev.herald.presence.SubscriptionTopics;
import dev.herald.transport.TransportClosedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the subscription registry and announces each change as subscription events: private
 * updates the hub publishes through its transport like any other, so they are stored, resumable
 * with {@code last_event_id}, and carried to every node by a shared transport. Each change is
 * announced in both protocols' forms; {@link SubscriptionTopics#formFits} gives a subscriber the
 * one it reads.
 *
 * <p>A change is announced once the registry made it, by whoever made it: a subscription is
 * announced active once listed, and inactive by the node whose removal took it off the list:
 * this one, or, for a node that died, the survivor the registry hands it to ({@link
 * RegistryListener#orphaned}).
 */
public final class PresenceTracker implements RegistryListener {
    private static final Logger log = LoggerFactory.getLogger(PresenceTracker.class);

    private final Hub hub;
    private final SubscriptionRegistry registry;
    private final Set<Presence> open = ConcurrentHashMap.newKeySet();
    private final LongAdder eventsPublished = new LongAdder();

    public PresenceTracker(Hub hub, SubscriptionRegistry registry) {
        this.hub = hub;
        this.registry = registry;
        registry.listen(this);
    }

    public SubscriptionRegistry registry() {
        return registry;
    }

    /** Subscription events the transport stored (each change is announced in both protocols' forms). */
    public long eventsPublished() {
        return eventsPublished.sum();
    }

    /**
     * Registers a connection's subscriptions and announces them active. Call {@link
     * Presence#end()} when the connection closes, however it closes: it announces them inactive
     * once, and later calls do nothing.
     */
    public Presence begin(List<ActiveSubscription> subscriptions) {
        Presence presence = new Presence(subscriptions);
        open.add(presence);
        for (ActiveSubscription s : subscriptions) {
            registry.add(s).thenAccept(added -> {
                if (added) {
                    announce(s, true);
                }
            });
        }
        return presence;
    }

    /** Another node's subscriptions, taken off the list by this one: announced inactive here. */
    @Override
    public void orphaned(List<ActiveSubscription> subscriptions) {
        for (ActiveSubscription s : subscriptions) {
            announce(s, false);
        }
    }

    /**
     * Other nodes may have announced this node's subscriptions inactive while their connections
     * stayed open: the streams end, their clients reconnect and are announced active anew. A
     * subscription already taken off the list is not announced inactive twice ({@link
     * SubscriptionRegistry#remove} tells).
     */
    @Override
    public void leaseLost() {
        hub.endSubscriptions(CloseReason.LEASE_LOST);
    }

    /**
     * Ends every open presence, for a hub shutting down: the inactive events are stored before the
     * transport closes, so clients resuming after a restart learn that those connections ended.
     *
     * @return completes when the transport has taken every event
     */
    public CompletableFuture<Void> endAll() {
        List<CompletableFuture<?>> announced = new ArrayList<>();
        for (Presence presence : open) {
            announced.addAll(presence.endAndCollect());
        }
        return CompletableFuture.allOf(announced.toArray(CompletableFuture[]::new));
    }

    private List<CompletableFuture<?>> announce(ActiveSubscription s, boolean active) {
        return List.of(
                publish(Update.builder().topic(s.topic()).type(SubscriptionTopics.EVENT_TYPE).privateUpdate(true)
                        .data(SubscriptionDocuments.subscription(s, active)).build()),
                publish(Update.builder().topic(s.legacyTopic()).privateUpdate(true)
                        .data(SubscriptionDocuments.legacySubscription(s, active, null)).build()));
    }

    /** Never fails: a lost event is logged (quietly while the hub shuts down), and presence goes on. */
    private CompletableFuture<?> publish(Update update) {
        try {
            return hub.publish(update).toCompletableFuture().handle((stored, failure) -> {
                if (failure != null) {
                    logLost(update, failure instanceof CompletionException ? failure.getCause() : failure);
                } else {
                    eventsPublished.increment();
                }
                return null;
            });
        } catch (RuntimeException e) {
            logLost(update, e);
            return CompletableFuture.completedFuture(null);
        }
    }

    private static void logLost(Update update, Throwable cause) {
        if (cause instanceof TransportClosedException) {
            log.debug("Hub closed; subscription event {} not published", update.topic());
        } else {
            log.warn("Could not publish subscription event {}: {}", update.topic(), String.valueOf(cause));
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
            endAndCollect();
        }

        private List<CompletableFuture<?>> endAndCollect() {
            if (!ended.compareAndSet(false, true)) {
                return List.of();
            }
            open.remove(this);
            List<CompletableFuture<?>> announced = new ArrayList<>(subscriptions.size());
            for (ActiveSubscription s : subscriptions) {
                announced.add(registry.remove(s).toCompletableFuture().thenCompose(removed -> removed
                        ? CompletableFuture.allOf(announce(s, false).toArray(CompletableFuture[]::new))
                        : CompletableFuture.completedFuture(null)));
            }
            return announced;
        }
    }
}
