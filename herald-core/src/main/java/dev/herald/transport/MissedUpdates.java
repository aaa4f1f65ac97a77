package dev.herald.transport;

/**
 * Told by a transport whose feed skipped updates it could no longer read: they left the shared
 * history (trimmed, or lost by the store) before this node read them, so none of its subscribers
 * got them. The hub answers by ending its streams; their clients resume from history.
 */
@FunctionalInterface
public interface MissedUpdates {
    /** Sequences {@code first} to {@code last} (inclusive) were never delivered here. */
    void missed(long first, long last);
}
