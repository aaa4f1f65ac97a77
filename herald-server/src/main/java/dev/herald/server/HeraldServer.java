package dev.herald.server;

import dev.herald.hub.Hub;
import dev.herald.hub.HubConfig;
import dev.herald.presence.LocalSubscriptionRegistry;
import dev.herald.presence.SubscriptionRegistry;
import dev.herald.server.http.HttpChannelInitializer;
import dev.herald.server.metrics.DeadClients;
import dev.herald.server.metrics.HeraldMeters;
import dev.herald.protocol.presence.PresenceTracker;
import dev.herald.server.stream.StreamDrain;
import java.util.Optional;
import dev.herald.transport.InMemoryTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link Hub} served over HTTP by Netty, on its own port. */
public final class HeraldServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HeraldServer.class);

    private final Hub hub;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final String transportName;
    private final PresenceTracker presence;
    private final HeraldMeters meters;
    private final StreamDrain streams;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private HeraldServer(Hub hub, EventLoopGroup group, Channel serverChannel, String transportName,
            PresenceTracker presence, HeraldMeters meters, StreamDrain streams) {
        this.hub = hub;
        this.meters = meters;
        this.presence = presence;
        this.streams = streams;
        this.group = group;
        this.serverChannel = serverChannel;
        this.transportName = transportName;
    }

    /** How long a shutdown waits for the transport to store the inactive subscription events. */
    private static final int SHUTDOWN_ANNOUNCE_SECONDS = 5;

    /** Updates kept for resume by the hub {@link #start(ServerConfig)} creates. */
    public static final int DEFAULT_HISTORY_SIZE = 10_000;

    /**
     * Starts a hub with the default {@link HubConfig} and in-memory history of
     * {@value #DEFAULT_HISTORY_SIZE} updates; to choose those, build the {@link Hub} and use
     * {@link #start(ServerConfig, Hub)}.
     */
    public static HeraldServer start(ServerConfig config) throws InterruptedException {
        return start(config, new Hub(new InMemoryTransport(DEFAULT_HISTORY_SIZE), HubConfig.defaults()));
    }

    /** Serves an existing hub; closing the server closes the hub. */
    public static HeraldServer start(ServerConfig config, Hub hub) throws InterruptedException {
        return start(config, hub, null);
    }

    /**
     * Serves an existing hub whose active subscriptions, when {@link ServerConfig#subscriptions()}
     * is on, live in {@code registry} (one shared by a cluster, say); null keeps this process's own
     * list. Closing the server closes the registry, then the hub.
     *
     * @throws IllegalArgumentException when a registry is given but subscriptions are off
     */
    public static HeraldServer start(ServerConfig config, Hub hub, SubscriptionRegistry registry)
            throws InterruptedException {
        if (registry != null && !config.subscriptions()) {
            throw new IllegalArgumentException("a subscription registry was given but subscriptions are off");
        }
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        InetSocketAddress address = new InetSocketAddress(config.bind(), config.port());
        // An IPv4 address gets IPv4 sockets: a dual-stack socket adds an IPv6 layer to every send.
        ChannelFactory<ServerChannel> channels = !epoll ? NioServerSocketChannel::new
                : address.getAddress() instanceof Inet4Address
                        ? () -> new EpollServerSocketChannel(SocketProtocolFamily.INET)
                        : EpollServerSocketChannel::new;
        PresenceTracker presence = config.subscriptions()
                ? new PresenceTracker(hub, registry != null ? registry : new LocalSubscriptionRegistry()) : null;
        int threads = config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, io);
        HeraldMeters meters = null;
        StreamDrain streams = new StreamDrain();
        try {
            meters = HeraldMeters.start(config, hub, presence);
            HttpChannelInitializer initializer = new HttpChannelInitializer(hub, config, presence, meters, streams);
            int budget = config.subscriberBufferBytes();
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group)
                    .channelFactory(channels)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(budget / 2, budget))
                    .childHandler(initializer);
            if (meters != null) {
                meters.bindConnections(initializer::openConnections);
                bootstrap.childAttr(DeadClients.COUNTER, meters.deadClients());
            }
            int sendBuffer = config.limits().socketSendBufferBytes();
            if (sendBuffer > 0) {
                // Caps what the kernel holds for a subscriber that stops reading (see LimitsConfig).
                bootstrap.childOption(ChannelOption.SO_SNDBUF, sendBuffer);
            }
            if (epoll) {
                bootstrap.childOption(EpollChannelOption.TCP_USER_TIMEOUT, userTimeoutMillis(config.deadClientTimeout()));
            } else {
                warnDeadClientTimeoutNotEnforced(config.deadClientTimeout());
            }
            Channel channel = bootstrap
                    .bind(address)
                    .sync()
                    .channel();
            return new HeraldServer(hub, group, channel, epoll ? "epoll" : "nio", presence, meters, streams);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully();
            if (presence != null) {
                presence.registry().close();
            }
            hub.close();
            if (meters != null) {
                meters.close();
            }
            throw e;
        }
    }

    /**
     * TCP_USER_TIMEOUT, on every accepted connection (a request connection does not know yet
     * whether it will become a stream, and one whose peer acknowledges nothing for this long is
     * as dead as a stream's): the kernel aborts a connection whose sent data stays unacknowledged,
     * or whose peer's receive window stays shut, for this long. Heartbeats make sure an idle
     * stream has data in flight, so a vanished subscriber is found even when nothing is published.
     */
    private static int userTimeoutMillis(Duration timeout) {
        return (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE);
    }

    /**
     * The JDK offers no TCP_USER_TIMEOUT. SO_KEEPALIVE would not stand in for it: keepalive probes
     * only an idle connection, and heartbeats leave a stream's connection with data in flight, so
     * a vanished client is found by the operating system's retransmission limit instead (about 15
     * minutes on Linux). Said once, at startup, rather than pretending.
     */
    private static void warnDeadClientTimeoutNotEnforced(Duration timeout) {
        log.warn("Dead-client timeout ({}) not enforced: the NIO transport has no TCP_USER_TIMEOUT; a client that "
                + "vanishes without closing is dropped when the operating system gives up retransmitting "
                + "(about 15 minutes on Linux)", timeout);
    }

    public Hub hub() {
        return hub;
    }

    /** The registry holding the hub's meters, unless metrics are off ({@link ObservabilityConfig}). */
    public Optional<io.micrometer.core.instrument.MeterRegistry> meterRegistry() {
        return Optional.ofNullable(meters).map(HeraldMeters::registry);
    }

    /** The active subscriptions, when {@link ServerConfig#subscriptions()} is on: for "N viewers" in the embedding app. */
    public Optional<SubscriptionRegistry> subscriptions() {
        return Optional.ofNullable(presence).map(PresenceTracker::registry);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** {@code epoll} or {@code nio}. */
    public String transportName() {
        return transportName;
    }

    /** Blocks until {@link #close()} has finished (a {@link #drain} alone does not end it). */
    public void awaitClose() throws InterruptedException {
        stopped.await();
    }

    /**
     * Starts a graceful shutdown: stops accepting connections (a load balancer's next attempt goes
     * to another node; a rolling restart can bind the port at once), answers 503 to requests on
     * connections already open, and closes the open event streams one by one, evenly over
     * {@code window}, so that their clients do not all reconnect at once; each ends with what was
     * sent to it, and with {@link ServerConfig#subscriptions()} is announced inactive. Then call
     * {@link #close()}, which stores those announcements and closes the transport.
     *
     * @param window how long the streams' closing is spread over; at its end any stream still open
     *     is closed
     * @return completes once the listener and every stream open at the start are closed, within
     *     about {@code window}
     */
    public CompletionStage<Void> drain(Duration window) {
        if (window == null || window.isNegative()) {
            throw new IllegalArgumentException("drain window must not be negative: " + window);
        }
        log.info("Draining: no new connections; closing {} streams over {}", streams.openStreams(), window);
        CompletableFuture<Void> unbound = new CompletableFuture<>();
        serverChannel.close().addListener(f -> unbound.complete(null));
        return CompletableFuture.allOf(unbound, streams.drain(window));
    }

    /** Stops at once: every connection closed, the transport closed. Later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close().syncUninterruptibly();
        if (presence != null) {
            try {
                presence.endAll().get(SHUTDOWN_ANNOUNCE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn("Not every subscription was announced inactive before shutdown: {}", e.toString());
            }
            presence.registry().close(); // before the hub: a shared registry uses the hub's transport
        }
        hub.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (meters != null) {
            meters.close();
        }
        log.info("Herald stopped");
        stopped.countDown();
    }
}
