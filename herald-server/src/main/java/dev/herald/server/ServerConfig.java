package dev.herald.server;

import dev.herald.protocol.auth.AuthConfig;
import dev.herald.server.tls.TlsConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Settings of the HTTP layer. Start from {@link #defaults()} and change what you need with the
 * {@code with…} methods; each checks its value and returns a new instance. What belongs to the hub
 * (heartbeat: {@code HubConfig}) or to its transport (history size) is set there.
 */
public final class ServerConfig {
    /** System property that turns the direct send path off in {@link #defaults()}: {@code false}. */
    public static final String DIRECT_SEND_PROPERTY = "herald.directSend";

    private String bind = "0.0.0.0";
    private int port = 8080;
    private int subscriberBufferBytes = 512 * 1024;
    private int maxTopicsPerRequest = 100;
    private int maxMatcherLength = 2048;
    private int maxBodyBytes = 1024 * 1024;
    private String homePage;
    private int ioThreads;
    private AuthConfig auth = AuthConfig.locked();
    private List<String> corsOrigins = List.of();
    private int maxConnections = 19_000;
    private int maxHeaderBytes = 16 * 1024;
    private Duration requestTimeout = Duration.ofSeconds(15);
    private boolean directSend = true;
    private Duration maxConnectionLifetime;
    private boolean subscriptions;
    private Duration deadClientTimeout = Duration.ofSeconds(30);
    private Map<String, HttpRoute> routes = Map.of();
    private ObservabilityConfig observability = ObservabilityConfig.defaults();
    private LimitsConfig limits = LimitsConfig.defaults();
    private TlsConfig tls;
    private boolean h2c;

    private ServerConfig() {}

    /**
     * Secure defaults: tokens required, no CORS origins, port 8080 on every interface. The direct
     * send path is on unless the system property {@value #DIRECT_SEND_PROPERTY} is {@code false}.
     */
    public static ServerConfig defaults() {
        ServerConfig c = new ServerConfig();
        c.directSend = !"false".equalsIgnoreCase(System.getProperty(DIRECT_SEND_PROPERTY, "true").trim());
        return c;
    }

    private ServerConfig copy() {
        ServerConfig c = new ServerConfig();
        c.bind = bind;
        c.port = port;
        c.subscriberBufferBytes = subscriberBufferBytes;
        c.maxTopicsPerRequest = maxTopicsPerRequest;
        c.maxMatcherLength = maxMatcherLength;
        c.maxBodyBytes = maxBodyBytes;
        c.homePage = homePage;
        c.ioThreads = ioThreads;
        c.auth = auth;
        c.corsOrigins = corsOrigins;
        c.maxConnections = maxConnections;
        c.maxHeaderBytes = maxHeaderBytes;
        c.requestTimeout = requestTimeout;
        c.directSend = directSend;
        c.maxConnectionLifetime = maxConnectionLifetime;
        c.subscriptions = subscriptions;
        c.deadClientTimeout = deadClientTimeout;
        c.routes = routes;
        c.observability = observability;
        c.limits = limits;
        c.tls = tls;
        c.h2c = h2c;
        return c;
    }

    /** Address to listen on. */
    public String bind() {
        return bind;
    }

    /** TCP port; 0 picks a free one. */
    public int port() {
        return port;
    }

    /** Bytes a subscriber may have queued before it is cut off as slow. */
    public int subscriberBufferBytes() {
        return subscriberBufferBytes;
    }

    /** Topics (selectors) one subscribe or publish request may name. */
    public int maxTopicsPerRequest() {
        return maxTopicsPerRequest;
    }

    /** Longest topic matcher (or 0.x selector) a subscribe request may give, in characters (400 above). */
    public int maxMatcherLength() {
        return maxMatcherLength;
    }

    /** Largest publish body accepted (413 above). */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** HTML served at {@code /}, or null for a short note on how to use the hub. */
    public String homePage() {
        return homePage;
    }

    /** Event-loop threads; 0 means one per core. */
    public int ioThreads() {
        return ioThreads;
    }

    /** Who may publish and subscribe. */
    public AuthConfig auth() {
        return auth;
    }

    /** Origins allowed by CORS; {@code *} allows any origin without credentials. */
    public List<String> corsOrigins() {
        return corsOrigins;
    }

    /** Concurrent connections; more are refused with 503. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Largest request head (431 above). */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /**
     * Time allowed for a request to arrive completely (slowloris guard) and for an idle keep-alive
     * connection to send its next one.
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Whether subscriber streams on Linux epoll may send straight to the socket when Netty holds
     * none of their bytes (see docs/architecture.md); off, every byte goes through Netty's queue.
     */
    public boolean directSend() {
        return directSend;
    }

    /**
     * How long a subscription may stay connected whatever its token says, or null for no limit: a
     * client must then reconnect (and resume), which re-checks its token.
     */
    public Duration maxConnectionLifetime() {
        return maxConnectionLifetime;
    }

    /**
     * Whether the hub tracks active subscriptions: it publishes a subscription event when one
     * starts or ends and serves the subscriptions API (off by default, as in Mercure).
     */
    public boolean subscriptions() {
        return subscriptions;
    }

    /**
     * How long data sent to a client may stay unacknowledged (or its receive window shut) before
     * the hub deems it gone: TCP_USER_TIMEOUT on every accepted connection, on the epoll transport
     * only. Heartbeats keep data in flight, so a subscriber that vanishes without closing is
     * dropped within two heartbeat intervals, plus the kernel's first retransmission (under a
     * second on most paths), plus this. On NIO it is not enforced, and the server says so at startup.
     */
    public Duration deadClientTimeout() {
        return deadClientTimeout;
    }

    /** The application's extra resources by exact path (no query), none by default. */
    public Map<String, HttpRoute> routes() {
        return routes;
    }

    /** Metrics, and who may read the operator endpoints. */
    public ObservabilityConfig observability() {
        return observability;
    }

    /** Per-connection send buffer and per-client limits. */
    public LimitsConfig limits() {
        return limits;
    }

    /** TLS (ALPN h2 and http/1.1) on the port, or null for cleartext. */
    public TlsConfig tls() {
        return tls;
    }

    /**
     * Whether a cleartext connection may speak HTTP/2 by prior knowledge (behind a proxy); HTTP/1.1
     * still works. With {@link #tls()}, ALPN offers HTTP/2 instead and this is not used.
     */
    public boolean h2c() {
        return h2c;
    }

    public ServerConfig withBind(String v) {
        check(v != null && !v.isBlank(), "bind address must not be empty");
        return with(c -> c.bind = v);
    }

    public ServerConfig withPort(int v) {
        check(v >= 0 && v <= 65535, "port must be 0..65535: " + v);
        return with(c -> c.port = v);
    }

    public ServerConfig withSubscriberBufferBytes(int v) {
        check(v >= 1024, "subscriber buffer must be at least 1024 bytes: " + v);
        return with(c -> c.subscriberBufferBytes = v);
    }

    public ServerConfig withMaxTopicsPerRequest(int v) {
        check(v > 0, "max topics must be positive: " + v);
        return with(c -> c.maxTopicsPerRequest = v);
    }

    public ServerConfig withMaxMatcherLength(int v) {
        check(v > 0, "max matcher length must be positive: " + v);
        return with(c -> c.maxMatcherLength = v);
    }

    public ServerConfig withMaxBodyBytes(int v) {
        check(v > 0, "max body size must be positive: " + v);
        return with(c -> c.maxBodyBytes = v);
    }

    /** @param html the page served at {@code /}, or null for the default note */
    public ServerConfig withHomePage(String html) {
        return with(c -> c.homePage = html);
    }

    public ServerConfig withIoThreads(int v) {
        check(v >= 0, "io threads must not be negative: " + v);
        return with(c -> c.ioThreads = v);
    }

    public ServerConfig withAuth(AuthConfig v) {
        Objects.requireNonNull(v, "auth (AuthConfig.locked() is the secure default)");
        return with(c -> c.auth = v);
    }

    public ServerConfig withCorsOrigins(List<String> v) {
        for (String origin : v) {
            check(origin.equals("*") || origin.matches("https?://[^/\\s]+"),
                    "CORS origin must be * or scheme://host[:port]: " + origin);
        }
        return with(c -> c.corsOrigins = List.copyOf(v));
    }

    public ServerConfig withMaxConnections(int v) {
        check(v > 0, "max connections must be positive: " + v);
        return with(c -> c.maxConnections = v);
    }

    public ServerConfig withMaxHeaderBytes(int v) {
        check(v >= 1024, "max header size must be at least 1024 bytes: " + v);
        return with(c -> c.maxHeaderBytes = v);
    }

    public ServerConfig withRequestTimeout(Duration v) {
        check(v != null && !v.isNegative() && !v.isZero(), "request timeout must be positive: " + v);
        return with(c -> c.requestTimeout = v);
    }

    public ServerConfig withDirectSend(boolean v) {
        return with(c -> c.directSend = v);
    }

    /** @param v a positive duration, or null for no limit */
    public ServerConfig withMaxConnectionLifetime(Duration v) {
        check(v == null || (!v.isNegative() && !v.isZero()), "max connection lifetime must be positive: " + v);
        return with(c -> c.maxConnectionLifetime = v);
    }

    public ServerConfig withSubscriptions(boolean v) {
        return with(c -> c.subscriptions = v);
    }

    /**
     * Serves {@code route} at {@code path}, matched exactly. The hub's own paths ({@code /},
     * {@code /stats}, {@code /healthz}, {@code /readyz}, {@code /metrics}, anything under
     * {@code /.well-known/} or {@code /admin}) are refused so that an application can never shadow them.
     */
    public ServerConfig withRoute(String path, HttpRoute route) {
        Objects.requireNonNull(route, "route");
        check(path != null && path.matches("(/[A-Za-z0-9._~-]+)+"),
                "a route path is /segment[/segment...] of unreserved characters: " + path);
        check(!java.util.Set.of("/stats", "/healthz", "/readyz", "/metrics").contains(path)
                && !path.startsWith("/.well-known") && !path.equals("/admin") && !path.startsWith("/admin/"),
                "the hub serves " + path + " itself");
        Map<String, HttpRoute> all = new LinkedHashMap<>(routes);
        all.put(path, route);
        return with(c -> c.routes = java.util.Collections.unmodifiableMap(all));
    }

    /** @param v at least one second: shorter would cut off clients on any network hiccup */
    public ServerConfig withDeadClientTimeout(Duration v) {
        check(v != null && v.compareTo(Duration.ofSeconds(1)) >= 0, "dead client timeout must be at least 1s: " + v);
        return with(c -> c.deadClientTimeout = v);
    }

    public ServerConfig withObservability(ObservabilityConfig v) {
        return with(c -> c.observability = Objects.requireNonNull(v, "observability"));
    }

    public ServerConfig withLimits(LimitsConfig v) {
        return with(c -> c.limits = Objects.requireNonNull(v, "limits (LimitsConfig.defaults())"));
    }

    /** @param v TLS settings, or null for cleartext */
    public ServerConfig withTls(TlsConfig v) {
        return with(c -> c.tls = v);
    }

    public ServerConfig withH2c(boolean v) {
        return with(c -> c.h2c = v);
    }

    /** A copy with one setting changed: configurations are immutable once built. */
    private ServerConfig with(Consumer<ServerConfig> change) {
        ServerConfig c = copy();
        change.accept(c);
        return c;
    }

    private static void check(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }
}
