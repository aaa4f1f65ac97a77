package dev.herald.spring;

import dev.herald.store.sqlite.Durability;
import dev.herald.store.sqlite.SqliteStoreConfig;
import dev.herald.store.sqlite.SqliteTransport;
import dev.herald.transport.InMemoryTransport;
import dev.herald.transport.Transport;
import dev.herald.transport.redis.RedisStartup;
import dev.herald.transport.redis.RedisTransportConfig;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the history the properties name. The durable ones live in optional modules: a property
 * naming one whose module is missing fails at startup saying which dependency to add.
 */
final class HeraldTransports {
    private static final Logger log = LoggerFactory.getLogger(HeraldTransports.class);

    private HeraldTransports() {}

    static Transport open(HeraldProperties properties) throws InterruptedException {
        if (properties.getHistorySize() < 1) {
            throw new IllegalArgumentException("herald.history-size must be at least 1, got " + properties.getHistorySize());
        }
        Duration age = properties.getRetentionAge() == null ? Duration.ZERO : properties.getRetentionAge();
        return switch (properties.getTransport()) {
            case MEMORY -> {
                if (properties.getRetentionAge() != null) {
                    throw new IllegalArgumentException("herald.retention-age applies to the sqlite and redis transports, "
                            + "not to herald.transport=memory");
                }
                log.info("Herald history: in memory, newest {} updates; lost when the application stops "
                        + "(herald.transport=sqlite or redis keeps it)", properties.getHistorySize());
                yield new InMemoryTransport(properties.getHistorySize());
            }
            case SQLITE -> {
                require("dev.herald.store.sqlite.SqliteTransport", "sqlite", "herald-store-sqlite");
                yield Sqlite.open(properties, age);
            }
            case REDIS -> {
                require("dev.herald.transport.redis.RedisTransport", "redis", "herald-transport-redis");
                yield Redis.open(properties, age);
            }
        };
    }

    private static void require(String className, String kind, String artifact) {
        try {
            Class.forName(className, false, HeraldTransports.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("herald.transport=" + kind + " needs the dependency dev.herald:" + artifact
                    + " on the classpath");
        }
    }

    /** Separate classes, so that their modules' types are only loaded when chosen. */
    private static final class Sqlite {
        static Transport open(HeraldProperties properties, Duration age) {
            var file = properties.getSqlite().getDataDir().resolve("herald.db").toAbsolutePath().normalize();
            Durability durability = Durability.parse(properties.getSqlite().getDurability());
            log.info("Herald history: {} (durability {}, newest {} updates)", file, durability, properties.getHistorySize());
            return SqliteTransport.open(SqliteStoreConfig.of(file).withDurability(durability)
                    .withRetentionCount(properties.getHistorySize()).withRetentionAge(age));
        }
    }

    private static final class Redis {
        static Transport open(HeraldProperties properties, Duration age) throws InterruptedException {
            HeraldProperties.Redis redis = properties.getRedis();
            if (redis.getUrl() == null || redis.getUrl().isBlank()) {
                throw new IllegalArgumentException("herald.transport=redis needs herald.redis.url, e.g. redis://localhost:6379");
            }
            RedisTransportConfig config = RedisTransportConfig.of(redis.getUrl())
                    .withRetentionCount(properties.getHistorySize()).withRetentionAge(age)
                    .withKeyPrefix(redis.getKeyPrefix());
            if (redis.getReplicas() > 0) {
                config = config.withReplicas(redis.getReplicas(), config.replicaTimeout());
            }
            log.info("Herald history: Redis at {} (keys {{}}:*), shared by every instance", config.displayUrl(),
                    config.keyPrefix());
            return RedisStartup.open(config, redis.getStartupWait());
        }
    }
}
