package dev.herald.client;

import dev.herald.client.internal.Backoff;
import dev.herald.client.internal.BlockingEventStream;
import dev.herald.client.internal.RealEventSource;
import dev.herald.client.internal.SourceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;

/** Configures an {@link EventSource}; every setter checks its value and names it when rejecting it. */
public final class EventSourceBuilder {
    private final URI uri;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private String lastEventId = "";
    private Duration reconnectTime = Duration.ofSeconds(3);
    private Duration maxReconnectDelay = Duration.ofSeconds(30);
    private Duration backoffResetAfter = Duration.ofSeconds(60);
    private double jitter = 0.5;
    private Duration readTimeout = Duration.ofSeconds(60);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private HttpClient httpClient;
    private ThreadFactory threadFactory;
    private int streamCapacity = 256;

    EventSourceBuilder(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("uri must be an absolute http or https URL: " + uri);
        }
        this.uri = uri;
    }

    /** Adds a request header sent on every connection (a token, for instance). */
    public EventSourceBuilder header(String name, String value) {
        Objects.requireNonNull(name, "header name");
        Objects.requireNonNull(value, "header value");
        if (name.isBlank() || name.chars().anyMatch(c -> c <= ' ' || c == ':' || c >= 0x7F)) {
            throw new IllegalArgumentException("invalid header name: \"" + name + "\"");
        }
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("header " + name + " must not contain CR, LF or NUL: \""
                    + value.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + "\"");
        }
        headers.add(Map.entry(name, value));
        return this;
    }

    /** Sends {@code Authorization: Bearer <token>}. */
    public EventSourceBuilder bearerToken(String token) {
        Objects.requireNonNull(token, "token");
        return header("Authorization", "Bearer " + token);
    }

    /** The id to resume after on the first connection ({@code Last-Event-ID}); empty means none. */
    public EventSourceBuilder lastEventId(String id) {
        Objects.requireNonNull(id, "lastEventId");
        if (id.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("lastEventId must not contain CR, LF or NUL: \""
                    + id.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + "\"");
        }
        this.lastEventId = id;
        return this;
    }

    /** Reconnection time until the server sends {@code retry}; default 3 s. */
    public EventSourceBuilder reconnectTime(Duration time) {
        this.reconnectTime = notNegative("reconnectTime", time);
        return this;
    }

    /** Longest delay that backoff grows to on repeated failures; default 30 s. */
    public EventSourceBuilder maxReconnectDelay(Duration delay) {
        this.maxReconnectDelay = notNegative("maxReconnectDelay", delay);
        return this;
    }

    /** A connection open this long resets the backoff; default 60 s. */
    public EventSourceBuilder backoffResetAfter(Duration stable) {
        this.backoffResetAfter = notNegative("backoffResetAfter", stable);
        return this;
    }

    /** Fraction of a backed-off delay removed at random, in [0, 1]; default 0.5, 0 for none. */
    public EventSourceBuilder jitter(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("jitter must be within [0, 1]: " + fraction);
        }
        this.jitter = fraction;
        return this;
    }

    /**
     * Drops and reopens a connection on which nothing arrived, not even a comment, for this long
     * (waiting for the response headers included); default 60 s. Herald sends a heartbeat every 15 s.
     */
    public EventSourceBuilder readTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "readTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive: " + timeout);
        }
        this.readTimeout = timeout;
        return this;
    }

    /** Connect timeout of the default HTTP client; default 10 s. Ignored with {@link #httpClient}. */
    public EventSourceBuilder connectTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "connectTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + timeout);
        }
        this.connectTimeout = timeout;
        return this;
    }

    /** The HTTP client to use (proxy, TLS...). It should follow redirects, as a browser does. */
    public EventSourceBuilder httpClient(HttpClient client) {
        this.httpClient = Objects.requireNonNull(client, "httpClient");
        return this;
    }

    /** Makes the thread that runs the source; default: a daemon thread named after the host. */
    public EventSourceBuilder threadFactory(ThreadFactory factory) {
        this.threadFactory = Objects.requireNonNull(factory, "threadFactory");
        return this;
    }

    /** How many events {@link #stream()} buffers before it stops reading; default 256. */
    public EventSourceBuilder streamCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("streamCapacity must be positive: " + capacity);
        }
        this.streamCapacity = capacity;
        return this;
    }

    /** Connects now; {@code listener} receives everything that happens until the source closes. */
    public EventSource start(EventSourceListener listener) {
        Objects.requireNonNull(listener, "listener");
        RealEventSource source = new RealEventSource(config(), listener);
        source.start();
        return source;
    }

    /** Connects now and returns the events as a blocking iterator (pull style). */
    public EventStream stream() {
        BlockingEventStream stream = new BlockingEventStream(streamCapacity);
        stream.attach(start(stream.listener()));
        return stream;
    }

    SourceConfig config() {
        HttpClient client = httpClient != null ? httpClient : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(connectTimeout)
                .build();
        ThreadFactory factory = threadFactory != null ? threadFactory : runnable -> {
            Thread t = new Thread(runnable, "herald-event-source " + uri.getHost() + ":" + uri.getPort());
            t.setDaemon(true);
            return t;
        };
        Backoff backoff = Backoff.initial(reconnectTime, maxReconnectDelay, jitter, backoffResetAfter);
        return new SourceConfig(uri, headers, lastEventId, backoff, readTimeout, client, factory,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    private static Duration notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }
}
