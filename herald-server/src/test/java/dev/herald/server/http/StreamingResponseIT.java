package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.HeraldServer;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a subscriber sees of the stream itself: the response head, the opening comment, heartbeats. */
class StreamingResponseIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void subscribeAnswersWithAnUncachedUncompressedEventStream() throws Exception {
        try (RunningHub hub = RunningHub.start();
                StreamClient stream = StreamClient.open(hub.port(),
                        StreamClient.path(List.of("books"), Map.of()),
                        Map.of("Accept-Encoding", "gzip, deflate, br"))) {
            assertThat(stream.awaitStatus()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.header("Cache-Control")).contains("no-cache");
            assertThat(stream.header("X-Accel-Buffering")).isEqualTo("no");
            assertThat(stream.header("Content-Encoding")).isNull();
            // The body is raw event bytes until the connection closes: no length, no chunk framing.
            assertThat(stream.header("Content-Length")).isNull();
            assertThat(stream.header("Transfer-Encoding")).isNull();
        }
    }

    @Test
    void aCommentLineFollowsTheHeadersBeforeAnyEvent() throws Exception {
        try (RunningHub hub = RunningHub.start(); Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", hub.port()), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /.well-known/mercure?topic=books HTTP/1.1\r\n"
                    + "Host: localhost\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();

            assertThat(RawHttp.readHead(in)).startsWith("HTTP/1.1 200");
            assertThat(new String(in.readNBytes(2), StandardCharsets.UTF_8)).isEqualTo(":\n");

            String id = hub.client().publish("books", "first");
            assertThat(readEvent(in)).isEqualTo("""
                    id: %s
                    data: first

                    """.formatted(id));
        }
    }

    @Test
    void anIdleStreamReceivesHeartbeatComments() throws Exception {
        try (RunningHub hub = RunningHub.start(HeraldServer.DEFAULT_HISTORY_SIZE, Duration.ofMillis(200));
                StreamClient stream = LiveStreams.open(hub.port(), "quiet")) {
            Poll.until(() -> stream.comments() >= 3, TIMEOUT,
                    () -> "expected the opening comment and two heartbeats, got " + stream.comments() + " comments");

            assertThat(stream.events()).isEmpty();
            assertThat(stream.ended()).isFalse();
        }
    }

    @Test
    void theStreamStillDeliversAfterHeartbeats() throws Exception {
        try (RunningHub hub = RunningHub.start(HeraldServer.DEFAULT_HISTORY_SIZE, Duration.ofMillis(200));
                StreamClient stream = LiveStreams.open(hub.port(), "quiet")) {
            Poll.until(() -> stream.comments() >= 2, TIMEOUT, () -> "no heartbeat");

            String id = hub.client().publish("quiet", "after the silence");

            assertThat(stream.awaitEvents(1, TIMEOUT))
                    .containsExactly(SseEvent.message(id, "after the silence"));
        }
    }

    /** Reads up to and including the blank line that ends one event. */
    private static String readEvent(InputStream in) throws IOException {
        ByteArrayOutputStream event = new ByteArrayOutputStream();
        int previous = -1;
        int b;
        while ((b = in.read()) >= 0) {
            event.write(b);
            if (b == '\n' && previous == '\n') {
                break;
            }
            previous = b;
        }
        return event.toString(StandardCharsets.UTF_8);
    }
}
