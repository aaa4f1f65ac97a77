package dev.herald.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.sqlite.SQLiteConfig;

/**
 * Opens the history file, refusing anything that is not a healthy Herald database: SQLite would
 * happily start a fresh database in place of some of these, and history would be silently lost.
 */
final class DatabaseFile {
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_SIZE = 100;

    private DatabaseFile() {}

    /** Checks the directory and the file before SQLite touches them. */
    static void checkBeforeOpen(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SqliteStoreException("Cannot create data directory " + dir + ": " + StoreLock.describe(e), e);
        }
        if (!Files.isWritable(dir)) {
            throw new SqliteStoreException("Data directory " + dir + " is not writable; the history database "
                    + file.getFileName() + " and its write-ahead log need to be created there");
        }
        if (Files.isDirectory(file)) {
            throw new SqliteStoreException("History database " + file + " is a directory, not a file");
        }
        if (!Files.exists(file)) {
            return;
        }
        byte[] header = new byte[HEADER_SIZE];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(header, 0, HEADER_SIZE);
        } catch (IOException e) {
            throw new SqliteStoreException("Cannot read history database " + file + ": " + StoreLock.describe(e), e);
        }
        if (read == 0) {
            return; // SQLite's own state between creating a file and writing its first page
        }
        if (read < HEADER_SIZE || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
            throw new SqliteStoreException("History database " + file + " is not an SQLite database ("
                    + (read < HEADER_SIZE ? "only " + read + " bytes" : "unexpected header")
                    + "); refusing to open or overwrite it");
        }
    }

    static Connection connect(Path file, Durability durability) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(durability == Durability.SYNC
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** Opens the writer connection and verifies the whole file is intact. */
    static Connection openWriter(Path file, Durability durability) {
        Connection c = null;
        try {
            c = connect(file, durability);
            String check = quickCheck(c);
            if (!"ok".equals(check)) {
                throw new SqliteStoreException("History database " + file + " is corrupt (integrity check: "
                        + check + "); refusing to open it. Move it aside to start with empty history.");
            }
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new SqliteStoreException("Cannot open history database " + file + ": " + e.getMessage()
                    + ". Herald will not replace it: move it aside to start with empty history", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Reads every page, so a truncated or damaged file fails now rather than during a replay. */
    private static String quickCheck(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check(3)")) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                if (out.length() > 0) {
                    out.append("; ");
                }
                out.append(rs.getString(1));
            }
            return out.toString();
        }
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // already failing or closing
        }
    }
}
