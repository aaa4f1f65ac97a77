package dev.herald.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.app.testing.HubProcess;
import dev.herald.testkit.HubClient;
import dev.herald.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code herald serve --log-format json}: every log line is one JSON object a log pipeline can read. */
class JsonLogIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyLineIsAJsonObjectWithLevelLoggerAndTheFormattedMessage() throws Exception {
        try (HubProcess hub = HubProcess.start(null, "--transport", "memory", "--log-format", "json")) {
            int port = hub.awaitListening(TIMEOUT);
            new HubClient(port).publish("https://example.com/t", "x");
            Poll.until(() -> hub.log().contains("DEV MODE"), TIMEOUT, hub::log);

            List<JsonNode> lines = new ArrayList<>();
            for (String line : hub.log().split("\n")) {
                lines.add(JSON.readTree(line)); // throws on a line that is not JSON
            }
            assertThat(lines).allSatisfy(l -> {
                assertThat(l.isObject()).isTrue();
                assertThat(l.path("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
                assertThat(l.path("timestamp").isNumber()).isTrue();
                assertThat(l.path("loggerName").asText()).isNotEmpty();
            });
            assertThat(lines).anySatisfy(l -> {
                assertThat(l.path("loggerName").asText()).isEqualTo("dev.herald.app.cli.ServeCommand");
                assertThat(l.path("formattedMessage").asText())
                        .isEqualTo("Herald listening on http://127.0.0.1:" + port + " (" + transport(hub) + "), "
                                + "hub URL /.well-known/mercure");
            });
        }
    }

    @Test
    void withoutTheOptionLinesStayText() throws Exception {
        try (HubProcess hub = HubProcess.start(null, "--transport", "memory")) {
            hub.awaitListening(TIMEOUT);
            assertThat(hub.log()).contains(" INFO  ServeCommand - Herald listening on http://127.0.0.1:");
            assertThat(hub.log()).doesNotContain("{\"timestamp\"");
        }
    }

    /** epoll or nio, as the hub said. */
    private static String transport(HubProcess hub) {
        return hub.log().contains("(epoll)") ? "epoll" : "nio";
    }
}
