package dev.herald.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Turns the per-run results of a directory into a side-by-side table (Markdown), the same rows as
 * JSON, and a chart of the Herald/Nchan ratios. With several rounds each figure is the median of
 * the rounds; a target holds only if every round was also clean.
 */
final class Report {
    /** One compared figure and the target for it, if any. */
    record Metric(String scenario, String name, ToDoubleFunction<ScenarioResult> value, String target,
                  Check check) {}

    /** Decides a target from Herald's figure, Nchan's figure and their ratio. */
    interface Check {
        boolean holds(double herald, double nchan, double ratio);
    }

    /** A table row as written to summary.json. */
    record Row(String scenario, String metric, Double herald, Double nchan, Double ratio, String target,
               Boolean holds) {}

    static final List<Metric> METRICS = List.of(
            new Metric("idle", "RSS per connection (kB)", ScenarioResult::rssPerConnectionKb, "≤ 0.6x", (h, n, r) -> r <= 0.6),
            new Metric("fanout", "p50 publish→receive (ms)", ScenarioResult::latencyP50Ms, "", null),
            new Metric("fanout", "p99 publish→receive (ms)", ScenarioResult::latencyP99Ms, "≤ 0.5x", (h, n, r) -> r <= 0.5),
            new Metric("fanout", "p99.9 publish→receive (ms)", ScenarioResult::latencyP999Ms, "", null),
            new Metric("fanout", "server CPU per delivery (µs)", ScenarioResult::serverCpuPerDeliveryUs, "≤ 0.7x", (h, n, r) -> r <= 0.7),
            new Metric("fanout", "of which in user space (µs)", ScenarioResult::serverUserCpuPerDeliveryUs, "", null),
            new Metric("fanout", "deliveries/s", ScenarioResult::deliveredPerSecond, "", null),
            new Metric("burst", "deliveries/s", ScenarioResult::deliveredPerSecond, "≥ 2x", (h, n, r) -> r >= 2),
            new Metric("burst", "p99 publish→receive (ms)", ScenarioResult::latencyP99Ms, "< 50 ms", (h, n, r) -> h < 50),
            new Metric("burst", "server CPU per delivery (µs)", ScenarioResult::serverCpuPerDeliveryUs, "", null),
            new Metric("peruser", "p99 publish→receive (ms)", ScenarioResult::latencyP99Ms, "≤ 1x", (h, n, r) -> r <= 1),
            new Metric("peruser", "deliveries slower than 1 ms", r -> r.slowerThan1Ms(), "", null),
            new Metric("peruser", "deliveries/s", ScenarioResult::deliveredPerSecond, "", null),
            new Metric("peruser", "server CPU per delivery (µs)", ScenarioResult::serverCpuPerDeliveryUs, "", null),
            new Metric("durable", "acknowledged publishes/s", ScenarioResult::achievedPublishRate, "", null),
            new Metric("durable", "p99 publish→receive (ms)", ScenarioResult::latencyP99Ms, "", null),
            new Metric("durable", "server CPU per publish (µs)", ScenarioResult::serverCpuPerDeliveryUs, "", null));

    private Report() {}

    static void run(Args args) throws IOException {
        Path dir = Path.of(args.required("dir"));
        Map<String, List<ScenarioResult>> results = load(dir);
        List<Row> rows = rows(results);
        List<FloorTable.Row> floor = FloorTable.rows(results);
        Map<String, List<StormResult>> storms = StormTable.load(dir);
        List<StormTable.Row> stormRows = StormTable.rows(storms);
        List<MetricsCostTable.Row> metricsCost = MetricsCostTable.rows(results);
        List<ClusterTable.Row> cluster = ClusterTable.rows(results);
        List<TlsTable.Row> tls = TlsTable.rows(results);
        List<ServletTable.Row> servlet = ServletTable.rows(results);
        Files.writeString(dir.resolve("results.md"), markdown(results, rows) + FloorTable.markdown(results, floor)
                + MetricsCostTable.markdown(results, metricsCost) + StormTable.markdown(storms, stormRows)
                + ClusterTable.markdown(results, cluster) + TlsTable.markdown(results, tls)
                + ServletTable.markdown(servlet));
        if (!cluster.isEmpty()) {
            Files.writeString(dir.resolve("cluster.json"), Json.write(cluster));
        }
        if (!servlet.isEmpty()) {
            Files.writeString(dir.resolve("servlet.json"), Json.write(servlet));
        }
        if (!tls.isEmpty()) {
            Files.writeString(dir.resolve("tls.json"), Json.write(tls));
        }
        if (!metricsCost.isEmpty()) {
            Files.writeString(dir.resolve("metrics_cost.json"), Json.write(metricsCost));
        }
        Files.writeString(dir.resolve("summary.json"), Json.write(rows));
        if (!floor.isEmpty()) {
            Files.writeString(dir.resolve("floor.json"), Json.write(floor));
        }
        if (!stormRows.isEmpty()) {
            Files.writeString(dir.resolve("storm.json"), Json.write(stormRows));
        }
        Chart.write(rows, dir.resolve("chart.png"));
        System.out.print(Files.readString(dir.resolve("results.md")));
    }

    /** Each round's result, keyed by {@code scenario/system}, in the order the rounds ran. */
    static Map<String, List<ScenarioResult>> load(Path dir) throws IOException {
        Map<String, List<ScenarioResult>> out = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*-*.json")) {
            for (Path f : files) {
                if (StormTable.isStormResult(f)) {
                    continue; // another shape of result, read by StormTable
                }
                ScenarioResult r = Json.read(Files.readString(f), ScenarioResult.class);
                out.computeIfAbsent(r.scenario() + "/" + r.system(), k -> new ArrayList<>()).add(r);
            }
        }
        out.values().forEach(rounds -> rounds.sort(Comparator.comparing(ScenarioResult::startedUtc)));
        return out;
    }

    static List<Row> rows(Map<String, List<ScenarioResult>> results) {
        List<Row> rows = new ArrayList<>();
        for (Metric m : METRICS) {
            List<ScenarioResult> h = results.get(m.scenario() + "/Herald");
            List<ScenarioResult> n = results.get(m.scenario() + "/Nchan");
            if (h == null && n == null) {
                continue;
            }
            Double hv = h == null ? null : known(median(h, m.value()));
            Double nv = n == null ? null : known(median(n, m.value()));
            Double ratio = hv != null && nv != null && nv != 0 ? hv / nv : null;
            Boolean holds = m.check() == null || ratio == null ? null
                    : m.check().holds(hv, nv, ratio) && allClean(h) && allClean(n);
            rows.add(new Row(m.scenario(), m.name(), hv, nv, ratio, m.target(), holds));
        }
        ToDoubleFunction<ScenarioResult> faults = r -> r.losses() + r.duplicates() + r.outOfOrder();
        for (String scenario : List.of("idle", "fanout", "burst", "peruser", "durable")) {
            List<ScenarioResult> h = results.get(scenario + "/Herald");
            List<ScenarioResult> n = results.get(scenario + "/Nchan");
            if (h != null || n != null) {
                rows.add(new Row(scenario, "losses / duplicates / out of order (all rounds)",
                        h == null ? null : sum(h, faults), n == null ? null : sum(n, faults),
                        null, "0", h == null ? null : allClean(h)));
            }
        }
        return rows;
    }

    /** The middle value; the mean of the two middle ones for an even count. */
    static <T> double median(List<T> rounds, ToDoubleFunction<T> value) {
        double[] v = rounds.stream().mapToDouble(value).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    static Double known(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static double sum(List<ScenarioResult> rounds, ToDoubleFunction<ScenarioResult> value) {
        return rounds.stream().mapToDouble(value).sum();
    }

    private static boolean allClean(List<ScenarioResult> rounds) {
        return rounds.stream().allMatch(ScenarioResult::clean);
    }

    static String markdown(Map<String, List<ScenarioResult>> results, List<Row> rows) {
        if (rows.isEmpty()) {
            return ""; // a run of scenarios with tables of their own (the storm)
        }
        StringBuilder sb = new StringBuilder();
        List<ScenarioResult> all = results.values().stream().flatMap(List::stream).toList();
        if (!all.isEmpty()) {
            int rounds = results.values().stream().mapToInt(List::size).max().orElse(1);
            sb.append("Run ").append(all.get(0).startedUtc(), 0, 10).append(", scale **").append(all.get(0).scale())
                    .append("**, ").append(rounds).append(rounds == 1 ? " round" : " rounds (medians)")
                    .append(". Herald: ").append(all.stream().filter(r -> r.system().equals("Herald"))
                            .map(ScenarioResult::serverInfo).findFirst().orElse("-"))
                    .append(". Nchan: ").append(all.stream().filter(r -> r.system().equals("Nchan"))
                            .map(ScenarioResult::serverInfo).findFirst().orElse("-"))
                    .append(".\n\n");
        }
        sb.append("| Scenario | Subscribers | Metric | Herald | Nchan | Herald/Nchan | Target | Holds |\n");
        sb.append("|---|---:|---|---:|---:|---:|---|---|\n");
        for (Row r : rows) {
            List<ScenarioResult> h = results.get(r.scenario() + "/Herald");
            ScenarioResult any = (h != null ? h : results.get(r.scenario() + "/Nchan")).get(0);
            sb.append("| ").append(r.scenario()).append(" | ").append(any.subscribers()).append(" | ")
                    .append(r.metric()).append(" | ").append(num(r.herald())).append(" | ").append(num(r.nchan()))
                    .append(" | ").append(r.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", r.ratio()))
                    .append(" | ").append(r.target()).append(" | ")
                    .append(r.holds() == null ? "" : r.holds() ? "yes" : "**no**").append(" |\n");
        }
        return sb.toString();
    }

    static String num(Double v) {
        if (v == null) {
            return "–";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
