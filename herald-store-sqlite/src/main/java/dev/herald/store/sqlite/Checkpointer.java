package dev.herald.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log into the database on its own connection and thread. Left to SQLite,
 * the commit that crosses the WAL size limit does it, and every publish in that commit waits;
 * a PASSIVE checkpoint here never blocks the writer or readers.
 *
 * <p>Under steady publishing a PASSIVE checkpoint never catches up with the writer, and SQLite
 * only starts the log over once one has: the log would grow without end (about 1 GB in 15 s at
 * 13k publishes/s). So once the log passes {@link #RESTART_FRAMES}, a RESTART checkpoint follows
 * the PASSIVE one: it holds the writer back only for the few frames written since, and the next
 * commit writes from the start of the log file again (pages the OS still has cached).
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    private static final long INTERVAL_MILLIS = 100;
    /** Log frames (about 4 KiB each) past which the log is made to start over: ~16 MiB. */
    static final long RESTART_FRAMES = 4096;
    /** What a log file is cut back to when it starts over, after a burst made it larger. */
    static final long LOG_SIZE_LIMIT_BYTES = 64L * 1024 * 1024;

    private final Connection connection;
    private final ScheduledExecutorService timer;
    private final String file;

    Checkpointer(Path path, Durability durability) throws SQLException {
        this.file = path.toString();
        this.connection = DatabaseFile.connect(path, durability);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-sqlite-checkpoint");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkpoint, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Turns off SQLite's checkpoint-on-commit for the writer: this class does it instead. */
    static void disableAutoCheckpoint(Connection writer) throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint = 0");
            s.execute("PRAGMA journal_size_limit = " + LOG_SIZE_LIMIT_BYTES);
        }
    }

    private void checkpoint() {
        try {
            if (run("PASSIVE") >= RESTART_FRAMES) {
                run("RESTART");
            }
        } catch (SQLException e) {
            log.warn("Checkpointing {} failed; retrying", file, e);
        }
    }

    /** Runs a checkpoint in {@code mode}; returns the frames in the log when it ran. */
    private long run(String mode) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            return rs.next() ? rs.getLong(2) : 0;
        }
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        DatabaseFile.closeQuietly(connection);
    }
}
