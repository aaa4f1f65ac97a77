package dev.herald.servlet;

import static dev.herald.testkit.HubRequests.bearer;
import static dev.herald.testkit.HubRequests.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.DrainSpread;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A graceful shutdown's first step on Jetty and Tomcat: the open streams end spread over the
 * window, each after what it was sent; a subscribe meanwhile is refused with 503 and Retry-After;
 * publishing goes on.
 */
class ServletDrainIT {
    private static final String TOPIC = "https://example.com/drain";
    private static final int STREAMS = 12;
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final Duration SLACK = Duration.ofSeconds(2);

    @ParameterizedTest
    @EnumSource(ServletContainer.Kind.class)
    void streamsEndEvenlyOverTheWindowAndNewOnesAreRefused(ServletContainer.Kind kind) throws Exception {
        try (ServletHub hub = ServletHub.start(kind, ServletHub.config(), Duration.ofSeconds(15))) {
            String path = StreamClient.path(List.of(), Map.of("match", TOPIC));
            List<StreamClient> streams = new ArrayList<>();
            try {
                for (int i = 0; i < STREAMS; i++) {
                    streams.add(StreamClient.open(hub.port(), path, Map.of()));
                }
                Poll.until(STREAMS + " subscribers", () -> hub.hub.stats().subscribers() == STREAMS);
                RawHttp.Response before = publish(hub.port(), bearer(ServletHub.publisherToken()),
                        "topic", TOPIC, "data", "before the drain", "id", "before");
                assertThat(before.status()).isEqualTo(200);
                SseEvent expected = SseEvent.message("before", "before the drain");
                Poll.until("the update on every stream", () -> streams.stream().allMatch(s -> s.events().contains(expected)));

                long start = System.nanoTime();
                CompletableFuture<Void> drained = hub.servlet.drain(WINDOW);
                RawHttp.Response late = RawHttp.exchange(hub.port(),
                        RawHttp.request("GET", path, Map.of("Host", "localhost"), null));
                assertThat(late.status()).isEqualTo(503);
                assertThat(late.header("Retry-After")).isEqualTo("1");
                assertThat(late.body()).contains("shutting down");
                List<Long> endedMillis = awaitEnds(streams, start);
                drained.get(WINDOW.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS);
                RawHttp.Response during = publish(hub.port(), bearer(ServletHub.publisherToken()),
                        "topic", TOPIC, "data", "after the drain");

                System.out.printf("ServletDrainIT (%s): %d streams over %d ms ended at %s ms%n", kind, STREAMS,
                        WINDOW.toMillis(), endedMillis);
                DrainSpread.assertEven(endedMillis, WINDOW, SLACK);
                assertThat(hub.hub.stats().subscribers()).isZero();
                for (StreamClient s : streams) {
                    assertThat(s.events()).containsExactly(expected);
                }
                assertThat(during.status()).as("publishing goes on").isEqualTo(200);
            } finally {
                for (StreamClient s : streams) {
                    s.close();
                }
            }
        }
    }

    /** When each stream ended, in milliseconds from {@code start}, sorted. */
    private static List<Long> awaitEnds(List<StreamClient> streams, long start) {
        List<Long> ended = new ArrayList<>();
        List<StreamClient> open = new ArrayList<>(streams);
        long deadline = System.nanoTime() + WINDOW.plus(SLACK).toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            for (var it = open.iterator(); it.hasNext(); ) {
                if (it.next().ended()) {
                    ended.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                    it.remove();
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // the ends are timed to the millisecond
        }
        assertThat(open).as("streams still open after the window").isEmpty();
        return ended;
    }
}
