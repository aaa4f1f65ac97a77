package dev.herald.app.cli;

import dev.herald.store.sqlite.Durability;
import dev.herald.store.sqlite.SqliteStoreConfig;
import dev.herald.store.sqlite.SqliteStoreException;
import dev.herald.store.sqlite.SqliteTransport;
import dev.herald.transport.InMemoryTransport;
import dev.herald.transport.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where {@code herald serve} keeps history: an SQLite file by default, or memory. */
final class TransportOptions {
    private static final Logger log = LoggerFactory.getLogger(TransportOptions.class);
    static final String DATABASE_FILE = "herald.db";

    enum Kind { SQLITE, MEMORY }

    @Option(names = "--transport", defaultValue = "${env:HERALD_TRANSPORT:-sqlite}",
            description = "Where history lives: sqlite (durable, survives restarts) or memory "
                    + "(env HERALD_TRANSPORT, default ${DEFAULT-VALUE}).")
    Kind kind;

    // The SQLite options have no picocli default: unset, they are null, so that setting one with
    // --transport memory is refused instead of silently ignored; open() applies the defaults.
    @Option(names = "--data-dir", defaultValue = "${env:HERALD_DATA_DIR}",
            description = "Directory of the SQLite history file " + DATABASE_FILE
                    + " (env HERALD_DATA_DIR, default ./herald-data).")
    Path dataDir;

    @Option(names = "--durability", defaultValue = "${env:HERALD_DURABILITY}", converter = DurabilityConverter.class,
            description = "os: an acknowledged update survives a crash or kill -9 of the hub; sync: it also "
                    + "survives power loss, at one disk flush per commit (env HERALD_DURABILITY, default os).")
    Durability durability;

    @Option(names = "--retention-age", defaultValue = "${env:HERALD_RETENTION_AGE}",
            description = "Drop SQLite history older than this, e.g. 7d or 12h; 0 keeps it until "
                    + "--history-size pushes it out (env HERALD_RETENTION_AGE, default 0).")
    Duration retentionAge;

    /**
     * The SQLite options given with {@code --transport memory}, which would have no effect.
     *
     * @throws IllegalArgumentException naming them
     */
    void check() {
        if (kind != Kind.MEMORY) {
            return;
        }
        List<String> ignored = new ArrayList<>();
        if (dataDir != null) {
            ignored.add("--data-dir");
        }
        if (durability != null) {
            ignored.add("--durability");
        }
        if (retentionAge != null) {
            ignored.add("--retention-age");
        }
        if (!ignored.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", ignored)
                    + " applies to the sqlite transport only, not to --transport memory");
        }
    }

    /**
     * Opens the configured transport; {@code historySize} is the number of updates retained.
     *
     * @throws SqliteStoreException when the history file cannot be used safely
     */
    Transport open(int historySize) {
        if (kind == Kind.MEMORY) {
            log.info("History: in memory, newest {} updates; lost when the hub stops", historySize);
            return new InMemoryTransport(historySize);
        }
        Path dir = dataDir != null ? dataDir : Path.of("herald-data");
        Durability durability = this.durability != null ? this.durability : Durability.OS;
        Duration retentionAge = this.retentionAge != null ? this.retentionAge : Duration.ZERO;
        Path file = dir.resolve(DATABASE_FILE).toAbsolutePath().normalize();
        SqliteTransport transport = SqliteTransport.open(SqliteStoreConfig.of(file).withDurability(durability)
                .withRetentionCount(historySize).withRetentionAge(retentionAge));
        log.info("History: {} (durability {}, newest {} updates{})", file, durability, historySize,
                retentionAge.isZero() ? "" : ", at most " + retentionAge.toString().substring(2).toLowerCase(Locale.ROOT)
                        + " old");
        return transport;
    }

    static final class DurabilityConverter implements CommandLine.ITypeConverter<Durability> {
        @Override
        public Durability convert(String value) {
            try {
                return Durability.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
