package dev.herald.store.sqlite;

import dev.herald.event.StoredUpdate;
import dev.herald.transport.TransportClosedException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Read-only connections for history reads. WAL lets them read committed data while the writer
 * commits; each query sees the latest commit at the time it starts.
 */
final class ReaderPool implements AutoCloseable {
    private final BlockingQueue<Reader> idle;
    private final List<Reader> all = new ArrayList<>();
    private final String file;
    private volatile boolean closed;

    private static final class Reader {
        final Connection connection;
        final PreparedStatement readAfter;
        final PreparedStatement sequenceOf;

        Reader(Connection connection) throws SQLException {
            this.connection = connection;
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA query_only = 1");
            }
            this.readAfter = connection.prepareStatement(UpdateRows.READ_AFTER);
            this.sequenceOf = connection.prepareStatement(UpdateRows.SEQUENCE_OF);
        }
    }

    ReaderPool(Path path, Durability durability, int size) throws SQLException {
        this.file = path.toString();
        this.idle = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                Reader r = new Reader(DatabaseFile.connect(path, durability));
                all.add(r);
                idle.add(r);
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    List<StoredUpdate> readAfter(long afterSequence, int limit) {
        Reader r = borrow();
        try {
            r.readAfter.setLong(1, afterSequence);
            r.readAfter.setInt(2, limit);
            List<StoredUpdate> page = new ArrayList<>(Math.min(limit, 256));
            try (ResultSet rs = r.readAfter.executeQuery()) {
                while (rs.next()) {
                    page.add(UpdateRows.read(rs));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading history from " + file + " failed: " + e.getMessage(), e);
        } finally {
            idle.add(r);
        }
    }

    OptionalLong sequenceOf(String id) {
        Reader r = borrow();
        try {
            r.sequenceOf.setString(1, id);
            try (ResultSet rs = r.sequenceOf.executeQuery()) {
                long seq = rs.next() ? rs.getLong(1) : 0;
                return seq == 0 ? OptionalLong.empty() : OptionalLong.of(seq);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Looking up an id in " + file + " failed: " + e.getMessage(), e);
        } finally {
            idle.add(r);
        }
    }

    private Reader borrow() {
        try {
            while (!closed) {
                Reader r = idle.poll(100, TimeUnit.MILLISECONDS);
                if (r != null) {
                    return r;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new TransportClosedException();
    }

    /** Waits for readers in use to come back, then closes every connection. */
    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < all.size(); i++) {
            Reader r;
            try {
                r = idle.poll(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                r = null;
            }
            if (r == null) {
                break; // a read is stuck; the process is going away anyway
            }
        }
        for (Reader r : all) {
            DatabaseFile.closeQuietly(r.readAfter);
            DatabaseFile.closeQuietly(r.sequenceOf);
            DatabaseFile.closeQuietly(r.connection);
        }
    }
}
