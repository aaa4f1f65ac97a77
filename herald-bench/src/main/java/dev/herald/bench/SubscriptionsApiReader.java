package dev.herald.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the subscriptions API as a presence page would, every few seconds: the count
 * ({@code ?limit=0}), a page of the list, and one hot topic's subscribers. An answer that is not
 * {@code 200} with a {@code total} counts as an error.
 */
final class SubscriptionsApiReader implements AutoCloseable {
    private final SoakConfig config;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "soak-api-reader");
        t.setDaemon(true);
        return t;
    });
    private final SplittableRandom random = new SplittableRandom(3);
    final AtomicLong reads = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    /** The root collection's last {@code total}: the hub's count of active subscriptions. */
    final AtomicLong lastTotal = new AtomicLong(-1);
    private volatile String firstError;

    SubscriptionsApiReader(SoakConfig config) {
        this.config = config;
    }

    void start() {
        if (config.apiEvery() > 0) {
            long ms = (long) (config.apiEvery() * 1000);
            timer.scheduleWithFixedDelay(this::round, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    private void round() {
        String base = "http://" + config.server().getHostString() + ":" + config.server().getPort()
                + "/.well-known/mercure/subscriptions";
        Long total = read(base + "?limit=0");
        if (total != null) {
            lastTotal.set(total);
        }
        read(base + "?limit=100");
        String topic = SoakPublisher.topicName(config.runId(), random.nextInt(config.hotTopics()));
        read(base + "/exact/" + URLEncoder.encode(topic, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private Long read(String url) {
        reads.incrementAndGet();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + config.apiToken()).build(), HttpResponse.BodyHandlers.ofString());
            long total = r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()).path("total").asLong(-1) : -1;
            if (total < 0) {
                error(url + " answered " + r.statusCode() + ": " + r.body());
                return null;
            }
            return total;
        } catch (Exception e) {
            error(url + ": " + e);
            return null;
        }
    }

    private void error(String what) {
        errors.incrementAndGet();
        if (firstError == null) {
            firstError = what.length() > 300 ? what.substring(0, 300) + "…" : what;
        }
    }

    String firstError() {
        return firstError;
    }

    /** Lets a round in progress finish (an interrupted read is not the hub's error), then stops. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(45, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
