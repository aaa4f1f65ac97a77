package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.HubClient;
import dev.herald.testkit.Poll;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.SseTestParser;
import dev.herald.testkit.StreamClient;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events go to a socket directly while Netty has nothing queued for it, and through Netty's queue
 * once the socket stops taking everything. A reader that pauses for longer than the kernel can
 * buffer (but within its budget) forces every hand-over between the two: it must still get every
 * update exactly once, in the hub's order, as must the readers that never paused.
 */
class PausedReaderIT {
    private static final String TOPIC = "https://example.com/ticker";
    private static final int READERS = 20;
    private static final int PUBLISHERS = 4;
    private static final int UPDATES_PER_PUBLISHER = 2000;
    /** 8000 events of ~2 kB: more than loopback socket buffers hold, less than the budget. */
    private static final String PAYLOAD = "p".repeat(2000);
    private static final int BUDGET = 64 * 1024 * 1024;

    private final List<StreamClient> clients = new ArrayList<>();
    private RunningHub hub;

    @AfterEach
    void stop() throws Exception {
        for (StreamClient c : clients) {
            c.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aReaderThatPausesWithinItsBudgetGetsEveryUpdateInOrder() throws Exception {
        // The paused reader's receive window stays shut until all is published, which on a loaded
        // machine can outlast the dead-client timeout: the kernel would drop it (DeadClientIT).
        hub = RunningHub.start(RunningHub.defaults().withSubscriberBufferBytes(BUDGET)
                .withDeadClientTimeout(Duration.ofMinutes(10)));
        HubClient client = hub.client();
        String path = StreamClient.path(List.of(TOPIC), Map.of());
        for (int i = 0; i < READERS; i++) {
            clients.add(StreamClient.open(hub.port(), path, Map.of()));
        }
        StreamClient paused = StreamClient.openWithoutReading(hub.port(), path);
        clients.add(paused);
        for (StreamClient c : clients.subList(0, READERS)) {
            assertThat(c.awaitStatus()).isEqualTo(200);
        }
        Poll.until(() -> client.stats().subscribers() == READERS + 1,
                Duration.ofSeconds(10), () -> "subscribers did not all register: " + client.stats());

        // Concurrent publishers, so the hub sees batches as well as single updates.
        List<String> published = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                int publisher = p;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < UPDATES_PER_PUBLISHER; i++) {
                        published.add(client.publish(TOPIC, publisher + "/" + i + " " + PAYLOAD));
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int total = PUBLISHERS * UPDATES_PER_PUBLISHER;

        List<String> hubOrder = ids(clients.get(0).awaitEvents(total, Duration.ofSeconds(60)));
        assertThat(hubOrder).containsExactlyInAnyOrderElementsOf(published);
        for (StreamClient c : clients.subList(1, READERS)) {
            assertThat(ids(c.awaitEvents(total, Duration.ofSeconds(60)))).containsExactlyElementsOf(hubOrder);
        }

        List<SseEvent> late = readEvents(paused.socket().getInputStream(), total);
        assertThat(ids(late)).containsExactlyElementsOf(hubOrder);
        assertThat(client.stats().slowSubscribersDisconnected()).as("subscribers cut off").isZero();
    }

    private static List<String> ids(List<SseEvent> events) {
        return events.stream().map(SseEvent::id).toList();
    }

    /** Reads the head, then events until {@code count} have arrived (or the stream ends). */
    private static List<SseEvent> readEvents(InputStream in, int count) throws Exception {
        SseTestParser parser = new SseTestParser();
        List<SseEvent> events = new ArrayList<>();
        byte[] buf = new byte[64 * 1024];
        byte[] head = new byte[0];
        boolean inBody = false;
        while (events.size() < count) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            if (inBody) {
                events.addAll(parser.feed(buf, 0, n));
                continue;
            }
            byte[] joined = new byte[head.length + n];
            System.arraycopy(head, 0, joined, 0, head.length);
            System.arraycopy(buf, 0, joined, head.length, n);
            int bodyStart = SseTestParser.bodyStart(joined);
            if (bodyStart < 0) {
                head = joined;
                continue;
            }
            inBody = true;
            events.addAll(parser.feed(joined, bodyStart, joined.length - bodyStart));
        }
        return events;
    }
}
