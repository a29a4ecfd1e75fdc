package org.sxcascade.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.sxcascade.window.MonteCarlo;

/**
 * The purity (or recovery) reached over the draws of a Monte Carlo ({@link MonteCarlo}), one
 * histogram per target: bins of equal width in nines (−log10 of the impurity), drawn on the
 * purity axis of the other charts (impurity on a log scale, labelled as purity in %, purer to the
 * right), the target as a vertical line and the share of draws on spec in the title.
 *
 * <p>Why nines: the impurity of a cascade product scales like β^−n (Xu's theory), so a lognormal
 * scatter of β spreads the impurity lognormally. In % the draws bunch into one bin next to 100 %
 * with a long tail to the left; in nines they form a bell whose width shows the spread and whose
 * position against the target line shows the margin.
 *
 * <p>Series key: the target's label; each bin is an interval of impurities with the number of
 * draws in it. Draws that did not converge are not binned (the subtitle counts them).
 */
public final class HistogramChart {
    /** Bins over the range of the draws. */
    static final int BINS = 30;
    /** Smallest impurity binned (a purity of 1 − 1e-15 and above is put in the last bin). */
    static final double FLOOR = 1e-15;

    private HistogramChart() {
    }

    /** The charts with one histogram per target of the Monte Carlo appended (none when {@code mc} is null). */
    public static List<NamedChart> appendTo(List<NamedChart> charts, String stem, MonteCarlo mc) {
        List<NamedChart> all = new ArrayList<>(charts == null ? List.of() : charts);
        if (mc != null) {
            for (int t = 0; t < mc.targets().size(); t++) {
                NamedChart c = of(stem, mc, t);
                if (c != null) {
                    all.add(c);
                }
            }
        }
        return all;
    }

    /**
     * The histogram of target {@code t}, named {@code <stem>-histogram-<target label>}
     * ({@code pr-nd-p507-histogram-aqueous-purity-of-pr}), or {@code null} when no draw converged.
     */
    public static NamedChart of(String stem, MonteCarlo mc, int t) {
        MonteCarlo.TargetSpread s = mc.targets().get(t);
        double[] values = s.values();
        if (values.length == 0) {
            return null;
        }
        // nines of each draw, and of the target
        double[] nines = new double[values.length];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            nines[i] = -Math.log10(Math.max(1 - values[i], FLOOR));
            lo = Math.min(lo, nines[i]);
            hi = Math.max(hi, nines[i]);
        }
        double target = -Math.log10(Math.max(1 - s.target(), FLOOR));
        double width = Math.max(hi - lo, 0.02) / BINS;
        double start = lo - (hi - lo < 0.02 ? (0.02 - (hi - lo)) / 2 : 0);
        int[] counts = new int[BINS];
        for (double n : nines) {
            counts[Math.min(BINS - 1, (int) ((n - start) / width))]++;
        }
        XYIntervalSeries series = new XYIntervalSeries(s.label(), false, true);
        for (int b = 0; b < BINS; b++) {
            // the bin [start + b·w, start + (b+1)·w] in nines is the impurity interval below
            double purer = Math.pow(10, -(start + (b + 1) * width));
            double less = Math.pow(10, -(start + b * width));
            double mid = Math.sqrt(purer * less);
            series.add(mid, purer, less, counts[b], 0, counts[b]);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(series);
        XYBarRenderer r = new XYBarRenderer(0.05);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, ChartStyle.BLUE);
        r.setDrawBarOutline(false);
        double highest = Math.max(Math.pow(10, -Math.min(start, target)), FLOOR);
        double lowest = Math.pow(10, -Math.max(start + BINS * width, target));
        LogAxis x = ChartStyle.purityAxis(s.label().contains("recovery") ? "recovery reached" : "purity reached",
                ChartStyle.decadeBelow(lowest), ChartStyle.impurityCeiling(highest));
        NumberAxis y = ChartStyle.numberAxis("draws", true);
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = ChartStyle.plot(x, y);
        plot.setDataset(data);
        plot.setRenderer(r);
        plot.addDomainMarker(ChartStyle.marker(1 - s.target(), "target " + ChartStyle.percent(s.target()),
                ChartStyle.VERMILLION, ChartStyle.DASHED, ChartStyle.LabelAt.TOP));
        double p = (double) s.met() / mc.draws();
        String title = String.format(Locale.ROOT, "%s: %.1f %% of draws on spec", s.label(), 100 * p);
        int binned = values.length;
        String subtitle = String.format(Locale.ROOT, "seeded Monte Carlo, %d draws (seed %d), standard error %.1f %%; "
                        + "bins of %.3g nines%s", mc.draws(), mc.seed(), 100 * mc.standardError(p), width,
                binned < mc.draws() ? String.format(Locale.ROOT, "; %d draws not converged (off spec, not binned)",
                        mc.draws() - binned) : "");
        return new NamedChart(stem + "-histogram-" + slug(s.label()), ChartStyle.chart(title, subtitle, plot));
    }

    /** Lower-case letters, digits and dashes of a label ("aqueous purity of Ce+Pr" → "aqueous-purity-of-ce-pr"). */
    static String slug(String label) {
        String s = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "target" : s;
    }
}
