package dev.herald.app.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.app.testing.HubProcess;
import dev.herald.server.testing.ConnectionEnd;
import dev.herald.server.testing.KernelSockets;
import dev.herald.testkit.HubClient;
import dev.herald.testkit.Poll;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of subscribers stop reading and shrink their receive windows while healthy ones keep
 * reading. Every stalled one is cut off for its budget and reset, and sees the reset; while they
 * stall, the kernel holds at most the capped send buffer for each and the hub at most its budget;
 * once they are cut off, nothing of theirs is left in the kernel; the healthy ones get every
 * update in order. The bounds are computed from the configuration: the hub runs in its own JVM
 * with a fixed, pre-touched heap, so that its resident size moves with what it holds off-heap
 * and natively, not with heap growth.
 */
class StalledSubscribersIT {
    private static final String TOPIC = "https://example.com/stalled";
    private static final int STALLED = 300;
    private static final int HEALTHY = 20;
    private static final int BUDGET = 64 * 1024;
    private static final int SEND_BUFFER = 32 * 1024;
    private static final String PAYLOAD = "p".repeat(1000);

    /**
     * What the kernel may hold for one stalled connection, on each side. The hub's side: twice
     * SO_SNDBUF, plus the one segment a send may append past it (64 KiB on loopback, with its
     * bookkeeping), plus a page reserved ahead. The client's side (it asked for a 4 KiB receive
     * buffer, and got twice that): the same overshoot and page.
     */
    private static final long ONE_SEGMENT = 68 * 1024;
    private static final long HUB_SIDE = 2L * SEND_BUFFER + ONE_SEGMENT + KernelSockets.PAGE;
    private static final long CLIENT_SIDE = 2L * 4096 + ONE_SEGMENT + KernelSockets.PAGE;
    /** A healthy reader's connection: it reads everything, so at most a segment in flight each way. */
    private static final long HEALTHY_SIDE = 2 * (ONE_SEGMENT + KernelSockets.PAGE);
    /**
     * TCP memory that other processes on this machine (other builds' tests) may take meanwhile:
     * /proc/net/sockstat counts the whole machine. 32 MiB; the uncapped kernel alone would hold
     * about 4 MiB per stalled subscriber, 1.2 GB for these 300.
     */
    private static final long OTHERS = 32L * 1024 * 1024;
    /**
     * The hub's own growth apart from what it holds for subscribers: code the JIT compiles during
     * the run, its arenas, native buffers of new connections. Measured at about 20 MiB.
     */
    private static final long JVM_SLACK = 64L * 1024 * 1024;

    private final List<StreamClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws IOException {
        for (StreamClient c : clients) {
            c.close();
        }
    }

    @Test
    void stalledSubscribersAreResetWithinTheirBoundsWhileHealthyOnesGetEverything() throws Exception {
        try (HubProcess hub = HubProcess.start(List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"), null,
                "--transport", "memory", "--history-size", "5000",
                "--subscriber-buffer", Integer.toString(BUDGET), "--socket-send-buffer", Integer.toString(SEND_BUFFER),
                // the windows stay shut while publishing goes on: the kernel must not drop them first (DeadClientIT)
                "--dead-client-timeout", "10m")) {
            int port = hub.awaitListening(Poll.TIMEOUT.multipliedBy(3));
            HubClient client = new HubClient(port);
            String path = StreamClient.path(List.of(TOPIC), Map.of());
            List<StreamClient> healthy = new ArrayList<>();
            for (int i = 0; i < HEALTHY; i++) {
                healthy.add(StreamClient.open(port, path, Map.of()));
            }
            clients.addAll(healthy);
            // open() does not wait for the hub to take the subscription; an update published before would miss it
            Poll.until(() -> client.stats().subscribers() == HEALTHY, Poll.TIMEOUT, () -> "subscribers: " + client.stats());
            // Warm the hub up (the JIT, the allocator) before its resident size is taken as the baseline.
            List<String> published = new ArrayList<>();
            publish(client, published, 500);
            for (StreamClient c : healthy) {
                c.awaitEvents(published.size(), Poll.TIMEOUT);
            }

            List<StreamClient> stalled = new ArrayList<>();
            for (int i = 0; i < STALLED; i++) {
                stalled.add(StreamClient.openWithoutReading(port, path));
            }
            clients.addAll(stalled);
            Poll.until(() -> client.stats().subscribers() == HEALTHY + STALLED, Poll.TIMEOUT,
                    () -> "subscribers: " + client.stats());
            long rssBefore = KernelSockets.residentBytes(hub.pid());
            long tcpPagesBefore = KernelSockets.tcpMemoryPages();

            Peaks peaks = new Peaks();
            int beforeStall = published.size();
            while (client.stats().slowSubscribersDisconnected() < STALLED) {
                publish(client, published, 10);
                peaks.sample(port, hub.pid());
                assertThat(published.size() - beforeStall).as("updates published before every stalled one was cut off")
                        .isLessThan(5000);
            }
            int toCutOff = published.size() - beforeStall;
            publish(client, published, 100);
            for (StreamClient c : healthy) {
                assertThat(c.awaitEvents(published.size(), Duration.ofSeconds(30))).extracting(SseEvent::id)
                        .containsExactlyElementsOf(published);
            }
            assertThat(client.stats().slowSubscribersDisconnected()).as("only the stalled ones are cut off")
                    .isEqualTo(STALLED);

            // Nothing of the stalled ones is left on the hub's side, in any state (no FIN-WAIT-1).
            Set<Integer> stalledPorts = new HashSet<>();
            stalled.forEach(s -> stalledPorts.add(s.socket().getLocalPort()));
            Poll.until(() -> KernelSockets.serverSide(port).stream().noneMatch(s -> stalledPorts.contains(s.peerPort())),
                    Poll.TIMEOUT, () -> "hub sockets of stalled clients left: " + KernelSockets.serverSide(port).stream()
                            .filter(s -> stalledPorts.contains(s.peerPort())).toList());
            long tcpPagesAfter = KernelSockets.tcpMemoryPages();
            long rssAfter = KernelSockets.residentBytes(hub.pid());

            // Each stalled client sees the reset, right after what its receive buffer held.
            int maxRead = 0;
            for (StreamClient s : stalled) {
                ConnectionEnd end = ConnectionEnd.readToEnd(s.socket(), Poll.TIMEOUT);
                assertThat(end.reset()).as("client port %d sees a reset", s.socket().getLocalPort()).isTrue();
                maxRead = Math.max(maxRead, end.bytes().length);
            }

            long kernelBound = STALLED * (HUB_SIDE + CLIENT_SIDE) + HEALTHY * HEALTHY_SIDE;
            long rssBound = (long) STALLED * BUDGET + (long) published.size() * (PAYLOAD.length() + 200) + JVM_SLACK;
            System.out.printf("StalledSubscribersIT: %d stalled + %d healthy, budget %d B, SO_SNDBUF %d B; all cut off "
                            + "after %d updates of %d B. Kernel, this hub's connections: peak %d KiB (hub side %d KiB, "
                            + "at most %d B for one stalled connection; bound %d KiB). /proc/net/sockstat TCP: %d pages "
                            + "before, peak %d, %d after (bound %d over before). Hub RSS: %d MiB before, peak %d MiB, "
                            + "%d MiB after (bound %d MiB over before). A stalled client read at most %d B before the reset%n",
                    STALLED, HEALTHY, BUDGET, SEND_BUFFER, toCutOff, PAYLOAD.length(), peaks.portBytes / 1024,
                    peaks.hubSideBytes / 1024, peaks.oneHubSocket, kernelBound / 1024, tcpPagesBefore, peaks.tcpPages,
                    tcpPagesAfter, (kernelBound + OTHERS) / KernelSockets.PAGE, rssBefore >> 20, peaks.rss >> 20,
                    rssAfter >> 20, rssBound >> 20, maxRead);

            assertThat(peaks.oneHubSocket).as("the most the kernel held for one stalled connection").isLessThanOrEqualTo(HUB_SIDE);
            assertThat(peaks.portBytes).as("the kernel's memory for this hub's connections").isLessThanOrEqualTo(kernelBound);
            assertThat(peaks.tcpPages - tcpPagesBefore).as("/proc/net/sockstat TCP pages over the baseline")
                    .isLessThanOrEqualTo((kernelBound + OTHERS) / KernelSockets.PAGE);
            assertThat(tcpPagesAfter - tcpPagesBefore).as("TCP pages left once the stalled ones are gone")
                    .isLessThanOrEqualTo((HEALTHY * HEALTHY_SIDE + OTHERS) / KernelSockets.PAGE);
            assertThat(peaks.rss - rssBefore).as("the hub's resident growth").isLessThanOrEqualTo(rssBound);
            assertThat(maxRead).as("what a stalled client read before the reset").isLessThanOrEqualTo(2 * 4096);
        }
    }

    private static void publish(HubClient client, List<String> published, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            published.add(client.publish(TOPIC, published.size() + " " + PAYLOAD));
        }
    }

    /** The highest figures seen while publishing. */
    private static final class Peaks {
        long portBytes;
        long hubSideBytes;
        long oneHubSocket;
        long tcpPages;
        long rss;

        void sample(int port, long pid) {
            List<KernelSockets.Socket> sockets = KernelSockets.ofPort(port);
            long all = 0;
            long hubSide = 0;
            for (KernelSockets.Socket s : sockets) {
                all += s.charged();
                if (s.localPort() == port) {
                    hubSide += s.charged();
                    oneHubSocket = Math.max(oneHubSocket, s.charged());
                }
            }
            portBytes = Math.max(portBytes, all);
            hubSideBytes = Math.max(hubSideBytes, hubSide);
            tcpPages = Math.max(tcpPages, KernelSockets.tcpMemoryPages());
            rss = Math.max(rss, KernelSockets.residentBytes(pid));
        }
    }
}
