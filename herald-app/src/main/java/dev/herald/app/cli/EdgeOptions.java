package dev.herald.app.cli;

import dev.herald.server.LimitsConfig;
import dev.herald.server.PublishRate;
import java.time.Duration;
import picocli.CommandLine.Option;

/** What one client may claim, how much the kernel may hold for a connection, and how a SIGTERM stops the hub. */
final class EdgeOptions {

    @Option(names = "--socket-send-buffer", defaultValue = "${env:HERALD_SOCKET_SEND_BUFFER:-0}",
            converter = SizeConverter.class,
            description = "SO_SNDBUF of every connection: with --subscriber-buffer it bounds what a subscriber "
                    + "that stops reading pins (Linux reserves twice this); 0 leaves the kernel's autotuning, up to "
                    + "4 MiB a connection (env HERALD_SOCKET_SEND_BUFFER, default ${DEFAULT-VALUE}).")
    int socketSendBuffer;

    @Option(names = "--max-connections-per-ip", defaultValue = "${env:HERALD_MAX_CONNECTIONS_PER_IP:-0}",
            description = "Concurrent connections from one client address (IPv6: one /64); more get 429. Behind a "
                    + "proxy every client has the proxy's address: leave it 0 (no limit) there "
                    + "(env HERALD_MAX_CONNECTIONS_PER_IP, default ${DEFAULT-VALUE}).")
    int maxConnectionsPerIp;

    @Option(names = "--max-subscriptions-per-subject", defaultValue = "${env:HERALD_MAX_SUBSCRIPTIONS_PER_SUBJECT:-0}",
            description = "Concurrent subscriptions with tokens of one subject (iss and sub; a token without sub "
                    + "counts as itself); more get 429; 0 for no limit (env HERALD_MAX_SUBSCRIPTIONS_PER_SUBJECT, "
                    + "default ${DEFAULT-VALUE}).")
    int maxSubscriptionsPerSubject;

    @Option(names = "--publish-rate", defaultValue = "${env:HERALD_PUBLISH_RATE}",
            description = "Updates one token subject may publish, e.g. 100/s, 600/m or 5000/h (a burst of that many, "
                    + "then evenly); more get 429 with Retry-After (env HERALD_PUBLISH_RATE, default no limit).")
    String publishRate;

    @Option(names = "--drain-timeout", defaultValue = "${env:HERALD_DRAIN_TIMEOUT:-30s}",
            description = "On SIGTERM, stop accepting connections, answer 503 to new requests and close the open "
                    + "streams evenly over this long, so that clients do not all reconnect at once; then exit 0. "
                    + "0 stops at once; a second SIGTERM too (env HERALD_DRAIN_TIMEOUT, default ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    /** @throws IllegalArgumentException naming a value the hub cannot use */
    LimitsConfig limits() {
        return LimitsConfig.defaults()
                .withSocketSendBufferBytes(socketSendBuffer)
                .withMaxConnectionsPerIp(maxConnectionsPerIp)
                .withMaxSubscriptionsPerSubject(maxSubscriptionsPerSubject)
                .withPublishRate(publishRate == null || publishRate.isBlank() ? null : PublishRate.parse(publishRate));
    }

    Duration drainTimeout() {
        return drainTimeout;
    }
}
