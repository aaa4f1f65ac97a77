package dev.herald.server;

import dev.herald.server.auth.AuthConfig;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the standalone HTTP hub. Start from {@link #defaults()} and change what you need
 * with the {@code with…} methods; the constructor checks every value.
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
 * @param auth who may publish and subscribe
 * @param corsOrigins origins allowed by CORS; {@code *} allows any origin without credentials
 * @param maxConnections concurrent connections; more are refused with 503
 * @param maxHeaderBytes largest request head (431 above)
 * @param requestTimeout time allowed for a request to arrive completely (slowloris guard) and
 *     for an idle keep-alive connection to send its next one
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
        int ioThreads,
        AuthConfig auth,
        List<String> corsOrigins,
        int maxConnections,
        int maxHeaderBytes,
        Duration requestTimeout) {

    public ServerConfig {
        corsOrigins = List.copyOf(corsOrigins);
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("bind address must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        requirePositive(heartbeat, "heartbeat");
        requirePositive(requestTimeout, "request timeout");
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
        if (auth == null) {
            throw new IllegalArgumentException("auth must be set (AuthConfig.locked() for the secure default)");
        }
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("max connections must be positive: " + maxConnections);
        }
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("max header size must be at least 1024 bytes: " + maxHeaderBytes);
        }
        for (String origin : corsOrigins) {
            if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("CORS origin must be * or scheme://host[:port]: " + origin);
            }
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    /** Secure defaults: tokens required, no CORS origins. */
    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", 8080, Duration.ofSeconds(15), 10_000, 512 * 1024, 100,
                1024 * 1024, false, 0, AuthConfig.locked(), List.of(), 19_000, 16 * 1024, Duration.ofSeconds(15));
    }

    public ServerConfig withPort(int v) {
        return new ServerConfig(bind, v, heartbeat, historySize, subscriberBufferBytes, maxTopicsPerRequest,
                maxBodyBytes, demo, ioThreads, auth, corsOrigins, maxConnections, maxHeaderBytes, requestTimeout);
    }

    public ServerConfig withBind(String v) {
        return new ServerConfig(v, port, heartbeat, historySize, subscriberBufferBytes, maxTopicsPerRequest,
                maxBodyBytes, demo, ioThreads, auth, corsOrigins, maxConnections, maxHeaderBytes, requestTimeout);
    }

    public ServerConfig withHeartbeat(Duration v) {
        return new ServerConfig(bind, port, v, historySize, subscriberBufferBytes, maxTopicsPerRequest,
                maxBodyBytes, demo, ioThreads, auth, corsOrigins, maxConnections, maxHeaderBytes, requestTimeout);
    }

    public ServerConfig withHistorySize(int v) {
        return new ServerConfig(bind, port, heartbeat, v, subscriberBufferBytes, maxTopicsPerRequest,
                maxBodyBytes, demo, ioThreads, auth, corsOrigins, maxConnections, maxHeaderBytes, requestTimeout);
    }

    public ServerConfig withSubscriberBufferBytes(int v) {
        return new ServerConfig(bind, port, heartbeat, historySize, v, maxTopicsPerRequest,
                maxBodyBytes, demo, ioThreads, auth, corsOrigins, maxConnections, maxHeaderBytes, requestTimeout);
    }

    public ServerConfig withMaxTopicsPerRequest(int v) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes, v,
                maxBodyBytes, demo, ioThreads, auth, corsOrigins, maxConnections, maxHeaderBytes, requestTimeout);
    }

    public ServerConfig withMaxBodyBytes(int v) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes, maxTopicsPerRequest,
                v, demo, ioThreads, auth, corsOrigins, maxConnections, maxHeaderBytes, requestTimeout);
    }

    public ServerConfig withDemo(boolean v) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes, maxTopicsPerRequest,
                maxBodyBytes, v, ioThreads, auth, corsOrigins, maxConnections, maxHeaderBytes, requestTimeout);
    }

    public ServerConfig withIoThreads(int v) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes, maxTopicsPerRequest,
                maxBodyBytes, demo, v, auth, corsOrigins, maxConnections, maxHeaderBytes, requestTimeout);
    }

    public ServerConfig withAuth(AuthConfig v) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes, maxTopicsPerRequest,
                maxBodyBytes, demo, ioThreads, v, corsOrigins, maxConnections, maxHeaderBytes, requestTimeout);
    }

    public ServerConfig withCorsOrigins(List<String> v) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes, maxTopicsPerRequest,
                maxBodyBytes, demo, ioThreads, auth, v, maxConnections, maxHeaderBytes, requestTimeout);
    }

    public ServerConfig withMaxConnections(int v) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes, maxTopicsPerRequest,
                maxBodyBytes, demo, ioThreads, auth, corsOrigins, v, maxHeaderBytes, requestTimeout);
    }

    public ServerConfig withMaxHeaderBytes(int v) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes, maxTopicsPerRequest,
                maxBodyBytes, demo, ioThreads, auth, corsOrigins, maxConnections, v, requestTimeout);
    }

    public ServerConfig withRequestTimeout(Duration v) {
        return new ServerConfig(bind, port, heartbeat, historySize, subscriberBufferBytes, maxTopicsPerRequest,
                maxBodyBytes, demo, ioThreads, auth, corsOrigins, maxConnections, maxHeaderBytes, v);
    }
}
