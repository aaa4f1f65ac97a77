package dev.herald.hub;

/**
 * Receives the hub's timings, for metrics. The hub calls it from its own threads (publishers,
 * the transport's, event loops), once per publish and once per fan-out pass, never per delivery:
 * an implementation must be thread-safe and must not block.
 */
public interface HubObserver {
    /** Observes nothing; the hub then reads no clock for it. */
    HubObserver NONE = new HubObserver() {};

    /**
     * The transport answered a publish.
     *
     * @param nanos from {@link Hub#publish} to the transport's answer (stored, durably if it is durable)
     * @param failure why it was refused, or null when it was stored
     */
    default void publishAnswered(long nanos, Throwable failure) {}

    /**
     * An event loop wrote a batch of updates to its subscribers.
     *
     * @param queuedNanos how long the pass waited for its event loop after it was scheduled
     * @param writingNanos how long matching and writing the batch took
     * @param updates updates in the batch
     */
    default void fanOutPass(long queuedNanos, long writingNanos, int updates) {}
}
