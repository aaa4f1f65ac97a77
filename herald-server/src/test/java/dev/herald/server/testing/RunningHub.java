package dev.herald.server.testing;

import dev.herald.server.HeraldServer;
import dev.herald.server.ServerConfig;
import dev.herald.server.auth.AuthConfig;
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

    /**
     * Loopback, ephemeral port, two event loops, dev-mode authorization (anyone publishes, anonymous
     * subscribers), otherwise the product defaults. Security tests configure keys themselves.
     */
    public static ServerConfig defaults() {
        return ServerConfig.defaults().withBind("127.0.0.1").withPort(0).withIoThreads(2)
                .withHeartbeat(Duration.ofSeconds(15)).withAuth(AuthConfig.devMode());
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
