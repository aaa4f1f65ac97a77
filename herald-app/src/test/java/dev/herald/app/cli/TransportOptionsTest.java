package dev.herald.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.store.sqlite.SqliteTransport;
import dev.herald.transport.InMemoryTransport;
import dev.herald.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TransportOptionsTest {

    /** The options as {@code herald serve ARGS} parses them. */
    private static TransportOptions parse(String... args) {
        String[] serve = new String[args.length + 1];
        serve[0] = "serve";
        System.arraycopy(args, 0, serve, 1, args.length);
        CommandLine.ParseResult parsed = HeraldCli.newCommandLine().parseArgs(serve);
        return ((ServeCommand) parsed.subcommand().commandSpec().userObject()).history;
    }

    @Test
    void sqliteOptionsGivenWithTheMemoryTransportAreRefusedByName() {
        TransportOptions options = parse("--transport", "memory", "--durability", "sync", "--retention-age", "7d");

        assertThatThrownBy(options::check)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--durability, --retention-age applies to the sqlite transport only, not to --transport memory");
    }

    @Test
    void aDataDirectoryWithTheMemoryTransportIsRefused() {
        TransportOptions options = parse("--transport", "memory", "--data-dir", "/tmp/somewhere");

        assertThatThrownBy(options::check).hasMessageStartingWith("--data-dir applies to the sqlite transport only");
    }

    @Test
    void theMemoryTransportAloneOpensInMemoryHistory() {
        TransportOptions options = parse("--transport", "memory");
        options.check();

        try (Transport transport = options.open(10)) {
            assertThat(transport).isInstanceOf(InMemoryTransport.class);
        }
    }

    @Test
    void theSqliteOptionsApplyToTheDefaultTransport(@TempDir Path dir) {
        TransportOptions options = parse("--data-dir", dir.toString(), "--durability", "sync", "--retention-age", "12h");
        options.check();

        try (Transport transport = options.open(10)) {
            assertThat(transport).isInstanceOf(SqliteTransport.class);
            assertThat(Files.exists(dir.resolve(TransportOptions.DATABASE_FILE))).isTrue();
        }
    }
}
