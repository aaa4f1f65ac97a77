package dev.herald.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    @Test
    void refusesAReadOnlyDataDirectory() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        try (ReadOnlyDirectory ignored = ReadOnlyDirectory.make(readOnly)) {
            Path file = readOnly.resolve("herald.db");

            assertThatThrownBy(() -> SqliteTransport.open(SqliteStoreConfig.of(file)))
                    .isInstanceOf(SqliteStoreException.class)
                    .hasMessageContaining(readOnly.toString())
                    .hasMessageContaining("not writable");
            assertThat(Files.exists(file)).isFalse();
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    /**
     * Makes a directory unwritable. Permissions do not stop root (tests often run as root), so
     * then it falls back to the immutable attribute, and skips only if neither works.
     */
    private static final class ReadOnlyDirectory implements AutoCloseable {
        private final Path dir;
        private final boolean immutable;

        private ReadOnlyDirectory(Path dir, boolean immutable) {
            this.dir = dir;
            this.immutable = immutable;
        }

        static ReadOnlyDirectory make(Path dir) throws Exception {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
            if (!Files.isWritable(dir)) {
                return new ReadOnlyDirectory(dir, false);
            }
            boolean immutable = chattr("+i", dir);
            ReadOnlyDirectory made = new ReadOnlyDirectory(dir, immutable);
            if (Files.isWritable(dir)) {
                made.close();
                assumeFalse(true, "cannot make a directory unwritable here: running as root and "
                        + "'chattr +i' is unavailable (needs CAP_LINUX_IMMUTABLE on a filesystem that supports it)");
            }
            return made;
        }

        private static boolean chattr(String flag, Path dir) {
            try {
                Process p = new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            if (immutable) {
                chattr("-i", dir);
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
