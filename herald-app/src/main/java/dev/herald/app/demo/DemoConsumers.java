package dev.herald.app.demo;

import dev.herald.hub.Hub;
import dev.herald.server.HttpRoute;
import dev.herald.server.ServerConfig;

/**
 * {@code GET }{@value #PATH}: how many consumers are connected, for the demo page. Only the count:
 * {@code /stats}, which names every topic, needs the admin token outside dev mode.
 */
public final class DemoConsumers {
    public static final String PATH = "/demo/consumers";

    /** Set once the hub runs; the route is mounted before. */
    private volatile Hub hub;

    public ServerConfig mount(ServerConfig config) {
        return config.withRoute(PATH, HttpRoute.of("GET", request -> answer()));
    }

    public void attach(Hub running) {
        this.hub = running;
    }

    private HttpRoute.Response answer() {
        Hub h = hub;
        if (h == null) {
            return HttpRoute.Response.text(503, "starting");
        }
        return new HttpRoute.Response(200, "application/json",
                ("{\"subscribers\":" + h.metrics().subscribers() + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
