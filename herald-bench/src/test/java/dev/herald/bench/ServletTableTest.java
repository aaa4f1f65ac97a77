package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ServletTableTest {

    @Test
    void heraldOnTomcatIsComparedWithTheStandaloneHubAndTheEmittersWithHeraldOnTomcat() {
        Map<String, List<ScenarioResult>> results = new TreeMap<>();
        results.put("fanout/Herald", List.of(Results.fanout("Herald", 40, 4.0, 0)));
        results.put("fanout/" + ServletTable.ON_TOMCAT, List.of(Results.fanout(ServletTable.ON_TOMCAT, 60, 6.0, 0),
                Results.fanout(ServletTable.ON_TOMCAT, 80, 8.0, 0), Results.fanout(ServletTable.ON_TOMCAT, 70, 7.0, 0)));
        results.put("fanout/" + ServletTable.EMITTERS, List.of(Results.fanout(ServletTable.EMITTERS, 300, 21.0, 5)));

        List<ServletTable.Row> rows = ServletTable.rows(results);
        ServletTable.Row cpu = row(rows, "server CPU per delivery (µs)");
        ServletTable.Row faults = row(rows, "losses + duplicates + out of order (all rounds)");

        assertThat(cpu.onTomcat()).isEqualTo(7.0); // the median of three rounds
        assertThat(cpu.tomcatToStandalone()).isCloseTo(1.75, offset(1e-9));
        assertThat(cpu.emittersToTomcat()).isCloseTo(3.0, offset(1e-9));
        assertThat(faults.emitters()).isEqualTo(5.0); // summed, not a median
        assertThat(faults.tomcatToStandalone()).isNull();
        assertThat(ServletTable.markdown(rows)).contains("| Herald standalone | Herald on Tomcat | SseEmitter on Tomcat |")
                .contains("| 1.75 |").contains("| 3.00 |");
    }

    @Test
    void nothingWithoutTheSpringApplications() {
        Map<String, List<ScenarioResult>> results = new TreeMap<>();
        results.put("fanout/Herald", List.of(Results.fanout("Herald", 40, 4.0, 0)));

        assertThat(ServletTable.rows(results)).isEmpty();
        assertThat(ServletTable.markdown(List.of())).isEmpty();
    }

    private static ServletTable.Row row(List<ServletTable.Row> rows, String metric) {
        return rows.stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow();
    }
}
