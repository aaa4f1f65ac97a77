package dev.herald.server.http;

import dev.herald.hub.Hub;
import dev.herald.server.ServerConfig;
import dev.herald.server.auth.Authorizer;
import dev.herald.server.metrics.HeraldMeters;
import dev.herald.server.presence.PresenceTracker;
import dev.herald.server.stream.StreamDrain;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.time.Duration;

/** The per-connection pipeline; a subscription later strips the HTTP handlers off it. */
public final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String LIMITER = "connection-limiter";
    static final String ADDRESS_LIMITER = "address-limiter";
    static final String TIMEOUT = "request-timeout";
    static final String CODEC = "http-codec";
    static final String AGGREGATOR = "http-aggregator";
    static final String DRAIN_GUARD = "drain-guard";
    static final String ROUTER = "router";

    private static final int MAX_INITIAL_LINE = 8192;
    private static final int MAX_CHUNK_SIZE = 8192;

    private final ConnectionLimiter limiter;
    /** Null when connections per client address are not limited. */
    private final PerAddressLimiter addressLimiter;
    private final RequestRouter router;
    private final DrainGuard drainGuard;
    private final int maxBodyBytes;
    private final int maxHeaderBytes;
    private final Duration requestTimeout;

    /**
     * @param presence tracks active subscriptions, or null when the hub does not
     * @param meters the server's meters, or null when metrics are off
     * @param drain where streams are registered, and which tells whether the server is draining
     */
    public HttpChannelInitializer(Hub hub, ServerConfig config, PresenceTracker presence, HeraldMeters meters,
            StreamDrain drain) {
        this.limiter = new ConnectionLimiter(config.maxConnections());
        int perAddress = config.limits().maxConnectionsPerIp();
        this.addressLimiter = perAddress > 0 ? new PerAddressLimiter(perAddress) : null;
        this.router = new RequestRouter(hub, config, new Authorizer(config.auth()), presence, meters, drain);
        this.drainGuard = new DrainGuard(drain);
        this.maxBodyBytes = config.maxBodyBytes();
        this.maxHeaderBytes = config.maxHeaderBytes();
        this.requestTimeout = config.requestTimeout();
    }

    /** Connections open now (accepted and not refused), for metrics. */
    public int openConnections() {
        return limiter.open();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(LIMITER, limiter);
        if (addressLimiter != null) {
            p.addLast(ADDRESS_LIMITER, addressLimiter);
        }
        p.addLast(TIMEOUT, new RequestTimeoutHandler(requestTimeout));
        p.addLast(CODEC, new HttpServerCodec(MAX_INITIAL_LINE, maxHeaderBytes, MAX_CHUNK_SIZE));
        p.addLast(AGGREGATOR, new BodyLimitAggregator(maxBodyBytes));
        p.addLast(DRAIN_GUARD, drainGuard);
        p.addLast(ROUTER, router);
    }
}
