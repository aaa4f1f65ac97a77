package dev.herald.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the periodic checkpoint falls behind (here it never runs), the writer's hold-back is what
 * keeps the write-ahead log bounded.
 */
class CheckpointerHoldBackTest {
    private static final long CAP = 1 << 20;
    /** 32 KiB rows: each commit adds 8 or 9 pages to the log. */
    private static final byte[] ROW = new byte[32 * 1024];

    @TempDir
    Path dir;

    @Test
    void aWriterThatOutrunsCheckpointingWaitsForTheLogToStartOverAtTheCap() throws Exception {
        Path db = dir.resolve("hold-back.db");
        Path wal = dir.resolve("hold-back.db-wal");
        try (Connection writer = DatabaseFile.connect(db, Durability.OS);
             Checkpointer checkpointer = new Checkpointer(db, Durability.OS, TimeUnit.HOURS.toMillis(1), CAP)) {
            Checkpointer.disableAutoCheckpoint(writer);
            try (Statement s = writer.createStatement()) {
                s.execute("CREATE TABLE t (v BLOB)");
            }
            try (PreparedStatement insert = writer.prepareStatement("INSERT INTO t VALUES (?)")) {
                long largest = 0;
                for (int i = 0; i < 200; i++) { // 6.4 MB of rows, six times the cap
                    insert.setBytes(1, ROW);
                    insert.executeUpdate();
                    checkpointer.holdBackIfLogOutgrown();
                    largest = Math.max(largest, Files.size(wal));
                }
                assertThat(largest).as("largest log file with the hold-back").isLessThanOrEqualTo(CAP);

                // The same writes without it: nothing else checkpoints, so the log only grows.
                for (int i = 0; i < 200; i++) {
                    insert.setBytes(1, ROW);
                    insert.executeUpdate();
                }
                assertThat(Files.size(wal)).as("log file without the hold-back").isGreaterThan(5 * CAP);
            }
            try (Statement s = writer.createStatement();
                 var rs = s.executeQuery("SELECT count(*) FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("rows kept through the checkpoints").isEqualTo(400);
            }
        }
    }
}
