package org.sxcascade.chart;

import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sxcascade.design.StageCountScan;

/**
 * Purity against stage count at a design's flows ({@link StageCountScan}): the raffinate's purity
 * against the extraction stages n and the loaded organic's purity against the scrub stages m, on
 * the purity axis (log of 1 − purity, purer is higher). Targets are lines; Xu's estimate (dotted)
 * and the verified, exact count (dashed) are marked in each curve's colour.
 *
 * <p>Series keys: {@code "raffinate purity P_B against n (m = …)"} and
 * {@code "loaded-organic purity P_A against m (n = …)"}; x is the stage count, y is 1 − purity
 * (floored at {@link #FLOOR}); failed solves are left out.
 */
public final class StageCountChart {
    /** The smallest impurity drawn. */
    public static final double FLOOR = ChartStyle.FLOOR;

    private StageCountChart() {
    }

    /**
     * @param title      chart title (e.g. the case name)
     * @param scan       the purities to draw
     * @param components component names, for the labels
     * @param keyA       key component of the organic group
     * @param keyB       key component of the raffinate group
     */
    public static JFreeChart of(String title, StageCountScan scan, List<String> components, int keyA, int keyB) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = ChartStyle.renderer();
        XYSeries pb = new XYSeries("raffinate purity P_B against n (m = " + scan.verifiedScrub() + ")", false, true);
        XYSeries pa = new XYSeries("loaded-organic purity P_A against m (n = " + scan.verifiedExtraction() + ")",
                false, true);
        addImpurities(pb, scan.aqueousPurity());
        addImpurities(pa, scan.organicPurity());
        double lowest = Math.min(1 - scan.organicTarget(), 1 - scan.aqueousTarget());
        double highest = Math.max(1 - scan.organicTarget(), 1 - scan.aqueousTarget());
        for (XYSeries series : List.of(pb, pa)) {
            if (!series.isEmpty()) {
                lowest = Math.min(lowest, series.getMinY());
                highest = Math.max(highest, series.getMaxY());
            }
        }
        int stages = Math.max(scan.aqueousPurity().size(), scan.organicPurity().size());
        int dot = stages <= 60 ? 5 : 0;
        ChartStyle.add(data, r, pb, ChartStyle.VERMILLION, ChartStyle.SOLID, dot > 0 ? ChartStyle.dot(dot) : null);
        ChartStyle.add(data, r, pa, ChartStyle.BLUE, ChartStyle.SOLID, dot > 0 ? ChartStyle.dot(dot) : null);
        NumberAxis x = ChartStyle.numberAxis("stages in the section (n for P_B, m for P_A)", true);
        x.setRange(0.5, stages + 0.5);
        double lower = ChartStyle.decadeBelow(Math.max(lowest / 3, FLOOR));
        double upper = ChartStyle.impurityCeiling(highest);
        XYPlot plot = ChartStyle.plot(x, ChartStyle.purityAxis("product purity (log scale of 1 − purity)", lower,
                upper));
        plot.setDataset(data);
        plot.setRenderer(r);
        String a = components.get(keyA);
        String b = components.get(keyB);
        plot.addRangeMarker(ChartStyle.marker(1 - scan.organicTarget(), a + " target " + ChartStyle.percent(
                scan.organicTarget()), ChartStyle.BLUE, ChartStyle.DOTTED, ChartStyle.LabelAt.RIGHT));
        plot.addRangeMarker(ChartStyle.marker(1 - scan.aqueousTarget(), b + " target " + ChartStyle.percent(
                scan.aqueousTarget()), ChartStyle.VERMILLION, ChartStyle.DOTTED, ChartStyle.LabelAt.LEFT));
        plot.addDomainMarker(ChartStyle.marker(scan.verifiedExtraction(), "n = " + scan.verifiedExtraction()
                + " (verified)", ChartStyle.VERMILLION, ChartStyle.DASHED, ChartStyle.LabelAt.TOP));
        plot.addDomainMarker(ChartStyle.marker(scan.verifiedScrub(), "m = " + scan.verifiedScrub() + " (verified)",
                ChartStyle.BLUE, ChartStyle.DASHED, ChartStyle.LabelAt.BOTTOM));
        if (Double.isFinite(scan.estimatedExtraction())) {
            plot.addDomainMarker(ChartStyle.marker(scan.estimatedExtraction(), String.format(Locale.ROOT,
                    "n ≈ %.1f (Xu)", scan.estimatedExtraction()), ChartStyle.VERMILLION, ChartStyle.DOTTED,
                    ChartStyle.LabelAt.TOP, 1));
        }
        if (Double.isFinite(scan.estimatedScrub())) {
            plot.addDomainMarker(ChartStyle.marker(scan.estimatedScrub(), String.format(Locale.ROOT,
                    "m ≈ %.1f (Xu)", scan.estimatedScrub()), ChartStyle.BLUE, ChartStyle.DOTTED,
                    ChartStyle.LabelAt.BOTTOM, 1));
        }
        String subtitle = String.format(Locale.ROOT, "at the designed flows; A = %s (loaded organic), B = %s (raffinate); "
                + "dotted: Xu's estimate, dashed: verified", a, b);
        return ChartStyle.chart("Purity against stage count: " + title, subtitle, plot);
    }

    /** Adds 1 − P at 1, 2, … stages, failed solves left out. */
    private static void addImpurities(XYSeries series, List<Double> purities) {
        for (int i = 0; i < purities.size(); i++) {
            if (!purities.get(i).isNaN()) {
                series.add(i + 1, Math.max(1 - purities.get(i), FLOOR));
            }
        }
    }
}
