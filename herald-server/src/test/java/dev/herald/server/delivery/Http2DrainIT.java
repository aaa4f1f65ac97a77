package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.H2Client;
import dev.herald.server.testing.H2Mode;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.DrainSpread;
import dev.herald.testkit.Poll;
import dev.herald.testkit.SseEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code HeraldServer.drain} over HTTP/2, by TLS and by h2c: each open connection gets a GOAWAY at
 * once (its client opens no more streams on it), a request that still arrives on one is answered
 * 503, subscription streams end one by one over the window, each after what was sent to it and
 * with END_STREAM, and the connection closes once its streams are done.
 */
class Http2DrainIT {
    private static final String TOPIC = "https://example.com/drained-h2";
    private static final String SUBSCRIBE = "/.well-known/mercure?topic=" + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8);
    private static final int STREAMS = 20;
    private static final Duration WINDOW = Duration.ofSeconds(2);
    /** The event loops and this test's polling, on a loaded two-core machine. */
    private static final Duration SLACK = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(H2Mode.class)
    void openConnectionsGetGoAwayAtOnceAndARequestStillArrivingOnOneGets503(H2Mode mode) throws Exception {
        try (H2Mode.Started started = mode.start(RunningHub.defaults(), dir);
                H2Client h2 = started.connect()) {
            // The drain ends the first of three streams at once, the others a third and two thirds into the window.
            List<H2Client.Stream> subscriptions = List.of(h2.get(SUBSCRIBE, true), h2.get(SUBSCRIBE, true),
                    h2.get(SUBSCRIBE, true));
            assertThat(h2.fetch("/healthz").status()).isEqualTo(200);
            Poll.until("the subscribers", () -> subscriptions.stream().allMatch(s -> s.status() == 200));

            CompletableFuture<Void> drained = started.hub().server().drain(Duration.ofMinutes(1)).toCompletableFuture();

            Poll.until("a GOAWAY on the open connection", h2::goneAway);
            H2Client.Stream during = h2.fetch("/healthz");
            assertThat(during.status()).isEqualTo(503);
            assertThat(during.header("retry-after")).isEqualTo("5");
            assertThat(during.body()).contains("shutting down");
            assertThat(subscriptions.stream().filter(s -> !s.ended())).as("streams stay until their turn").hasSize(2);
            assertThat(subscriptions).allSatisfy(s -> assertThat(s.resetCode()).isNull());
            assertThat(h2.isOpen()).isTrue();
            assertThat(drained).isNotDone();
        }
    }

    @ParameterizedTest
    @EnumSource(H2Mode.class)
    void streamsOfOneConnectionEndEvenlyOverTheWindowThenTheConnectionCloses(H2Mode mode) throws Exception {
        try (H2Mode.Started started = mode.start(RunningHub.defaults(), dir);
                H2Client h2 = started.connect()) {
            List<H2Client.Stream> streams = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                streams.add(h2.get(SUBSCRIBE, true));
            }
            Poll.until(STREAMS + " subscribers", () -> h2.stats().subscribers() == STREAMS);
            String id = h2.publish(TOPIC, "before the drain");
            SseEvent expected = SseEvent.message(id, "before the drain");
            Poll.until("the update on every stream", () -> streams.stream().allMatch(s -> s.events().contains(expected)));

            long start = System.nanoTime();
            CompletableFuture<Void> drained = started.hub().server().drain(WINDOW).toCompletableFuture();

            List<Long> endedMillis = awaitEnds(streams, start);
            drained.get(SLACK.toMillis(), TimeUnit.MILLISECONDS);
            Poll.until("the connection closed after its last stream", () -> !h2.isOpen());

            System.out.printf("Http2DrainIT (%s): %d streams over %d ms ended at %s ms%n", mode, STREAMS,
                    WINDOW.toMillis(), endedMillis);
            assertThat(endedMillis).hasSize(STREAMS);
            DrainSpread.assertEven(endedMillis, WINDOW, SLACK);
            for (H2Client.Stream s : streams) {
                assertThat(s.events()).containsExactly(expected);
                assertThat(s.ended()).as("ended with END_STREAM").isTrue();
                assertThat(s.resetCode()).as("not reset").isNull();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(H2Mode.class)
    void aConnectionWithoutStreamsClosesAtTheStartOfTheDrain(H2Mode mode) throws Exception {
        try (H2Mode.Started started = mode.start(RunningHub.defaults(), dir);
                H2Client h2 = started.connect()) {
            assertThat(h2.fetch("/healthz").status()).isEqualTo(200);

            started.hub().server().drain(Duration.ofMinutes(1)).toCompletableFuture().get(5, TimeUnit.SECONDS);

            Poll.until("the idle connection closed", () -> !h2.isOpen());
            assertThat(h2.goneAway()).isTrue();
        }
    }

    /** Each stream's end, in milliseconds since {@code start}, sorted. */
    private static List<Long> awaitEnds(List<H2Client.Stream> streams, long start) {
        Long[] ended = new Long[streams.size()];
        long deadline = start + WINDOW.plus(SLACK).toNanos();
        int remaining = streams.size();
        while (remaining > 0 && System.nanoTime() - deadline < 0) {
            for (int i = 0; i < ended.length; i++) {
                H2Client.Stream s = streams.get(i);
                if (ended[i] == null && (s.ended() || s.resetCode() != null)) {
                    ended[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    remaining--;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        assertThat(remaining).as("streams still open %s after the drain began", WINDOW.plus(SLACK)).isZero();
        List<Long> sorted = new ArrayList<>(List.of(ended));
        Collections.sort(sorted);
        return sorted;
    }
}
