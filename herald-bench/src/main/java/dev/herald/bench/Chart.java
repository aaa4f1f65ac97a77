package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** A bar chart of the Herald/Nchan ratio per compared figure (1.0 = parity). */
final class Chart {
    private Chart() {}

    static void write(List<Report.Row> rows, Path png) throws IOException {
        List<String> labels = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (Report.Row r : rows) {
            if (r.ratio() != null && Double.isFinite(r.ratio())) {
                labels.add(r.scenario() + ": " + r.metric());
                ratios.add(r.ratio());
            }
        }
        if (labels.isEmpty()) {
            return;
        }
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(600)
                .title("Herald / Nchan (below 1: Herald lower; deliveries/s: above 1 is better)")
                .yAxisTitle("ratio").build();
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.addSeries("Herald/Nchan", labels, ratios);
        chart.addSeries("parity", labels, labels.stream().map(l -> 1.0).toList());
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
