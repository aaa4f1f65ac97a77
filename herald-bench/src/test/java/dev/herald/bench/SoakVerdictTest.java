package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakVerdictTest {
    private static final double RUN = 30 * 60;
    private static final SoakVerdict.Faults CLEAN = new SoakVerdict.Faults(0, 0, 0, 0, 0, 0, 0, 0);

    private static SoakVerdict.Result judge(List<SoakSample> samples, SoakVerdict.Faults faults) {
        return SoakVerdict.judge(samples, RUN, SoakThresholds.DEFAULTS, faults, SoakSamples.QUIET);
    }

    private static SoakVerdict.Series series(SoakVerdict.Result r, String name) {
        return r.series().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** Noisy but level after a warm-up in which everything rises; the heap after GC moves by steps. */
    private static List<SoakSample> flatAfterWarmup() {
        return SoakSamples.series(RUN, 10,
                t -> (t < 300 ? 100 + t / 3 : 200) + SoakSamples.noise(t, 4),
                t -> 60 + Math.floor(t / 120) % 3,
                t -> (t < 120 ? t * 10 : 2100) + SoakSamples.noise(t, 3),
                t -> t < 60 ? 20 : 30);
    }

    @Test
    void levelSeriesAfterAWarmupPassAndTheWarmupDoesNotCount() {
        SoakVerdict.Result r = judge(flatAfterWarmup(), CLEAN);

        assertThat(r.overall()).isEqualTo(SoakVerdict.Overall.PASS);
        assertThat(r.series()).extracting(SoakVerdict.Series::status).containsOnly(SoakVerdict.Status.FLAT);
        // the whole run's quartiles still show the warm-up's rise, as context
        SoakVerdict.Series rss = series(r, "RSS");
        assertThat(rss.runFirstQuartileMedian()).isLessThan(rss.runLastQuartileMedian() - 20);
        assertThat(r.windowFromSeconds()).isEqualTo(RUN / 2);
    }

    @Test
    void aSteadyLeakIsGrowthInMebibytesPerHourByBothEstimates() {
        List<SoakSample> samples = SoakSamples.series(RUN, 10, t -> 200 + t / 3600 * 60, t -> 60 + t / 3600 * 40,
                t -> 2000, t -> 30);

        SoakVerdict.Result r = judge(samples, CLEAN);

        assertThat(r.overall()).isEqualTo(SoakVerdict.Overall.FAIL);
        assertThat(r.summary()).contains("RSS", "heap after GC").doesNotContain("threads");
        SoakVerdict.Series rss = series(r, "RSS");
        assertThat(rss.status()).isEqualTo(SoakVerdict.Status.GROWING);
        assertThat(rss.slopePerHour()).isCloseTo(60, within(1e-6));
        assertThat(rss.medianRatePerHour()).isCloseTo(60, within(0.5));
        assertThat(rss.windowStartMedian()).isLessThan(rss.windowEndMedian());
    }

    @Test
    void aLeakedDescriptorShowsBeyondTheConnectionsWhileTheChurnHidesItInAllOpenFiles() {
        List<SoakSample> samples = new ArrayList<>();
        for (double t = 0; t <= RUN; t += 10) {
            int streams = 2000 + (int) Math.round(SoakSamples.noise(t, 40)); // the churn's ups and downs
            int leaked = (int) (t / 3600 * 60);
            samples.add(SoakSamples.of(t, 200, 60 + Math.floor(t / 120) % 3, streams + 25 + leaked, 30, streams));
        }

        SoakVerdict.Result r = judge(samples, CLEAN);

        assertThat(series(r, "files beyond connections").status()).isEqualTo(SoakVerdict.Status.GROWING);
        assertThat(series(r, "files beyond connections").slopePerHour()).isCloseTo(60, within(2.0));
        assertThat(series(r, "open files").status()).isNotEqualTo(SoakVerdict.Status.GROWING);
        assertThat(r.overall()).isEqualTo(SoakVerdict.Overall.FAIL);
    }

    @Test
    void growthJustUnderTheThresholdIsFlat() {
        List<SoakSample> samples = SoakSamples.series(RUN, 10, t -> 200 + t / 3600 * 29, t -> 60, t -> 2000, t -> 30);

        assertThat(series(judge(samples, CLEAN), "RSS").status()).isEqualTo(SoakVerdict.Status.FLAT);
    }

    @Test
    void aSpikeAtTheEndMovesTheSlopeButNotTheMediansSoItIsOnlyWorthALook() {
        List<SoakSample> samples = SoakSamples.series(RUN, 10, t -> t > RUN - 60 ? 400 : 200,
                t -> 60 + Math.floor(t / 120) % 3, t -> 2000, t -> 30);

        SoakVerdict.Result r = judge(samples, CLEAN);

        SoakVerdict.Series rss = series(r, "RSS");
        assertThat(rss.slopePerHour()).isGreaterThan(30);
        assertThat(rss.medianRatePerHour()).isZero();
        assertThat(rss.status()).isEqualTo(SoakVerdict.Status.WATCH);
        assertThat(r.overall()).isEqualTo(SoakVerdict.Overall.PASS);
    }

    @Test
    void anyLossFailsTheRunWhateverTheMemoryDid() {
        SoakVerdict.Result r = judge(flatAfterWarmup(), new SoakVerdict.Faults(0, 1, 0, 0, 0, 0, 0, 0));

        assertThat(r.overall()).isEqualTo(SoakVerdict.Overall.FAIL);
        assertThat(r.summary()).contains("lost");
        assertThat(new SoakVerdict.Faults(0, 0, 0, 0, 1, 0, 0, 0).clean()).isFalse(); // an inexact resume too
        assertThat(CLEAN.clean()).isTrue();
    }

    @Test
    void aShortRunIsInconclusiveAndItsSeriesIndicativeOnly() {
        List<SoakSample> samples = SoakSamples.series(180, 10, t -> 100 + t, t -> 60 + t / 10, t -> 2000, t -> 30);

        SoakVerdict.Result r = SoakVerdict.judge(samples, 180, SoakThresholds.DEFAULTS, CLEAN, SoakSamples.QUIET);

        assertThat(r.overall()).isEqualTo(SoakVerdict.Overall.INCONCLUSIVE);
        assertThat(r.longEnough()).isFalse();
        assertThat(r.summary()).contains("1.5 min", "indicative");
        SoakVerdict.Series rss = series(r, "RSS");
        assertThat(rss.status()).isEqualTo(SoakVerdict.Status.UNJUDGED);
        assertThat(rss.note()).contains("would be GROWING");
        assertThat(rss.slopePerHour()).isCloseTo(3600, within(1e-6)); // the figure is kept
    }

    @Test
    void aHeapAfterGcThatNeverChangesInTheWindowIsNotJudged() {
        List<SoakSample> samples = SoakSamples.series(RUN, 10, t -> 200, t -> t < 600 ? Double.NaN : 75, t -> 2000,
                t -> 30);

        SoakVerdict.Result r = judge(samples, CLEAN);

        SoakVerdict.Series heap = series(r, "heap after GC");
        assertThat(heap.status()).isEqualTo(SoakVerdict.Status.UNJUDGED);
        assertThat(heap.note()).contains("changed 0 time(s)");
        assertThat(r.overall()).isEqualTo(SoakVerdict.Overall.INCONCLUSIVE);
        assertThat(r.summary()).contains("heap after GC");
    }

    @Test
    void unexercisedPathsAreNoted() {
        SoakCounters idle = new SoakCounters(100, 100, 0, 0, 0, 0, 3, 0, 0, 1000, 0, 0, 0, 0, 0, 5000, 0, 0, 0, 0, 0);

        SoakVerdict.Result r = SoakVerdict.judge(flatAfterWarmup(), RUN, SoakThresholds.DEFAULTS, CLEAN, idle);

        assertThat(r.notes()).anyMatch(n -> n.contains("resume path was not exercised"))
                .anyMatch(n -> n.contains("cut-off path was not exercised"))
                .anyMatch(n -> n.startsWith("3 streams of readers that kept up"));
    }

    @Test
    void changesCountsOnlyDifferencesBetweenKnownValues() {
        assertThat(SoakVerdict.changes(new double[] {1, 1, Double.NaN, 1, 2, 2, 3})).isEqualTo(2);
        assertThat(SoakVerdict.changes(new double[] {Double.NaN, Double.NaN})).isZero();
    }

    @Test
    void theMarkdownStatesVerdictThresholdsAndTheZeroLossCounts() {
        List<SoakSample> samples = new ArrayList<>(flatAfterWarmup());
        SoakVerdict.Result r = judge(samples, new SoakVerdict.Faults(2, 1, 0, 0, 0, 0, 0, 0));
        SoakConfig c = SoakConfigTest.config(30);
        SoakReport.End end = new SoakReport.End(SoakSamples.QUIET, 1, 0, 2, 0, null, null, null,
                "2026-12-03T17:00:00Z", "2026-12-03T17:30:00Z");

        String md = SoakReport.markdown(c, samples, end, r);

        assertThat(md).contains("**Verdict: FAIL**", "| RSS (MiB) |", "| 30 /h |", "| 15 /h |",
                "| gaps (a resume or a stream skipped updates) | 2 |", "| tail (open at the end, short of what was"
                        + " published) | 1 |", "**Fails**");
    }
}
