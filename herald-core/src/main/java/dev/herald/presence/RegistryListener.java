package dev.herald.presence;

import java.util.List;

/** What a registry shared by a cluster tells the node it runs on (the node's presence tracker listens). */
public interface RegistryListener {
    /**
     * Subscriptions of a node whose lease lapsed (it crashed, was killed, or lost Redis), which this
     * node took off the list: exactly one node hears of each, and announces it inactive.
     */
    void orphaned(List<ActiveSubscription> subscriptions);

    /**
     * This node's own lease had lapsed, so other nodes may have taken its subscriptions off the
     * list and announced them inactive while its connections stayed open: the node ends its
     * streams, whose clients reconnect and are announced anew.
     */
    void leaseLost();
}
