package dev.herald.app.cli;

import dev.herald.server.HeraldServer;
import dev.herald.server.ObservabilityConfig;
import dev.herald.store.sqlite.SqliteTransport;
import dev.herald.transport.redis.RedisTransport;
import dev.herald.transport.Transport;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The {@code serve} options for metrics, the operator endpoints' admin token and the log format. */
final class ObservabilityOptions {
    /** Read by logback.xml (as a system property, else from the environment). */
    static final String LOG_FORMAT_PROPERTY = "HERALD_LOG_FORMAT";

    enum LogFormat { TEXT, JSON }

    @Option(names = "--admin-token", defaultValue = "${env:HERALD_ADMIN_TOKEN}",
            description = "Bearer token that /metrics, /stats and the admin console's figures (/admin/) require, "
                    + "at least 16 characters (env "
                    + "HERALD_ADMIN_TOKEN; prefer the variable: a command line is visible to every local user). "
                    + "Without one they answer 403, except with --dev.")
    String adminToken;

    @Option(names = "--metrics", negatable = true, fallbackValue = "true", defaultValue = "${env:HERALD_METRICS:-true}",
            description = "Keep Prometheus metrics and serve them at /metrics (env HERALD_METRICS, default "
                    + "${DEFAULT-VALUE}).")
    boolean metrics;

    @Option(names = "--log-format", defaultValue = "${env:HERALD_LOG_FORMAT:-text}",
            description = "text, or json: one JSON object per log line (env HERALD_LOG_FORMAT, default ${DEFAULT-VALUE}).")
    LogFormat logFormat;

    ObservabilityConfig toConfig() {
        return ObservabilityConfig.defaults().withMetrics(metrics).withAdminToken(token());
    }

    /** An empty variable (HERALD_ADMIN_TOKEN=) means none. */
    private String token() {
        return adminToken == null || adminToken.isEmpty() ? null : adminToken;
    }

    /**
     * Logging starts before picocli has parsed anything (a class's logger is created when the
     * class is), so the format is picked from the raw arguments first; picocli checks the value
     * later like any other. Must run before the first logger is created.
     */
    static void selectLogFormat(String[] args) {
        String chosen = System.getenv(LOG_FORMAT_PROPERTY);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--log-format") && i + 1 < args.length) {
                chosen = args[i + 1];
            } else if (args[i].startsWith("--log-format=")) {
                chosen = args[i].substring("--log-format=".length());
            }
        }
        if (chosen != null && System.getProperty(LOG_FORMAT_PROPERTY) == null) {
            System.setProperty(LOG_FORMAT_PROPERTY, chosen.trim().toLowerCase(Locale.ROOT));
        }
    }

    /** Says who may read the operator endpoints, and binds the store's own meters. */
    void started(HeraldServer server, Transport transport, boolean dev) {
        Logger log = LoggerFactory.getLogger(ObservabilityOptions.class);
        if (token() != null) {
            log.info("/metrics and /stats need the admin token (Authorization: Bearer); "
                    + "the console at /admin/ asks for it");
        } else if (dev) {
            log.warn("/metrics, /stats and the console at /admin/ are open to anyone (dev mode, no --admin-token): "
                    + "they list every topic "
                    + "with a subscriber");
        } else {
            log.info("/metrics, /stats and the console's figures at /admin/ answer 403: "
                    + "set --admin-token (env HERALD_ADMIN_TOKEN) to read them");
        }
        server.meterRegistry().ifPresent(registry -> {
            if (transport instanceof SqliteTransport sqlite) {
                bindSqlite(registry, sqlite);
            } else if (transport instanceof RedisTransport redis) {
                bindRedis(registry, redis);
            }
        });
    }

    private static void bindRedis(MeterRegistry registry, RedisTransport redis) {
        FunctionCounter.builder("herald.redis.appends", redis, RedisTransport::appendBatches)
                .description("Batches of publishes Redis stored (one script run each, several publishes each under load)")
                .register(registry);
        FunctionCounter.builder("herald.redis.append", redis, RedisTransport::appendSeconds).baseUnit("seconds")
                .description("Time spent storing them, WAIT for replicas included; divided by the batches, the mean")
                .register(registry);
        // One GET per scrape, on the scrape thread: never on the hot path.
        Gauge.builder("herald.redis.feed.backlog", redis, r -> {
                    OptionalLong backlog = r.feedBacklog();
                    return backlog.isPresent() ? backlog.getAsLong() : Double.NaN;
                }).baseUnit("updates")
                .description("Updates Redis holds that this node has not read yet (how far it is behind); NaN when "
                        + "Redis does not answer")
                .register(registry);
    }

    private static void bindSqlite(MeterRegistry registry, SqliteTransport sqlite) {
        FunctionCounter.builder("herald.sqlite.commits", sqlite, SqliteTransport::commits)
                .description("Transactions the SQLite history committed (several publishes each under load)")
                .register(registry);
        FunctionCounter.builder("herald.sqlite.commit", sqlite, s -> s.commitNanos() / 1e9).baseUnit("seconds")
                .description("Time spent writing and committing them; divided by the commits, the mean commit time")
                .register(registry);
        Gauge.builder("herald.sqlite.wal", sqlite, SqliteTransport::writeAheadLogBytes).baseUnit("bytes")
                .description("Size of the SQLite write-ahead log file").register(registry);
    }
}
