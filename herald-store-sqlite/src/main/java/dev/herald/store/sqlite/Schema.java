package dev.herald.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Creates the tables in a new file and recognises ours in an existing one. */
final class Schema {
    static final int VERSION = 1;

    private Schema() {}

    /** Checks or creates the schema; returns the last sequence ever assigned (0 for a new file). */
    static long prepare(Connection c, String file) throws SQLException {
        int version = userVersion(c);
        if (version > VERSION) {
            throw new SqliteStoreException("History database " + file + " was written by a newer Herald (schema "
                    + version + ", this one reads " + VERSION + "); refusing to open it");
        }
        if (version == 0) {
            List<String> tables = tables(c);
            if (!tables.isEmpty()) {
                throw new SqliteStoreException("History database " + file
                        + " is an SQLite database but not Herald's (it has tables " + tables
                        + "); refusing to modify it");
            }
            create(c);
            return 0;
        }
        return lastSequence(c);
    }

    private static void create(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // AUTOINCREMENT keeps the highest sequence in sqlite_sequence even once its row is
            // trimmed, so sequences are never reused after a restart.
            s.executeUpdate("CREATE TABLE updates ("
                    + " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " id TEXT NOT NULL,"
                    + " topics TEXT NOT NULL,"
                    + " data TEXT NOT NULL,"
                    + " type TEXT,"
                    + " retry INTEGER,"
                    + " private INTEGER NOT NULL,"
                    + " published_at INTEGER NOT NULL)");
            s.executeUpdate("CREATE INDEX updates_by_id ON updates (id)");
            s.executeUpdate("PRAGMA user_version = " + VERSION);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static long lastSequence(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(m) FROM (SELECT MAX(seq) AS m FROM updates"
                        + " UNION ALL SELECT seq FROM sqlite_sequence WHERE name = 'updates')")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
