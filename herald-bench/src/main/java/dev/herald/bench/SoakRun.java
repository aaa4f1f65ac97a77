package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The soak run ({@code herald-bench soak}, started by {@code bench/run.sh soak}): one running
 * Herald under churn for {@code --minutes}, sampled every {@code --sample} seconds, then judged
 * for growth and losses. The population connects first (the ramp counts as warm-up); then the
 * publisher, the churn and the subscriptions-API reads run until the time is up; then the load
 * stops, every subscriber gets its stream back, and after a drain each one's tail is checked
 * against what was published.
 */
final class SoakRun {
    private SoakRun() {}

    static void run(Args args) throws Exception {
        SoakConfig c = SoakConfig.from(args);
        Files.createDirectories(c.out());
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        long startNanos = System.nanoTime();
        SoakSampler sampler = new SoakSampler(c, ProcGauges.system(), startNanos);
        List<SoakSample> samples = new ArrayList<>();
        AtomicReference<SoakPublisher> publisher = new AtomicReference<>();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        SoakSample last;
        long tail;
        long notOpen;
        String firstConnectFailure;
        String firstApiError;
        try (SoakLoad load = new SoakLoad(c); SubscriptionsApiReader api = new SubscriptionsApiReader(c)) {
            Files.writeString(c.out().resolve("samples.csv"), SoakCsv.header());
            long every = (long) (c.sampleSeconds() * 1000);
            timer.scheduleAtFixedRate(() -> takeSample(c, sampler, load, publisher.get(), api, samples), 0, every,
                    TimeUnit.MILLISECONDS);
            load.start().get(10, TimeUnit.MINUTES);
            System.out.printf("soak: %d subscribers and %d slow readers connected after %.0f s%n", c.subscribers(),
                    c.slowReaders(), (System.nanoTime() - startNanos) / 1e9);
            try (SoakPublisher pub = new SoakPublisher(c)) {
                publisher.set(pub);
                pub.start();
                load.startChurn();
                api.start();
                Coordinator.sleep(c.runSeconds() - (System.nanoTime() - startNanos) / 1e9);
                timer.shutdown();
                timer.awaitTermination(2, TimeUnit.MINUTES);
                System.out.println("soak: time is up; stopping the load and letting every subscriber resume");
                load.stopChurn().get(60, TimeUnit.SECONDS);
                pub.stop().get(5, TimeUnit.MINUTES);
                api.close();
                firstApiError = api.firstError();
                load.awaitAllOpen(Math.max(60, c.stallSeconds() * 2)).get();
                Coordinator.sleep(c.drainSeconds());
                long[] published = pub.publishedPerTopic().get(60, TimeUnit.SECONDS);
                tail = load.tailLosses(published).get(60, TimeUnit.SECONDS);
                notOpen = load.notOpen().get(60, TimeUnit.SECONDS);
                firstConnectFailure = load.firstFailure().get(60, TimeUnit.SECONDS);
                last = sampler.sample(load, pub, api);
            }
        } finally {
            timer.shutdownNow();
        }
        SoakCounters l = last.load();
        SoakVerdict.Faults faults = new SoakVerdict.Faults(l.gapLosses(), tail, l.duplicates(), l.outOfOrder(),
                l.inexactResumes(), l.malformed(), l.publishErrors(), l.publishLost());
        List<SoakSample> judged;
        synchronized (samples) {
            judged = List.copyOf(samples);
        }
        SoakVerdict.Result verdict = SoakVerdict.judge(judged, c.runSeconds(), SoakThresholds.DEFAULTS, faults, l);
        SoakReport.End end = new SoakReport.End(l, tail, notOpen,
                last.hubSlowCutOffs() == null ? -1 : Math.round(last.hubSlowCutOffs()), sampler.scrapeFailures(),
                sampler.firstScrapeFailure(), firstConnectFailure, firstApiError, started,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        SoakReport.write(c, judged, end, verdict);
        System.out.printf("soak: verdict %s: %s%n", verdict.overall(), verdict.summary());
        for (SoakVerdict.Series s : verdict.series()) {
            System.out.printf("soak:   %-13s slope %+8.1f %s/h (threshold %.0f), %s%n", s.name(), s.slopePerHour(),
                    s.unit(), s.thresholdPerHour(), s.status());
        }
        System.out.printf("soak: losses %d (gaps %d, tail %d), duplicates %d, out of order %d, inexact resumes %d;"
                        + " resumes %d, cut-offs %d, leaves %d%n", faults.gapLosses() + faults.tailLosses(),
                faults.gapLosses(), faults.tailLosses(), faults.duplicates(), faults.outOfOrder(),
                faults.inexactResumes(), l.resumes(), l.cutOffs(), l.leaves());
    }

    private static void takeSample(SoakConfig c, SoakSampler sampler, SoakLoad load, SoakPublisher publisher,
                                   SubscriptionsApiReader api, List<SoakSample> samples) {
        try {
            SoakSample s = sampler.sample(load, publisher, api);
            synchronized (samples) {
                samples.add(s);
            }
            Files.writeString(c.out().resolve("samples.csv"), SoakCsv.row(s), StandardOpenOption.APPEND);
            System.out.printf(Locale.ROOT, "soak %5.0f s: rss %.0f MiB, heap after GC %s MiB, files %d, threads %d, streams %d,"
                            + " published %d, resumes %d, cut-offs %d, losses %d%n", s.seconds(), s.rssMib(),
                    s.heapAfterGcMib() == null ? "?" : String.format(Locale.ROOT, "%.0f", s.heapAfterGcMib()), s.openFiles(),
                    s.threads(), s.load().openStreams(), s.load().published(), s.load().resumes(), s.load().cutOffs(),
                    s.load().gapLosses());
        } catch (IOException e) {
            System.err.println("soak: could not read the server's /proc entries (has it exited?): " + e);
        } catch (Exception e) {
            System.err.println("soak: sample failed: " + e);
        }
    }
}
