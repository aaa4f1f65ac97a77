package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultCompatibilityTest {

    @Test
    void aResultWrittenBeforeTheSlowDeliveryCountExistedLoadsAndShowsTheCountAsMissing() throws Exception {
        ObjectNode old = (ObjectNode) Json.MAPPER.readTree(Json.write(Results.of("Herald", "peruser", 0.4, 55, 0, 17L)));
        old.remove("slowerThan1Ms");

        ScenarioResult read = Json.read(Json.MAPPER.writeValueAsString(old), ScenarioResult.class);

        assertThat(read.slowerThan1Ms()).isNull();
        assertThat(read.latencyP99Ms()).isEqualTo(0.4);
        assertThat(read.serverCpuPerDeliveryUs()).isEqualTo(55.0);
        assertThat(slowRow(read).herald()).isNull();
    }

    @Test
    void aResultWrittenBeforeTheKernelSplitLoadsAndShowsTheUserSpaceShareAsMissing() throws Exception {
        ObjectNode old = (ObjectNode) Json.MAPPER.readTree(Json.write(Results.fanout("Herald", 100, 7, 0)));
        old.remove("serverKernelCpuPerDeliveryUs");

        ScenarioResult read = Json.read(Json.MAPPER.writeValueAsString(old), ScenarioResult.class);

        assertThat(read.serverKernelCpuPerDeliveryUs()).isNull();
        assertThat(read.serverUserCpuPerDeliveryUs()).isNaN();
        assertThat(row(read, "of which in user space (µs)").herald()).isNull();
        assertThat(row(Results.fanout("Herald", 100, 7, 0), "of which in user space (µs)").herald())
                .isCloseTo(7 - 7 * 0.8, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void theSlowDeliveryCountIsReportedForPerUserRuns() {
        assertThat(slowRow(Results.of("Herald", "peruser", 0.4, 55, 0, 17L)).herald()).isEqualTo(17.0);
    }

    private static Report.Row slowRow(ScenarioResult peruser) {
        return row(peruser, "deliveries slower than 1 ms");
    }

    private static Report.Row row(ScenarioResult result, String metric) {
        return Report.rows(Map.of(result.scenario() + "/Herald", List.of(result))).stream()
                .filter(r -> r.metric().equals(metric)).findFirst().orElseThrow();
    }
}
