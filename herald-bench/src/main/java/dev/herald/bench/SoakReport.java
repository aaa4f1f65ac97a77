package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a soak run's files: samples as CSV and JSON, the chart, {@code soak.json} and {@code soak.md}. */
final class SoakReport {
    /** What the run knew at its end, beyond the samples. */
    record End(SoakCounters load, long tailLosses, long notOpenAtEnd, long hubSlowCutOffs, long scrapeFailures,
               String firstScrapeFailure, String firstConnectFailure, String firstApiError, String startedUtc,
               String endedUtc) {}

    private SoakReport() {}

    static void write(SoakConfig c, List<SoakSample> samples, End end, SoakVerdict.Result verdict) throws IOException {
        Path out = c.out();
        Files.createDirectories(out);
        Files.writeString(out.resolve("samples.csv"), SoakCsv.write(samples));
        Files.writeString(out.resolve("samples.json"), Json.write(samples));
        String title = String.format(Locale.ROOT, "Herald soak: %s min from %s UTC, verdict %s",
                SoakCsv.cell(c.minutes()), end.startedUtc().replace('T', ' ').replace("Z", ""),
                verdict.overall());
        Files.writeString(out.resolve("soak.svg"),
                SoakChart.svg(title, samples, c.runSeconds(), SoakChart.panels(verdict)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verdict", verdict);
        json.put("end", end);
        json.put("load", c.describeLoad());
        json.put("server", c.serverInfo());
        json.put("thresholds", SoakThresholds.DEFAULTS);
        Files.writeString(out.resolve("soak.json"), Json.write(json));
        Files.writeString(out.resolve("soak.md"), markdown(c, samples, end, verdict));
    }

    static String markdown(SoakConfig c, List<SoakSample> samples, End end, SoakVerdict.Result v) {
        StringBuilder md = new StringBuilder("# Soak run\n\n");
        md.append("**Verdict: ").append(v.overall()).append("**: ").append(v.summary()).append(".\n\n");
        md.append(f("%.0f minutes from %s to %s UTC, %d samples every %.0f s. Judged: the second half (from minute"
                        + " %.1f on), after the first half's warm-up.%n%n", c.minutes(), end.startedUtc(), end.endedUtc(),
                samples.size(), c.sampleSeconds(), v.windowFromSeconds() / 60));
        md.append("- Server: ").append(c.serverInfo()).append('\n');
        md.append("- Load: ").append(c.describeLoad()).append("\n\n");
        md.append("## Growth\n\n");
        md.append("| Series | Window start | Window end | Least-squares slope (± 2 SE) | Quartile-median rate"
                + " | Threshold | Whole run Q1 → Q4 | Status |\n|---|---|---|---|---|---|---|---|\n");
        for (SoakVerdict.Series s : v.series()) {
            md.append(f("| %s (%s) | %s | %s | %s /h | %s /h | %.0f /h | %s → %s | %s%s |%n", s.name(), s.unit(),
                    n(s.windowStartMedian()), n(s.windowEndMedian()),
                    Double.isNaN(s.slopePerHour()) ? "–" : f("%+.1f ± %.1f", s.slopePerHour(), 2 * s.slopeStdErrPerHour()),
                    Double.isNaN(s.medianRatePerHour()) ? "–" : f("%+.1f", s.medianRatePerHour()),
                    s.thresholdPerHour(), n(s.runFirstQuartileMedian()), n(s.runLastQuartileMedian()), s.status(),
                    s.note().isEmpty() ? "" : ": " + s.note()));
        }
        md.append("\nWindow start and end are the medians of the window's first and last quarters; their rate is"
                + " their difference over the three quarters of the window between them. A series is GROWING when"
                + " both the slope and that rate pass its threshold, WATCH when one does. Heap after GC is"
                + " Micrometer's `jvm_gc_live_data_size_bytes`, which changes only when a collection shrinks the old"
                + " generation. Q1 and Q4 are the medians of the whole run's first and last quarters, warm-up"
                + " included. Chart: [soak.svg](soak.svg); every sample: samples.csv, samples.json.\n\n");
        SoakVerdict.Faults ft = v.faults();
        md.append("## Zero loss\n\n");
        md.append(f("%s: every subscriber must receive every update on its topics from the first it got on, exactly"
                + " once and in order, across leaves, resumes and cut-offs.%n%n", ft.clean() ? "Holds" : "**Fails**"));
        md.append("| Check | Count |\n|---|---|\n");
        md.append(f("| gaps (a resume or a stream skipped updates) | %d |%n", ft.gapLosses()));
        md.append(f("| tail (open at the end, short of what was published) | %d |%n", ft.tailLosses()));
        md.append(f("| duplicates | %d |%n| out of order | %d |%n", ft.duplicates(), ft.outOfOrder()));
        md.append(f("| inexact resumes (id no longer in history) | %d |%n| malformed events | %d |%n",
                ft.inexactResumes(), ft.malformed()));
        md.append(f("| publishes answered with an error / lost with a connection | %d / %d |%n%n", ft.publishErrors(),
                ft.publishLost()));
        SoakCounters l = end.load();
        md.append("What the load did: ");
        md.append(f("%d fresh connections, %d resumes with Last-Event-ID, %d subscribers left for good, %d slow-reader"
                        + " cut-offs (the hub counted %d `slow_subscriber` ends; a reader stalled within its budget is"
                        + " dropped by the kernel after `--dead-client-timeout` instead), %d stalls the hub sat out, %d streams of"
                        + " readers that kept up ended by the hub, %d failed connection attempts (the churn waited %.1f s in all"
                        + " for subscribers between streams); %d updates published"
                        + " and acknowledged, %d deliveries; %d subscriptions-API reads, %d failed.",
                l.connects(), l.resumes(), l.leaves(), l.cutOffs(), end.hubSlowCutOffs(), l.stallsSurvived(),
                l.unexpectedDisconnects(), l.connectFailures(), l.churnWaits() / 10.0, l.published(), l.deliveries(), l.apiReads(),
                l.apiErrors()));
        md.append(f(" At the end %d subscribers had no open stream, so their tails were not checked.%n%n",
                end.notOpenAtEnd()));
        for (String note : v.notes()) {
            md.append("- Note: ").append(note).append('\n');
        }
        if (end.firstConnectFailure() != null) {
            md.append("- First failed connection: ").append(end.firstConnectFailure()).append('\n');
        }
        if (end.firstApiError() != null) {
            md.append("- First subscriptions-API error: ").append(end.firstApiError()).append('\n');
        }
        if (end.scrapeFailures() > 0) {
            md.append(f("- %d scrapes of /metrics failed; first: %s%n", end.scrapeFailures(), end.firstScrapeFailure()));
        }
        return md.toString();
    }

    private static String n(double v) {
        return Double.isNaN(v) ? "–" : f("%.1f", v);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
