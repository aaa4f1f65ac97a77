package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Herald against Nchan over TLS ({@code bench/run.sh fanout --tls h1|h2}), one block per mode: the
 * systems are named "Herald TLS h1", "Nchan TLS h2" and so on ({@link TlsMode#systemSuffix()}).
 * The target: Herald at most 0.8x Nchan's fan-out CPU per delivery over TLS.
 */
final class TlsTable {
    /** A row as written to tls.json; a figure is null when its system did not run. */
    record Row(String mode, String scenario, String metric, Double herald, Double nchan, Double ratio,
               String target, Boolean holds) {}

    private record Metric(String scenario, String name, ToDoubleFunction<ScenarioResult> value, double maxRatio) {}

    private static final List<Metric> METRICS = List.of(
            new Metric("fanout", "server CPU per delivery (µs)", ScenarioResult::serverCpuPerDeliveryUs, 0.8),
            new Metric("fanout", "of which in the kernel (µs)", ScenarioResult::serverKernelCpuPerDeliveryUs, 0),
            new Metric("fanout", "of which in user space (µs)", ScenarioResult::serverUserCpuPerDeliveryUs, 0),
            new Metric("fanout", "p50 publish→receive (ms)", ScenarioResult::latencyP50Ms, 0),
            new Metric("fanout", "p99 publish→receive (ms)", ScenarioResult::latencyP99Ms, 0),
            new Metric("fanout", "p99.9 publish→receive (ms)", ScenarioResult::latencyP999Ms, 0),
            new Metric("fanout", "deliveries/s", ScenarioResult::deliveredPerSecond, 0),
            new Metric("idle", "RSS per subscriber (kB)", ScenarioResult::rssPerConnectionKb, 0), // h2: per stream
            new Metric("burst", "deliveries/s", ScenarioResult::deliveredPerSecond, 0),
            new Metric("burst", "p99 publish→receive (ms)", ScenarioResult::latencyP99Ms, 0),
            new Metric("burst", "server CPU per delivery (µs)", ScenarioResult::serverCpuPerDeliveryUs, 0));

    private TlsTable() {}

    /** Empty when nothing ran over TLS. */
    static List<Row> rows(Map<String, List<ScenarioResult>> results) {
        List<Row> rows = new ArrayList<>();
        for (TlsMode mode : List.of(TlsMode.H1, TlsMode.H2)) {
            for (Metric m : METRICS) {
                List<ScenarioResult> h = results.get(key(m.scenario(), "Herald", mode));
                List<ScenarioResult> n = results.get(key(m.scenario(), "Nchan", mode));
                if (h == null && n == null) {
                    continue;
                }
                Double hv = h == null ? null : Report.known(Report.median(h, m.value()));
                Double nv = n == null ? null : Report.known(Report.median(n, m.value()));
                Double ratio = hv != null && nv != null && nv != 0 ? hv / nv : null;
                boolean checked = m.maxRatio() > 0;
                Boolean holds = !checked || ratio == null ? null : ratio <= m.maxRatio() && clean(h) && clean(n);
                rows.add(new Row(mode.key(), m.scenario(), m.name(), hv, nv, ratio,
                        checked ? String.format(Locale.ROOT, "≤ %.1fx", m.maxRatio()) : "", holds));
            }
            for (String scenario : List.of("idle", "fanout", "burst")) {
                List<ScenarioResult> h = results.get(key(scenario, "Herald", mode));
                List<ScenarioResult> n = results.get(key(scenario, "Nchan", mode));
                if (h != null || n != null) {
                    rows.add(new Row(mode.key(), scenario, "losses / duplicates / out of order (all rounds)",
                            h == null ? null : faults(h), n == null ? null : faults(n), null, "0",
                            h == null ? null : clean(h)));
                }
            }
        }
        return rows;
    }

    static String markdown(Map<String, List<ScenarioResult>> results, List<Row> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        results.entrySet().stream().filter(e -> e.getKey().contains(" TLS h")).findFirst().ifPresent(e -> {
            ScenarioResult any = e.getValue().get(0);
            int rounds = e.getValue().size();
            sb.append("\nOver TLS: run ").append(any.startedUtc(), 0, 10).append(", scale **").append(any.scale())
                    .append("**, ").append(any.subscribers()).append(" subscribers, ").append(rounds)
                    .append(rounds == 1 ? " round" : " rounds (medians)").append(".\n");
        });
        for (TlsMode mode : List.of(TlsMode.H1, TlsMode.H2)) {
            List<Row> own = rows.stream().filter(r -> r.mode().equals(mode.key())).toList();
            if (own.isEmpty()) {
                continue;
            }
            sb.append("\n").append(mode == TlsMode.H2 ? "HTTP/2" : "HTTP/1.1").append(" over TLS (")
                    .append(mode.key()).append("):\n\n")
                    .append("| Mode | Scenario | Metric | Herald | Nchan | Herald/Nchan | Target | Holds |\n")
                    .append("|---|---|---|---:|---:|---:|---|---|\n");
            for (Row r : own) {
                sb.append("| TLS ").append(r.mode()).append(" | ").append(r.scenario()).append(" | ")
                        .append(r.metric()).append(" | ").append(Report.num(r.herald())).append(" | ")
                        .append(Report.num(r.nchan())).append(" | ")
                        .append(r.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", r.ratio()))
                        .append(" | ").append(r.target()).append(" | ")
                        .append(r.holds() == null ? "" : r.holds() ? "yes" : "**no**").append(" |\n");
            }
            for (String system : List.of("Herald", "Nchan")) {
                results.entrySet().stream()
                        .filter(e -> e.getKey().endsWith("/" + system + mode.systemSuffix()))
                        .findFirst()
                        .ifPresent(e -> sb.append("\n").append(system).append(mode.systemSuffix()).append(": ")
                                .append(e.getValue().get(0).serverInfo()).append("; ")
                                .append(e.getValue().get(0).clientInfo()).append("\n"));
            }
        }
        return sb.toString();
    }

    private static String key(String scenario, String system, TlsMode mode) {
        return scenario + "/" + system + mode.systemSuffix();
    }

    private static boolean clean(List<ScenarioResult> rounds) {
        return rounds == null || rounds.stream().allMatch(ScenarioResult::clean);
    }

    private static double faults(List<ScenarioResult> rounds) {
        return rounds.stream().mapToDouble(r -> r.losses() + r.duplicates() + r.outOfOrder()).sum();
    }
}
