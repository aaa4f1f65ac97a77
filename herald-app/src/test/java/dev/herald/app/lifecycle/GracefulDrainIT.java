package dev.herald.app.lifecycle;

import static dev.herald.testkit.HubRequests.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.app.testing.HubProcess;
import dev.herald.testkit.HubClient;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import dev.herald.testkit.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald serve --drain-timeout 3s} gets SIGTERM with streams open: it stops accepting,
 * answers 503 on a connection already open, closes the streams spread over the window, exits 0
 * within it (plus closing), and the inactive subscription event of every drained stream is in the
 * history it leaves, once.
 */
class GracefulDrainIT {
    private static final String TOPIC = "https://example.com/draining";
    private static final String SECRET = TestTokens.secret();
    private static final int STREAMS = 30;
    private static final Duration WINDOW = Duration.ofSeconds(3);
    /** Closing after the window (the last announcements, the SQLite commit, the JVM's exit), on a loaded machine. */
    private static final Duration MARGIN = Duration.ofSeconds(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final List<StreamClient> streams = new ArrayList<>();

    @AfterEach
    void closeStreams() throws IOException {
        for (StreamClient s : streams) {
            s.close();
        }
    }

    @Test
    void sigtermDrainsTheStreamsOverTheWindowAndExitsZero() throws Exception {
        String id;
        try (HubProcess hub = start("--drain-timeout", "3s")) {
            int port = hub.awaitListening(Poll.TIMEOUT.multipliedBy(3));
            for (int i = 0; i < STREAMS; i++) {
                streams.add(LiveStreams.open(port, TOPIC));
            }
            id = new HubClient(port).publish(TOPIC, "before the drain");
            for (StreamClient s : streams) {
                s.awaitEvents(1, Poll.TIMEOUT);
            }
            try (Socket keptAlive = connect(port)) {
                assertThat(healthz(keptAlive).status()).isEqualTo(200);

                long start = System.nanoTime();
                hub.terminate();

                // The signal is handled asynchronously: until the drain begins, the hub still answers.
                Poll.until(() -> healthz(keptAlive).status() == 503, Poll.TIMEOUT, () -> "no 503 during the drain");
                assertThat(keptAlive.getInputStream().read()).as("closed after the 503").isEqualTo(-1);
                Poll.until(() -> refused(port), Poll.TIMEOUT, () -> "new connections are still accepted");
                List<Long> ended = awaitEnds(start);
                int exit = hub.awaitExit(WINDOW.plus(MARGIN));
                long exitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

                System.out.printf("GracefulDrainIT: %d streams over %d ms ended at %s ms; exit %d after %d ms%n",
                        STREAMS, WINDOW.toMillis(), ended, exit, exitedMillis);
                assertThat(exit).isZero();
                long window = WINDOW.toMillis();
                assertThat(ended.stream().filter(t -> t < window / 10).count())
                        .as("streams ended in the first tenth of the window (evenly: %d)", STREAMS / 10)
                        .isLessThanOrEqualTo(STREAMS / 4);
                assertThat(ended.get(STREAMS - 1)).as("the last one ends late in the window")
                        .isBetween(window * 6 / 10, window + MARGIN.toMillis());
                assertThat(ended.get(STREAMS / 2)).as("the median").isBetween(window / 4, window * 3 / 4 + 1000);
            }
        }
        for (StreamClient s : streams) {
            assertThat(s.events()).extracting(SseEvent::id).containsExactly(id);
        }
        assertEachDrainedStreamAnnouncedInactiveOnce(id);
    }

    /** Restarted on the same history: after {@code id} come exactly one inactive event per stream. */
    private void assertEachDrainedStreamAnnouncedInactiveOnce(String id) throws Exception {
        try (HubProcess again = start()) {
            int port = again.awaitListening(Poll.TIMEOUT.multipliedBy(3));
            Map<String, String> headers = new java.util.HashMap<>(bearer(TestTokens.hs256(SECRET, TestTokens.subscriber("*"))));
            headers.put("Last-Event-ID", id);
            try (StreamClient watcher = LiveStreams.open(port, StreamClient.path(List.of("*"), Map.of()), headers)) {
                Poll.until(() -> announcements(watcher).size() >= STREAMS, Poll.TIMEOUT,
                        () -> "announcements replayed: " + announcements(watcher));
                Poll.nothingArrives(() -> announcements(watcher).size() > STREAMS, () -> "more: " + announcements(watcher));
                List<JsonNode> all = announcements(watcher);
                assertThat(all).allSatisfy(a -> assertThat(a.path("active").asBoolean()).isFalse());
                assertThat(all.stream().map(a -> a.path("subscriber").asText()).distinct().count()).isEqualTo(STREAMS);
            }
        }
    }

    /** The subscription events about {@link #TOPIC} on {@code watcher} (which also gets the update itself). */
    private static List<JsonNode> announcements(StreamClient watcher) {
        return watcher.events().stream().filter(e -> e.data().startsWith("{")).map(e -> parse(e.data()))
                .filter(d -> TOPIC.equals(d.path("topic").asText())).toList();
    }

    private HubProcess start(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--subscriptions", "--subscriber-jwt-key", SECRET));
        all.addAll(List.of(args));
        return HubProcess.start(dataDir, all.toArray(String[]::new));
    }

    /** Each stream's end, in milliseconds since {@code start}, sorted. */
    private List<Long> awaitEnds(long start) {
        Long[] ended = new Long[STREAMS];
        long deadline = start + WINDOW.plus(MARGIN).toNanos();
        int remaining = STREAMS;
        while (remaining > 0 && System.nanoTime() - deadline < 0) {
            for (int i = 0; i < STREAMS; i++) {
                if (ended[i] == null && streams.get(i).ended()) {
                    ended[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    remaining--;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        assertThat(remaining).as("streams still open after the window and the margin").isZero();
        List<Long> sorted = new ArrayList<>(List.of(ended));
        Collections.sort(sorted);
        return sorted;
    }

    private static RawHttp.Response healthz(Socket socket) {
        try {
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return RawHttp.read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean refused(int port) {
        try (Socket s = connect(port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
