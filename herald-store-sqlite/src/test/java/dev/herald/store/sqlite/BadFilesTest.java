package dev.herald.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file the hub cannot trust is an error naming the file; it is never replaced by an empty one. */
class BadFilesTest {
    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("herald.db");
    }

    private SqliteTransport open() {
        return SqliteTransport.open(SqliteStoreConfig.of(db()));
    }

    @Test
    void refusesAFileAnotherTransportHasOpen() throws Exception {
        try (SqliteTransport first = open()) {
            Updates.append(first, Updates.update("a", "x"));

            assertThatThrownBy(this::open).isInstanceOf(SqliteStoreException.class)
                    .hasMessageContaining(db().toString())
                    .hasMessageContaining("in use by another Herald hub")
                    .hasMessageContaining("herald.db.lock");
            assertThat(Updates.ids(first.readAfter(0, 10))).containsExactly("a");
        }
    }

    @Test
    void refusesATruncatedFile() throws Exception {
        try (SqliteTransport t = open()) {
            for (int i = 0; i < 2000; i++) {
                t.append(Updates.update("u" + i, "some data to fill a few pages " + i));
            }
            Updates.append(t, Updates.update("last", "x"));
        }
        long size = Files.size(db());
        truncate(db(), size / 2);

        assertThatThrownBy(this::open).isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining(db().toString())
                .hasMessageContaining("malformed");
        assertThat(Files.size(db())).isEqualTo(size / 2);
    }

    @Test
    void refusesAFileOfRandomBytes() throws Exception {
        byte[] junk = new byte[8192];
        new Random(42).nextBytes(junk);
        Files.write(db(), junk);

        assertThatThrownBy(this::open).isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining(db().toString())
                .hasMessageContaining("not an SQLite database");
        assertThat(Files.readAllBytes(db())).isEqualTo(junk);
    }

    @Test
    void refusesAFileTooShortToBeADatabase() throws Exception {
        Files.writeString(db(), "hello");

        assertThatThrownBy(this::open).isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining("not an SQLite database (only 5 bytes)");
    }

    @Test
    void refusesAnotherApplicationsSqliteDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
                Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE customers (name TEXT)");
        }

        assertThatThrownBy(this::open).isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining(db().toString())
                .hasMessageContaining("not Herald's")
                .hasMessageContaining("customers");
    }

    @Test
    void refusesADirectoryInPlaceOfTheFile() throws Exception {
        Files.createDirectory(db());

        assertThatThrownBy(this::open).isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining(db() + " is a directory");
    }

    /**
     * The data directory's path names a regular file. Tests run as root (CI does), and root ignores
     * permission bits, so an unwritable directory is no test there; a file in the way stops everyone.
     */
    @Test
    void refusesADataDirectoryThatIsARegularFileAndLeavesTheFileAlone() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("data"), "someone's notes, not a directory\n");
        Path file = notADirectory.resolve("herald.db");

        assertThatThrownBy(() -> SqliteTransport.open(SqliteStoreConfig.of(file)))
                .isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining("Cannot create data directory " + notADirectory);
        assertThat(Files.readString(notADirectory)).isEqualTo("someone's notes, not a directory\n");
    }

    private static void truncate(Path file, long size) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }
}
