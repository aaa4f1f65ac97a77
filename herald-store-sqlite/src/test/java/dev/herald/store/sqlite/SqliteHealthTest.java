package dev.herald.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.StoredUpdate;
import dev.herald.testkit.Poll;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a readiness probe and the metrics learn from the store: retained updates, commits, and trouble. */
class SqliteHealthTest {
    @TempDir
    Path dir;

    @Test
    void aCommitStuckBehindAnotherProgramsWriteLockMakesTheStoreNotReadyUntilItGoesThrough() throws Exception {
        Path file = dir.resolve("herald.db");
        try (SqliteTransport store = SqliteTransport.open(SqliteStoreConfig.of(file))) {
            store.append(Updates.update("a", "data")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(store.health().ready()).isTrue();

            CompletableFuture<StoredUpdate> stuck;
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE"); // the write lock, as sqlite3 or a backup tool would take it
                stuck = store.append(Updates.update("b", "data")).toCompletableFuture();

                Poll.until(() -> !store.health().ready(), Duration.ofSeconds(10), () -> "still ready");
                assertThat(store.health().reason()).startsWith("sqlite commit stalled for ")
                        .endsWith(" ms (file locked, or disk not answering)");
                assertThat(stuck).isNotDone();
                s.execute("ROLLBACK");
            }

            assertThat(stuck.get(10, TimeUnit.SECONDS).sequence()).isEqualTo(2);
            assertThat(store.health().ready()).isTrue();
            assertThat(store.retainedUpdates()).hasValue(2);
            assertThat(store.commits()).isEqualTo(2);
            assertThat(store.commitNanos()).as("the stuck commit's wait included").isGreaterThan(CommitStats.STALL_NANOS);
            assertThat(store.writeAheadLogBytes()).isPositive();
        }
    }

    @Test
    void retainedUpdatesCountWhatIsThereAtOpenThenFollowAppendsAndTrims() throws Exception {
        Path file = dir.resolve("herald.db");
        try (SqliteTransport store = SqliteTransport.open(SqliteStoreConfig.of(file))) {
            for (int i = 0; i < 5; i++) {
                store.append(Updates.update("u" + i, "data")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
        try (SqliteTransport store = SqliteTransport.open(SqliteStoreConfig.of(file).withRetentionCount(3))) {
            assertThat(store.retainedUpdates().getAsLong()).as("counted at open, trimmed since or not").isBetween(3L, 5L);
            store.trimNow().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(store.retainedUpdates()).hasValue(3);
            store.append(Updates.update("u5", "data")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            store.trimNow().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(store.retainedUpdates()).hasValue(3);
        }
        try (SqliteTransport store = SqliteTransport.open(SqliteStoreConfig.of(file))) {
            assertThat(store.retainedUpdates()).hasValue(3);
        }
    }

    @Test
    void aClosedStoreIsNotReady() {
        SqliteTransport store = SqliteTransport.open(SqliteStoreConfig.of(dir.resolve("herald.db")));
        store.close();
        assertThat(store.health().ready()).isFalse();
        assertThat(store.health().reason()).isEqualTo("sqlite history closed");
    }
}
