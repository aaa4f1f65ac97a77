package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FloorTableTest {

    @Test
    void cpuRowComparesHeraldToTheFloorAndTheFloorToNchanUsingMedians() {
        Map<String, List<ScenarioResult>> results = Map.of(
                "fanout/Floor", List.of(cpu("Floor", 7), cpu("Floor", 6), cpu("Floor", 8)),
                "fanout/Herald", List.of(cpu("Herald", 6.5), cpu("Herald", 9), cpu("Herald", 6)),
                "fanout/Nchan", List.of(cpu("Nchan", 10), cpu("Nchan", 8.75), cpu("Nchan", 9)));

        FloorTable.Row row = FloorTable.rows(results).get(0);

        assertThat(row.metric()).isEqualTo("server CPU per delivery (µs)");
        assertThat(row.floor()).isEqualTo(7.0);
        assertThat(row.heraldToFloor()).isEqualTo(6.5 / 7);
        assertThat(row.floorToNchan()).isEqualTo(7 / 9.0);
        assertThat(FloorTable.markdown(results, FloorTable.rows(results)))
                .contains("| server CPU per delivery (µs) | 7.00 | 6.50 | 9.00 | 0.93 | 0.78 |")
                .contains("Floor 7.00 / 6.00 / 8.00; Herald 6.50 / 9.00 / 6.00; Nchan 10.00 / 8.75 / 9.00.")
                .contains("Every floor round clean (no loss, duplicate, reordering or cut-off subscriber): yes");
    }

    @Test
    void kernelAndUserSpaceRowsSplitTheCpuPerDelivery() {
        Map<String, List<ScenarioResult>> results = Map.of(
                "fanout/Floor", List.of(split("Floor", 6.8, 6.7)),
                "fanout/Herald", List.of(split("Herald", 7.2, 6.6)),
                "fanout/Nchan", List.of(split("Nchan", 9.0, 6.9)));

        List<FloorTable.Row> rows = FloorTable.rows(results);

        assertThat(rows.get(1).metric()).isEqualTo("of which in the kernel (µs)");
        assertThat(rows.get(1).herald()).isEqualTo(6.6);
        assertThat(rows.get(1).floorToNchan()).isEqualTo(6.7 / 6.9);
        assertThat(rows.get(2).metric()).isEqualTo("of which in user space (µs)");
        assertThat(rows.get(2).floor()).isCloseTo(0.1, within(1e-9));
        assertThat(rows.get(2).herald()).isCloseTo(0.6, within(1e-9));
        assertThat(rows.get(2).nchan()).isCloseTo(2.1, within(1e-9));
    }

    @Test
    void aFloorRoundThatLostUpdatesIsFlagged() {
        Map<String, List<ScenarioResult>> results = Map.of(
                "fanout/Floor", List.of(Results.fanout("Floor", 10, 7, 3)));

        assertThat(FloorTable.markdown(results, FloorTable.rows(results))).contains("Every floor round clean (no loss, duplicate, reordering or cut-off subscriber): **no**");
    }

    @Test
    void withoutAFloorRunThereIsNoSection() {
        Map<String, List<ScenarioResult>> results = Map.of("fanout/Herald", List.of(cpu("Herald", 6)));

        assertThat(FloorTable.rows(results)).isEmpty();
        assertThat(FloorTable.markdown(results, List.of())).isEmpty();
    }

    private static ScenarioResult split(String system, double cpuPerDeliveryUs, double kernelPerDeliveryUs) {
        return Results.withKernelSplit(Results.fanout(system, 100, cpuPerDeliveryUs, 0), kernelPerDeliveryUs);
    }

    private static ScenarioResult cpu(String system, double cpuPerDeliveryUs) {
        return Results.fanout(system, 100, cpuPerDeliveryUs, 0);
    }
}
