package dev.herald.store.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 *
 * <p>Both run beside the writer, so a checkpoint starved of CPU or disk can still fall behind a
 * writer that is not. Past {@link #LOG_HARD_CAP_BYTES} the writer itself waits for a TRUNCATE
 * checkpoint ({@link #holdBackIfLogOutgrown()}): publishes slow down instead of the log growing
 * without bound.
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    private static final long INTERVAL_MILLIS = 100;
    /** Log frames (about 4 KiB each) past which the log is made to start over: ~16 MiB. */
    static final long RESTART_FRAMES = 4096;
    /** What a log file is cut back to when it starts over, after a burst made it larger. */
    static final long LOG_SIZE_LIMIT_BYTES = 64L * 1024 * 1024;
    /** The log file size past which the writer waits for a checkpoint. */
    static final long LOG_HARD_CAP_BYTES = 2 * LOG_SIZE_LIMIT_BYTES;
    private static final long HOLD_BACK_TIMEOUT_SECONDS = 30;

    private final Connection connection;
    private final ScheduledExecutorService timer;
    private final String file;
    private final Path logFile;
    private final long hardCapBytes;
    private boolean warnedOfHoldBack; // writer thread only

    Checkpointer(Path path, Durability durability) throws SQLException {
        this(path, durability, INTERVAL_MILLIS, LOG_HARD_CAP_BYTES);
    }

    Checkpointer(Path path, Durability durability, long intervalMillis, long hardCapBytes) throws SQLException {
        this.file = path.toString();
        this.logFile = path.resolveSibling(path.getFileName() + "-wal");
        this.hardCapBytes = hardCapBytes;
        this.connection = DatabaseFile.connect(path, durability);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-sqlite-checkpoint");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkpoint, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Writer thread, between transactions: when the log file has outgrown the hard cap, waits for a
     * TRUNCATE checkpoint on the checkpoint thread (the one connection that checkpoints). The log
     * then starts over from an empty file.
     */
    void holdBackIfLogOutgrown() {
        if (logBytes() <= hardCapBytes) {
            return;
        }
        if (!warnedOfHoldBack) {
            warnedOfHoldBack = true;
            log.warn("The write-ahead log of {} outgrew {} MB: checkpoints fall behind the publishes, which now "
                    + "wait for them (logged once)", file, hardCapBytes >> 20);
        }
        try {
            Outcome truncated = timer.submit(() -> run("TRUNCATE")).get(HOLD_BACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (truncated.blocked()) {
                log.debug("Truncating the log of {} was blocked by a reader; retrying after the next commit", file);
            }
        } catch (ExecutionException e) {
            log.warn("Truncating the log of {} failed; retrying after the next commit", file, e.getCause());
        } catch (TimeoutException | RejectedExecutionException e) {
            log.debug("No checkpoint of {} within {} s, or closing", file, HOLD_BACK_TIMEOUT_SECONDS, e);
        } catch (InterruptedException e) {
            // The writer thread ends only through close(), after committing what it accepted.
            log.debug("Interrupted while waiting for a checkpoint of {}", file, e);
        }
    }

    /** The write-ahead log's size now, 0 before it exists. */
    long logBytes() {
        try {
            return Files.size(logFile);
        } catch (IOException e) {
            return 0; // no log file yet
        }
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
            if (run("PASSIVE").logFrames() >= RESTART_FRAMES) {
                run("RESTART");
            }
        } catch (SQLException e) {
            log.warn("Checkpointing {} failed; retrying", file, e);
        }
    }

    /**
     * What a checkpoint reported: whether something (a reader, in our case) blocked it before it
     * finished, and the frames in the log when it ran.
     */
    private record Outcome(boolean blocked, long logFrames) {}

    /** Runs a checkpoint in {@code mode}, on the checkpoint thread. */
    private Outcome run(String mode) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            return rs.next() ? new Outcome(rs.getInt(1) != 0, rs.getLong(2)) : new Outcome(false, 0);
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
