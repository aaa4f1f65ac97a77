package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StormTableTest {

    @Test
    void eachFigureIsTheMedianOfTheRoundsAndTheRatioIsOnOverOff() {
        Map<String, List<StormResult>> results = Map.of(
                "storm/Herald", List.of(storm(false, 9000, 4), storm(false, 11000, 2), storm(false, 10000, 3)),
                "storm/Herald --subscriptions", List.of(storm(true, 7000, 6), storm(true, 9000, 5)));

        List<StormTable.Row> rows = StormTable.rows(results);

        StormTable.Row rate = row(rows, "connections opened per second");
        assertThat(rate.off()).isEqualTo(10000.0);
        assertThat(rate.on()).isEqualTo(8000.0);
        assertThat(rate.onToOff()).isEqualTo(0.8);
        StormTable.Row p99 = row(rows, "watched topic p99 while opening (ms)");
        assertThat(p99.off()).isEqualTo(3.0);
        assertThat(p99.on()).isEqualTo(5.5);
        assertThat(row(rows, "subscription events published per storm").on()).isEqualTo(40_000.0);
    }

    @Test
    void theTableNamesBothSystemsAndSaysWhetherEveryRoundWasClean() {
        StormResult unclean = withFailedConnections(storm(true, 8000, 5));
        Map<String, List<StormResult>> results = Map.of(
                "storm/Herald", List.of(storm(false, 10000, 3)),
                "storm/Herald --subscriptions", List.of(unclean));

        String md = StormTable.markdown(results, StormTable.rows(results));

        assertThat(md)
                .contains("bursts of 10,000 connections")
                .contains("| connections opened per second | 10000 | 8000 | 0.80 |")
                .contains("| subscription events published per storm | 0.00 | 40000 | – |")
                .contains("off yes; on **no**.");
    }

    @Test
    void withoutAStormThereIsNoTable() {
        assertThat(StormTable.rows(Map.of())).isEmpty();
        assertThat(StormTable.markdown(Map.of(), List.of())).isEmpty();
    }

    @Test
    void theOtherScenariosReportSkipsStormResultsAndTheStormTableReadsThem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("fanout-herald-r1.json"), Json.write(Results.fanout("Herald", 2, 1, 0)));
        Files.writeString(dir.resolve("storm-herald-subscriptions-r1.json"), Json.write(storm(true, 8000, 5)));

        assertThat(Report.load(dir)).containsOnlyKeys("fanout/Herald");
        assertThat(StormTable.load(dir)).containsOnlyKeys("storm/Herald --subscriptions");
    }

    private static StormTable.Row row(List<StormTable.Row> rows, String metric) {
        return rows.stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow();
    }

    /** One round of 10,000 connections per storm, 3 measured storms after 1 warm-up storm. */
    static StormResult storm(boolean on, double connectsPerSecond, double openingP99Ms) {
        long opened = 4 * 10_000;
        return new StormResult(on ? StormTable.ON : StormTable.OFF, on, "full", "2026-12-03T00:00:00Z", "run",
                "--io-threads 1", "", 10_000, 100, 5, 10, 1, 3,
                connectsPerSecond, 10_000_000 / connectsPerSecond, 40, 50, 30,
                new StormResult.Latency(1000, 0.5, 0.9, 1), new StormResult.Latency(3000, 1, openingP99Ms, 9),
                new StormResult.Latency(3000, 0.8, 2, 4), List.of(),
                opened, 0, null, 0, 600, 0, 0, 0, 0, 0, 0,
                on ? 4 * opened : 0, on ? 4 * opened : 0, on ? 10 * opened : 0, on ? 10 * opened : 0, List.of());
    }

    private static StormResult withFailedConnections(StormResult r) {
        return new StormResult(r.system(), r.subscriptionEvents(), r.scale(), r.startedUtc(), r.runId(),
                r.serverInfo(), r.clientInfo(), r.stormSize(), r.watchers(), r.eventWatchers(), r.rate(),
                r.warmupStorms(), r.measuredStorms(), r.connectsPerSecond(), r.allUpMs(), r.allClosedMs(),
                r.serverCpuPerConnectUs(), r.serverCpuPerDisconnectUs(), r.quiet(), r.opening(), r.closing(),
                r.openingByStorm(), r.connected(), 3, "connection refused", r.stormCutOff(), r.published(),
                r.publishErrors(),
                r.losses(), r.duplicates(), r.outOfOrder(), r.malformed(), r.watchersCutOff(),
                r.subscriptionEventsPublished(), r.subscriptionEventsExpected(), r.eventsReceived(),
                r.eventsExpected(), r.storms());
    }
}
