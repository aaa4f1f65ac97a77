package dev.herald.server.testing;

import dev.herald.hub.Hub;
import dev.herald.hub.HubConfig;
import dev.herald.presence.SubscriptionRegistry;
import dev.herald.server.HeraldServer;
import dev.herald.testkit.HubClient;
import dev.herald.server.ServerConfig;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.transport.InMemoryTransport;
import java.time.Duration;

/** A hub on an ephemeral loopback port, for integration tests. */
public final class RunningHub implements AutoCloseable {
    private final HeraldServer server;
    private final HubClient client;

    private RunningHub(HeraldServer server) {
        this.server = server;
        this.client = new HubClient(server.port());
    }

    public static RunningHub start() throws InterruptedException {
        return start(defaults());
    }

    public static RunningHub start(ServerConfig config) throws InterruptedException {
        return new RunningHub(HeraldServer.start(config));
    }

    /** Serves {@code hub} (closed with this) with the test defaults. */
    public static RunningHub start(Hub hub) throws InterruptedException {
        return new RunningHub(HeraldServer.start(defaults(), hub));
    }

    /** Serves {@code hub} with {@code config}, its active subscriptions in {@code registry} (a shared one, say). */
    public static RunningHub start(ServerConfig config, Hub hub, SubscriptionRegistry registry)
            throws InterruptedException {
        return new RunningHub(HeraldServer.start(config, hub, registry));
    }

    /** Serves a hub with {@code hubConfig} (in-memory history) with {@code config}. */
    public static RunningHub start(ServerConfig config, HubConfig hubConfig) throws InterruptedException {
        return new RunningHub(HeraldServer.start(config,
                new Hub(new InMemoryTransport(HeraldServer.DEFAULT_HISTORY_SIZE), hubConfig)));
    }

    /** A hub keeping {@code historySize} updates, heartbeats every {@code heartbeat}. */
    public static RunningHub start(int historySize, Duration heartbeat) throws InterruptedException {
        return start(new Hub(new InMemoryTransport(historySize), HubConfig.defaults().withHeartbeat(heartbeat)));
    }

    /**
     * Loopback, ephemeral port, two event loops, dev-mode authorization (anyone publishes, anonymous
     * subscribers), otherwise the product defaults. Security tests configure keys themselves.
     */
    public static ServerConfig defaults() {
        return ServerConfig.defaults().withBind("127.0.0.1").withPort(0).withIoThreads(2)
                .withAuth(AuthConfig.devMode());
    }

    public int port() {
        return server.port();
    }

    public HeraldServer server() {
        return server;
    }

    public HubClient client() {
        return client;
    }

    @Override
    public void close() {
        server.close();
    }
}
