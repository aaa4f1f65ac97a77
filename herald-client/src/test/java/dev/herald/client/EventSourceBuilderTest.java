package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad configuration is refused at once, naming the value. */
class EventSourceBuilderTest {
    private final EventSourceBuilder builder = EventSource.builder(URI.create("http://localhost/events"));

    @Test
    void theUrlMustBeAbsoluteHttp() {
        assertThatThrownBy(() -> EventSource.builder(URI.create("ftp://x/events")))
                .hasMessage("uri must be an absolute http or https URL: ftp://x/events");
        assertThatThrownBy(() -> EventSource.builder(URI.create("/events")))
                .hasMessage("uri must be an absolute http or https URL: /events");
    }

    @Test
    void durationsAreChecked() {
        assertThatThrownBy(() -> builder.reconnectTime(Duration.ofMillis(-1)))
                .hasMessage("reconnectTime must not be negative: PT-0.001S");
        assertThatThrownBy(() -> builder.readTimeout(Duration.ZERO)).hasMessage("readTimeout must be positive: PT0S");
        assertThatThrownBy(() -> builder.jitter(2)).hasMessage("jitter must be within [0, 1]: 2.0");
        assertThatThrownBy(() -> builder.streamCapacity(0)).hasMessage("streamCapacity must be positive: 0");
    }

    @Test
    void headersAndIdsThatWouldBreakTheRequestAreRefused() {
        assertThatThrownBy(() -> builder.header("Bad Name", "x")).hasMessage("invalid header name: \"Bad Name\"");
        assertThatThrownBy(() -> builder.header("X-A", "a\r\nInjected: 1"))
                .hasMessage("header X-A must not contain CR, LF or NUL: \"a\\r\\nInjected: 1\"");
        assertThatThrownBy(() -> builder.lastEventId("1\n2")).hasMessage("lastEventId must not contain CR, LF or NUL: \"1\\n2\"");
    }
}
