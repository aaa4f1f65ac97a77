package dev.herald.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The storm scenario's table: Herald with subscription events on next to Herald with them off,
 * each figure the median of the rounds, and their ratio. Nchan has no subscription events, so it
 * has no column.
 */
final class StormTable {
    /** A row as written to storm.json; a figure is null when that system did not run. */
    record Row(String metric, Double off, Double on, Double onToOff) {}

    private record Metric(String name, ToDoubleFunction<StormResult> value) {}

    static final String OFF = "Herald";
    static final String ON = "Herald --subscriptions";
    private static final String FILE_PREFIX = "storm-";

    private static final List<Metric> METRICS = List.of(
            new Metric("connections opened per second", StormResult::connectsPerSecond),
            new Metric("time until all are up (ms)", StormResult::allUpMs),
            new Metric("watched topic p50 while opening (ms)", r -> r.opening().p50Ms()),
            new Metric("watched topic p99 while opening (ms)", r -> r.opening().p99Ms()),
            new Metric("watched topic max while opening (ms)", r -> r.opening().maxMs()),
            new Metric("watched topic p99 while closing (ms)", r -> r.closing().p99Ms()),
            new Metric("watched topic max while closing (ms)", r -> r.closing().maxMs()),
            new Metric("watched topic p99 in the quiet second before (ms)", r -> r.quiet().p99Ms()),
            new Metric("deliveries measured while opening", r -> r.opening().deliveries()),
            new Metric("server CPU per connection opened (µs)", StormResult::serverCpuPerConnectUs),
            new Metric("server CPU per connection closed (µs)", StormResult::serverCpuPerDisconnectUs),
            new Metric("subscription events published per storm", r -> perStorm(r, r.subscriptionEventsPublished())),
            new Metric("subscription events received per storm (all event watchers)",
                    r -> perStorm(r, r.eventsReceived())));

    private StormTable() {}

    static boolean isStormResult(Path file) {
        return file.getFileName().toString().startsWith(FILE_PREFIX);
    }

    /** Each round's result, keyed by {@code storm/system}, in the order the rounds ran. */
    static Map<String, List<StormResult>> load(Path dir) throws IOException {
        Map<String, List<StormResult>> out = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, FILE_PREFIX + "*.json")) {
            for (Path f : files) {
                StormResult r = Json.read(Files.readString(f), StormResult.class);
                out.computeIfAbsent("storm/" + r.system(), k -> new ArrayList<>()).add(r);
            }
        }
        out.values().forEach(rounds -> rounds.sort(Comparator.comparing(StormResult::startedUtc)));
        return out;
    }

    /** Empty when the storm did not run. */
    static List<Row> rows(Map<String, List<StormResult>> results) {
        List<StormResult> off = results.get("storm/" + OFF);
        List<StormResult> on = results.get("storm/" + ON);
        if (off == null && on == null) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        for (Metric m : METRICS) {
            Double f = off == null ? null : Report.known(Report.median(off, m.value()));
            Double n = on == null ? null : Report.known(Report.median(on, m.value()));
            rows.add(new Row(m.name(), f, n, f == null || n == null || f == 0 ? null : n / f));
        }
        return rows;
    }

    static String markdown(Map<String, List<StormResult>> results, List<Row> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        List<StormResult> off = results.get("storm/" + OFF);
        StormResult any = (off != null ? off : results.get("storm/" + ON)).get(0);
        int rounds = results.values().stream().mapToInt(List::size).max().orElse(1);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nSubscription storm, scale **%s**: bursts of"
                        + " %,d connections, each subscriber on a topic of its own, while %d watchers take %.0f updates/s"
                        + " on another topic and %d event watchers read the subscription events (1.0 form); per run"
                        + " %s measured after %s of warm-up, %s. Herald with `--subscriptions` (on) against"
                        + " Herald without (off), otherwise the same: %s. Nchan has no subscription events and does not"
                        + " run here. The watched topic's updates count by when they were published: *opening* from"
                        + " the first connect until %.0f s after the last stream was up, *closing* from the first close"
                        + " until %.0f s after the last, *quiet* the %.0f s before each storm.%n%n",
                any.scale(), any.stormSize(), any.watchers(), any.rate(), any.eventWatchers(),
                count(any.measuredStorms(), "storm"), count(any.warmupStorms(), "storm"),
                rounds == 1 ? "1 round" : rounds + " rounds (medians)", any.serverInfo(),
                StormCoordinator.SETTLE_SECONDS, StormCoordinator.SETTLE_SECONDS, StormCoordinator.QUIET_SECONDS));
        sb.append("| Metric | Off | On | On/Off |\n|---|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.metric()).append(" | ").append(Report.num(r.off())).append(" | ")
                    .append(Report.num(r.on())).append(" | ")
                    .append(r.onToOff() == null ? "–" : String.format(Locale.ROOT, "%.2f", r.onToOff())).append(" |\n");
        }
        sb.append("\nEvery round clean (every storm connection opened and stayed until released, the watched topic"
                + " arrived whole and in order, subscription events published and received as expected):");
        for (String system : List.of(OFF, ON)) {
            List<StormResult> runs = results.get("storm/" + system);
            if (runs != null) {
                boolean clean = runs.stream().allMatch(StormResult::clean);
                sb.append(' ').append(system.equals(OFF) ? "off" : "on").append(' ')
                        .append(clean ? "yes" : "**no**").append(';');
            }
        }
        sb.setLength(sb.length() - 1);
        return sb.append(".\n").toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static double perStorm(StormResult r, long total) {
        int storms = r.warmupStorms() + r.measuredStorms();
        return storms == 0 ? 0 : (double) total / storms;
    }
}
