package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What Herald's metrics cost: Herald as it ships (metrics on, scraped during the run when
 * {@code bench/run.sh --scrape S} is given) against the same build with {@code --no-metrics}, in
 * one run, alternating. The target: fan-out CPU per delivery at most 2% apart.
 */
final class MetricsCostTable {
    /** The system label {@code bench/run.sh} gives the {@code herald-nometrics} runs. */
    static final String OFF = "Herald, metrics off";

    /** A row as written to metrics_cost.json; {@code onToOff} is null when either side did not run. */
    record Row(String scenario, String metric, Double on, Double off, Double onToOff, String target, Boolean holds) {}

    private record Metric(String scenario, String name, ToDoubleFunction<ScenarioResult> value, double maxRatio) {}

    private static final List<Metric> METRICS = List.of(
            new Metric("fanout", "server CPU per delivery (µs)", ScenarioResult::serverCpuPerDeliveryUs, 1.02),
            new Metric("fanout", "of which in user space (µs)", ScenarioResult::serverUserCpuPerDeliveryUs, 0),
            new Metric("fanout", "p99 publish→receive (ms)", ScenarioResult::latencyP99Ms, 0),
            new Metric("fanout", "deliveries/s", ScenarioResult::deliveredPerSecond, 0),
            new Metric("burst", "server CPU per delivery (µs)", ScenarioResult::serverCpuPerDeliveryUs, 0),
            new Metric("burst", "deliveries/s", ScenarioResult::deliveredPerSecond, 0),
            new Metric("burst", "p99 publish→receive (ms)", ScenarioResult::latencyP99Ms, 0));

    private MetricsCostTable() {}

    /** Empty when no run had metrics off. */
    static List<Row> rows(Map<String, List<ScenarioResult>> results) {
        List<Row> rows = new ArrayList<>();
        for (Metric m : METRICS) {
            List<ScenarioResult> off = results.get(m.scenario() + "/" + OFF);
            if (off == null) {
                continue;
            }
            List<ScenarioResult> on = results.get(m.scenario() + "/Herald");
            Double offValue = Report.known(Report.median(off, m.value()));
            Double onValue = on == null ? null : Report.known(Report.median(on, m.value()));
            Double ratio = onValue == null || offValue == null || offValue == 0 ? null : onValue / offValue;
            boolean checked = m.maxRatio() > 0;
            Boolean holds = !checked || ratio == null ? null
                    : ratio <= m.maxRatio() && on.stream().allMatch(ScenarioResult::clean)
                            && off.stream().allMatch(ScenarioResult::clean);
            rows.add(new Row(m.scenario(), m.name(), onValue, offValue, ratio,
                    checked ? String.format(Locale.ROOT, "≤ %.2fx", m.maxRatio()) : "", holds));
        }
        return rows;
    }

    static String markdown(Map<String, List<ScenarioResult>> results, List<Row> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\nMetrics on (as shipped) against `--no-metrics`, medians:\n\n"
                + "| Scenario | Metric | Metrics on | Metrics off | On/off | Target | Holds |\n"
                + "|---|---|---:|---:|---:|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.scenario()).append(" | ").append(r.metric()).append(" | ")
                    .append(Report.num(r.on())).append(" | ").append(Report.num(r.off())).append(" | ")
                    .append(r.onToOff() == null ? "–" : String.format(Locale.ROOT, "%.3f", r.onToOff()))
                    .append(" | ").append(r.target()).append(" | ")
                    .append(r.holds() == null ? "" : r.holds() ? "yes" : "**no**").append(" |\n");
        }
        for (String scenario : List.of("fanout", "burst")) {
            for (String system : List.of("Herald", OFF)) {
                List<ScenarioResult> runs = results.get(scenario + "/" + system);
                if (runs != null && results.containsKey(scenario + "/" + OFF)) {
                    sb.append("\n").append(scenario).append(", ").append(system)
                            .append(", server CPU per delivery (µs) per round: ")
                            .append(runs.stream().map(r -> Report.num(r.serverCpuPerDeliveryUs()))
                                    .collect(Collectors.joining(" / ")));
                }
            }
        }
        return sb.append("\n").toString();
    }
}
