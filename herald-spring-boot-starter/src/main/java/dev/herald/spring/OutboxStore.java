package dev.herald.spring;

import dev.herald.event.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox table in the application's own database. A row is written in the transaction that
 * publishes the update, so it exists exactly when the transaction committed; it is deleted once
 * the hub has stored the update.
 *
 * <p>Rows are ordered by {@code seq}: microseconds since the epoch when written, kept increasing
 * within this process, so that a relay after a crash publishes in the order of the original
 * publishes (across instances, in the order of their clocks).
 */
final class OutboxStore {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private final JdbcTemplate jdbc;
    private final String table;
    private final AtomicLong lastSeq = new AtomicLong();

    /** @throws IllegalArgumentException naming the property when {@code table} is not a plain SQL name */
    OutboxStore(JdbcTemplate jdbc, String table) {
        if (table == null || !IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("herald.outbox.table must be a plain SQL name (letters, digits, _): "
                    + table);
        }
        this.jdbc = jdbc;
        this.table = table;
    }

    /** Creates the table if it is missing (text column and BIGINT: H2, PostgreSQL, MySQL, MariaDB, SQLite). */
    void createIfMissing() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + table
                + " (id VARCHAR(255) NOT NULL PRIMARY KEY, seq BIGINT NOT NULL, body TEXT NOT NULL)");
    }

    /** Joins the caller's transaction, if any: Spring hands JdbcTemplate the transaction's connection. */
    void insert(Update update) {
        jdbc.update("INSERT INTO " + table + " (id, seq, body) VALUES (?, ?, ?)", update.id(), nextSeq(),
                OutboxRows.encode(update));
    }

    void delete(String id) {
        jdbc.update("DELETE FROM " + table + " WHERE id = ?", id);
    }

    /** Up to {@code limit} rows written before {@code beforeMicros}, oldest first. */
    List<Update> writtenBefore(long beforeMicros, int limit) {
        return jdbc.query("SELECT body FROM " + table + " WHERE seq < ? ORDER BY seq", rs -> {
            List<Update> rows = new ArrayList<>();
            while (rs.next() && rows.size() < limit) {
                rows.add(OutboxRows.decode(rs.getString(1)));
            }
            return rows;
        }, beforeMicros);
    }

    long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
        return n == null ? 0 : n;
    }

    static long nowMicros() {
        return System.currentTimeMillis() * 1000;
    }

    private long nextSeq() {
        long now = nowMicros();
        return lastSeq.updateAndGet(last -> Math.max(now, last + 1));
    }
}
