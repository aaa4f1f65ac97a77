package dev.herald.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trim whose read snapshot went stale before it could write (the log restarted under it, as the
 * checkpointer's RESTART does): SQLite refuses the upgrade at once with SQLITE_BUSY, and the trim
 * starts over on a fresh snapshot instead of failing until the next check.
 */
class RetentionBusyTest {
    @TempDir
    Path dir;

    @Test
    void aTrimOnAStaleSnapshotStartsOverAndSucceeds() throws Exception {
        Path file = dir.resolve("herald.db");
        try (Connection writer = DatabaseFile.connect(file, Durability.OS);
                Connection other = DatabaseFile.connect(file, Durability.OS)) {
            writer.setAutoCommit(false);
            try (Statement s = writer.createStatement()) {
                s.executeUpdate("CREATE TABLE updates (seq INTEGER PRIMARY KEY, published_at INTEGER NOT NULL)");
                for (int i = 1; i <= 20; i++) {
                    s.executeUpdate("INSERT INTO updates VALUES (" + i + ", 0)");
                }
            }
            writer.commit();
            // The writer's next transaction reads first, and its snapshot then goes stale.
            try (Statement s = writer.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM updates")) {
                assertThat(rs.next()).isTrue();
            }
            try (Statement s = other.createStatement()) {
                s.executeUpdate("INSERT INTO updates VALUES (21, 0)");
            }

            int deleted = new Retention(5, Duration.ZERO, Clock.systemUTC()).trimChunk(writer, 21);

            assertThat(deleted).isEqualTo(16);
            try (Statement s = other.createStatement(); ResultSet rs = s.executeQuery("SELECT MIN(seq), COUNT(*) FROM updates")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(17);
                assertThat(rs.getLong(2)).isEqualTo(5);
            }
        }
    }
}
