package dev.herald.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The soak samples as CSV (RFC 4180: comma-separated, a header row, CRLF line ends), one row per
 * sample. Numbers are written with a dot whatever the default locale; an unknown value is empty.
 */
final class SoakCsv {
    private record Column(String name, Function<SoakSample, Object> value) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("seconds", SoakSample::seconds),
            new Column("utc", SoakSample::utc),
            new Column("rss_mib", SoakSample::rssMib),
            new Column("open_files", SoakSample::openFiles),
            new Column("threads", SoakSample::threads),
            new Column("cpu_seconds", SoakSample::cpuSeconds),
            new Column("heap_after_gc_mib", SoakSample::heapAfterGcMib),
            new Column("heap_used_mib", SoakSample::heapUsedMib),
            new Column("heap_committed_mib", SoakSample::heapCommittedMib),
            new Column("old_gen_used_mib", SoakSample::oldGenUsedMib),
            new Column("nonheap_used_mib", SoakSample::nonHeapUsedMib),
            new Column("jvm_threads", SoakSample::jvmThreads),
            new Column("process_open_files", SoakSample::processOpenFiles),
            new Column("herald_subscribers", SoakSample::subscribers),
            new Column("stream_connections", SoakSample::streamConnections),
            new Column("request_connections", SoakSample::requestConnections),
            new Column("files_beyond_connections", SoakSample::filesBeyondConnections),
            new Column("history_retained", SoakSample::historyRetained),
            new Column("hub_slow_cut_offs", SoakSample::hubSlowCutOffs),
            new Column("open_streams", s -> s.load().openStreams()),
            new Column("connects", s -> s.load().connects()),
            new Column("resumes", s -> s.load().resumes()),
            new Column("leaves", s -> s.load().leaves()),
            new Column("cut_offs", s -> s.load().cutOffs()),
            new Column("stalls_survived", s -> s.load().stallsSurvived()),
            new Column("unexpected_disconnects", s -> s.load().unexpectedDisconnects()),
            new Column("connect_failures", s -> s.load().connectFailures()),
            new Column("inexact_resumes", s -> s.load().inexactResumes()),
            new Column("deliveries", s -> s.load().deliveries()),
            new Column("duplicates", s -> s.load().duplicates()),
            new Column("out_of_order", s -> s.load().outOfOrder()),
            new Column("gap_losses", s -> s.load().gapLosses()),
            new Column("malformed", s -> s.load().malformed()),
            new Column("churn_waits", s -> s.load().churnWaits()),
            new Column("published", s -> s.load().published()),
            new Column("publish_errors", s -> s.load().publishErrors()),
            new Column("publish_lost", s -> s.load().publishLost()),
            new Column("api_reads", s -> s.load().apiReads()),
            new Column("api_errors", s -> s.load().apiErrors()),
            new Column("api_total", s -> s.load().apiTotal()));

    private SoakCsv() {}

    static String header() {
        return String.join(",", COLUMNS.stream().map(Column::name).toList()) + "\r\n";
    }

    static String row(SoakSample s) {
        StringBuilder out = new StringBuilder();
        for (Column c : COLUMNS) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(cell(c.value().apply(s)));
        }
        return out.append("\r\n").toString();
    }

    static String write(List<SoakSample> samples) {
        StringBuilder out = new StringBuilder(header());
        samples.forEach(s -> out.append(row(s)));
        return out.toString();
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return "";
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
                    : String.format(Locale.ROOT, "%.3f", d);
        }
        String s = v.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
