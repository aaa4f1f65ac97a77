package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.hub.CloseReason;
import dev.herald.hub.Hub;
import dev.herald.hub.HubConfig;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.DrainSpread;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import dev.herald.transport.InMemoryTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code HeraldServer.drain}: the listener closes, requests on connections already open get 503,
 * and the open streams end one by one over the window, each after everything sent to it.
 */
class DrainIT {
    private static final String TOPIC = "https://example.com/drained";
    private static final int STREAMS = 20;
    private static final Duration WINDOW = Duration.ofSeconds(2);
    /** The event loops and this test's polling, on a loaded two-core machine. */
    private static final Duration SLACK = Duration.ofSeconds(1);

    private final List<StreamClient> streams = new ArrayList<>();
    private RunningHub hub;

    @AfterEach
    void stop() throws IOException {
        for (StreamClient s : streams) {
            s.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void streamsEndEvenlyOverTheWindowAndRequestsMeanwhileGet503() throws Exception {
        Hub core = new Hub(new InMemoryTransport(100), HubConfig.defaults());
        hub = RunningHub.start(core);
        for (int i = 0; i < STREAMS; i++) {
            streams.add(LiveStreams.open(hub.port(), TOPIC));
        }
        String id = hub.client().publish(TOPIC, "before the drain");
        try (Socket keptAlive = connect()) {
            assertThat(exchange(keptAlive).status()).isEqualTo(200);

            long start = System.nanoTime();
            CompletableFuture<Void> drained = hub.server().drain(WINDOW).toCompletableFuture();

            RawHttp.Response during = exchange(keptAlive);
            assertThat(during.status()).isEqualTo(503);
            assertThat(during.header("Retry-After")).isEqualTo("5");
            assertThat(during.header("Connection")).isEqualTo("close");
            assertThat(keptAlive.getInputStream().read()).as("closed after the 503").isEqualTo(-1);
            Poll.until(this::refused, Poll.TIMEOUT, () -> "new connections are still accepted");

            List<Long> endedMillis = awaitEnds(start, WINDOW.plus(SLACK));
            drained.get(SLACK.toMillis(), TimeUnit.MILLISECONDS);

            System.out.printf("DrainIT: %d streams over %d ms ended at %s ms%n", STREAMS, WINDOW.toMillis(), endedMillis);
            assertThat(endedMillis).hasSize(STREAMS);
            DrainSpread.assertEven(endedMillis, WINDOW, SLACK);
        }
        for (StreamClient s : streams) {
            assertThat(s.events()).extracting(SseEvent::id).containsExactly(id);
        }
        // Counted as the drain's doing (herald_subscriptions_ended_total{reason="drained"}), not the clients'.
        Poll.until(() -> core.metrics().subscriptionsEndedByHub(CloseReason.DRAINED) == STREAMS, Poll.TIMEOUT,
                () -> "drained: " + core.metrics().subscriptionsEndedByHub(CloseReason.DRAINED));
        assertThat(core.metrics().subscriptionsEndedByClient()).isZero();
    }

    @Test
    void aDrainWithoutStreamsCompletesAtOnce() throws Exception {
        hub = RunningHub.start();

        hub.server().drain(Duration.ofMinutes(1)).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
    }

    @Test
    void closingDuringADrainEndsTheRemainingStreamsAtOnce() throws Exception {
        hub = RunningHub.start();
        for (int i = 0; i < 5; i++) {
            streams.add(LiveStreams.open(hub.port(), TOPIC));
        }
        CompletableFuture<Void> drained = hub.server().drain(Duration.ofMinutes(10)).toCompletableFuture();
        Poll.until("the first stream to end", () -> streams.stream().anyMatch(StreamClient::ended));
        assertThat(streams.stream().filter(StreamClient::ended).count()).as("the next one is two minutes away").isOne();

        hub.close();

        for (StreamClient s : streams) {
            s.awaitEnded(Duration.ofSeconds(5));
        }
        drained.get(5, TimeUnit.SECONDS);
    }

    /** Each stream's end, in milliseconds since {@code start}, sorted. */
    private List<Long> awaitEnds(long start, Duration timeout) {
        Long[] ended = new Long[STREAMS];
        long deadline = start + WINDOW.plus(timeout).toNanos();
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
        assertThat(remaining).as("streams still open %s after the drain began", timeout).isZero();
        List<Long> sorted = new ArrayList<>(List.of(ended));
        Collections.sort(sorted);
        return sorted;
    }

    private boolean refused() {
        try (Socket s = connect()) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", hub.port()), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** One keep-alive request on {@code socket}. */
    private static RawHttp.Response exchange(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return RawHttp.read(socket.getInputStream());
    }
}
