package dev.herald.presence;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The active subscriptions the subscriptions API lists. This is the seam for a cluster: the hub
 * announces changes as ordinary updates through its transport, so a transport shared by several
 * nodes already carries the events everywhere; what one node cannot know alone is the list. A
 * cluster registry implements this interface over shared state (each node's subscriptions under a
 * lease it renews, so that a node that dies takes its entries with it and a survivor announces
 * them inactive, see {@link RegistryListener}), and the API reads it unchanged.
 *
 * <p>Whoever removes an entry announces it inactive: the node that held it ({@link #remove}
 * completes true) or the survivor that took it over ({@link RegistryListener#orphaned}), never
 * both, so each subscription gets one inactive event.
 *
 * <p>Implementations are safe for concurrent use: connections open and close on every event loop.
 * {@link #add} and {@link #remove} never block; the synchronous reads may block on a cluster
 * registry (one that says so with {@link #blockingReads()}), whose callers on event loops use the
 * asynchronous forms.
 */
public interface SubscriptionRegistry extends AutoCloseable {
    /**
     * Registers a subscription; completes true once it is listed (its active event may then go
     * out), false if it could not be (the registry closed first). Never fails.
     */
    CompletionStage<Boolean> add(ActiveSubscription subscription);

    /**
     * Unregisters a subscription; completes true when this call removed it (its caller announces
     * it inactive), false when it was no longer listed (another node took it over and announced
     * it, or it was never added). Never fails. Calls for one subscription take effect in order.
     */
    CompletionStage<Boolean> remove(ActiveSubscription subscription);

    Optional<ActiveSubscription> find(String matchType, String match, String subscriber);

    /**
     * Up to {@code limit} subscriptions of {@code scope} whose id sorts after {@code after} (null:
     * from the first), in id order: a cursor that stays valid while subscriptions come and go.
     */
    SubscriptionPage page(SubscriptionScope scope, String after, int limit);

    /** How many subscriptions {@code scope} holds; constant time, for "N viewers" displays. */
    int count(SubscriptionScope scope);

    /** {@link #find} without blocking the caller; may complete exceptionally if shared state is unreachable. */
    default CompletionStage<Optional<ActiveSubscription>> findAsync(String matchType, String match, String subscriber) {
        try {
            return CompletableFuture.completedFuture(find(matchType, match, subscriber));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** {@link #page} without blocking the caller; may complete exceptionally if shared state is unreachable. */
    default CompletionStage<SubscriptionPage> pageAsync(SubscriptionScope scope, String after, int limit) {
        try {
            return CompletableFuture.completedFuture(page(scope, after, limit));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** True when the synchronous reads wait for I/O (a registry shared by a cluster). */
    default boolean blockingReads() {
        return false;
    }

    /** Sets who hears what a shared registry learns about other nodes; a local registry has nothing to tell. */
    default void listen(RegistryListener listener) {}

    /** Releases what the registry holds; a cluster registry gives up this node's place in it. */
    @Override
    default void close() {}
}
