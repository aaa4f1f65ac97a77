package dev.herald.hub;

/** Why the hub ended a subscription. */
public enum CloseReason {
    /** Its queued bytes passed the budget: it reconnects and resumes from history. */
    SLOW_SUBSCRIBER,
    /** Reading history failed. */
    HISTORY_UNAVAILABLE,
    /** The subscriber's token expired: it must reconnect with a fresh one. */
    TOKEN_EXPIRED,
    /** Writing to it failed unexpectedly. */
    DELIVERY_FAILED,
    /** The hub is shutting down. */
    HUB_CLOSED
}
