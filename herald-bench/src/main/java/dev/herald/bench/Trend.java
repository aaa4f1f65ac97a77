package dev.herald.bench;

import java.util.Arrays;

/**
 * How a sampled series moves over time: its least-squares slope with the slope's standard error,
 * and medians of parts of it. Times are seconds, values in the series' own unit.
 */
final class Trend {
    private Trend() {}

    /** A fitted line {@code value = intercept + slope * t}; {@code slopeStdErr} is NaN with fewer than 3 points. */
    record Fit(double slope, double intercept, double slopeStdErr, int points) {
        double at(double t) {
            return intercept + slope * t;
        }
    }

    /** Ordinary least squares of {@code v} on {@code t}; NaN values are left out. Needs two distinct times. */
    static Fit leastSquares(double[] t, double[] v) {
        if (t.length != v.length) {
            throw new IllegalArgumentException("times and values differ in length: " + t.length + " and " + v.length);
        }
        int n = 0;
        double st = 0, sv = 0;
        for (int i = 0; i < t.length; i++) {
            if (!Double.isNaN(v[i])) {
                n++;
                st += t[i];
                sv += v[i];
            }
        }
        if (n < 2) {
            return new Fit(Double.NaN, Double.NaN, Double.NaN, n);
        }
        double mt = st / n, mv = sv / n, stt = 0, stv = 0;
        for (int i = 0; i < t.length; i++) {
            if (!Double.isNaN(v[i])) {
                stt += (t[i] - mt) * (t[i] - mt);
                stv += (t[i] - mt) * (v[i] - mv);
            }
        }
        if (stt == 0) {
            return new Fit(Double.NaN, Double.NaN, Double.NaN, n);
        }
        double slope = stv / stt;
        double intercept = mv - slope * mt;
        double stdErr = Double.NaN;
        if (n > 2) {
            double residuals = 0;
            for (int i = 0; i < t.length; i++) {
                if (!Double.isNaN(v[i])) {
                    double r = v[i] - (intercept + slope * t[i]);
                    residuals += r * r;
                }
            }
            stdErr = Math.sqrt(residuals / (n - 2) / stt);
        }
        return new Fit(slope, intercept, stdErr, n);
    }

    /** The median of the non-NaN values (the mean of the middle two for an even count); NaN when there are none. */
    static double median(double[] v) {
        double[] known = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (known.length == 0) {
            return Double.NaN;
        }
        int mid = known.length / 2;
        return known.length % 2 == 1 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
    }

    /** The values whose time lies in {@code [from, to)} ({@code to} inclusive when it is the last time). */
    static double[] between(double[] t, double[] v, double from, double to) {
        double last = t.length == 0 ? 0 : t[t.length - 1];
        return java.util.stream.IntStream.range(0, t.length)
                .filter(i -> t[i] >= from && (t[i] < to || (t[i] == to && to == last)))
                .mapToDouble(i -> v[i]).toArray();
    }
}
