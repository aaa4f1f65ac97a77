package dev.herald.hub;

/** Why the hub ended a subscription. */
public enum CloseReason {
    /** Its queued bytes passed the budget: it reconnects and resumes from history. */
    SLOW_SUBSCRIBER,
    /** Reading history failed. */
    HISTORY_UNAVAILABLE,
    /** The hub is shutting down. */
    HUB_CLOSED
}
