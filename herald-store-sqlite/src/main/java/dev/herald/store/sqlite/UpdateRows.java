package dev.herald.store.sqlite;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;

/** How an update maps to a row of the {@code updates} table. */
final class UpdateRows {
    /** Topics never contain NUL (the update builder rejects it), so NUL separates them. */
    private static final String TOPIC_SEPARATOR = "\0";

    static final String INSERT = "INSERT INTO updates (seq, id, topics, data, type, retry, private, published_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String READ_AFTER = "SELECT seq, id, topics, data, type, retry, private FROM updates"
            + " WHERE seq > ? ORDER BY seq LIMIT ?";
    /** The latest sequence of an id: a publisher may reuse one. Served by the index on id. */
    static final String SEQUENCE_OF = "SELECT MIN(seq) FROM updates WHERE id = ?";

    private UpdateRows() {}

    /** Rows in the table: what is retained, counted once at open (the writer keeps count after). */
    static long count(java.sql.Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM updates")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    static void bindInsert(PreparedStatement insert, long sequence, Update u, long publishedAtMillis)
            throws SQLException {
        insert.setLong(1, sequence);
        insert.setString(2, u.id());
        insert.setString(3, String.join(TOPIC_SEPARATOR, u.topics()));
        insert.setString(4, u.data());
        if (u.type() == null) {
            insert.setNull(5, Types.VARCHAR);
        } else {
            insert.setString(5, u.type());
        }
        if (u.retry() == null) {
            insert.setNull(6, Types.INTEGER);
        } else {
            insert.setLong(6, u.retry());
        }
        insert.setInt(7, u.privateUpdate() ? 1 : 0);
        insert.setLong(8, publishedAtMillis);
    }

    /** Reads a row of {@link #READ_AFTER}. */
    static StoredUpdate read(ResultSet rs) throws SQLException {
        long sequence = rs.getLong(1);
        List<String> topics = Arrays.asList(rs.getString(3).split(TOPIC_SEPARATOR, -1));
        long retry = rs.getLong(6);
        Long retryOrNull = rs.wasNull() ? null : retry;
        Update update = new Update(rs.getString(2), topics, rs.getString(4), rs.getString(5), retryOrNull,
                rs.getInt(7) != 0);
        return new StoredUpdate(sequence, update);
    }
}
