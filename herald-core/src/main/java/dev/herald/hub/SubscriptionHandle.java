package dev.herald.hub;

/** The network layer's hold on a subscription. Call both methods on the sink's lane. */
public interface SubscriptionHandle {

    /** The sink's buffer drained below its budget: history replay may go on. */
    void onWritable();

    /** The connection is gone: stop delivering and free the subscription. Idempotent. */
    void close();

    /**
     * The network layer ended the connection itself, for {@code reason} (a drain): as {@link #close()},
     * counted under that reason rather than as the client's doing.
     */
    void closedBy(CloseReason reason);
}
