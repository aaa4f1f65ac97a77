package dev.herald.bench;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Turns a storm run's timings and what its watchers saw into a {@link StormResult}. */
final class StormFigures {
    private StormFigures() {}

    /**
     * @param published updates the publisher sent to the watched topic
     * @param updatesPublished the hub's published updates from before the first storm to after the last,
     *     less the request-path warm-up's
     */
    static StormResult result(Args args, boolean events, String started, String runId, int stormSize,
                              StormWatchers watchers, double rate, List<StormResult.Storm> storms,
                              Publisher.Stats pub, long published, long updatesPublished) {
        List<StormResult.Storm> measured = storms.stream().filter(s -> !s.warmup()).toList();
        long opened = 0, failed = 0, cutOff = 0;
        String firstFailure = null;
        for (StormResult.Storm s : storms) { // correctness counts every storm, warm-ups too
            opened += s.opening().connections();
            failed += s.opening().failed();
            cutOff += s.closing().cutOff();
            firstFailure = firstFailure != null ? firstFailure : s.opening().firstFailure();
        }
        double openedMeasured = sum(measured, s -> s.opening().connections());
        double closedMeasured = sum(measured, s -> s.closing().connections());
        double openingSeconds = sum(measured, s -> s.opening().millis()) / 1000;
        StormWatchers.TopicAccount topic = watchers.topicAccount(published);
        return new StormResult(
                events ? StormTable.ON : StormTable.OFF, events, args.string("scale", "custom"), started, runId,
                args.string("server-info", ""), args.string("client-info", ""),
                stormSize, watchers.topicWatcherCount(), watchers.eventWatcherCount(), rate,
                storms.size() - measured.size(), measured.size(),
                openingSeconds > 0 ? openedMeasured / openingSeconds : 0,
                Report.median(measured, s -> s.opening().millis()),
                Report.median(measured, s -> s.closing().millis()),
                openedMeasured > 0 ? sum(measured, StormResult.Storm::openCpuMs) * 1000 / openedMeasured : 0,
                closedMeasured > 0 ? sum(measured, StormResult.Storm::closeCpuMs) * 1000 / closedMeasured : 0,
                watchers.latency(windows(measured, s -> new long[] {s.quietFromMicros(), s.opening().fromMicros()})),
                watchers.latency(windows(measured, StormFigures::opening)),
                watchers.latency(windows(measured, s -> new long[] {s.closing().fromMicros(), s.closeSettledMicros()})),
                measured.stream().map(s -> watchers.latency(List.of(opening(s)))).toList(),
                opened, failed, firstFailure, cutOff,
                pub.ok(), pub.errors() + pub.lostInFlight(), topic.losses(), topic.duplicates(), topic.outOfOrder(),
                topic.malformed(), topic.cutOff() + watchers.eventWatchersCut(),
                updatesPublished - pub.ok(), events ? 4 * opened : 0,
                watchers.eventsReceived(), events ? 2L * watchers.eventWatcherCount() * opened : 0,
                storms);
    }

    /** From the first connect until the settle after the last was up. */
    private static long[] opening(StormResult.Storm s) {
        return new long[] {s.opening().fromMicros(), s.openSettledMicros()};
    }

    private static double sum(List<StormResult.Storm> storms, ToDoubleFunction<StormResult.Storm> value) {
        return storms.stream().mapToDouble(value).sum();
    }

    private static List<long[]> windows(List<StormResult.Storm> storms, Function<StormResult.Storm, long[]> window) {
        return storms.stream().map(window).toList();
    }
}
