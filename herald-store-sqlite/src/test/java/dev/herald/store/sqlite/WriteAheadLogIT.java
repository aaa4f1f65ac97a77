package dev.herald.store.sqlite;

import static dev.herald.store.sqlite.Updates.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.StoredUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steady publishing must not grow the write-ahead log without end: a checkpoint that runs
 * beside the writer never catches up with it, so the hub has to make the log start over, and
 * hold the writer back when even that falls behind.
 */
class WriteAheadLogIT {
    /** 2 KiB updates. */
    private static final String PAYLOAD = "w".repeat(2 * 1024);
    /** The hold-back test's cap, small so a few megabytes cross it. */
    private static final long SMALL_CAP = 1 << 20;
    /** 32 KiB rows: each commit adds 8 or 9 pages to the log. */
    private static final byte[] ROW = new byte[32 * 1024];

    @TempDir
    Path dir;

    /** The bound the first test holds the log to: the hard cap, plus one retention chunk of slack. */
    private static final long LOG_BOUND = Checkpointer.LOG_HARD_CAP_BYTES + 16L * 1024 * 1024;
    /**
     * The least the first test must publish for its bound to mean anything: as many bytes as the
     * bound itself. A log that kept every page would then exceed the bound even if it held only the
     * update bytes (it holds about three times that); below it, an unchecked log could pass.
     */
    private static final long MIN_PUBLISHED = LOG_BOUND;

    @Test
    void theLogStaysBoundedWhileUpdatesKeepComing() throws Exception {
        Path db = dir.resolve("herald.db");
        Path wal = logOf(db);
        long published = 0;
        long largestLog = 0;
        try (SqliteTransport t = SqliteTransport.open(SqliteStoreConfig.of(db).withRetentionCount(1000))) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            int n = 0;
            while (System.nanoTime() < end) {
                // Keep commits coming back to back: 16 in flight at any time.
                List<CompletableFuture<StoredUpdate>> inFlight = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    inFlight.add(t.append(update("u" + n++, PAYLOAD)).toCompletableFuture());
                }
                for (CompletableFuture<StoredUpdate> f : inFlight) {
                    f.get(30, TimeUnit.SECONDS);
                }
                published += 16L * PAYLOAD.length();
                largestLog = Math.max(largestLog, Files.size(wal));
            }
        }
        System.out.printf("write-ahead log: %d MB published, largest log file %d MB%n", published >> 20, largestLog >> 20);
        // Unchecked, the log holds every page written, about three times the bytes published. The
        // periodic checkpoint starts it over at a fraction of that; when it falls behind (a busy
        // machine), the writer waits at the hard cap. Slack: one retention chunk deleted between
        // the writer's checks.
        assertThat(published).as("bytes published in the window (the bound below proves nothing with less)")
                .isGreaterThanOrEqualTo(MIN_PUBLISHED);
        assertThat(largestLog).as("largest log file while publishing %d MB", published >> 20)
                .isLessThanOrEqualTo(LOG_BOUND);
    }

    /** When the periodic checkpoint falls behind (here it never runs), the writer's hold-back bounds the log. */
    @Test
    void aWriterThatOutrunsCheckpointingWaitsForTheLogToStartOverAtTheCap() throws Exception {
        Path db = dir.resolve("hold-back.db");
        Path wal = logOf(db);
        try (Connection writer = DatabaseFile.connect(db, Durability.OS);
             Checkpointer checkpointer = new Checkpointer(db, Durability.OS, TimeUnit.HOURS.toMillis(1), SMALL_CAP)) {
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
                assertThat(largest).as("largest log file with the hold-back").isLessThanOrEqualTo(SMALL_CAP);

                // The same writes without it: nothing else checkpoints, so the log only grows.
                for (int i = 0; i < 200; i++) {
                    insert.setBytes(1, ROW);
                    insert.executeUpdate();
                }
                assertThat(Files.size(wal)).as("log file without the hold-back").isGreaterThan(5 * SMALL_CAP);
            }
            try (Statement s = writer.createStatement();
                 var rs = s.executeQuery("SELECT count(*) FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("rows kept through the checkpoints").isEqualTo(400);
            }
        }
    }

    private static Path logOf(Path db) {
        return db.resolveSibling(db.getFileName() + "-wal");
    }
}
