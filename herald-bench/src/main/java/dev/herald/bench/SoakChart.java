package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The soak chart as SVG, written by hand (no chart library: a few polylines and labels are all it
 * takes, and the file stays diffable text): one panel per judged series over a shared time axis
 * in minutes, the judged window (the run's second half) shaded, and the window's least-squares line
 * dashed over it.
 */
final class SoakChart {
    static final int WIDTH = 960;
    static final int PANEL_HEIGHT = 170;
    static final int LEFT = 80;
    static final int RIGHT = 24;
    static final int TOP = 80;
    static final int GAP = 46;
    private static final String[] COLOURS = {"#1f6fb4", "#2a9d5b", "#c0692b", "#a0522d", "#7d4fb0"};

    /**
     * What one panel draws: the series' values and the verdict on it, and optionally a second
     * series for context in the same unit (the committed heap beside RSS: what G1 has taken is
     * resident once touched), drawn thin and grey.
     */
    record Panel(Function<SoakSample, Double> value, SoakVerdict.Series verdict, Function<SoakSample, Double> context,
                 String contextLabel) {}

    private SoakChart() {}

    static List<Panel> panels(SoakVerdict.Result r) {
        List<Function<SoakSample, Double>> values = List.of(SoakSample::rssMib, SoakSample::heapAfterGcMib,
                s -> (double) s.openFiles(), SoakSample::filesBeyondConnections, s -> (double) s.threads());
        List<Panel> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            boolean rss = i == 0;
            out.add(new Panel(values.get(i), r.series().get(i), rss ? SoakSample::heapCommittedMib : null,
                    rss ? "grey: heap committed" : null));
        }
        return out;
    }

    static int height(int panels) {
        return TOP + panels * (PANEL_HEIGHT + GAP);
    }

    static String svg(String title, List<SoakSample> samples, double runSeconds, List<Panel> panels) {
        int height = height(panels.size());
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        out.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"16\" font-weight=\"bold\">%s</text>%n",
                LEFT, escape(title)));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"42\" fill=\"#555\">shaded: the judged window (second"
                + " half); dashed: its least-squares line</text>%n", LEFT));
        double xMax = Math.max(runSeconds, samples.isEmpty() ? 1 : samples.get(samples.size() - 1).seconds());
        for (int p = 0; p < panels.size(); p++) {
            panel(out, samples, runSeconds, xMax, panels.get(p), TOP + p * (PANEL_HEIGHT + GAP), COLOURS[p % COLOURS.length]);
        }
        return out.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder out, List<SoakSample> samples, double runSeconds, double xMax, Panel panel,
                              int top, String colour) {
        SoakVerdict.Series v = panel.verdict();
        int plotWidth = WIDTH - LEFT - RIGHT;
        int bottom = top + PANEL_HEIGHT;
        double[] range = range(samples, panel.value());
        if (panel.context() != null) {
            double[] context = range(samples, panel.context());
            if (samples.stream().map(panel.context()).anyMatch(c -> c != null && !c.isNaN())) {
                range = new double[] {Math.min(range[0], context[0]), Math.max(range[1], context[1])};
            }
        }
        Scale x = new Scale(0, xMax, LEFT, LEFT + plotWidth);
        Scale y = new Scale(range[0], range[1], bottom, top);
        out.append(String.format(Locale.ROOT, "<g class=\"panel\" data-series=\"%s\">%n", escape(v.name())));
        out.append(String.format(Locale.ROOT, "<rect class=\"window\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                + " fill=\"#eeeeee\"/>%n", x.at(runSeconds / 2), top, x.at(runSeconds) - x.at(runSeconds / 2), PANEL_HEIGHT));
        out.append(String.format(Locale.ROOT, "<rect class=\"frame\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
                + " fill=\"none\" stroke=\"#888\"/>%n", LEFT, top, plotWidth, PANEL_HEIGHT));
        for (double tick : ticks(range[0], range[1])) {
            double ty = y.at(tick);
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT, ty, LEFT + plotWidth, ty, LEFT - 6, ty + 4, label(tick)));
        }
        for (double tick : ticks(0, xMax / 60)) {
            double tx = x.at(tick * 60);
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    tx, bottom + 16, label(tick)));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555\">minutes</text>%n",
                LEFT + plotWidth, bottom + 30));
        String heading = String.format(Locale.ROOT, "%s (%s): %s%s, slope %s %s/h, threshold %.0f", v.name(), v.unit(),
                v.status(), v.note().isEmpty() ? "" : " (" + v.note() + ")",
                Double.isNaN(v.slopePerHour()) ? "–" : String.format(Locale.ROOT, "%+.1f", v.slopePerHour()), v.unit(),
                v.thresholdPerHour());
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
                LEFT, top - 6, escape(heading)));
        if (panel.context() != null) {
            for (String points : polylines(samples, panel.context(), x, y)) {
                out.append(String.format(Locale.ROOT, "<polyline class=\"context\" fill=\"none\" stroke=\"#999\""
                        + " stroke-width=\"1\" points=\"%s\"/>%n", points));
            }
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#777\">%s</text>%n",
                    LEFT + plotWidth, top - 6, escape(panel.contextLabel())));
        }
        List<String> lines = polylines(samples, panel.value(), x, y);
        for (String points : lines) {
            out.append(String.format(Locale.ROOT, "<polyline class=\"series\" fill=\"none\" stroke=\"%s\""
                    + " stroke-width=\"1.5\" points=\"%s\"/>%n", colour, points));
        }
        if (lines.isEmpty()) {
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">"
                    + "no readings</text>%n", LEFT + plotWidth / 2, top + PANEL_HEIGHT / 2));
        }
        if (!Double.isNaN(v.fitSlopePerSecond())) {
            double from = runSeconds / 2;
            double y1 = clamp(v.fitIntercept() + v.fitSlopePerSecond() * from, range);
            double y2 = clamp(v.fitIntercept() + v.fitSlopePerSecond() * runSeconds, range);
            out.append(String.format(Locale.ROOT, "<line class=\"trend\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                    + " stroke=\"#c0392b\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>%n",
                    x.at(from), y.at(y1), x.at(runSeconds), y.at(y2)));
        }
        out.append("</g>\n");
    }

    /** One point list per run of known values: a gap in the data is a gap in the line. */
    private static List<String> polylines(List<SoakSample> samples, Function<SoakSample, Double> value, Scale x, Scale y) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (SoakSample s : samples) {
            Double v = value.apply(s);
            if (v == null || v.isNaN()) {
                if (current.length() > 0) {
                    out.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(String.format(Locale.ROOT, "%.1f,%.1f", x.at(s.seconds()), y.at(v)));
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    /** The known values' range, padded by a tenth; a flat series gets a unit either side. */
    static double[] range(List<SoakSample> samples, Function<SoakSample, Double> value) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (SoakSample s : samples) {
            Double v = value.apply(s);
            if (v != null && !v.isNaN()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            return new double[] {0, 1};
        }
        double pad = max > min ? (max - min) / 10 : Math.max(1, Math.abs(max) / 100);
        return new double[] {min - pad, max + pad};
    }

    /** Round tick values inside {@code [lo, hi]}, about five of them, at 1, 2 or 5 times a power of ten. */
    static List<Double> ticks(double lo, double hi) {
        double raw = (hi - lo) / 5;
        if (!(raw > 0)) {
            return List.of(lo);
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / magnitude < 1.5 ? magnitude : raw / magnitude < 3.5 ? 2 * magnitude
                : raw / magnitude < 7.5 ? 5 * magnitude : 10 * magnitude;
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return out;
    }

    private static String label(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v)
                .replaceAll("0+$", "");
    }

    private static double clamp(double v, double[] range) {
        return Math.max(range[0], Math.min(range[1], v));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Maps a value in {@code [lo, hi]} onto pixels {@code [from, to]} (to may be below from: the y axis runs upwards). */
    private record Scale(double lo, double hi, double from, double to) {
        double at(double v) {
            return from + (v - lo) / (hi - lo) * (to - from);
        }
    }
}
