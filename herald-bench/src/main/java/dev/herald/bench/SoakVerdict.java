package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Judges a soak run. The first half of the run is warm-up (the JIT, heap sizing, the history
 * filling to its cap); the second half is the window. Each series gets two estimates of its rate
 * of growth there: the least-squares slope, and the difference between the medians of the
 * window's first and last quarters over the time between them. Both above the series' threshold
 * is growth; one alone is worth a look at the chart. Any loss, duplicate or reordering fails the
 * run whatever the memory did.
 */
final class SoakVerdict {
    enum Status { FLAT, WATCH, GROWING, UNJUDGED }

    enum Overall { PASS, FAIL, INCONCLUSIVE }

    record Series(String name, String unit, double thresholdPerHour, int points, double slopePerHour,
                  double slopeStdErrPerHour, double windowStartMedian, double windowEndMedian,
                  double medianRatePerHour, double runFirstQuartileMedian, double runLastQuartileMedian,
                  double fitIntercept, double fitSlopePerSecond, Status status, String note) {}

    /** Everything that must be zero: losses are the gaps seen while running plus the tail checked at the end. */
    record Faults(long gapLosses, long tailLosses, long duplicates, long outOfOrder, long inexactResumes,
                  long malformed, long publishErrors, long publishLost) {
        boolean clean() {
            return gapLosses + tailLosses + duplicates + outOfOrder + inexactResumes + malformed + publishErrors
                    + publishLost == 0;
        }
    }

    record Result(Overall overall, String summary, double windowFromSeconds, double windowToSeconds,
                  boolean longEnough, List<Series> series, Faults faults, List<String> notes) {}

    private SoakVerdict() {}

    static Result judge(List<SoakSample> samples, double runSeconds, SoakThresholds th, Faults faults,
                        SoakCounters load) {
        double from = runSeconds / 2;
        int inWindow = (int) samples.stream().filter(s -> s.seconds() >= from).count();
        boolean longEnough = (runSeconds - from) / 60 >= th.minWindowMinutes() && inWindow >= th.minWindowSamples();
        List<Series> series = List.of(
                series("RSS", "MiB", th.rssMibPerHour(), samples, SoakSample::rssMib, runSeconds, false),
                series("heap after GC", "MiB", th.heapMibPerHour(), samples, SoakSample::heapAfterGcMib, runSeconds,
                        true),
                series("open files", "files", th.filesPerHour(), samples, s -> (double) s.openFiles(), runSeconds,
                        false),
                series("files beyond connections", "files", th.filesBeyondConnectionsPerHour(), samples,
                        SoakSample::filesBeyondConnections, runSeconds, false),
                series("threads", "threads", th.threadsPerHour(), samples, s -> (double) s.threads(), runSeconds,
                        false));
        if (!longEnough) { // the figures stay, but a short window's rates say nothing about an hour
            series = series.stream().map(s -> new Series(s.name(), s.unit(), s.thresholdPerHour(), s.points(),
                    s.slopePerHour(), s.slopeStdErrPerHour(), s.windowStartMedian(), s.windowEndMedian(),
                    s.medianRatePerHour(), s.runFirstQuartileMedian(), s.runLastQuartileMedian(), s.fitIntercept(),
                    s.fitSlopePerSecond(), Status.UNJUDGED, "window too short; would be " + s.status())).toList();
        }
        List<String> notes = new ArrayList<>();
        if (load.resumes() == 0) {
            notes.add("no subscriber resumed with Last-Event-ID: the resume path was not exercised");
        }
        if (load.cutOffs() == 0) {
            notes.add("no slow reader was cut off: the cut-off path was not exercised");
        }
        if (load.unexpectedDisconnects() > 0) {
            notes.add(load.unexpectedDisconnects() + " streams of readers that kept up were ended by the hub"
                    + " (they resumed; their losses, if any, are counted above)");
        }
        List<String> growing = series.stream().filter(s -> s.status() == Status.GROWING).map(Series::name).toList();
        List<String> unjudged = series.stream().filter(s -> s.status() == Status.UNJUDGED).map(Series::name).toList();
        Overall overall;
        String summary;
        if (!faults.clean()) {
            overall = Overall.FAIL;
            summary = "updates were lost, duplicated or reordered (see Zero loss)";
        } else if (!longEnough) {
            overall = Overall.INCONCLUSIVE;
            summary = String.format(java.util.Locale.ROOT, "the window (%.1f min, %d samples) is shorter than the"
                            + " %.0f min and %d samples a verdict needs; the figures are indicative only",
                    (runSeconds - from) / 60, inWindow, th.minWindowMinutes(), th.minWindowSamples());
        } else if (!growing.isEmpty()) {
            overall = Overall.FAIL;
            summary = "growth trend in " + String.join(", ", growing);
        } else if (!unjudged.isEmpty()) {
            overall = Overall.INCONCLUSIVE;
            summary = "not judged: " + String.join(", ", unjudged) + "; nothing else grew and nothing was lost";
        } else {
            overall = Overall.PASS;
            summary = "no growth trend and nothing lost";
        }
        return new Result(overall, summary, from, runSeconds, longEnough, series, faults, notes);
    }

    static Series series(String name, String unit, double threshold, List<SoakSample> samples,
                         Function<SoakSample, Double> value, double runSeconds, boolean stepwise) {
        double[] t = samples.stream().mapToDouble(SoakSample::seconds).toArray();
        double[] v = samples.stream().map(value).mapToDouble(x -> x == null ? Double.NaN : x).toArray();
        double from = runSeconds / 2;
        double quarter = (runSeconds - from) / 4;
        double[] wt = samples.stream().filter(s -> s.seconds() >= from).mapToDouble(SoakSample::seconds).toArray();
        double[] wv = Trend.between(t, v, from, runSeconds);
        Trend.Fit fit = Trend.leastSquares(wt, wv);
        double startMedian = Trend.median(Trend.between(t, v, from, from + quarter));
        double endMedian = Trend.median(Trend.between(t, v, runSeconds - quarter, runSeconds));
        // The quarters' medians sit, on average, three quarters of the window apart.
        double medianRate = (endMedian - startMedian) / (3 * quarter) * 3600;
        double runQuarter = runSeconds / 4;
        double q1 = Trend.median(Trend.between(t, v, 0, runQuarter));
        double q4 = Trend.median(Trend.between(t, v, runSeconds - runQuarter, runSeconds));
        double slope = fit.slope() * 3600;
        double slopeErr = fit.slopeStdErr() * 3600;
        Status status;
        String note = "";
        int changes = changes(wv);
        if (fit.points() < 3 || Double.isNaN(slope) || Double.isNaN(medianRate)) {
            status = Status.UNJUDGED;
            note = "too few readings in the window (" + fit.points() + ")";
        } else if (stepwise && changes < 2) {
            status = Status.UNJUDGED;
            note = "changed " + changes + " time(s) in the window: too few collections to judge";
        } else if (slope > threshold && medianRate > threshold) {
            status = Status.GROWING;
        } else if (slope > threshold || medianRate > threshold) {
            status = Status.WATCH;
            note = "one estimate above the threshold: look at the chart";
        } else {
            status = Status.FLAT;
        }
        return new Series(name, unit, threshold, fit.points(), slope, slopeErr, startMedian, endMedian, medianRate,
                q1, q4, fit.intercept(), fit.slope(), status, note);
    }

    /** How often a known value differs from the known value before it. */
    static int changes(double[] v) {
        int n = 0;
        double prev = Double.NaN;
        for (double x : v) {
            if (Double.isNaN(x)) {
                continue;
            }
            if (!Double.isNaN(prev) && x != prev) {
                n++;
            }
            prev = x;
        }
        return n;
    }
}
