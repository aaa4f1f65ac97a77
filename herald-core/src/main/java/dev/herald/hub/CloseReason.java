package dev.herald.hub;

/** Why the hub ended a subscription. */
public enum CloseReason {
    /** Its queued bytes passed the budget: it reconnects and resumes from history. */
    SLOW_SUBSCRIBER,
    /** Reading history failed. */
    HISTORY_UNAVAILABLE,
    /** Its token expired or the connection reached its maximum lifetime: it must reconnect (with a fresh token). */
    EXPIRED,
    /** Writing to it failed unexpectedly. */
    DELIVERY_FAILED,
    /**
     * This node's feed missed updates that had already left the shared history (it fell too far
     * behind): the subscriber reconnects, here or elsewhere, and resumes from history, being told
     * when the resume cannot be exact.
     */
    MISSED_UPDATES,
    /**
     * This node's presence lease lapsed and other nodes may have announced its subscriptions
     * inactive: the subscriber reconnects and is announced active anew.
     */
    LEASE_LOST,
    /**
     * The server is draining (it is shutting down gracefully): it ended the stream itself, spread
     * over the drain window, so that the client resumes, here or on another node.
     */
    DRAINED,
    /** The hub is shutting down. */
    HUB_CLOSED
}
