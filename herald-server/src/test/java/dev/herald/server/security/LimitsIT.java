package dev.herald.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.ServerConfig;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.HubRequests;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.StreamClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every resource a client can claim is bounded, with a 4xx (or 503 for connections) past the bound. */
class LimitsIT {

    @Test
    void theDefaultsAreBounded() {
        ServerConfig d = ServerConfig.defaults();

        assertThat(d.maxConnections()).isBetween(1, 100_000);
        assertThat(d.maxTopicsPerRequest()).isBetween(1, 1000);
        assertThat(d.maxHeaderBytes()).isBetween(1024, 64 * 1024);
        assertThat(d.maxBodyBytes()).isBetween(1024, 16 * 1024 * 1024);
        assertThat(d.requestTimeout()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    @Test
    void connectionsPastTheLimitAreRefusedWith503() throws Exception {
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withMaxConnections(3))) {
            List<StreamClient> streams = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    streams.add(LiveStreams.open(hub.port(), "t"));
                }
                RawHttp.Response refused = HubRequests.request(hub.port(), "GET", "/healthz", Map.of());
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).as("Retry-After in delta-seconds").matches("[1-9][0-9]*");

                streams.remove(0).close();
                Poll.until(() -> healthy(hub), Duration.ofSeconds(5), () -> "a freed slot was not reused");
                assertThat(streams).noneMatch(StreamClient::ended);
            } finally {
                for (StreamClient s : streams) {
                    s.close();
                }
            }
        }
    }

    @Test
    void requestHeadersPastTheLimitGet431() throws Exception {
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withMaxHeaderBytes(2048))) {
            RawHttp.Response big = HubRequests.request(hub.port(), "GET", "/healthz", Map.of("X-Big", "a".repeat(3000)));
            RawHttp.Response fits = HubRequests.request(hub.port(), "GET", "/healthz", Map.of("X-Big", "a".repeat(1000)));

            assertThat(big.status()).isEqualTo(431);
            assertThat(fits.status()).isEqualTo(200);
        }
    }

    @Test
    void topicsPerRequestAreLimited() throws Exception {
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withMaxTopicsPerRequest(5))) {
            List<String> six = List.of("a", "b", "c", "d", "e", "f");
            RawHttp.Response subscribe = HubRequests.request(hub.port(), "GET", HubRequests.subscribePath(six), Map.of());
            RawHttp.Response publish = HubRequests.publish(hub.port(), Map.of(), fields(six));
            RawHttp.Response publishFive = HubRequests.publish(hub.port(), Map.of(), fields(six.subList(0, 5)));

            assertThat(subscribe.status()).isEqualTo(400);
            assertThat(subscribe.body()).contains("Too many topic matchers: 6 (limit 5)");
            assertThat(publish.status()).isEqualTo(413);
            assertThat(publishFive.status()).isEqualTo(200);
        }
    }

    @Test
    void publishBodiesPastTheLimitGet413() throws Exception {
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withMaxBodyBytes(1024))) {
            RawHttp.Response r = HubRequests.publish(hub.port(), Map.of(), "topic", "t", "data", "x".repeat(2000));

            assertThat(r.status()).isEqualTo(413);
            assertThat(r.body()).contains("the limit is 1024 bytes");
        }
    }

    @Test
    void aClientTricklingItsHeadersIsCutOffAtTheRequestTimeout() throws Exception {
        Duration timeout = Duration.ofMillis(800);
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withRequestTimeout(timeout));
                Socket socket = connect(hub)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /healthz HTTP/1.1\r\nHost: h\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            trickle.scheduleAtFixedRate(() -> {
                try {
                    out.write('X'); // a never-ending header line, one byte at a time
                    out.flush();
                } catch (IOException closedByHub) {
                    throw new IllegalStateException(closedByHub);
                }
            }, 50, 50, TimeUnit.MILLISECONDS);

            String answer = readUntilClosed(socket.getInputStream());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(answer).satisfiesAnyOf(a -> assertThat(a).startsWith("HTTP/1.1 408"), a -> assertThat(a).isEmpty());
            assertThat(took).isGreaterThanOrEqualTo(timeout.minusMillis(100)).isLessThan(timeout.plusSeconds(2));
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void anIdleConnectionIsClosedAtTheRequestTimeout() throws Exception {
        Duration timeout = Duration.ofMillis(800);
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withRequestTimeout(timeout));
                Socket socket = connect(hub)) {
            long start = System.nanoTime();

            assertThat(readUntilClosed(socket.getInputStream())).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plusSeconds(2));
        }
    }

    @Test
    void anEventStreamOutlivesTheRequestTimeout() throws Exception {
        Duration timeout = Duration.ofMillis(300);
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withRequestTimeout(timeout));
                StreamClient stream = LiveStreams.open(hub.port(), "t")) {
            Poll.nothingArrives(timeout.multipliedBy(4), stream::ended, () -> "the stream ended");
            String id = hub.client().publish("t", "still here");

            assertThat(stream.awaitEvents(1, Duration.ofSeconds(5))).extracting(e -> e.id()).containsExactly(id);
        }
    }

    private static String[] fields(List<String> topics) {
        List<String> f = new ArrayList<>();
        for (String t : topics) {
            f.add("topic");
            f.add(t);
        }
        f.add("data");
        f.add("d");
        return f.toArray(String[]::new);
    }

    private static boolean healthy(RunningHub hub) {
        try {
            return HubRequests.request(hub.port(), "GET", "/healthz", Map.of()).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static Socket connect(RunningHub hub) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", hub.port()), 5000);
        socket.setSoTimeout(5000); // a hang fails the test with SocketTimeoutException
        return socket;
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException reset) {
            return "";
        }
    }
}
