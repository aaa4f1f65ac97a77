package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** Soak samples for tests: the judged figures vary, everything else is fixed and clean. */
final class SoakSamples {
    static final SoakCounters QUIET = new SoakCounters(100, 100, 10, 10, 2, 0, 0, 0, 0, 1000, 0, 0, 0, 0, 0, 5000, 0,
            0, 50, 0, 200);

    private SoakSamples() {}

    /** The hub's connections are all but 20 of the open files. */
    static SoakSample of(double seconds, double rssMib, Double heapMib, int files, int threads) {
        return of(seconds, rssMib, heapMib, files, threads, files - 25);
    }

    /** With {@code streams} stream connections and 5 others. */
    static SoakSample of(double seconds, double rssMib, Double heapMib, int files, int threads, int streams) {
        return new SoakSample(seconds, "2026-12-03T00:00:00Z", rssMib, files, threads, seconds / 10, heapMib, 80.0,
                256.0, 40.0, 30.0, (double) threads, (double) files, 100.0, (double) streams, 5.0, 5000.0, 2.0,
                QUIET);
    }

    /** A sample every {@code every} seconds over {@code seconds}, each series a function of time. */
    static List<SoakSample> series(double seconds, double every, DoubleUnaryOperator rss, DoubleUnaryOperator heap,
                                   DoubleUnaryOperator files, DoubleUnaryOperator threads) {
        List<SoakSample> out = new ArrayList<>();
        for (double t = 0; t <= seconds + 1e-9; t += every) {
            double h = heap.applyAsDouble(t);
            out.add(of(t, rss.applyAsDouble(t), Double.isNaN(h) ? null : h, (int) Math.round(files.applyAsDouble(t)),
                    (int) Math.round(threads.applyAsDouble(t))));
        }
        return out;
    }

    /** Deterministic noise in [-amplitude, amplitude], a different value at each time. */
    static double noise(double t, double amplitude) {
        return amplitude * Math.sin(t * 12.9898 + 78.233) * Math.cos(t * 0.731);
    }
}
