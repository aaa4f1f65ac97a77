package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Herald and Nchan next to the fan-out floor: the bare C broadcaster in {@code bench/floor/}, which
 * does one send(2) per delivery and nothing else. Its CPU per delivery is the kernel's cost of a
 * loopback send on this machine, so the ratios say how much of each system's cost is its own.
 */
final class FloorTable {
    /** A row as written to floor.json; a ratio is null when a system did not run. */
    record Row(String metric, Double floor, Double herald, Double nchan, Double heraldToFloor,
               Double floorToNchan) {}

    private record Metric(String name, ToDoubleFunction<ScenarioResult> value) {}

    private static final List<Metric> METRICS = List.of(
            new Metric("server CPU per delivery (µs)", ScenarioResult::serverCpuPerDeliveryUs),
            new Metric("of which in the kernel (µs)", ScenarioResult::serverKernelCpuPerDeliveryUs),
            new Metric("of which in user space (µs)", ScenarioResult::serverUserCpuPerDeliveryUs),
            new Metric("p99 publish→receive (ms)", ScenarioResult::latencyP99Ms),
            new Metric("deliveries/s", ScenarioResult::deliveredPerSecond));

    private FloorTable() {}

    /** Empty when the floor did not run. */
    static List<Row> rows(Map<String, List<ScenarioResult>> results) {
        List<ScenarioResult> floor = results.get("fanout/Floor");
        if (floor == null) {
            return List.of();
        }
        List<ScenarioResult> herald = results.get("fanout/Herald");
        List<ScenarioResult> nchan = results.get("fanout/Nchan");
        List<Row> rows = new ArrayList<>();
        for (Metric m : METRICS) {
            // Results written before the kernel/user split have NaN there: shown as missing.
            Double f = Report.known(Report.median(floor, m.value()));
            Double h = herald == null ? null : Report.known(Report.median(herald, m.value()));
            Double n = nchan == null ? null : Report.known(Report.median(nchan, m.value()));
            rows.add(new Row(m.name(), f, h, n, h == null || f == null || f == 0 ? null : h / f,
                    n == null || f == null || n == 0 ? null : f / n));
        }
        return rows;
    }

    static String markdown(Map<String, List<ScenarioResult>> results, List<Row> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\nFan-out floor (bare C epoll broadcaster, one send(2) per delivery,"
                + " `bench/floor/broadcaster.c`), medians:\n\n"
                + "| Metric | Floor | Herald | Nchan | Herald/Floor | Floor/Nchan |\n|---|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.metric()).append(" | ").append(Report.num(r.floor())).append(" | ")
                    .append(Report.num(r.herald())).append(" | ").append(Report.num(r.nchan())).append(" | ")
                    .append(ratio(r.heraldToFloor())).append(" | ").append(ratio(r.floorToNchan())).append(" |\n");
        }
        sb.append("\nServer CPU per delivery (µs) per round:");
        for (String system : List.of("Floor", "Herald", "Nchan")) {
            List<ScenarioResult> runs = results.get("fanout/" + system);
            if (runs != null) {
                sb.append(' ').append(system).append(' ').append(runs.stream()
                        .map(r -> Report.num(r.serverCpuPerDeliveryUs())).collect(Collectors.joining(" / ")))
                        .append(';');
            }
        }
        sb.setLength(sb.length() - 1);
        boolean clean = results.get("fanout/Floor").stream().allMatch(ScenarioResult::clean);
        return sb.append(". Every floor round clean (no loss, duplicate, reordering or cut-off subscriber): ")
                .append(clean ? "yes" : "**no**").append(".\n").toString();
    }

    private static String ratio(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }
}
