package dev.herald.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.SseFrameEncoder;
import dev.herald.event.Update;
import dev.herald.server.ObservabilityConfig;
import dev.herald.server.ServerConfig;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.MetricsScrape;
import dev.herald.testkit.Poll;
import dev.herald.testkit.StreamClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: Prometheus text with the herald_ families, counting exactly what happened. */
class MetricsIT {
    private static final String TOKEN = "metrics-test-token-0123456789";
    private static final String BOOK = "https://example.com/books/1";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void servesPrometheusTextWithTheHeraldFamiliesAndJvmMeters() throws Exception {
        try (RunningHub hub = RunningHub.start(withToken())) {
            HttpResponse<String> r = hub.client().get("/metrics");
            assertThat(r.statusCode()).isEqualTo(401);

            MetricsScrape scrape = MetricsScrape.of(hub.port(), TOKEN);
            assertThat(scrape.text()).contains(
                    "# TYPE herald_updates_published_total counter",
                    "# TYPE herald_deliveries_total counter",
                    "# TYPE herald_delivered_bytes_total counter",
                    "# TYPE herald_subscribers gauge",
                    "# TYPE herald_connections gauge",
                    "# TYPE herald_topic_selectors gauge",
                    "# TYPE herald_subscriptions_started_total counter",
                    "# TYPE herald_subscriptions_ended_total counter",
                    "# TYPE herald_publish_failures_total counter",
                    "# TYPE herald_publish_seconds histogram",
                    "# TYPE herald_fanout_queue_seconds histogram",
                    "# TYPE herald_fanout_write_seconds histogram",
                    "# TYPE herald_dead_clients_dropped_total counter",
                    "# TYPE herald_history_retained gauge",
                    "# TYPE herald_ready gauge",
                    "jvm_memory_used_bytes", "jvm_gc_", "process_cpu_usage", "process_uptime_seconds",
                    "process_files_open_files", "jvm_threads_live_threads", "jvm_gc_live_data_size_bytes");
            assertThat(scrape.value("process_resident_memory_bytes")).as("VmRSS").isGreaterThan(10e6);
            assertThat(scrape.value("herald_subscriptions_ended_total{reason=\"slow_subscriber\"}")).isZero();
            assertThat(scrape.value("herald_publish_failures_total{cause=\"unavailable\"}")).isZero();
        }
    }

    @Test
    void thePublishedCounterGrowsByExactlyTheNumberOfPublishes() throws Exception {
        try (RunningHub hub = RunningHub.start(withToken())) {
            hub.client().publish("warm-up", "before the first scrape");
            double before = MetricsScrape.of(hub.port(), TOKEN).value("herald_updates_published_total");
            double beforeCount = MetricsScrape.of(hub.port(), TOKEN).value("herald_publish_seconds_count");

            int n = 37;
            for (int i = 0; i < n; i++) {
                hub.client().publish("topic-" + (i % 3), "update " + i);
            }

            MetricsScrape after = MetricsScrape.of(hub.port(), TOKEN);
            assertThat(after.value("herald_updates_published_total") - before).isEqualTo(n);
            assertThat(after.value("herald_publish_seconds_count") - beforeCount).isEqualTo(n);
            assertThat(after.value("herald_history_retained")).isEqualTo(n + 1);
        }
    }

    @Test
    void countsDeliveriesTheirBytesAndSubscriptionsAsTheyComeAndGo() throws Exception {
        try (RunningHub hub = RunningHub.start(withToken())) {
            StreamClient first = LiveStreams.open(hub.port(), BOOK);
            // A 1.0 reader (match parameters) next to the 0.x one (topic parameters).
            StreamClient second = LiveStreams.open(hub.port(), "/.well-known/mercure?match="
                    + URLEncoder.encode(BOOK, StandardCharsets.UTF_8) + "&match="
                    + URLEncoder.encode("https://example.com/books/2", StandardCharsets.UTF_8), Map.of());
            MetricsScrape connected = MetricsScrape.of(hub.port(), TOKEN);
            assertThat(connected.value("herald_subscribers{protocol=\"0.x\"}")).isEqualTo(1);
            assertThat(connected.value("herald_subscribers{protocol=\"1.0\"}")).isEqualTo(1);
            assertThat(connected.value("herald_connections{kind=\"stream\"}")).isEqualTo(2);
            assertThat(connected.value("herald_connections{kind=\"request\"}")).as("the scrape's own").isEqualTo(1);
            assertThat(connected.value("herald_topic_selectors")).isEqualTo(2);

            List<String> data = List.of("a", "bb", "ccc");
            long frameBytes = 0;
            for (String d : data) {
                String id = hub.client().publish(BOOK, d);
                frameBytes += SseFrameEncoder.encode(Update.builder().id(id).topic(BOOK).data(d).build()).length;
            }
            first.awaitEvents(3, TIMEOUT);
            second.awaitEvents(3, TIMEOUT);
            Poll.until("six deliveries counted", () -> deliveries(hub) == 6);
            assertThat(MetricsScrape.of(hub.port(), TOKEN).value("herald_delivered_bytes_total"))
                    .isEqualTo(2.0 * frameBytes);

            first.close();
            Poll.until("the client's end counted", () -> MetricsScrape.of(hub.port(), TOKEN)
                    .value("herald_subscriptions_ended_total{reason=\"client_gone\"}") == 1);
            MetricsScrape later = MetricsScrape.of(hub.port(), TOKEN);
            assertThat(later.value("herald_subscriptions_started_total")).isEqualTo(2);
            assertThat(later.value("herald_subscribers{protocol=\"0.x\"}")).isZero();
            assertThat(later.value("herald_subscribers{protocol=\"1.0\"}")).isEqualTo(1);
            second.close();
        }
    }

    @Test
    void anEmbeddersRegistryGetsTheHubsMetersUntilTheServerCloses() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        registry.counter("app.own").increment();
        ServerConfig config = RunningHub.defaults()
                .withObservability(ObservabilityConfig.defaults().withMeterRegistry(registry));
        try (RunningHub hub = RunningHub.start(config)) {
            hub.client().publish(BOOK, "one");
            hub.client().publish(BOOK, "two");

            assertThat(registry.get("herald.updates.published").functionCounter().count()).isEqualTo(2);
            assertThat(registry.get("herald.publish").timer().count()).isEqualTo(2);
            assertThat(registry.find("jvm.memory.used").meters()).as("the application binds its own JVM meters").isEmpty();
            assertThat(hub.client().get("/metrics").statusCode()).as("nothing to scrape here").isEqualTo(404);
            assertThat(hub.server().meterRegistry()).containsSame(registry);
        }
        assertThat(registry.find("herald.updates.published").meters()).isEmpty();
        assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).containsExactly("app.own");
    }

    @Test
    void withMetricsOffThereIsNoMetricsEndpointAndStatsStillCount() throws Exception {
        ServerConfig config = RunningHub.defaults().withObservability(ObservabilityConfig.defaults().withMetrics(false));
        try (RunningHub hub = RunningHub.start(config)) {
            hub.client().publish(BOOK, "one");

            HttpResponse<String> r = hub.client().get("/metrics");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("metrics are off");
            assertThat(hub.server().meterRegistry()).isEmpty();
            assertThat(hub.client().stats().updatesPublished()).isEqualTo(1);
            assertThat(hub.client().get("/readyz").statusCode()).isEqualTo(200);
        }
    }

    private static long deliveries(RunningHub hub) {
        return (long) MetricsScrape.of(hub.port(), TOKEN).value("herald_deliveries_total");
    }

    private static ServerConfig withToken() {
        return RunningHub.defaults().withObservability(ObservabilityConfig.defaults().withAdminToken(TOKEN));
    }
}
