package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Herald beyond one machine (issue 20): the same scenario on one node with its in-memory history
 * ({@code herald}), on one node whose history is in Redis ({@code herald-redis}) and on several
 * nodes sharing one Redis ({@code herald-cluster}, each node holding as many subscribers as the one
 * node, or with {@code --cluster-load same-total} the one node's subscribers split over the nodes). CPU and memory count every server process, Redis included. The targets, taken
 * against the one node on memory (the stricter baseline): cluster CPU per delivery at most 1.15x,
 * cross-node p99 at most 1.5x. The durable scenario compares acknowledged publishes per second
 * through each store.
 */
final class ClusterTable {
    /** The label {@code bench/run.sh} gives the {@code herald-redis} runs. */
    static final String ONE_ON_REDIS = "Herald, 1 node on Redis";
    /** The label of {@code herald-memory} runs (the durable scenario with the in-memory history). */
    static final String MEMORY = "Herald, memory";
    /** How {@code bench/run.sh} labels {@code herald-cluster} runs: "Herald, 3 nodes on Redis". */
    static final String CLUSTER_SUFFIX = " nodes on Redis";

    /** A row as written to cluster.json; a missing side is null. */
    record Row(String scenario, String metric, Double oneNode, Double oneOnRedis, Double cluster,
               Double clusterToOneNode, Double clusterToOneOnRedis, String target, Boolean holds) {}

    private record Metric(String scenario, String name, ToDoubleFunction<ScenarioResult> value, double maxRatio) {}

    private static final List<Metric> METRICS = List.of(
            new Metric("fanout", "subscribers", r -> r.connected(), 0),
            new Metric("fanout", "deliveries/s", ScenarioResult::deliveredPerSecond, 0),
            new Metric("fanout", "server CPU per delivery, Redis included (µs)", ScenarioResult::serverCpuPerDeliveryUs, 1.15),
            new Metric("fanout", "p50 publish→receive (ms)", ScenarioResult::latencyP50Ms, 0),
            new Metric("fanout", "p99 publish→receive (ms)", ScenarioResult::latencyP99Ms, 1.5),
            new Metric("peruser", "subscribers", r -> r.connected(), 0),
            new Metric("peruser", "deliveries/s", ScenarioResult::deliveredPerSecond, 0),
            new Metric("peruser", "server CPU per delivery, Redis included (µs)", ScenarioResult::serverCpuPerDeliveryUs, 1.15),
            new Metric("peruser", "p99 publish→receive (ms)", ScenarioResult::latencyP99Ms, 1.5));

    private ClusterTable() {}

    /** Empty when neither a Redis node nor a cluster ran. */
    static List<Row> rows(Map<String, List<ScenarioResult>> results) {
        List<Row> rows = new ArrayList<>();
        for (Metric m : METRICS) {
            List<ScenarioResult> one = results.get(m.scenario() + "/Herald");
            List<ScenarioResult> onRedis = results.get(m.scenario() + "/" + ONE_ON_REDIS);
            List<ScenarioResult> cluster = clusterRuns(results, m.scenario());
            if (onRedis == null && cluster == null) {
                continue;
            }
            Double oneValue = median(one, m.value());
            Double redisValue = median(onRedis, m.value());
            Double clusterValue = median(cluster, m.value());
            Double toOne = ratio(clusterValue, oneValue);
            boolean checked = m.maxRatio() > 0;
            Boolean holds = !checked || toOne == null ? null
                    : toOne <= m.maxRatio() && clean(one) && clean(cluster);
            rows.add(new Row(m.scenario(), m.name(), oneValue, redisValue, clusterValue, toOne,
                    ratio(clusterValue, redisValue),
                    checked ? String.format(Locale.ROOT, "≤ %.2fx", m.maxRatio()) : "", holds));
        }
        for (String store : List.of(MEMORY, "Herald", ONE_ON_REDIS)) {
            // The durable scenario's store comparison, one row per store that ran.
            List<ScenarioResult> runs = results.get("durable/" + store);
            if (runs != null && (results.containsKey("durable/" + ONE_ON_REDIS) || results.containsKey("durable/" + MEMORY))) {
                rows.add(new Row("durable", "acknowledged publishes/s, " + storeName(store),
                        median(runs, ScenarioResult::achievedPublishRate), null, null, null, null, "", null));
            }
        }
        return rows;
    }

    /** The runs of the cluster system, whatever its node count. */
    static List<ScenarioResult> clusterRuns(Map<String, List<ScenarioResult>> results, String scenario) {
        for (Map.Entry<String, List<ScenarioResult>> e : results.entrySet()) {
            if (e.getKey().startsWith(scenario + "/Herald, ") && e.getKey().endsWith(CLUSTER_SUFFIX)
                    && !e.getKey().equals(scenario + "/" + ONE_ON_REDIS)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String storeName(String label) {
        return switch (label) {
            case MEMORY -> "memory";
            case ONE_ON_REDIS -> "Redis";
            default -> "SQLite";
        };
    }

    static String markdown(Map<String, List<ScenarioResult>> results, List<Row> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        List<ScenarioResult> any = clusterRuns(results, "fanout");
        any = any != null ? any : clusterRuns(results, "peruser");
        String clusterName = any == null ? "cluster" : any.get(0).system().substring("Herald, ".length());
        StringBuilder sb = new StringBuilder("\nOne node against " + clusterName
                + " (CPU and memory count every server process, Redis included), medians:\n\n"
                + "| Scenario | Metric | 1 node, memory | 1 node, Redis | " + clusterName
                + " | Cluster / 1 node memory | Cluster / 1 node Redis | Target | Holds |\n"
                + "|---|---|---:|---:|---:|---:|---:|---|---|\n");
        for (Row r : rows) {
            if (r.scenario().equals("durable")) {
                continue;
            }
            sb.append("| ").append(r.scenario()).append(" | ").append(r.metric()).append(" | ")
                    .append(Report.num(r.oneNode())).append(" | ").append(Report.num(r.oneOnRedis())).append(" | ")
                    .append(Report.num(r.cluster())).append(" | ").append(ratioText(r.clusterToOneNode()))
                    .append(" | ").append(ratioText(r.clusterToOneOnRedis())).append(" | ").append(r.target())
                    .append(" | ").append(r.holds() == null ? "" : r.holds() ? "yes" : "**no**").append(" |\n");
        }
        List<Row> durable = rows.stream().filter(r -> r.scenario().equals("durable")).toList();
        if (!durable.isEmpty()) {
            sb.append("\nAcknowledged publishes per second by store (durable scenario, medians):\n\n| Store | Publishes/s |\n|---|---:|\n");
            for (Row r : durable) {
                sb.append("| ").append(r.metric().substring(r.metric().indexOf(", ") + 2)).append(" | ")
                        .append(Report.num(r.oneNode())).append(" |\n");
            }
        }
        long faults = results.entrySet().stream()
                .filter(e -> e.getKey().contains(CLUSTER_SUFFIX) || e.getKey().endsWith("/" + ONE_ON_REDIS))
                .flatMap(e -> e.getValue().stream())
                .mapToLong(r -> r.losses() + r.duplicates() + r.outOfOrder()).sum();
        sb.append("\nRedis runs, losses + duplicates + out of order (all rounds): ").append(faults).append("\n");
        return sb.toString();
    }

    private static Double median(List<ScenarioResult> runs, ToDoubleFunction<ScenarioResult> value) {
        return runs == null ? null : Report.known(Report.median(runs, value));
    }

    private static Double ratio(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : a / b;
    }

    private static boolean clean(List<ScenarioResult> runs) {
        return runs != null && runs.stream().allMatch(ScenarioResult::clean);
    }

    private static String ratioText(Double ratio) {
        return ratio == null ? "–" : String.format(Locale.ROOT, "%.2f", ratio);
    }
}
