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
                .hasMessage("--durability applies to the sqlite transport only, not to --transport memory; "
                        + "--retention-age applies to the sqlite and redis transports, not to --transport memory");
    }

    @Test
    void theRedisTransportNeedsItsUrl() {
        TransportOptions options = parse("--transport", "redis");

        assertThatThrownBy(options::check).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--transport redis needs --redis-url (env HERALD_REDIS_URL), e.g. redis://localhost:6379");
    }

    @Test
    void sqliteOptionsGivenWithTheRedisTransportAreRefusedByName() {
        TransportOptions options = parse("--transport", "redis", "--redis-url", "redis://localhost:6379",
                "--data-dir", "/tmp/somewhere", "--durability", "sync", "--retention-age", "1h");

        assertThatThrownBy(options::check)
                .hasMessage("--data-dir, --durability applies to the sqlite transport only, not to --transport redis");
    }

    @Test
    void redisOptionsGivenWithAnotherTransportAreRefusedByName() {
        TransportOptions options = parse("--redis-url", "redis://localhost:6379", "--redis-replicas", "1",
                "--redis-key-prefix", "c1", "--redis-lease", "20s");

        assertThatThrownBy(options::check).hasMessage("--redis-url, --redis-replicas, --redis-key-prefix, "
                + "--redis-lease applies to the redis transport only, not to --transport sqlite");
    }

    @Test
    void theRedisWaitIsBoundedAndOnlyForRedis() {
        assertThatThrownBy(parse("--transport", "redis", "--redis-url", "redis://localhost:6379", "--redis-wait", "11m")::check)
                .hasMessage("--redis-wait must be between 0s and 10m: 11m");
        assertThatThrownBy(parse("--redis-wait", "5s")::check)
                .hasMessage("--redis-wait applies to the redis transport only, not to --transport sqlite");
        parse("--transport", "redis", "--redis-url", "redis://localhost:6379", "--redis-wait", "0s").check();
    }

    @Test
    void aRedisUrlThatIsNotRedisIsRefusedWithoutShowingItsPassword() {
        TransportOptions options = parse("--transport", "redis", "--redis-url", "memcached://:secret@host:11211");
        options.check();

        assertThatThrownBy(() -> options.open(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with redis://, rediss:// or redis-sentinel://")
                .hasMessageNotContaining("secret");
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

    @Test
    void theRedisLeaseIsRenewedFiveTimesWithinItAndDefaultsToTenSeconds() {
        TransportOptions set = parse("--transport", "redis", "--redis-url", "redis://h", "--redis-lease", "30s");
        set.check();
        assertThat(set.lease()).isEqualTo(new dev.herald.transport.redis.PresenceLease(
                java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(6)));
        assertThat(parse("--transport", "redis", "--redis-url", "redis://h").lease())
                .isEqualTo(dev.herald.transport.redis.PresenceLease.defaults());
    }

    @Test
    void aRedisLeaseOutsideOneSecondToOneHourIsRefusedWithTheValue() {
        assertThatThrownBy(parse("--transport", "redis", "--redis-url", "redis://h", "--redis-lease", "500ms")::check)
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--redis-lease must be between 1s and 1h: 0.5s");
        assertThatThrownBy(parse("--transport", "redis", "--redis-url", "redis://h", "--redis-lease", "0")::check)
                .hasMessage("--redis-lease must be between 1s and 1h: 0s");
        assertThatThrownBy(parse("--transport", "redis", "--redis-url", "redis://h", "--redis-lease", "2h")::check)
                .hasMessage("--redis-lease must be between 1s and 1h: 2h");
    }

    @Test
    void aRedisLeaseThatIsNotADurationIsRefusedByThePicocliConverter() {
        assertThatThrownBy(() -> parse("--transport", "redis", "--redis-url", "redis://h", "--redis-lease", "soon"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("invalid duration 'soon'");
    }
}
