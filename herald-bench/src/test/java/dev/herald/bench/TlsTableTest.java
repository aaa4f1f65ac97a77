package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlsTableTest {

    @Test
    void comparesHeraldAndNchanWithinEachModeAgainstTheTlsTarget() {
        Map<String, List<ScenarioResult>> results = Map.of(
                "fanout/Herald TLS h1",
                List.of(fanout("Herald TLS h1", 7), fanout("Herald TLS h1", 9), fanout("Herald TLS h1", 8)),
                "fanout/Nchan TLS h1",
                List.of(fanout("Nchan TLS h1", 10), fanout("Nchan TLS h1", 10), fanout("Nchan TLS h1", 11)),
                "fanout/Herald TLS h2", List.of(fanout("Herald TLS h2", 9)),
                "fanout/Nchan TLS h2", List.of(fanout("Nchan TLS h2", 10)));

        List<TlsTable.Row> rows = TlsTable.rows(results);

        TlsTable.Row h1 = row(rows, "h1", "server CPU per delivery (µs)");
        assertThat(h1.herald()).isEqualTo(8.0);
        assertThat(h1.nchan()).isEqualTo(10.0);
        assertThat(h1.ratio()).isEqualTo(0.8);
        assertThat(h1.target()).isEqualTo("≤ 0.8x");
        assertThat(h1.holds()).isTrue();
        TlsTable.Row h2 = row(rows, "h2", "server CPU per delivery (µs)");
        assertThat(h2.ratio()).isEqualTo(0.9);
        assertThat(h2.holds()).isFalse();
        assertThat(row(rows, "h2", "p99 publish→receive (ms)").herald()).isEqualTo(20.0);
    }

    @Test
    void aRoundThatLostAnUpdateFailsTheTarget() {
        Map<String, List<ScenarioResult>> results = Map.of(
                "fanout/Herald TLS h2", List.of(Results.fanout("Herald TLS h2", 20, 5, 3)),
                "fanout/Nchan TLS h2", List.of(fanout("Nchan TLS h2", 10)));

        List<TlsTable.Row> rows = TlsTable.rows(results);

        assertThat(row(rows, "h2", "server CPU per delivery (µs)").holds()).isFalse();
        TlsTable.Row faults = row(rows, "h2", "losses / duplicates / out of order (all rounds)");
        assertThat(faults.herald()).isEqualTo(3.0);
        assertThat(faults.holds()).isFalse();
    }

    @Test
    void tlsRunsStayOutOfTheCleartextTableAndACleartextRunHasNoTlsTable() {
        Map<String, List<ScenarioResult>> tlsOnly = Map.of(
                "fanout/Herald TLS h2", List.of(fanout("Herald TLS h2", 9)),
                "fanout/Nchan TLS h2", List.of(fanout("Nchan TLS h2", 10)));
        Map<String, List<ScenarioResult>> cleartext = Map.of(
                "fanout/Herald", List.of(fanout("Herald", 6)), "fanout/Nchan", List.of(fanout("Nchan", 9)));

        assertThat(Report.rows(tlsOnly)).isEmpty();
        assertThat(TlsTable.rows(cleartext)).isEmpty();
        assertThat(TlsTable.markdown(cleartext, TlsTable.rows(cleartext))).isEmpty();
    }

    @Test
    void theTableSaysWhichModeRanAndWhatTlsNegotiated() {
        ScenarioResult herald = withClientInfo(fanout("Herald TLS h2", 9),
                "TLS h2: subscribers h2, TLSv1.3, TLS_AES_128_GCM_SHA256 (100 streams per connection)");
        Map<String, List<ScenarioResult>> results = Map.of(
                "fanout/Herald TLS h2", List.of(herald), "fanout/Nchan TLS h2", List.of(fanout("Nchan TLS h2", 10)));

        String md = TlsTable.markdown(results, TlsTable.rows(results));

        assertThat(md).contains("Over TLS: run 2026-11-21, scale **test**, 100 subscribers, 1 round.")
                .contains("HTTP/2 over TLS (h2):")
                .contains("| TLS h2 | fanout | server CPU per delivery (µs) | 9.00 | 10.00 | 0.90 | ≤ 0.8x | **no** |")
                .contains("Herald TLS h2: ; TLS h2: subscribers h2, TLSv1.3, TLS_AES_128_GCM_SHA256");
    }

    private static TlsTable.Row row(List<TlsTable.Row> rows, String mode, String metric) {
        return rows.stream().filter(r -> r.mode().equals(mode) && r.metric().equals(metric)).findFirst().orElseThrow();
    }

    private static ScenarioResult fanout(String system, double cpuPerDeliveryUs) {
        return Results.fanout(system, 20, cpuPerDeliveryUs, 0);
    }

    private static ScenarioResult withClientInfo(ScenarioResult r, String clientInfo) {
        String json = Json.write(r).replaceFirst("\"clientInfo\"\\s*:\\s*\"\"", "\"clientInfo\": " + Json.write(clientInfo));
        return Json.read(json, ScenarioResult.class);
    }
}
