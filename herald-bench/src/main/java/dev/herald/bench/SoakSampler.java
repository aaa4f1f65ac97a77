package dev.herald.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Takes one {@link SoakSample}: the server's {@code /proc} entries, its {@code /metrics} (with the
 * admin token, as Prometheus would), and the load's totals. A failed scrape leaves the metric
 * figures unknown rather than stopping the run; the first failure is kept for the report.
 */
final class SoakSampler {
    private static final double MIB = 1024 * 1024;

    private final SoakConfig config;
    private final ProcGauges proc;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final long startNanos;
    private String firstScrapeFailure;
    private long scrapeFailures;

    SoakSampler(SoakConfig config, ProcGauges proc, long startNanos) {
        this.config = config;
        this.proc = proc;
        this.startNanos = startNanos;
    }

    SoakSample sample(SoakLoad load, SoakPublisher publisher, SubscriptionsApiReader api) throws Exception {
        // Stamped with the /proc reading, taken first; the scrape can take seconds on a busy machine.
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String utc = Instant.now().toString();
        ProcGauges.Reading p = proc.read(config.serverPid());
        PrometheusText m = scrape();
        SoakCounters l = load.counters().get(60, TimeUnit.SECONDS);
        SoakPublisher.Totals pub = publisher == null ? new SoakPublisher.Totals(0, 0, 0, 0)
                : publisher.totals().get(60, TimeUnit.SECONDS);
        SoakCounters all = new SoakCounters(l.openStreams(), l.connects(), l.resumes(), l.leaves(), l.cutOffs(),
                l.stallsSurvived(), l.unexpectedDisconnects(), l.connectFailures(), l.inexactResumes(), l.deliveries(),
                l.duplicates(), l.outOfOrder(), l.gapLosses(), l.malformed(), l.churnWaits(), pub.ok(), pub.errors(), pub.lost(),
                api.reads.get(), api.errors.get(), api.lastTotal.get());
        return new SoakSample(seconds, utc, p.rssKb() / 1024.0, p.openFiles(), p.threads(),
                p.cpuMillis() / 1000.0,
                mib(m == null ? null : m.sum("jvm_gc_live_data_size_bytes"), true),
                mib(m == null ? null : m.sum("jvm_memory_used_bytes", "area", "heap"), false),
                mib(m == null ? null : m.sum("jvm_memory_committed_bytes", "area", "heap"), false),
                mib(m == null ? null : m.sum("jvm_memory_used_bytes", "id", "G1 Old Gen"), false),
                mib(m == null ? null : m.sum("jvm_memory_used_bytes", "area", "nonheap"), false),
                m == null ? null : m.sum("jvm_threads_live_threads"),
                m == null ? null : m.sum("process_files_open_files"),
                m == null ? null : m.sum("herald_subscribers"),
                m == null ? null : m.sum("herald_connections", "kind", "stream"),
                m == null ? null : m.sum("herald_connections", "kind", "request"),
                m == null ? null : m.sum("herald_history_retained"),
                m == null ? null : m.sum("herald_subscriptions_ended_total", "reason", "slow_subscriber"),
                all);
    }

    /** Bytes as MiB; Micrometer's live data size is 0 until a collection has set it, which means unknown. */
    private static Double mib(Double bytes, boolean zeroIsUnknown) {
        if (bytes == null || (zeroIsUnknown && bytes == 0)) {
            return null;
        }
        return bytes / MIB;
    }

    private PrometheusText scrape() {
        String url = "http://" + config.server().getHostString() + ":" + config.server().getPort() + "/metrics";
        try {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            if (!config.adminToken().isEmpty()) {
                r.header("Authorization", "Bearer " + config.adminToken());
            }
            HttpResponse<String> answer = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET /metrics answered " + answer.statusCode() + ": " + answer.body());
            }
            return PrometheusText.parse(answer.body());
        } catch (Exception e) {
            scrapeFailures++;
            if (firstScrapeFailure == null) {
                firstScrapeFailure = e.getMessage();
                System.err.println("soak: scraping /metrics failed (the figures from it are left empty): " + e);
            }
            return null;
        }
    }

    long scrapeFailures() {
        return scrapeFailures;
    }

    String firstScrapeFailure() {
        return firstScrapeFailure;
    }
}
