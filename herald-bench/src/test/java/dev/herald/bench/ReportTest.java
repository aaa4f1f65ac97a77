package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void eachFigureIsTheMedianOfTheRoundsAndTheRatioComparesMedians() {
        Map<String, List<ScenarioResult>> results = Map.of(
                "fanout/Herald", List.of(fanout("Herald", 30, 0), fanout("Herald", 10, 0), fanout("Herald", 20, 0)),
                "fanout/Nchan", List.of(fanout("Nchan", 100, 0), fanout("Nchan", 40, 0), fanout("Nchan", 60, 0)));

        Report.Row p99 = row(Report.rows(results), "p99 publish→receive (ms)");

        assertThat(p99.herald()).isEqualTo(20.0);
        assertThat(p99.nchan()).isEqualTo(60.0);
        assertThat(p99.ratio()).isEqualTo(20.0 / 60.0);
        assertThat(p99.holds()).isTrue();
    }

    @Test
    void aTargetFailsWhenAnyRoundLostAnUpdate() {
        Map<String, List<ScenarioResult>> results = Map.of(
                "fanout/Herald", List.of(fanout("Herald", 10, 0), fanout("Herald", 10, 1)),
                "fanout/Nchan", List.of(fanout("Nchan", 100, 0), fanout("Nchan", 100, 0)));

        List<Report.Row> rows = Report.rows(results);

        assertThat(row(rows, "p99 publish→receive (ms)").holds()).isFalse();
        Report.Row faults = row(rows, "losses / duplicates / out of order (all rounds)");
        assertThat(faults.herald()).isEqualTo(1.0);
        assertThat(faults.holds()).isFalse();
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        List<ScenarioResult> rounds = List.of(fanout("Herald", 1, 0), fanout("Herald", 9, 0),
                fanout("Herald", 3, 0), fanout("Herald", 5, 0));

        assertThat(Report.median(rounds, ScenarioResult::latencyP99Ms)).isEqualTo(4.0);
    }

    private static Report.Row row(List<Report.Row> rows, String metric) {
        return rows.stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow();
    }

    private static ScenarioResult fanout(String system, double p99, long losses) {
        return Results.fanout(system, p99, 10, losses);
    }
}
