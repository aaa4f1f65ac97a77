package dev.herald.store.sqlite;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link SqliteTransport}.
 *
 * @param databaseFile the SQLite file; its lock file {@code <name>.lock} sits next to it
 * @param durability what an acknowledged update survives
 * @param retentionCount newest updates kept; older ones are trimmed (0 keeps none)
 * @param retentionAge updates older than this are trimmed; zero turns age retention off
 * @param trimInterval how often the background trim checks retention
 * @param clock publish times and ages come from here
 */
public record SqliteStoreConfig(Path databaseFile, Durability durability, int retentionCount,
        Duration retentionAge, Duration trimInterval, Clock clock) {

    public SqliteStoreConfig {
        Objects.requireNonNull(databaseFile, "databaseFile");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(clock, "clock");
        if (retentionCount < 0) {
            throw new IllegalArgumentException("retention count must not be negative: " + retentionCount);
        }
        if (retentionAge == null || retentionAge.isNegative()) {
            throw new IllegalArgumentException("retention age must not be negative: " + retentionAge);
        }
        if (trimInterval == null || trimInterval.isNegative() || trimInterval.isZero()) {
            throw new IllegalArgumentException("trim interval must be positive: " + trimInterval);
        }
    }

    /** {@code os} durability, 10,000 updates, no age limit, trimmed every second. */
    public static SqliteStoreConfig of(Path databaseFile) {
        return new SqliteStoreConfig(databaseFile, Durability.OS, 10_000, Duration.ZERO,
                Duration.ofSeconds(1), Clock.systemUTC());
    }

    public SqliteStoreConfig withDurability(Durability durability) {
        return new SqliteStoreConfig(databaseFile, durability, retentionCount, retentionAge, trimInterval, clock);
    }

    public SqliteStoreConfig withRetentionCount(int count) {
        return new SqliteStoreConfig(databaseFile, durability, count, retentionAge, trimInterval, clock);
    }

    public SqliteStoreConfig withRetentionAge(Duration age) {
        return new SqliteStoreConfig(databaseFile, durability, retentionCount, age, trimInterval, clock);
    }

    public SqliteStoreConfig withTrimInterval(Duration interval) {
        return new SqliteStoreConfig(databaseFile, durability, retentionCount, retentionAge, interval, clock);
    }

    public SqliteStoreConfig withClock(Clock clock) {
        return new SqliteStoreConfig(databaseFile, durability, retentionCount, retentionAge, trimInterval, clock);
    }
}
