package dev.herald.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
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
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    private static final long INTERVAL_MILLIS = 250;

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
        }
    }

    private void checkpoint() {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            log.warn("Checkpointing {} failed; retrying", file, e);
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
