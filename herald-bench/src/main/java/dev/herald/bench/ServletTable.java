package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Herald inside a Spring Boot application (issue 21): the standalone hub ({@code herald}), the same
 * hub through the starter and its Servlet adapter on Tomcat ({@code herald-tomcat}), and the
 * hand-made fan-out over Spring's {@code SseEmitter} ({@code sseemitter}), on the same scenario.
 */
final class ServletTable {
    static final String ON_TOMCAT = "Herald on Tomcat";
    static final String EMITTERS = "SseEmitter on Tomcat";

    /** A row as written to servlet.json; a missing side is null. */
    record Row(String scenario, String metric, Double standalone, Double onTomcat, Double emitters,
               Double tomcatToStandalone, Double emittersToTomcat) {}

    private record Metric(String scenario, String name, ToDoubleFunction<ScenarioResult> value) {}

    private static final List<Metric> METRICS = List.of(
            new Metric("idle", "RSS per connection (kB)", ScenarioResult::rssPerConnectionKb),
            new Metric("fanout", "subscribers connected", r -> r.connected()),
            new Metric("fanout", "deliveries/s", ScenarioResult::deliveredPerSecond),
            new Metric("fanout", "server CPU per delivery (µs)", ScenarioResult::serverCpuPerDeliveryUs),
            new Metric("fanout", "of which in user space (µs)", ScenarioResult::serverUserCpuPerDeliveryUs),
            new Metric("fanout", "p50 publish→receive (ms)", ScenarioResult::latencyP50Ms),
            new Metric("fanout", "p99 publish→receive (ms)", ScenarioResult::latencyP99Ms),
            new Metric("fanout", "RSS per connection, streaming (kB)", ScenarioResult::rssPerConnectionKb),
            new Metric("fanout", "losses + duplicates + out of order (all rounds)",
                    r -> r.losses() + r.duplicates() + r.outOfOrder()));

    private ServletTable() {}

    /** Empty unless Herald on Tomcat or the SseEmitter application ran. */
    static List<Row> rows(Map<String, List<ScenarioResult>> results) {
        List<Row> rows = new ArrayList<>();
        for (Metric m : METRICS) {
            List<ScenarioResult> standalone = results.get(m.scenario() + "/Herald");
            List<ScenarioResult> tomcat = results.get(m.scenario() + "/" + ON_TOMCAT);
            List<ScenarioResult> emitters = results.get(m.scenario() + "/" + EMITTERS);
            if (tomcat == null && emitters == null) {
                continue;
            }
            boolean summed = m.name().contains("all rounds");
            Double s = value(standalone, m.value(), summed);
            Double t = value(tomcat, m.value(), summed);
            Double e = value(emitters, m.value(), summed);
            rows.add(new Row(m.scenario(), m.name(), s, t, e, summed ? null : ratio(t, s), summed ? null : ratio(e, t)));
        }
        return rows;
    }

    static String markdown(List<Row> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\nInside a Spring Boot application, medians:\n\n"
                + "| Scenario | Metric | Herald standalone | " + ON_TOMCAT + " | " + EMITTERS
                + " | Tomcat / standalone | SseEmitter / Herald on Tomcat |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.scenario()).append(" | ").append(r.metric()).append(" | ")
                    .append(Report.num(r.standalone())).append(" | ").append(Report.num(r.onTomcat())).append(" | ")
                    .append(Report.num(r.emitters())).append(" | ").append(Report.num(r.tomcatToStandalone()))
                    .append(" | ").append(Report.num(r.emittersToTomcat())).append(" |\n");
        }
        return sb.toString();
    }

    private static Double value(List<ScenarioResult> runs, ToDoubleFunction<ScenarioResult> value, boolean summed) {
        if (runs == null) {
            return null;
        }
        return summed ? runs.stream().mapToDouble(value).sum() : Report.known(Report.median(runs, value));
    }

    private static Double ratio(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : a / b;
    }
}
