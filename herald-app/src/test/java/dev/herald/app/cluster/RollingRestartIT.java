package dev.herald.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.app.testing.HubProcess;
import dev.herald.app.testing.NginxProxy;
import dev.herald.client.CloseReason;
import dev.herald.client.EventSource;
import dev.herald.client.EventSourceException;
import dev.herald.client.EventSourceListener;
import dev.herald.client.MessageEvent;
import dev.herald.testkit.HubClient;
import dev.herald.testkit.Poll;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rolling restart of docs/deployment.md, for real: three hubs (the packaged jar) on one
 * redis-server behind nginx ({@code least_conn}), a subscriber (an EventSource, as a browser
 * would) and publishers going through nginx throughout, each hub in turn sent SIGTERM, drained
 * ({@code --drain-timeout}) and started again on its port. The subscriber moves to the other hubs
 * with {@code Last-Event-ID} and ends with every acknowledged update exactly once, in order.
 */
class RollingRestartIT {
    private static final int HUBS = 3;
    private static final String TOPIC = "https://example.com/rolling";
    private static final Duration DRAIN = Duration.ofSeconds(2);
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration PROGRESS = Duration.ofSeconds(60);
    /** The drain, then closing the transport and the JVM's exit, on a loaded two-core machine. */
    private static final Duration EXIT = DRAIN.plusSeconds(15);
    private static final int PUBLISHERS = 2;
    private static final int ACKS_BETWEEN_RESTARTS = 40;

    @TempDir
    Path dir;

    @Test
    void restartingEachHubInTurnLosesAndDuplicatesNothingAcknowledged() throws Exception {
        Path nginxDir = Path.of("target", "nginx-rolling-" + System.nanoTime()).toAbsolutePath();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < HUBS; i++) {
            ports.add(freePort());
        }
        HubProcess[] hubs = new HubProcess[HUBS];
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        Subscriber subscriber = new Subscriber();
        try (dev.herald.testkit.RedisServer redis = dev.herald.testkit.RedisServer.start(
                Files.createDirectories(dir.resolve("redis")), "--appendonly", "yes", "--appendfsync", "everysec")) {
            for (int i = 0; i < HUBS; i++) {
                hubs[i] = startListening(redis, ports.get(i));
            }
            try (NginxProxy nginx = NginxProxy.start(nginxDir, ports);
                    EventSource source = EventSource.builder(URI.create("http://127.0.0.1:" + nginx.port()
                                    + "/.well-known/mercure?topic=" + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8)))
                            .reconnectTime(Duration.ofMillis(100)).jitter(0).start(subscriber)) {
                Poll.until(() -> subscriber.opens.get() == 1, PROGRESS, () -> "the subscriber through nginx");
                List<ClusterPublisher> publishers = new ArrayList<>();
                for (int i = 0; i < PUBLISHERS; i++) {
                    publishers.add(new ClusterPublisher(nginx.port(), TOPIC, "p" + i));
                }
                publishers.forEach(pool::execute);
                awaitProgress(publishers, subscriber);

                for (int i = 0; i < HUBS; i++) {
                    hubs[i].terminate();
                    assertThat(hubs[i].awaitExit(EXIT)).as("hub %d exits 0 after its drain", i).isZero();
                    hubs[i] = startListening(redis, ports.get(i));
                    awaitProgress(publishers, subscriber);
                }

                publishers.forEach(ClusterPublisher::stop);
                pool.shutdown();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("publishers stop").isTrue();
                String endId = new HubClient(nginx.port()).publish(TOPIC, "end");
                Poll.until(() -> subscriber.ids().contains(endId), PROGRESS,
                        () -> "the end marker; " + subscriber.events.size() + " events so far; nginx:\n" + nginx.log());

                List<MessageEvent> received = subscriber.events.subList(0, subscriber.ids().indexOf(endId));
                assertThat(subscriber.fatal.get()).as("the subscriber never gave up").isNull();
                assertThat(subscriber.opens.get()).as("the subscriber moved as the hubs restarted").isGreaterThanOrEqualTo(2);
                assertThat(received.stream().map(MessageEvent::lastEventId).toList()).doesNotHaveDuplicates();
                for (ClusterPublisher p : publishers) {
                    Delivery.assertIntact(p, received.stream()
                            .map(e -> Map.entry(e.lastEventId(), e.data())).toList());
                    assertThat(p.acknowledged).as("%s kept publishing", p.name())
                            .hasSizeGreaterThanOrEqualTo(ACKS_BETWEEN_RESTARTS);
                }
                System.out.printf("Rolling restart of %d hubs: %s acknowledged, %s refused (503 while a hub "
                        + "drained), %d delivered through %d connections%n", HUBS,
                        publishers.stream().map(p -> p.acknowledged.size()).toList(),
                        publishers.stream().map(p -> p.refused.get()).toList(), received.size(), subscriber.opens.get());
            }
        } finally {
            pool.shutdownNow();
            for (HubProcess hub : hubs) {
                if (hub != null) {
                    hub.close();
                }
            }
        }
    }

    /**
     * Starts a hub and waits until it listens, starting it again if it stopped because it could
     * not reach Redis in time (exit 2; on a loaded machine the connection can take longer than the
     * 2 s command timeout), as a supervisor with {@code Restart=on-failure} would.
     */
    private static HubProcess startListening(dev.herald.testkit.RedisServer redis, int port) throws Exception {
        for (int attempt = 1; ; attempt++) {
            HubProcess hub = startHub(redis, port);
            try {
                hub.awaitListening(STARTUP);
                return hub;
            } catch (AssertionError e) {
                hub.close();
                if (attempt == 3 || !hub.log().contains("Cannot use Redis")) {
                    throw e;
                }
                System.out.printf("RollingRestartIT: hub on port %d could not reach Redis in time; starting it again%n", port);
            }
        }
    }

    private static HubProcess startHub(dev.herald.testkit.RedisServer redis, int port) throws IOException {
        return HubProcess.startPackaged(port, "--transport", "redis", "--redis-url", redis.url(),
                "--redis-lease", "5s", "--history-size", "100000", "--heartbeat", "1s",
                "--drain-timeout", DRAIN.toSeconds() + "s");
    }

    /** Each publisher has more acknowledged, and the subscriber has received them. */
    private static void awaitProgress(List<ClusterPublisher> publishers, Subscriber subscriber) throws InterruptedException {
        List<Integer> targets = publishers.stream().map(p -> p.acknowledged.size() + ACKS_BETWEEN_RESTARTS).toList();
        for (int i = 0; i < publishers.size(); i++) {
            ClusterPublisher p = publishers.get(i);
            int target = targets.get(i);
            Poll.until(() -> p.acknowledged.size() >= target, PROGRESS, () -> p.name() + " publishing through nginx");
        }
        int events = subscriber.events.size() + ACKS_BETWEEN_RESTARTS;
        Poll.until(() -> subscriber.events.size() >= events, PROGRESS, () -> "the subscriber receiving");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** What the EventSource saw: its events, its (re)connections, and a fatal error if it gave up. */
    private static final class Subscriber implements EventSourceListener {
        final List<MessageEvent> events = new CopyOnWriteArrayList<>();
        final AtomicInteger opens = new AtomicInteger();
        final AtomicReference<EventSourceException> fatal = new AtomicReference<>();

        @Override
        public void onOpen(EventSource source) {
            opens.incrementAndGet();
        }

        @Override
        public void onEvent(EventSource source, MessageEvent event) {
            events.add(event);
        }

        @Override
        public void onError(EventSource source, EventSourceException error) {
            if (error.isFatal()) {
                fatal.set(error);
            }
        }

        @Override
        public void onClosed(EventSource source, CloseReason reason) {}

        List<String> ids() {
            return events.stream().map(MessageEvent::lastEventId).toList();
        }
    }
}
