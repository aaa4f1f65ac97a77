package dev.herald.app.cli;

import dev.herald.hub.Hub;
import dev.herald.hub.HubConfig;
import dev.herald.presence.SubscriptionRegistry;
import dev.herald.server.HeraldServer;
import dev.herald.server.ServerConfig;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.app.demo.DemoConsumers;
import dev.herald.app.demo.DemoIssuer;
import dev.herald.app.demo.DemoPage;
import dev.herald.app.demo.DemoPublisher;
import dev.herald.app.demo.PresenceDemo;
import dev.herald.app.demo.StdinPublisher;
import dev.herald.store.sqlite.SqliteStoreException;
import dev.herald.transport.Transport;
import dev.herald.transport.redis.RedisTransportException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code herald serve}: run the hub until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the hub. Every option can also be set with the environment variable shown.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", defaultValue = "${env:HERALD_PORT:-8080}",
            description = "TCP port (env HERALD_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "${env:HERALD_BIND:-0.0.0.0}",
            description = "Address to listen on (env HERALD_BIND, default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--heartbeat", defaultValue = "${env:HERALD_HEARTBEAT:-15s}",
            description = "Comment line on idle streams after this long, e.g. 15s (env HERALD_HEARTBEAT).")
    Duration heartbeat;

    @Option(names = "--history-size", defaultValue = "${env:HERALD_HISTORY_SIZE:-10000}",
            description = "Updates kept for Last-Event-ID resume (env HERALD_HISTORY_SIZE, default ${DEFAULT-VALUE}).")
    int historySize;

    @Option(names = "--subscriber-buffer", defaultValue = "${env:HERALD_SUBSCRIBER_BUFFER:-512KiB}",
            converter = SizeConverter.class,
            description = "Bytes a subscriber may fall behind before it is cut off; it then resumes "
                    + "from history (env HERALD_SUBSCRIBER_BUFFER, default ${DEFAULT-VALUE}).")
    int subscriberBuffer;

    @Option(names = "--max-topics", defaultValue = "${env:HERALD_MAX_TOPICS:-100}",
            description = "Topics one request may name (env HERALD_MAX_TOPICS, default ${DEFAULT-VALUE}).")
    int maxTopics;

    @Option(names = "--max-body", defaultValue = "${env:HERALD_MAX_BODY:-1MiB}", converter = SizeConverter.class,
            description = "Largest publish body; larger gets 413 (env HERALD_MAX_BODY, default ${DEFAULT-VALUE}).")
    int maxBody;

    @Option(names = "--io-threads", defaultValue = "${env:HERALD_IO_THREADS:-0}",
            description = "Event-loop threads, 0 for one per core (env HERALD_IO_THREADS).")
    int ioThreads;

    @Option(names = "--demo", defaultValue = "${env:HERALD_DEMO:-false}",
            description = "Serve the demo pages, / and /presence (which needs --subscriptions), publish the ticker "
                    + "and clock, and let anyone get a short subscribe-only token for a demo/presence/ room at "
                    + "POST /demo/token, signed with a random key of this run (env HERALD_DEMO).")
    boolean demo;

    @Option(names = "--max-connections", defaultValue = "${env:HERALD_MAX_CONNECTIONS:-19000}",
            description = "Concurrent connections; more get 503 (env HERALD_MAX_CONNECTIONS, default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-header-size", defaultValue = "${env:HERALD_MAX_HEADER_SIZE:-16KiB}",
            converter = SizeConverter.class,
            description = "Largest request head; larger gets 431 (env HERALD_MAX_HEADER_SIZE, default ${DEFAULT-VALUE}).")
    int maxHeaderSize;

    @Option(names = "--request-timeout", defaultValue = "${env:HERALD_REQUEST_TIMEOUT:-15s}",
            description = "Time for a request to arrive completely, and for an idle keep-alive connection "
                    + "to send its next one (env HERALD_REQUEST_TIMEOUT, default ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    @Option(names = "--max-connection-lifetime", defaultValue = "${env:HERALD_MAX_CONNECTION_LIFETIME:-0}",
            description = "Close a subscription after this long whatever its token allows, e.g. 1h; the client "
                    + "reconnects, resumes and shows its token again; 0 for no limit "
                    + "(env HERALD_MAX_CONNECTION_LIFETIME, default ${DEFAULT-VALUE}).")
    Duration maxConnectionLifetime;

    @Option(names = "--direct-send", negatable = true, fallbackValue = "true",
            defaultValue = "${sys:herald.directSend:-${env:HERALD_DIRECT_SEND:-true}}",
            description = "On Linux, send events straight to the socket while Netty holds none of a stream's "
                    + "bytes; --no-direct-send routes every byte through Netty's queue (env HERALD_DIRECT_SEND, "
                    + "default ${DEFAULT-VALUE}).")
    boolean directSend;

    @Option(names = "--subscriptions", defaultValue = "${env:HERALD_SUBSCRIPTIONS:-false}",
            description = "Track active subscriptions: publish a subscription event when one starts or ends and "
                    + "serve /.well-known/mercure/subscriptions (env HERALD_SUBSCRIPTIONS, default ${DEFAULT-VALUE}).")
    boolean subscriptions;

    @Option(names = "--dead-client-timeout", defaultValue = "${env:HERALD_DEAD_CLIENT_TIMEOUT:-30s}",
            description = "Drop a connection whose TCP peer acknowledges nothing for this long (a client that vanished "
                    + "without closing); heartbeats keep data in flight, so it is found within twice --heartbeat plus "
                    + "this plus under a second. Linux (epoll) only (env HERALD_DEAD_CLIENT_TIMEOUT, "
                    + "default ${DEFAULT-VALUE}).")
    Duration deadClientTimeout;

    @Mixin
    AuthOptions auth;

    @Option(names = "--stdin-topic", defaultValue = "${env:HERALD_STDIN_TOPIC}",
            description = "Publish every line read from standard input to this topic (env HERALD_STDIN_TOPIC).")
    String stdinTopic;

    @Mixin
    TransportOptions history;

    @Mixin
    ObservabilityOptions observability;

    @Mixin
    EdgeOptions edge;

    @Mixin
    TlsOptions tls;

    @Override
    public Integer call() throws Exception {
        ServerConfig config;
        HubConfig hubConfig;
        DemoConsumers demoConsumers = new DemoConsumers();
        try {
            AuthConfig authConfig = auth.toConfig(demo);
            DemoIssuer demoIssuer = null;
            if (demo) {
                // The presence page's tokens: a random key of this run, trusted for subscribing only.
                demoIssuer = DemoIssuer.random();
                authConfig = demoIssuer.trustedBy(authConfig);
            }
            config = ServerConfig.defaults()
                    .withBind(bind)
                    .withPort(port)
                    .withSubscriberBufferBytes(subscriberBuffer)
                    .withMaxTopicsPerRequest(maxTopics)
                    .withMaxBodyBytes(maxBody)
                    .withHomePage(demo ? DemoPage.html() : null)
                    .withIoThreads(ioThreads)
                    .withAuth(authConfig)
                    .withCorsOrigins(auth.corsOrigins())
                    .withMaxConnections(maxConnections)
                    .withMaxHeaderBytes(maxHeaderSize)
                    .withRequestTimeout(requestTimeout)
                    .withDirectSend(directSend)
                    .withSubscriptions(subscriptions)
                    .withDeadClientTimeout(deadClientTimeout)
                    .withObservability(observability.toConfig())
                    .withMaxConnectionLifetime(maxConnectionLifetime.isZero() ? null : maxConnectionLifetime)
                    .withLimits(edge.limits());
            config = tls.apply(config);
            if (demo) {
                config = demoConsumers.mount(PresenceDemo.mount(config, demoIssuer));
            }
            hubConfig = HubConfig.defaults().withHeartbeat(heartbeat);
            history.check();
        } catch (IllegalArgumentException e) {
            log.error("Invalid configuration: {}", e.getMessage());
            return 2;
        }
        Transport transport;
        try {
            transport = history.open(historySize);
        } catch (SqliteStoreException | RedisTransportException e) {
            log.error("{}", e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            log.error("Invalid configuration: {}", e.getMessage());
            return 2;
        }
        SubscriptionRegistry registry;
        try {
            registry = subscriptions ? history.sharedRegistry(transport) : null;
        } catch (RedisTransportException e) {
            log.error("{}", e.getMessage());
            transport.close();
            return 2;
        }
        HeraldServer server;
        try {
            server = HeraldServer.start(config, new Hub(transport, hubConfig), registry);
        } catch (IllegalArgumentException e) {
            log.error("Invalid configuration: {}", e.getMessage());
            return 2;
        } catch (Exception e) {
            log.error("Cannot listen on {}:{}: {}", bind, port, e.getMessage());
            return 2;
        }
        log.info("Herald listening on {}://{}:{} ({}), hub URL /.well-known/mercure", tls.scheme(), bind,
                server.port(), server.transportName());
        SecurityBanner.log(config.auth());
        observability.started(server, transport, config.auth().dev());
        DemoPublisher demoPublisher = null;
        if (demo) {
            demoConsumers.attach(server.hub());
            demoPublisher = new DemoPublisher(server.hub(), Clock.systemUTC());
            demoPublisher.start();
            log.info("Demo page at {}://localhost:{}/ (ticker on {}, clock on {})", tls.scheme(), server.port(),
                    DemoPublisher.TICKER_TOPIC, DemoPublisher.CLOCK_TOPIC);
            if (subscriptions) {
                log.info("Presence demo at {}://localhost:{}{}?room=lobby; {} mints subscribe-only tokens "
                        + "(issuer {}, a random key of this run) for rooms under {}", tls.scheme(), server.port(),
                        PresenceDemo.PAGE_PATH, PresenceDemo.TOKEN_PATH, DemoIssuer.ISSUER, PresenceDemo.ROOM_PREFIX);
            } else {
                log.info("Presence demo: start with --demo --subscriptions to try it at {}", PresenceDemo.PAGE_PATH);
            }
        }
        if (stdinTopic != null && !stdinTopic.isEmpty()) {
            new StdinPublisher(server.hub(), stdinTopic, System.in).start();
            log.info("Publishing standard input lines to topic {}", stdinTopic);
        }
        DemoPublisher toStop = demoPublisher;
        GracefulShutdown.install(server, edge.drainTimeout(), () -> {
            if (toStop != null) {
                toStop.close();
            }
        });
        server.awaitClose();
        return 0;
    }
}
