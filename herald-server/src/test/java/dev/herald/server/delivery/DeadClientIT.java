package dev.herald.server.delivery;

import static dev.herald.testkit.HubRequests.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.hub.HubConfig;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.VerifierConfig;
import dev.herald.server.testing.LoopbackBlackhole;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.MetricsScrape;
import dev.herald.testkit.Poll;
import dev.herald.testkit.StreamClient;
import dev.herald.testkit.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A subscriber whose network vanishes (lid closed, Wi-Fi lost, NAT entry dropped) never closes its
 * connection, and the hub must still let it go, and announce it gone, within a bound the
 * dead-client timeout sets: TCP_USER_TIMEOUT aborts a connection whose data stays unacknowledged
 * that long, and heartbeats make sure an idle stream has data in flight. The loss here is real:
 * tc drops every packet the hub sends that one client ({@link LoopbackBlackhole}), while the
 * watcher and every other connection on the machine carry on.
 */
class DeadClientIT {
    private static final String BOOK = "https://example.com/books/1";
    private static final String SECRET = TestTokens.secret();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration DEAD_CLIENT_TIMEOUT = Duration.ofSeconds(2);
    /**
     * The kernel counts the timeout from its first retransmission of the oldest unacknowledged
     * segment. On loopback that leaves about 400 ms after the send: a tail-loss probe (which does
     * not count) after some 200 ms, then one retransmission timeout, 200 ms at least.
     */
    private static final Duration FIRST_RETRANSMISSION = Duration.ofMillis(400);
    /** With a shut window the count starts at the first window probe, one retransmission timeout in. */
    private static final Duration FIRST_WINDOW_PROBE = Duration.ofMillis(200);
    /** The hub's event loop and this test's polling, on a loaded two-core machine. */
    private static final Duration SLACK = Duration.ofMillis(800);
    /**
     * From the loss to the announcement. A stream written to since the heartbeat last visited it
     * is skipped once, so the first byte the client will never acknowledge may leave up to two
     * heartbeat intervals after the loss; then the first retransmission; then the timeout.
     */
    private static final Duration BOUND =
            HEARTBEAT.multipliedBy(2).plus(FIRST_RETRANSMISSION).plus(DEAD_CLIENT_TIMEOUT).plus(SLACK);

    /** A budget no test comes near: being cut off for it would hide what is tested. */
    private static final int LARGE_BUDGET = 16 * 1024 * 1024;

    private RunningHub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aSubscriberWhoseNetworkVanishesIsDroppedAndAnnouncedInactiveWithinTheBound() throws Exception {
        hub = start(DEAD_CLIENT_TIMEOUT, RunningHub.defaults().subscriberBufferBytes());
        try (StreamClient watcher = watch(); StreamClient vanishing = LiveStreams.open(hub.port(), BOOK)) {
            String subscriber = awaitActive(watcher, 1).get(0);
            assertThat(hub.client().stats().subscribers()).isEqualTo(2);
            // Lose the network just after a heartbeat arrived: nothing is in flight, and only the
            // next heartbeat, an interval later, can expose the loss.
            awaitHeartbeat(vanishing);

            try (LoopbackBlackhole loss = LoopbackBlackhole.drop(hub.port(), vanishing.socket().getLocalPort())) {
                long lost = System.nanoTime();
                Poll.until(() -> inactive(watcher, subscriber) > 0, BOUND,
                        () -> "no inactive announcement; the hub still counts " + hub.client().stats());
                Duration detected = Duration.ofNanos(System.nanoTime() - lost);
                System.out.printf("DeadClientIT: vanished subscriber announced inactive %d ms after the loss "
                        + "(heartbeat %d ms, timeout %d ms, bound %d ms)%n", detected.toMillis(),
                        HEARTBEAT.toMillis(), DEAD_CLIENT_TIMEOUT.toMillis(), BOUND.toMillis());
                assertThat(detected).as("the kernel gives up no sooner than the timeout").isGreaterThan(DEAD_CLIENT_TIMEOUT);
                Poll.until("the hub to stop counting the vanished subscriber",
                        () -> hub.client().stats().subscribers() == 1);
                assertThat(deadClientsDropped()).as("the kernel's ETIMEDOUT, counted").isEqualTo(1);
                assertThat(vanishing.ended()).as("the client heard of nothing: no FIN or RST reached it").isFalse();
            }
            Poll.nothingArrives(() -> inactive(watcher, subscriber) > 1, () -> "a second inactive announcement");
            assertThat(inactive(watcher, subscriber)).isEqualTo(1);
        }
    }

    /**
     * The control: with a long timeout the same loss, and a client that reads nothing, go
     * unnoticed for the whole bound, although updates keep the hub sending to both.
     */
    @Test
    void withALongDeadClientTimeoutBothAreStillCountedAfterTheBound() throws Exception {
        hub = start(Duration.ofSeconds(60), LARGE_BUDGET);
        try (StreamClient watcher = watch(); StreamClient vanishing = LiveStreams.open(hub.port(), BOOK);
                StreamClient stalled = openWithoutReading()) {
            awaitActive(watcher, 2);
            awaitHeartbeat(vanishing);

            try (LoopbackBlackhole loss = LoopbackBlackhole.drop(hub.port(), vanishing.socket().getLocalPort())) {
                shutTheWindow();
                Poll.nothingArrives(BOUND, () -> !announcements(watcher, null, false).isEmpty(),
                        () -> "an inactive announcement although the timeout is 60 s");
                assertThat(hub.client().stats().subscribers()).isEqualTo(3);
            }
        }
    }

    /**
     * TCP_USER_TIMEOUT also bounds how long the peer's receive window may stay shut while data
     * waits (Linux 5.11 and later, and stable kernels with the fix; before, a peer answering the
     * window probes was kept). A client that stays connected, acknowledges the probes but reads
     * nothing is dropped after the timeout too, although it is far within its buffer budget.
     */
    @Test
    void aSubscriberThatStaysConnectedButReadsNothingIsDroppedOnceItsWindowStaysShut() throws Exception {
        hub = start(DEAD_CLIENT_TIMEOUT, LARGE_BUDGET);
        try (StreamClient watcher = watch(); StreamClient stalled = openWithoutReading()) {
            String subscriber = awaitActive(watcher, 1).get(0);

            shutTheWindow();
            long published = System.nanoTime();
            Duration bound = FIRST_WINDOW_PROBE.plus(DEAD_CLIENT_TIMEOUT).plus(SLACK);
            Poll.until(() -> inactive(watcher, subscriber) > 0, bound,
                    () -> "no inactive announcement; the hub still counts " + hub.client().stats());
            // The window shut while the updates were being published, so this can be under the timeout.
            System.out.printf("DeadClientIT: non-reading subscriber announced inactive %d ms after the last update "
                    + "for it was published%n", Duration.ofNanos(System.nanoTime() - published).toMillis());
            assertThat(hub.client().stats().slowSubscribersDisconnected()).as("cut off for its budget").isZero();
            Poll.until("the dead client counted", () -> deadClientsDropped() == 1);
        }
    }

    private double deadClientsDropped() {
        return MetricsScrape.of(hub.port(), null).value("herald_dead_clients_dropped_total");
    }

    /** A subscriber to {@link #BOOK} with a 4 kB receive buffer that never reads. */
    private StreamClient openWithoutReading() throws Exception {
        return StreamClient.openWithoutReading(hub.port(), StreamClient.path(List.of(BOOK), Map.of()));
    }

    /**
     * Publishes 256 kB to {@link #BOOK}: far more than a non-reading subscriber's 4 kB receive
     * buffer takes, so its window shuts with data waiting; far less than {@link #LARGE_BUDGET}.
     */
    private void shutTheWindow() throws Exception {
        String payload = "p".repeat(4096);
        for (int i = 0; i < 64; i++) {
            hub.client().publish(BOOK, payload);
        }
    }

    /** Waits for the next comment line on {@code stream}: a heartbeat, once the opening one is in. */
    private static void awaitHeartbeat(StreamClient stream) throws InterruptedException {
        int seen = stream.comments();
        Poll.until(() -> stream.comments() > seen, HEARTBEAT.multipliedBy(3), () -> "no heartbeat");
    }

    private RunningHub start(Duration deadClientTimeout, int subscriberBudget) throws InterruptedException {
        RunningHub started = RunningHub.start(RunningHub.defaults()
                .withAuth(AuthConfig.locked().withDev(true).withAnonymous(true)
                        .withSubscriber(VerifierConfig.key(SECRET, "HS256")))
                .withSubscriptions(true)
                .withSubscriberBufferBytes(subscriberBudget)
                .withDeadClientTimeout(deadClientTimeout), HubConfig.defaults().withHeartbeat(HEARTBEAT));
        // Fail rather than skip: the bound under test exists on the epoll transport only.
        assertThat(started.server().transportName()).as("the transport that has TCP_USER_TIMEOUT").isEqualTo("epoll");
        return started;
    }

    /** A 0.x subscriber to every topic, authorized for the private subscription events. */
    private StreamClient watch() throws Exception {
        return LiveStreams.open(hub.port(), List.of("*"), bearer(TestTokens.hs256(SECRET, TestTokens.subscriber("*"))));
    }

    /** Waits for {@code count} subscribers to {@link #BOOK} to be announced; returns their ids. */
    private static List<String> awaitActive(StreamClient watcher, int count) throws InterruptedException {
        Poll.until(() -> announcements(watcher, null, true).size() >= count, Poll.TIMEOUT,
                () -> "fewer than " + count + " active announcements for " + BOOK + " in " + watcher.events());
        return announcements(watcher, null, true).stream().map(a -> a.path("subscriber").asText()).toList();
    }

    private static int inactive(StreamClient watcher, String subscriber) {
        return announcements(watcher, subscriber, false).size();
    }

    /**
     * The subscription events for {@link #BOOK} with this {@code active} state, of one subscriber
     * or any (null). The watcher also gets the updates published to the book, which are not JSON.
     */
    private static List<JsonNode> announcements(StreamClient watcher, String subscriber, boolean active) {
        return watcher.events().stream().filter(e -> e.data().startsWith("{")).map(e -> parse(e.data()))
                .filter(d -> BOOK.equals(d.path("topic").asText()) && d.path("active").asBoolean() == active)
                .filter(d -> subscriber == null || subscriber.equals(d.path("subscriber").asText()))
                .toList();
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new AssertionError("a subscription event that is not JSON: " + data, e);
        }
    }
}
