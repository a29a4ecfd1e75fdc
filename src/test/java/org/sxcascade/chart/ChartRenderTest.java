package org.sxcascade.chart;

import org.sxcascade.model.MassActionCaseView;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * Every chart the commands draw, rendered headless in both formats: PNGs decode at the requested
 * size and are not blank; SVGs are well-formed, carry the title as text, and draw every point of
 * every line series at the position its value maps to on the axes.
 */
class ChartRenderTest {
    private static final List<NamedChart> CHARTS = new ArrayList<>();

    @BeforeAll
    static void headless() {
        assertThat(java.awt.GraphicsEnvironment.isHeadless()).as("charts must render without a display").isTrue();
    }

    static synchronized List<NamedChart> charts() {
        if (CHARTS.isEmpty()) {
            for (String file : List.of("cases/zhang-binary.yaml", "cases/ce-pr-nd-p507.yaml", "cases/kremser.yaml")) {
                ChartFixtures.Solved s = ChartFixtures.solve(file);
                CHARTS.addAll(Charts.steadyState(NamedChart.caseStem(file), s.cascadeCase(), s.state()));
            }
            var design = ChartFixtures.design("cases/zhang-binary.yaml");
            CHARTS.addAll(Charts.design("zhang-binary", design, org.sxcascade.design.StageCountScan.of(design)));
            CHARTS.addAll(Charts.optimum("pr-nd-p507", ChartFixtures.optimum("cases/pr-nd-p507.yaml")));
            CHARTS.addAll(Charts.transientRun("pr-nd-1974", ChartFixtures.startUp("cases/pr-nd-1974.yaml")));
            var ma = MassActionChartsTest.Solved.bundled();
            CHARTS.addAll(ma.report().charts("pr-nd-mass-action"));
        }
        return CHARTS;
    }

    static Stream<Arguments> everyChart() {
        return charts().stream().map(c -> Arguments.of(c.fileStem(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyChart")
    void pngDecodesAtTheRequestedSize(String stem, NamedChart c) throws Exception {
        for (int[] size : new int[][] {{900, 600}, {640, 420}}) {
            byte[] png = ChartWriter.png(c.chart(), size[0], size[1]);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image).isNotNull();
            assertThat(image.getWidth()).isEqualTo(size[0]);
            assertThat(image.getHeight()).isEqualTo(size[1]);
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 3) {
                for (int x = 0; x < image.getWidth(); x += 3) {
                    colours.add(image.getRGB(x, y));
                }
            }
            assertThat(colours.size()).as("a drawn chart, not a blank image").isGreaterThan(20);
        }
    }

    private static final Pattern POINT = Pattern.compile("[ML](-?[0-9.]+(?:E-?[0-9]+)?),(-?[0-9.]+(?:E-?[0-9]+)?)");

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyChart")
    void svgDrawsTheDataPointsWhereTheAxesPutThem(String stem, NamedChart c) throws Exception {
        int w = 900;
        int h = 600;
        ChartRenderingInfo info = new ChartRenderingInfo();
        String svg = ChartWriter.draw(c.chart(), w, h, "", info).getSVGDocument();
        assertThat(svg).isEqualTo(ChartWriter.svg(c.chart(), w, h)); // the file is this drawing

        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getAttribute("width")).isEqualTo("900");
        assertThat(root.getAttribute("height")).isEqualTo("600");
        StringBuilder text = new StringBuilder();
        var texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            text.append(texts.item(i).getTextContent()).append(' ');
        }
        assertThat(text.toString().replaceAll("\\s+", " ")).as("the title, as text (a long one wraps)")
                .contains(c.title().replaceAll("\\s+", " "));

        List<double[]> drawn = new ArrayList<>();
        Matcher m = POINT.matcher(svg);
        while (m.find()) {
            drawn.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        JFreeChart chart = c.chart();
        XYPlot plot = chart.getXYPlot();
        Rectangle2D area = info.getPlotInfo().getDataArea();
        int checked = 0;
        int inside = 0;
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset data = plot.getDataset(d);
            XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer(d);
            var xAxis = plot.getDomainAxisForDataset(d);
            var yAxis = plot.getRangeAxisForDataset(d);
            for (int s = 0; s < data.getSeriesCount(); s++) {
                if (!r.getItemLineVisible(s, 0) || data.getItemCount(s) < 2) {
                    continue; // shapes only: drawn as outlines around the point
                }
                for (int i = 0; i < data.getItemCount(s); i++) {
                    double px = xAxis.valueToJava2D(data.getXValue(s, i), area, plot.getDomainAxisEdge());
                    double py = yAxis.valueToJava2D(data.getYValue(s, i), area,
                            plot.getRangeAxisEdge(plot.getRangeAxisIndex(yAxis)));
                    if (!Double.isFinite(px) || !Double.isFinite(py) || Math.abs(px) > 1e5 || Math.abs(py) > 1e5) {
                        continue;
                    }
                    boolean inRange = yAxis.getRange().contains(data.getYValue(s, i))
                            && xAxis.getRange().contains(data.getXValue(s, i));
                    if (inRange) {
                        assertThat(area.outcode(px, py) == 0 || area.contains(px, py)
                                || Math.abs(px - area.getMaxX()) < 0.01 || Math.abs(py - area.getMaxY()) < 0.01)
                                .as("%s: %s item %d within the plot area", stem, data.getSeriesKey(s), i).isTrue();
                        inside++;
                    }
                    boolean found = drawn.stream().anyMatch(p -> Math.abs(p[0] - px) <= 0.0051
                            && Math.abs(p[1] - py) <= 0.0051);
                    assertThat(found).as("%s: series %s item %d (%s, %s) drawn at (%.2f, %.2f)", stem,
                            data.getSeriesKey(s), i, data.getXValue(s, i), data.getYValue(s, i), px, py).isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).as("data points checked").isGreaterThan(1);
        assertThat(inside).as("data points within the axes' ranges").isGreaterThan(checked / 2);
        // every target or marker line lies within the axes, where it is drawn
        for (Object o : java.util.Objects.requireNonNullElse(plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND),
                List.of())) {
            double v = ((org.jfree.chart.plot.ValueMarker) o).getValue();
            assertThat(plot.getRangeAxis().getRange().contains(v)).as("%s: range marker %s on the axis", stem, v)
                    .isTrue();
        }
        for (Object o : java.util.Objects.requireNonNullElse(plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND),
                List.of())) {
            double v = ((org.jfree.chart.plot.ValueMarker) o).getValue();
            assertThat(plot.getDomainAxis().getRange().contains(v)).as("%s: domain marker %s on the axis", stem, v)
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyChart")
    void inlineSvgScalesAndKeepsItsIdsApart(String stem, NamedChart c) {
        String a = ChartWriter.inlineSvg(c.chart(), 900, 560, "chart1");
        String b = ChartWriter.inlineSvg(c.chart(), 900, 560, "chart2");
        String rootTag = a.substring(0, a.indexOf('>') + 1);
        assertThat(rootTag).startsWith("<svg").contains("viewBox='0 0 900 560'").contains("id='chart1'")
                .doesNotContain("width=").doesNotContain("height=");
        Matcher ids = Pattern.compile("id='([^']*)'").matcher(a);
        while (ids.find()) {
            assertThat(ids.group(1)).startsWith("chart1");
        }
        assertThat(b).doesNotContain("id='chart1");
    }
}
