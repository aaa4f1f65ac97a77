package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ClusterTableTest {
    private static final String CLUSTER = "Herald, 3 nodes on Redis";

    @Test
    void theClusterIsComparedWithTheOneNodeOnMemoryAgainstTheTargets() {
        Map<String, List<ScenarioResult>> results = new TreeMap<>();
        results.put("fanout/Herald", List.of(Results.fanout("Herald", 40, 4.0, 0)));
        results.put("fanout/" + ClusterTable.ONE_ON_REDIS, List.of(Results.fanout(ClusterTable.ONE_ON_REDIS, 45, 4.2, 0)));
        results.put("fanout/" + CLUSTER, List.of(Results.fanout(CLUSTER, 70, 4.8, 0)));

        List<ClusterTable.Row> rows = ClusterTable.rows(results);
        ClusterTable.Row cpu = row(rows, "fanout", "server CPU per delivery, Redis included (µs)");
        ClusterTable.Row p99 = row(rows, "fanout", "p99 publish→receive (ms)");

        assertThat(cpu.clusterToOneNode()).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cpu.holds()).isFalse(); // 1.2x > 1.15x
        assertThat(cpu.clusterToOneOnRedis()).isCloseTo(4.8 / 4.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p99.clusterToOneNode()).isCloseTo(1.75, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p99.holds()).isFalse();
        assertThat(ClusterTable.markdown(results, rows)).contains("3 nodes on Redis").contains("| 1.20 |")
                .contains("losses + duplicates + out of order (all rounds): 0");
    }

    @Test
    void aTargetHoldsOnlyWhenTheRatioFitsAndEveryRunIsClean() {
        Map<String, List<ScenarioResult>> results = new TreeMap<>();
        results.put("fanout/Herald", List.of(Results.fanout("Herald", 40, 4.0, 0)));
        results.put("fanout/" + CLUSTER, List.of(Results.fanout(CLUSTER, 50, 4.4, 0)));
        assertThat(row(ClusterTable.rows(results), "fanout", "server CPU per delivery, Redis included (µs)").holds()).isTrue();

        results.put("fanout/" + CLUSTER, List.of(Results.fanout(CLUSTER, 50, 4.4, 3)));
        assertThat(row(ClusterTable.rows(results), "fanout", "server CPU per delivery, Redis included (µs)").holds()).isFalse();
        assertThat(ClusterTable.markdown(results, ClusterTable.rows(results))).contains("(all rounds): 3");
    }

    @Test
    void theDurableScenarioComparesStores() {
        Map<String, List<ScenarioResult>> results = new TreeMap<>();
        results.put("durable/Herald", List.of(Results.of("Herald", "durable", 4, 40, 0, 0)));
        results.put("durable/" + ClusterTable.MEMORY, List.of(Results.of(ClusterTable.MEMORY, "durable", 2, 20, 0, 0)));
        results.put("durable/" + ClusterTable.ONE_ON_REDIS,
                List.of(Results.of(ClusterTable.ONE_ON_REDIS, "durable", 3, 30, 0, 0)));

        String md = ClusterTable.markdown(results, ClusterTable.rows(results));

        assertThat(md).contains("| memory |").contains("| SQLite |").contains("| Redis |");
    }

    @Test
    void nothingWithoutRedisRuns() {
        Map<String, List<ScenarioResult>> results = new TreeMap<>();
        results.put("fanout/Herald", List.of(Results.fanout("Herald", 40, 4.0, 0)));
        assertThat(ClusterTable.rows(results)).isEmpty();
        assertThat(ClusterTable.markdown(results, List.of())).isEmpty();
    }

    private static ClusterTable.Row row(List<ClusterTable.Row> rows, String scenario, String metric) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.metric().equals(metric)).findFirst()
                .orElseThrow();
    }
}
