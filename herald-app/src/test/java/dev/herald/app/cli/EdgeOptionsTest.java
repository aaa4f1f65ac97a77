package dev.herald.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.LimitsConfig;
import dev.herald.server.PublishRate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EdgeOptionsTest {

    /** The options as {@code herald serve ARGS} parses them. */
    private static EdgeOptions parse(String... args) {
        String[] serve = new String[args.length + 1];
        serve[0] = "serve";
        System.arraycopy(args, 0, serve, 1, args.length);
        CommandLine.ParseResult parsed = HeraldCli.newCommandLine().parseArgs(serve);
        return ((ServeCommand) parsed.subcommand().commandSpec().userObject()).edge;
    }

    @Test
    void theDefaultsCapTheSendBufferLimitNoClientAndDrainForThirtySeconds() {
        EdgeOptions options = parse();

        assertThat(options.limits()).isEqualTo(LimitsConfig.defaults());
        assertThat(options.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void everyLimitIsSetByItsOption() {
        EdgeOptions options = parse("--socket-send-buffer", "64KiB", "--max-connections-per-ip", "50",
                "--max-subscriptions-per-subject", "10", "--publish-rate", "600/m", "--drain-timeout", "3s");

        assertThat(options.limits()).isEqualTo(new LimitsConfig(64 * 1024, 50, 10, PublishRate.parse("600/m")));
        assertThat(options.drainTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(parse("--socket-send-buffer", "0").limits().socketSendBufferBytes()).as("autotuning").isZero();
    }

    @Test
    void unusableValuesAreRefusedByName() {
        assertThatThrownBy(() -> parse("--publish-rate", "100/d").limits()).hasMessageContaining("invalid publish rate '100/d'");
        assertThatThrownBy(() -> parse("--socket-send-buffer", "1k").limits()).hasMessageContaining("at least 4096");
        assertThatThrownBy(() -> parse("--max-connections-per-ip", "-1").limits())
                .hasMessageContaining("max connections per IP");
    }
}
