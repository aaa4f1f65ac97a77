package dev.herald.server;

/**
 * What one client may claim at the edge. Set on {@link ServerConfig#withLimits}.
 *
 * @param socketSendBufferBytes SO_SNDBUF of every accepted connection, or 0 to leave the kernel's
 *     autotuning (up to 4 MiB a connection with Linux defaults). Linux reserves twice the value
 *     for data plus bookkeeping and stops autotuning that connection. With the subscriber budget
 *     it bounds what a stalled subscriber pins: at most the budget in the hub plus this (doubled)
 *     in the kernel.
 * @param maxConnectionsPerIp concurrent connections from one client address (an IPv6 client: its
 *     /64), past which a connection is answered 429; 0 for no limit. Behind a proxy every client
 *     has the proxy's address
 * @param maxSubscriptionsPerSubject concurrent subscriptions presenting tokens of one subject
 *     ({@code iss} and {@code sub}; a token without {@code sub}: that token), past which a
 *     subscribe is answered 429; 0 for no limit. Anonymous subscribers have no subject
 * @param publishRate updates one token subject may publish, or null for no limit
 */
public record LimitsConfig(int socketSendBufferBytes, int maxConnectionsPerIp, int maxSubscriptionsPerSubject,
        PublishRate publishRate) {

    /**
     * 0: the kernel's autotuning, which absorbs bursts (up to 4 MiB a connection). A cap bounds what
     * a stalled subscriber pins, but a healthy reader of a bursty stream then falls behind by its
     * budget sooner: in the storm benchmark, watchers of every subscription event were cut off with
     * 128 KiB. Opt in on hubs that face untrusted clients (docs/configuration.md).
     */
    public static final int DEFAULT_SOCKET_SEND_BUFFER = 0;
    /** The smallest send buffer accepted: below it Linux rounds up anyway. */
    public static final int MIN_SOCKET_SEND_BUFFER = 4096;

    public LimitsConfig {
        check(socketSendBufferBytes == 0 || socketSendBufferBytes >= MIN_SOCKET_SEND_BUFFER,
                "socket send buffer must be 0 (kernel autotuning) or at least " + MIN_SOCKET_SEND_BUFFER
                        + " bytes: " + socketSendBufferBytes);
        check(socketSendBufferBytes <= Integer.MAX_VALUE / 2, "socket send buffer too large: " + socketSendBufferBytes);
        check(maxConnectionsPerIp >= 0, "max connections per IP must be 0 (no limit) or positive: " + maxConnectionsPerIp);
        check(maxSubscriptionsPerSubject >= 0,
                "max subscriptions per subject must be 0 (no limit) or positive: " + maxSubscriptionsPerSubject);
    }

    /** The kernel's own send buffers; no per-client limits. */
    public static LimitsConfig defaults() {
        return new LimitsConfig(DEFAULT_SOCKET_SEND_BUFFER, 0, 0, null);
    }

    public LimitsConfig withSocketSendBufferBytes(int v) {
        return new LimitsConfig(v, maxConnectionsPerIp, maxSubscriptionsPerSubject, publishRate);
    }

    public LimitsConfig withMaxConnectionsPerIp(int v) {
        return new LimitsConfig(socketSendBufferBytes, v, maxSubscriptionsPerSubject, publishRate);
    }

    public LimitsConfig withMaxSubscriptionsPerSubject(int v) {
        return new LimitsConfig(socketSendBufferBytes, maxConnectionsPerIp, v, publishRate);
    }

    /** @param v a rate, or null for none */
    public LimitsConfig withPublishRate(PublishRate v) {
        return new LimitsConfig(socketSendBufferBytes, maxConnectionsPerIp, maxSubscriptionsPerSubject, v);
    }

    private static void check(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }
}
