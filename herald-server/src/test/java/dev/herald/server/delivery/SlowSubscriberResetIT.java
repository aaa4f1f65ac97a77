package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.LimitsConfig;
import dev.herald.server.ServerConfig;
import dev.herald.server.testing.ConnectionEnd;
import dev.herald.server.testing.KernelSockets;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.Poll;
import dev.herald.testkit.StreamClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the kernel holds for a subscriber that stops reading and shrinks its window: at most the
 * capped send buffer while it stalls, and nothing once the hub cuts it off, because the cut-off
 * resets the connection instead of queueing a FIN behind data the client will never take. The
 * client sees the reset when it reads, right after what it had already received.
 */
class SlowSubscriberResetIT {
    private static final String TOPIC = "https://example.com/stalls";
    private static final int BUDGET = 64 * 1024;
    /** For measuring what the kernel takes: a budget the test never reaches. */
    private static final int LARGE_BUDGET = 16 * 1024 * 1024;
    private static final int SEND_BUFFER = 16 * 1024;
    /**
     * Linux lets one send append a whole segment to a queue just under its limit: 64 KiB of data
     * on loopback (GSO), plus its bookkeeping.
     */
    private static final long ONE_SEGMENT = 68 * 1024;
    /** A client asking for 4 KiB of receive buffer gets twice that. */
    private static final int CLIENT_RECEIVE_BUFFER = 2 * 4096;
    private static final String PAYLOAD = "s".repeat(1000);

    private RunningHub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void theKernelHoldsAtMostTheCappedSendBufferForAStalledSubscriberAndAutotunesWithoutACap() throws Exception {
        long capped = stalledSendQueue(SEND_BUFFER);
        long autotuned = stalledSendQueue(0);

        System.out.printf("SlowSubscriberResetIT: kernel memory queued for a stalled subscriber: %d B with "
                + "SO_SNDBUF %d B, %d B with the kernel's autotuning%n", capped, SEND_BUFFER, autotuned);
        assertThat(capped).as("with the cap").isLessThanOrEqualTo(2L * SEND_BUFFER + ONE_SEGMENT);
        assertThat(autotuned).as("without the cap the kernel takes far more").isGreaterThan(4L * capped);
    }

    @Test
    void aSubscriberCutOffForItsBudgetIsResetAndLeavesNothingBehindInTheKernel() throws Exception {
        hub = start(SEND_BUFFER, BUDGET);
        try (StreamClient stalled = StreamClient.openWithoutReading(hub.port(), path())) {
            awaitSubscribers(1);
            int stalledPort = stalled.socket().getLocalPort();
            int published = 0;
            while (hub.client().stats().slowSubscribersDisconnected() == 0) {
                hub.client().publish(TOPIC, published++ + " " + PAYLOAD);
                assertThat(published).as("updates published before the cut-off").isLessThan(10_000);
            }
            Poll.until(() -> KernelSockets.serverSide(hub.port()).stream().noneMatch(s -> s.peerPort() == stalledPort),
                    Poll.TIMEOUT, () -> "the hub's side of the connection is still there: "
                            + KernelSockets.serverSide(hub.port()));

            ConnectionEnd end = ConnectionEnd.readToEnd(stalled.socket(), Duration.ofSeconds(10));

            assertThat(end.reset()).as("the client sees a reset, not an orderly end").isTrue();
            assertThat(end.bytes().length).as("what it had received before the reset, and no more")
                    .isPositive().isLessThanOrEqualTo(CLIENT_RECEIVE_BUFFER);
            System.out.printf("SlowSubscriberResetIT: cut off after %d updates of %d B; the client read %d B, "
                    + "then the reset%n", published, PAYLOAD.length(), end.bytes().length);
        }
    }

    @Test
    void aStreamEndedForAnotherReasonClosesGracefully() throws Exception {
        hub = RunningHub.start(RunningHub.defaults().withMaxConnectionLifetime(Duration.ofMillis(500)));
        try (StreamClient stream = StreamClient.openWithoutReading(hub.port(), path())) {
            ConnectionEnd end = ConnectionEnd.readToEnd(stream.socket(), Duration.ofSeconds(10));

            assertThat(end.reset()).as("an expired stream ends with a FIN").isFalse();
            assertThat(new String(end.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
        }
    }

    /** The memory the hub's kernel queues for a subscriber that stopped reading, once its window is shut. */
    private long stalledSendQueue(int sendBuffer) throws Exception {
        try (RunningHub running = start(sendBuffer, LARGE_BUDGET);
                StreamClient stalled = StreamClient.openWithoutReading(running.port(), path())) {
            hub = running;
            awaitSubscribers(1);
            int stalledPort = stalled.socket().getLocalPort();
            // Publish until the kernel stops taking: the hub then queues the rest, far within its budget.
            long queued = 0;
            for (int i = 0; i < 8000; i++) {
                running.client().publish(TOPIC, i + " " + PAYLOAD);
                if (i % 50 == 49) {
                    long now = hubSide(running, stalledPort).sendQueued();
                    if (now == queued && now > 0) {
                        break;
                    }
                    queued = now;
                }
            }
            KernelSockets.Socket socket = hubSide(running, stalledPort);
            if (sendBuffer > 0) {
                assertThat(socket.sendBuffer()).as("the kernel doubles SO_SNDBUF").isEqualTo(2L * sendBuffer);
            }
            assertThat(running.client().stats().slowSubscribersDisconnected()).as("cut off").isZero();
            hub = null;
            return socket.sendQueued();
        }
    }

    private static KernelSockets.Socket hubSide(RunningHub running, int clientPort) {
        return KernelSockets.serverSide(running.port()).stream().filter(s -> s.peerPort() == clientPort)
                .findFirst().orElseThrow(() -> new AssertionError("no hub socket for client port " + clientPort));
    }

    /**
     * A hub with {@code sendBuffer} (0: autotuning). The client's window stays shut while the test
     * publishes, which must not reach the dead-client timeout (DeadClientIT): this is about the budget.
     */
    private static RunningHub start(int sendBuffer, int budget) throws InterruptedException {
        ServerConfig config = RunningHub.defaults()
                .withSubscriberBufferBytes(budget)
                .withDeadClientTimeout(Duration.ofMinutes(10))
                .withLimits(LimitsConfig.defaults().withSocketSendBufferBytes(sendBuffer));
        return RunningHub.start(config);
    }

    private void awaitSubscribers(int n) throws InterruptedException {
        Poll.until(() -> hub.client().stats().subscribers() == n, Duration.ofSeconds(10),
                () -> "subscribers: " + hub.client().stats());
    }

    private static String path() {
        return StreamClient.path(List.of(TOPIC), Map.of());
    }
}
