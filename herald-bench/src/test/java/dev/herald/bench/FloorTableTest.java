package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static ScenarioResult cpu(String system, double cpuPerDeliveryUs) {
        return Results.fanout(system, 100, cpuPerDeliveryUs, 0);
    }
}
