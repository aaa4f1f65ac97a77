package dev.herald.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

/**
 * Trims the oldest updates beyond the retention count or age, a bounded chunk at a time, always
 * from the front: what is retained stays one contiguous range of sequences.
 */
final class Retention {
    /** Rows deleted per step: a few milliseconds of work, so publishes never wait long for a trim. */
    static final int CHUNK = 1000;
    /** SQLite's result code for a lock it cannot take (extended codes such as BUSY_SNAPSHOT share its low byte). */
    private static final int SQLITE_BUSY = 5;
    static final int BUSY_ATTEMPTS = 5;

    private final int count;
    private final long ageMillis;
    private final Clock clock;

    Retention(int count, Duration age, Clock clock) {
        this.count = count;
        this.ageMillis = age.toMillis();
        this.clock = clock;
    }

    /**
     * Deletes and commits up to {@link #CHUNK} expired updates; returns how many it deleted.
     *
     * <p>A trim reads before it writes, so its transaction starts as a reader. If the log was
     * restarted meanwhile (the checkpointer's RESTART, which waits for this very snapshot), the
     * upgrade to writer fails at once with SQLITE_BUSY rather than waiting: rolling back ends the
     * snapshot, the checkpoint finishes, and the trim is tried again on a fresh one.
     */
    int trimChunk(Connection c, long lastSequence) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                int deleted = deleteExpired(c, lastSequence);
                c.commit(); // also ends the read snapshot, which would otherwise hold back checkpoints
                return deleted;
            } catch (SQLException e) {
                c.rollback();
                if ((e.getErrorCode() & 0xff) != SQLITE_BUSY || attempt == BUSY_ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) throws SQLException {
        try {
            Thread.sleep(5L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while retrying a trim", e);
        }
    }

    private int deleteExpired(Connection c, long lastSequence) throws SQLException {
        long oldest;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MIN(seq) FROM updates")) {
            oldest = rs.next() ? rs.getLong(1) : 0;
        }
        if (oldest == 0) {
            return 0;
        }
        long last = oldest + CHUNK - 1;
        long upTo = Math.min(last, lastSequence - count);
        if (ageMillis > 0 && upTo < last) {
            upTo = Math.max(upTo, lastExpiredByAge(c, oldest, last));
        }
        if (upTo < oldest) {
            return 0;
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM updates WHERE seq <= ?")) {
            delete.setLong(1, upTo);
            return delete.executeUpdate();
        }
    }

    /** The last sequence of the leading run of updates older than the age limit, within the chunk. */
    private long lastExpiredByAge(Connection c, long oldest, long last) throws SQLException {
        long cutoff = clock.millis() - ageMillis;
        long expired = oldest - 1;
        try (PreparedStatement q = c.prepareStatement(
                "SELECT seq, published_at FROM updates WHERE seq BETWEEN ? AND ? ORDER BY seq")) {
            q.setLong(1, oldest);
            q.setLong(2, last);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next() && rs.getLong(2) < cutoff) {
                    expired = rs.getLong(1);
                }
            }
        }
        return expired;
    }
}
