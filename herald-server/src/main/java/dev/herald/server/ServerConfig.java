package dev.herald.server;

import java.time.Duration;

/**
 * Settings of the standalone HTTP hub.
 *
 * @param bind address to listen on
 * @param port TCP port; 0 picks a free one
 * @param heartbeat idle time after which a stream gets a comment line
 * @param historySize updates kept for resume
 * @param subscriberBufferBytes bytes a subscriber may have queued before it is cut off as slow
 * @param maxTopicsPerRequest topics (selectors) one subscribe or publish request may name
 * @param maxBodyBytes largest publish body accepted (413 above)
 * @param demo serve the demo page at {@code /}
 * @param ioThreads event-loop threads; 0 means one per core
 */
public record ServerConfig(
        String bind,
        int port,
        Duration heartbeat,
        int historySize,
        int subscriberBufferBytes,
        int maxTopicsPerRequest,
        int maxBodyBytes,
        boolean demo,
        int ioThreads) {

    public ServerConfig {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("bind address must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive: " + heartbeat);
        }
        if (historySize < 0) {
            throw new IllegalArgumentException("history size must not be negative: " + historySize);
        }
        if (subscriberBufferBytes < 1024) {
            throw new IllegalArgumentException(
                    "subscriber buffer must be at least 1024 bytes: " + subscriberBufferBytes);
        }
        if (maxTopicsPerRequest <= 0) {
            throw new IllegalArgumentException("max topics must be positive: " + maxTopicsPerRequest);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("max body size must be positive: " + maxBodyBytes);
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("io threads must not be negative: " + ioThreads);
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", 8080, Duration.ofSeconds(15), 10_000, 512 * 1024, 100,
                1024 * 1024, false, 0);
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes,
                maxTopicsPerRequest, maxBodyBytes, demo, ioThreads);
    }

    public ServerConfig withBind(String bind) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes,
                maxTopicsPerRequest, maxBodyBytes, demo, ioThreads);
    }

    public ServerConfig withHeartbeat(Duration heartbeat) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes,
                maxTopicsPerRequest, maxBodyBytes, demo, ioThreads);
    }

    public ServerConfig withHistorySize(int historySize) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes,
                maxTopicsPerRequest, maxBodyBytes, demo, ioThreads);
    }

    public ServerConfig withSubscriberBufferBytes(int bytes) {
        return new ServerConfig(bind, port, heartbeat, historySize, bytes,
                maxTopicsPerRequest, maxBodyBytes, demo, ioThreads);
    }

    public ServerConfig withMaxTopicsPerRequest(int max) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes,
                max, maxBodyBytes, demo, ioThreads);
    }

    public ServerConfig withMaxBodyBytes(int max) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes,
                maxTopicsPerRequest, max, demo, ioThreads);
    }

    public ServerConfig withDemo(boolean demo) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes,
                maxTopicsPerRequest, maxBodyBytes, demo, ioThreads);
    }

    public ServerConfig withIoThreads(int ioThreads) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes,
                maxTopicsPerRequest, maxBodyBytes, demo, ioThreads);
    }
}
