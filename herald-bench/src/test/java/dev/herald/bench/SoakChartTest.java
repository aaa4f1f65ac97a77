package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SoakChartTest {
    private static final double RUN = 600;

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static String chart(List<SoakSample> samples, String title) {
        SoakVerdict.Result r = SoakVerdict.judge(samples, RUN, SoakThresholds.DEFAULTS,
                new SoakVerdict.Faults(0, 0, 0, 0, 0, 0, 0, 0), SoakSamples.QUIET);
        return SoakChart.svg(title, samples, RUN, SoakChart.panels(r));
    }

    /** The panels' polylines of {@code kind} ("series" or "context"), in document order. */
    private static List<Element> polylines(Element root, String kind) {
        List<Element> out = new ArrayList<>();
        NodeList all = root.getElementsByTagName("polyline");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getAttribute("class").equals(kind)) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<double[]> points(Element polyline) {
        List<double[]> out = new ArrayList<>();
        for (String p : polyline.getAttribute("points").split(" ")) {
            String[] xy = p.split(",");
            out.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return out;
    }

    @Test
    void onePanelPerJudgedSeriesEachInsideItsFrame() throws Exception {
        List<SoakSample> samples = SoakSamples.series(RUN, 10, t -> 100 + t / 10, t -> 50.0, t -> 300 - t / 100,
                t -> 30);

        Document svg = parse(chart(samples, "soak"));

        NodeList panels = svg.getElementsByTagName("g");
        assertThat(panels.getLength()).isEqualTo(5);
        for (int i = 0; i < panels.getLength(); i++) {
            Element panel = (Element) panels.item(i);
            Element frame = (Element) panel.getElementsByTagName("rect").item(1);
            assertThat(frame.getAttribute("class")).isEqualTo("frame");
            double x0 = Double.parseDouble(frame.getAttribute("x"));
            double y0 = Double.parseDouble(frame.getAttribute("y"));
            double x1 = x0 + Double.parseDouble(frame.getAttribute("width"));
            double y1 = y0 + Double.parseDouble(frame.getAttribute("height"));
            List<Element> lines = polylines(panel, "series");
            assertThat(lines).hasSize(1);
            assertThat(points(lines.get(0))).hasSize(samples.size());
            for (Element line : polylines(panel, "context")) {
                lines.add(line);
            }
            for (Element line : lines) {
                assertThat(points(line)).allSatisfy(p -> {
                    assertThat(p[0]).isBetween(x0, x1);
                    assertThat(p[1]).isBetween(y0, y1);
                });
            }
        }
        Element rss = (Element) panels.item(0);
        assertThat(rss.getAttribute("data-series")).isEqualTo("RSS");
        assertThat(polylines(rss, "context")).hasSize(1); // the committed heap, beside RSS
        assertThat(polylines((Element) panels.item(1), "context")).isEmpty();
    }

    @Test
    void aRisingSeriesRisesOnTheChartAndAFallingOneFalls() throws Exception {
        List<SoakSample> samples = SoakSamples.series(RUN, 10, t -> 100 + t / 10, t -> 50.0, t -> 300 - t / 100,
                t -> 30);

        List<Element> lines = polylines(parse(chart(samples, "soak")).getDocumentElement(), "series");

        List<double[]> rss = points(lines.get(0));
        List<double[]> files = points(lines.get(2));
        assertThat(rss.get(rss.size() - 1)[1]).isLessThan(rss.get(0)[1]); // SVG y grows downwards
        assertThat(files.get(files.size() - 1)[1]).isGreaterThan(files.get(0)[1]);
        assertThat(rss.get(rss.size() - 1)[0]).isGreaterThan(rss.get(0)[0]);
    }

    @Test
    void unknownReadingsBreakTheLineAndAPanelWithNoneSaysSo() throws Exception {
        List<SoakSample> samples = SoakSamples.series(RUN, 10, t -> 100, t -> t >= 200 && t < 300 ? Double.NaN : 40,
                t -> 300, t -> 30);
        List<SoakSample> none = SoakSamples.series(RUN, 10, t -> 100, t -> Double.NaN, t -> 300, t -> 30);

        Element heap = (Element) parse(chart(samples, "soak")).getElementsByTagName("g").item(1);
        String emptyHeap = chart(none, "soak");

        assertThat(polylines(heap, "series")).hasSize(2);
        assertThat(emptyHeap).contains(">no readings</text>");
    }

    @Test
    void theJudgedWindowIsShadedAndTheTrendDrawnOverIt() throws Exception {
        List<SoakSample> samples = SoakSamples.series(RUN, 10, t -> 100 + t / 10, t -> 50.0, t -> 300, t -> 30);

        Element rss = (Element) parse(chart(samples, "soak")).getElementsByTagName("g").item(0);

        Element window = (Element) rss.getElementsByTagName("rect").item(0);
        Element trend = (Element) rss.getElementsByTagName("line").item(rss.getElementsByTagName("line").getLength() - 1);
        assertThat(window.getAttribute("class")).isEqualTo("window");
        assertThat(trend.getAttribute("class")).isEqualTo("trend");
        assertThat(Double.parseDouble(trend.getAttribute("x1"))).isEqualTo(Double.parseDouble(window.getAttribute("x")));
        assertThat(Double.parseDouble(trend.getAttribute("y2"))).isLessThan(Double.parseDouble(trend.getAttribute("y1")));
    }

    @Test
    void textIsEscaped() throws Exception {
        List<SoakSample> samples = SoakSamples.series(RUN, 10, t -> 100, t -> 50.0, t -> 300, t -> 30);

        Document svg = parse(chart(samples, "soak <run> & \"friends\""));

        assertThat(svg.getElementsByTagName("text").item(0).getTextContent()).isEqualTo("soak <run> & \"friends\"");
    }

    @Test
    void ticksAreRoundNumbersInsideTheRange() {
        assertThat(SoakChart.ticks(0, 10)).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0, 10.0);
        assertThat(SoakChart.ticks(97, 353)).containsExactly(100.0, 150.0, 200.0, 250.0, 300.0, 350.0);
        assertThat(SoakChart.ticks(5, 5)).containsExactly(5.0);
    }
}
