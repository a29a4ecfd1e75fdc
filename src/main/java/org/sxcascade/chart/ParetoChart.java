package org.sxcascade.chart;

import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sxcascade.optimize.Configuration;
import org.sxcascade.optimize.Optimum;

/**
 * The optimizer's Pareto front: total stages N = n + m against extractant flow S, or against
 * reagent use (acid plus base), each point a verified configuration; the chosen optimum and
 * {@code design}'s configuration at Xu's √β flows (when within the bounds) are highlighted.
 *
 * <p>Series keys: {@code "Pareto front"}, {@code "chosen: least <objective>"} and {@code "design (Xu's √β
 * flows)"}; x is {@link Configuration#extractantFlow()} or {@link Configuration#reagentUse()}, y is
 * {@link Configuration#totalStages()}.
 */
public final class ParetoChart {
    /** What the x axis shows. */
    public enum Axis {
        /** Extractant flow S, mol RE per mol RE fed. */
        EXTRACTANT("extractant flow S (mol RE per mol RE fed)"),
        /** Acid plus saponification base, mol per mol RE fed. */
        REAGENTS("reagent use: acid + base (mol per mol RE fed)");

        private final String label;

        Axis(String label) {
            this.label = label;
        }

        double of(Configuration c) {
            return this == EXTRACTANT ? c.extractantFlow() : c.reagentUse();
        }
    }

    private ParetoChart() {
    }

    /**
     * The chart; the front is {@link Optimum#pareto()} (empty unless the optimizer was asked for it,
     * in which case only the chosen point and the baseline are drawn).
     */
    public static JFreeChart of(Optimum optimum, Axis axis) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = ChartStyle.renderer();
        XYSeries front = new XYSeries("Pareto front", false, true);
        for (Configuration c : optimum.pareto()) {
            front.add(axis.of(c), c.totalStages());
        }
        ChartStyle.add(data, r, front, ChartStyle.GREY, ChartStyle.THIN, ChartStyle.dot(7));
        Configuration best = optimum.best();
        XYSeries chosen = new XYSeries("chosen: least " + optimum.settings().objective().description(), false, true);
        chosen.add(axis.of(best), best.totalStages());
        ChartStyle.add(data, r, chosen, ChartStyle.VERMILLION, null, ChartStyle.dot(14));
        Configuration baseline = optimum.baseline();
        if (baseline != null) {
            XYSeries design = new XYSeries("design (Xu's √β flows)", false, true);
            design.add(axis.of(baseline), baseline.totalStages());
            ChartStyle.add(data, r, design, ChartStyle.BLUE, null, ChartStyle.square(11));
        }
        NumberAxis x = ChartStyle.numberAxis(axis.label, false);
        NumberAxis y = ChartStyle.numberAxis("total stages N = n + m", true);
        XYPlot plot = ChartStyle.plot(x, y);
        plot.setDataset(data);
        plot.setRenderer(r);
        String value = axis == Axis.EXTRACTANT ? String.format(Locale.ROOT, "S = %.4g", best.extractantFlow())
                : String.format(Locale.ROOT, "acid + base = %.4g", best.reagentUse());
        XYTextAnnotation label = new XYTextAnnotation(String.format(Locale.ROOT, "    n + m = %d + %d, %s",
                best.extractionStages(), best.scrubStages(), value), axis.of(best), best.totalStages());
        label.setFont(ChartStyle.NOTE);
        label.setPaint(ChartStyle.VERMILLION.darker());
        label.setTextAnchor(TextAnchor.BOTTOM_LEFT); // above and to the right of the chosen point's circle
        plot.addAnnotation(label);
        var p = optimum.problem();
        String subtitle = String.format(Locale.ROOT, "%s %s in the loaded organic, %s %s in the raffinate; "
                        + "every point verified by simulation", p.inputs().components().get(p.keyA()),
                ChartStyle.percent(p.purityA()), p.inputs().components().get(p.keyB()), ChartStyle.percent(p.purityB()));
        return ChartStyle.chart("Pareto front: stages against " + (axis == Axis.EXTRACTANT ? "extractant flow"
                : "reagent use"), subtitle, plot);
    }
}
