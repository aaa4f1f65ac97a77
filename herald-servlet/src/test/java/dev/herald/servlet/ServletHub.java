package dev.herald.servlet;

import dev.herald.event.Update;
import dev.herald.hub.Hub;
import dev.herald.hub.HubConfig;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.VerifierConfig;
import dev.herald.testkit.TestTokens;
import dev.herald.transport.InMemoryTransport;
import java.time.Duration;

/** A hub served by {@link HeraldServlet} in a real container; publishers and subscribers sign with {@link #SECRET}. */
final class ServletHub implements AutoCloseable {
    static final String SECRET = TestTokens.secret();

    final Hub hub;
    final HeraldServlet servlet;
    final ServletContainer container;

    private ServletHub(Hub hub, HeraldServlet servlet, ServletContainer container) {
        this.hub = hub;
        this.servlet = servlet;
        this.container = container;
    }

    /** Tokens required to publish; anonymous subscribers get public updates. */
    static HeraldServletConfig config() {
        return HeraldServletConfig.defaults().withStreamThreads(2).withAuth(AuthConfig.locked()
                .withPublisher(VerifierConfig.key(SECRET, "HS256"))
                .withSubscriber(VerifierConfig.key(SECRET, "HS256"))
                .withAnonymous(true));
    }

    static ServletHub start(ServletContainer.Kind kind, HeraldServletConfig config, Duration heartbeat)
            throws Exception {
        Hub hub = new Hub(new InMemoryTransport(10_000), HubConfig.defaults().withHeartbeat(heartbeat));
        HeraldServlet servlet = new HeraldServlet(hub, config);
        try {
            return new ServletHub(hub, servlet, kind.start(servlet));
        } catch (Exception e) {
            hub.close();
            throw e;
        }
    }

    int port() {
        return container.port();
    }

    String publish(String topic, String data) {
        return hub.publish(Update.builder().topic(topic).data(data).build()).toCompletableFuture().join()
                .update().id();
    }

    static String publisherToken() {
        return TestTokens.hs256(SECRET, TestTokens.publisher("*"));
    }

    static String subscriberToken(String... selectors) {
        return TestTokens.hs256(SECRET, TestTokens.subscriber(selectors));
    }

    private boolean containerStopped;

    /** Stops the container, which destroys the servlet; the hub stays open. */
    void stopContainer() throws Exception {
        if (!containerStopped) {
            containerStopped = true;
            container.close();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stopContainer();
        } finally {
            hub.close();
        }
    }
}
