package dev.herald.server.http;

import dev.herald.hub.Hub;
import dev.herald.server.ServerConfig;
import dev.herald.protocol.auth.Authorizer;
import dev.herald.server.admin.ConsoleSources;
import dev.herald.server.admin.RecentErrors;
import dev.herald.server.metrics.HeraldMeters;
import dev.herald.protocol.presence.PresenceTracker;
import dev.herald.server.stream.StreamDrain;
import dev.herald.server.tls.ReloadingSslContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.time.Duration;

/**
 * The per-connection pipeline; a subscription later strips the HTTP handlers off it. With TLS, ALPN
 * then picks HTTP/2 or HTTP/1.1; without, a cleartext HTTP/2 preface picks HTTP/2 when h2c is on.
 */
public final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String LIMITER = "connection-limiter";
    static final String ADDRESS_LIMITER = "address-limiter";
    static final String TIMEOUT = "request-timeout";
    static final String CODEC = "http-codec";
    static final String AGGREGATOR = "http-aggregator";
    static final String DRAIN_GUARD = "drain-guard";
    static final String ROUTER = "router";
    static final String TLS = "tls";

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
    /** Null without TLS. */
    private final ReloadingSslContext tls;
    private final boolean h2c;
    private final Http2Connections http2;
    /** The server's last refused requests, for the admin console; every connection carries it. */
    private final RecentErrors recentErrors = new RecentErrors();

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
        ConsoleSources console = new ConsoleSources(hub, recentErrors, limiter::open,
                meters == null ? null : meters.deadClients(), drain);
        this.router = new RequestRouter(hub, config, new Authorizer(config.auth()), presence, meters, drain, console);
        this.drainGuard = new DrainGuard(drain);
        this.maxBodyBytes = config.maxBodyBytes();
        this.maxHeaderBytes = config.maxHeaderBytes();
        this.requestTimeout = config.requestTimeout();
        this.tls = config.tls() == null ? null : ReloadingSslContext.load(config.tls());
        this.h2c = config.h2c();
        this.http2 = new Http2Connections(new Http2StreamInitializer(router, drainGuard, maxBodyBytes, requestTimeout,
                config.subscriberBufferBytes()), maxHeaderBytes, requestTimeout, drain);
    }

    /** Connections open now (accepted and not refused), for metrics. */
    public int openConnections() {
        return limiter.open();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.attr(RecentErrors.KEY).set(recentErrors);
        ChannelPipeline p = ch.pipeline();
        p.addLast(LIMITER, limiter);
        if (addressLimiter != null) {
            p.addLast(ADDRESS_LIMITER, addressLimiter);
        }
        if (tls != null) {
            p.addLast(TLS, tls.newHandler(ch.alloc()));
        }
        // After TLS: it times the handshake too, and reads the request bytes decrypted.
        p.addLast(TIMEOUT, new RequestTimeoutHandler(requestTimeout));
        if (tls != null) {
            p.addLast(new AlpnNegotiator(this));
        } else if (h2c) {
            p.addLast(new H2cPrefaceDetector(this));
        } else {
            addHttp1(p);
        }
    }

    void addHttp1(ChannelPipeline p) {
        p.addLast(CODEC, new HttpServerCodec(MAX_INITIAL_LINE, maxHeaderBytes, MAX_CHUNK_SIZE));
        p.addLast(AGGREGATOR, new BodyLimitAggregator(maxBodyBytes));
        p.addLast(DRAIN_GUARD, drainGuard);
        p.addLast(ROUTER, router);
    }

    /** The connection's request timeout gives way to the streams' own and the idle-connection guard. */
    void switchToHttp2(ChannelPipeline p) {
        p.remove(TIMEOUT);
        http2.configure(p);
    }
}
