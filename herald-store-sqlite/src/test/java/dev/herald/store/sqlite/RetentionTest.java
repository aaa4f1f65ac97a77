package dev.herald.store.sqlite;

import static dev.herald.store.sqlite.Updates.appendAll;
import static dev.herald.store.sqlite.Updates.ids;
import static dev.herald.store.sqlite.Updates.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

    private SqliteStoreConfig config() {
        return SqliteStoreConfig.of(dir.resolve("herald.db")).withClock(clock).withTrimInterval(Duration.ofHours(1));
    }

    private static long trim(SqliteTransport t) throws Exception {
        return t.trimNow().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void keepsTheNewestUpdatesUpToTheRetentionCount() throws Exception {
        try (SqliteTransport t = SqliteTransport.open(config().withRetentionCount(3))) {
            appendAll(t, "u", 5);

            assertThat(trim(t)).isEqualTo(2);
            assertThat(ids(readAll(t))).containsExactly("u3", "u4", "u5");
            assertThat(t.sequenceOf("u1")).isEmpty();
            assertThat(t.sequenceOf("u3")).hasValue(3);
        }
    }

    @Test
    void trimsMoreThanOneChunkAtATime() throws Exception {
        int total = Retention.CHUNK * 2 + 500;
        try (SqliteTransport t = SqliteTransport.open(config().withRetentionCount(10))) {
            for (int i = 0; i < total; i++) {
                t.append(Updates.update("u" + i, "x"));
            }
            Updates.append(t, Updates.update("last", "x"));

            trim(t); // the background trim may already have done part of it

            assertThat(readAll(t)).hasSize(10);
            assertThat(ids(readAll(t))).endsWith("last").startsWith("u" + (total - 9));
        }
    }

    @Test
    void dropsUpdatesOlderThanTheRetentionAge() throws Exception {
        try (SqliteTransport t = SqliteTransport.open(config().withRetentionAge(Duration.ofDays(7)))) {
            appendAll(t, "old", 2);
            clock.advance(Duration.ofDays(3));
            appendAll(t, "recent", 2);
            clock.advance(Duration.ofDays(4).plusSeconds(1));

            assertThat(trim(t)).isEqualTo(2);
            assertThat(ids(readAll(t))).containsExactly("recent1", "recent2");
        }
    }

    @Test
    void ageZeroMeansNoAgeLimit() throws Exception {
        try (SqliteTransport t = SqliteTransport.open(config())) {
            appendAll(t, "u", 2);
            clock.advance(Duration.ofDays(10_000));

            assertThat(trim(t)).isZero();
            assertThat(readAll(t)).hasSize(2);
        }
    }

    @Test
    void appliesRetentionInTheBackgroundAndAgainAtStartup() throws Exception {
        try (SqliteTransport t = SqliteTransport.open(config().withRetentionCount(100))) {
            appendAll(t, "u", 10);
        }
        // Reopened with tighter retention and no explicit trim: the writer trims on its own.
        try (SqliteTransport t = SqliteTransport.open(config().withRetentionCount(4))) {
            Poll.until(() -> readAll(t).size() == 4, Poll.TIMEOUT,
                    () -> "startup trim to 4 updates, have " + readAll(t).size());
            assertThat(ids(readAll(t))).containsExactly("u7", "u8", "u9", "u10");
        }
        try (SqliteTransport t = SqliteTransport.open(config().withRetentionCount(100))) {
            assertThat(ids(readAll(t))).containsExactly("u7", "u8", "u9", "u10");
        }
    }

    @Test
    void checksRetentionPeriodically() throws Exception {
        SqliteStoreConfig periodic = config().withRetentionAge(Duration.ofMinutes(1))
                .withTrimInterval(Duration.ofMillis(20));
        try (SqliteTransport t = SqliteTransport.open(periodic)) {
            appendAll(t, "u", 3);
            clock.advance(Duration.ofMinutes(2));

            Poll.until(() -> readAll(t).isEmpty(), Poll.TIMEOUT, () -> "periodic trim of expired updates");
        }
    }
}
