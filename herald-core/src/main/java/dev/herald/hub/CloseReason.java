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
    /** The hub is shutting down. */
    HUB_CLOSED
}
