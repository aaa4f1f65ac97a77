package dev.herald.app.cli;

import dev.herald.store.sqlite.Durability;
import dev.herald.store.sqlite.SqliteStoreConfig;
import dev.herald.store.sqlite.SqliteStoreException;
import dev.herald.store.sqlite.SqliteTransport;
import dev.herald.transport.InMemoryTransport;
import dev.herald.transport.Transport;
import dev.herald.presence.SubscriptionRegistry;
import dev.herald.transport.redis.PresenceLease;
import dev.herald.transport.redis.RedisStartup;
import dev.herald.transport.redis.RedisSubscriptionRegistry;
import dev.herald.transport.redis.RedisTransport;
import dev.herald.transport.redis.RedisTransportConfig;
import dev.herald.transport.redis.RedisTransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where {@code herald serve} keeps history: an SQLite file by default, memory, or a Redis shared by several hubs. */
final class TransportOptions {
    private static final Logger log = LoggerFactory.getLogger(TransportOptions.class);
    static final String DATABASE_FILE = "herald.db";

    enum Kind { SQLITE, MEMORY, REDIS }

    @Option(names = "--transport", defaultValue = "${env:HERALD_TRANSPORT:-sqlite}",
            description = "Where history lives: sqlite (durable, survives restarts), memory, or redis (shared by "
                    + "every hub on one Redis: a cluster) (env HERALD_TRANSPORT, default ${DEFAULT-VALUE}).")
    Kind kind;

    // The transports' options have no picocli default: unset, they are null, so that setting one
    // with a transport it does not apply to is refused instead of silently ignored; open() applies
    // the defaults.
    @Option(names = "--data-dir", defaultValue = "${env:HERALD_DATA_DIR}",
            description = "Directory of the SQLite history file " + DATABASE_FILE
                    + " (env HERALD_DATA_DIR, default ./herald-data).")
    Path dataDir;

    @Option(names = "--durability", defaultValue = "${env:HERALD_DURABILITY}", converter = DurabilityConverter.class,
            description = "os: an acknowledged update survives a crash or kill -9 of the hub; sync: it also "
                    + "survives power loss, at one disk flush per commit (env HERALD_DURABILITY, default os).")
    Durability durability;

    @Option(names = "--retention-age", defaultValue = "${env:HERALD_RETENTION_AGE}",
            description = "Drop SQLite or Redis history older than this, e.g. 7d or 12h; 0 keeps it until "
                    + "--history-size pushes it out (env HERALD_RETENTION_AGE, default 0).")
    Duration retentionAge;

    @Option(names = "--redis-url", defaultValue = "${env:HERALD_REDIS_URL}",
            description = "The Redis every hub of the cluster shares: redis://[[user]:password@]host[:port][/db], "
                    + "rediss:// for TLS, or redis-sentinel://host[:port][,host2[:port2]][/db]#primaryName for a "
                    + "primary that Sentinel fails over (env HERALD_REDIS_URL).")
    String redisUrl;

    @Option(names = "--redis-replicas", defaultValue = "${env:HERALD_REDIS_REPLICAS}",
            description = "Acknowledge a publish only once this many Redis replicas have it too (WAIT); "
                    + "0 once the primary has it (env HERALD_REDIS_REPLICAS, default 0).")
    Integer redisReplicas;

    @Option(names = "--redis-key-prefix", defaultValue = "${env:HERALD_REDIS_KEY_PREFIX}",
            description = "Names the cluster's keys in Redis ({prefix}:updates ...), so that several clusters "
                    + "can share one Redis (env HERALD_REDIS_KEY_PREFIX, default herald).")
    String redisKeyPrefix;

    @Option(names = "--redis-wait", defaultValue = "${env:HERALD_REDIS_WAIT}",
            description = "How long a hub starting while Redis is unreachable or still loading waits for it before "
                    + "giving up; a Redis that refuses the login fails at once; 0s to 10m (env HERALD_REDIS_WAIT, "
                    + "default 30s).")
    Duration redisWait;

    static final Duration DEFAULT_REDIS_WAIT = Duration.ofSeconds(30);
    static final Duration MAX_REDIS_WAIT = Duration.ofMinutes(10);

    @Option(names = "--redis-lease", defaultValue = "${env:HERALD_REDIS_LEASE}",
            description = "How long a hub's entries in the cluster's list of active subscriptions outlive its "
                    + "last renewal (renewed every fifth of it): a hub that dies has its subscriptions announced "
                    + "inactive within 1.2 times this; from 1s to 1h (env HERALD_REDIS_LEASE, default 10s).")
    Duration redisLease;

    /** A shorter lease makes a live hub that stalls for a fifth of it look dead to the others. */
    static final Duration MIN_LEASE = Duration.ofSeconds(1);
    /** Past this a dead hub's subscriptions stay listed for longer than anyone would want to wait. */
    static final Duration MAX_LEASE = Duration.ofHours(1);
    private static final int RENEWALS_PER_LEASE = 5;

    /**
     * Options given with a transport they do not apply to, which would have no effect; or redis
     * without its URL.
     *
     * @throws IllegalArgumentException naming them
     */
    void check() {
        List<String> sqliteOnly = new ArrayList<>();
        List<String> redisOnly = new ArrayList<>();
        if (dataDir != null) {
            sqliteOnly.add("--data-dir");
        }
        if (durability != null) {
            sqliteOnly.add("--durability");
        }
        if (redisUrl != null) {
            redisOnly.add("--redis-url");
        }
        if (redisReplicas != null) {
            redisOnly.add("--redis-replicas");
        }
        if (redisKeyPrefix != null) {
            redisOnly.add("--redis-key-prefix");
        }
        if (redisWait != null) {
            redisOnly.add("--redis-wait");
        }
        if (redisLease != null) {
            redisOnly.add("--redis-lease");
        }
        List<String> problems = new ArrayList<>();
        if (redisWait != null && (redisWait.isNegative() || redisWait.compareTo(MAX_REDIS_WAIT) > 0)) {
            problems.add("--redis-wait must be between 0s and 10m: " + redisWait.toString().substring(2)
                    .toLowerCase(Locale.ROOT));
        }
        if (redisLease != null && (redisLease.compareTo(MIN_LEASE) < 0 || redisLease.compareTo(MAX_LEASE) > 0)) {
            problems.add("--redis-lease must be between 1s and 1h: " + redisLease.toString().substring(2)
                    .toLowerCase(Locale.ROOT));
        }
        if (kind != Kind.SQLITE && !sqliteOnly.isEmpty()) {
            problems.add(String.join(", ", sqliteOnly) + " applies to the sqlite transport only, not to --transport "
                    + name(kind));
        }
        if (kind == Kind.MEMORY && retentionAge != null) {
            problems.add("--retention-age applies to the sqlite and redis transports, not to --transport memory");
        }
        if (kind != Kind.REDIS && !redisOnly.isEmpty()) {
            problems.add(String.join(", ", redisOnly) + " applies to the redis transport only, not to --transport "
                    + name(kind));
        }
        if (kind == Kind.REDIS && redisUrl == null) {
            problems.add("--transport redis needs --redis-url (env HERALD_REDIS_URL), e.g. redis://localhost:6379");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /**
     * Opens the configured transport; {@code historySize} is the number of updates retained.
     *
     * @throws SqliteStoreException when the history file cannot be used safely
     * @throws RedisTransportException when Redis cannot be used
     * @throws IllegalArgumentException when the settings are invalid (a Redis URL that is not redis://)
     */
    Transport open(int historySize) {
        if (kind == Kind.MEMORY) {
            log.info("History: in memory, newest {} updates; lost when the hub stops", historySize);
            return new InMemoryTransport(historySize);
        }
        Duration retentionAge = this.retentionAge != null ? this.retentionAge : Duration.ZERO;
        if (kind == Kind.REDIS) {
            return openRedis(historySize, retentionAge);
        }
        Path dir = dataDir != null ? dataDir : Path.of("herald-data");
        Durability durability = this.durability != null ? this.durability : Durability.OS;
        Path file = dir.resolve(DATABASE_FILE).toAbsolutePath().normalize();
        SqliteTransport transport = SqliteTransport.open(SqliteStoreConfig.of(file).withDurability(durability)
                .withRetentionCount(historySize).withRetentionAge(retentionAge));
        log.info("History: {} (durability {}, newest {} updates{})", file, durability, historySize, ageLimit(retentionAge));
        return transport;
    }

    private Transport openRedis(int historySize, Duration retentionAge) {
        RedisTransportConfig config = RedisTransportConfig.of(redisUrl).withRetentionCount(historySize)
                .withRetentionAge(retentionAge);
        if (redisKeyPrefix != null) {
            config = config.withKeyPrefix(redisKeyPrefix);
        }
        if (redisReplicas != null) {
            config = config.withReplicas(redisReplicas, config.replicaTimeout());
        }
        RedisTransport transport;
        try {
            transport = RedisStartup.open(config, redisWait != null ? redisWait : DEFAULT_REDIS_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisTransportException("Interrupted while waiting for Redis at " + config.displayUrl(), e);
        }
        log.info("History: Redis at {} (keys {}, newest {} updates{}{}), shared by every hub using it",
                config.displayUrl(), "{" + config.keyPrefix() + "}:*", historySize, ageLimit(retentionAge),
                config.replicas() == 0 ? "" : ", acknowledged once " + config.replicas() + " replicas have it");
        return transport;
    }

    /**
     * Where a cluster lists its active subscriptions: with the redis transport, the same Redis,
     * so that every hub's API lists every hub's subscriptions and a survivor announces a dead
     * hub's ones inactive; null for the other transports (each process lists its own).
     *
     * @throws RedisTransportException when Redis cannot be used
     */
    SubscriptionRegistry sharedRegistry(Transport transport) {
        if (!(transport instanceof RedisTransport redis)) {
            return null;
        }
        return RedisSubscriptionRegistry.open(redis, lease());
    }

    /** The lease, renewed {@value #RENEWALS_PER_LEASE} times within it (the default: 10 s, every 2 s). */
    PresenceLease lease() {
        return redisLease == null ? PresenceLease.defaults()
                : new PresenceLease(redisLease, redisLease.dividedBy(RENEWALS_PER_LEASE));
    }

    private static String ageLimit(Duration age) {
        return age.isZero() ? "" : ", at most " + age.toString().substring(2).toLowerCase(Locale.ROOT) + " old";
    }

    private static String name(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static final class DurabilityConverter implements CommandLine.ITypeConverter<Durability> {
        @Override
        public Durability convert(String value) {
            try {
                return Durability.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
