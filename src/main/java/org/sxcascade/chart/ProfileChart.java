package org.sxcascade.chart;

import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.solver.SteadyState;

/**
 * The stage profile: along the cascade (stage 1 … N), every component's aqueous mole fraction x
 * (solid) and organic mole fraction y (dashed, same colour), on a log scale so that the
 * impurities falling off towards each product stay visible. The boundary between the extraction
 * and scrubbing sections and the feed stage are marked, and each product's purity target is
 * drawn as the impurity level it allows (1 − target) at the end where that product leaves.
 *
 * <p>With constant distribution ratios (one solute or several in a dilute, linear system) mole
 * fractions say little, so the chart shows each component's flow leaving each stage, in mol per
 * mol of solute fed, instead.
 *
 * <p>Series keys: {@code "<component> x (aqueous)"} and {@code "<component> y (organic)"} (or
 * {@code "… aqueous flow"} and {@code "… organic flow"}); the x value is the stage number and
 * the y value the solver's number unchanged. Exact zeros (absent components) are left out.
 */
public final class ProfileChart {
    /** The lowest value the y axis shows; smaller fractions run off the bottom of the plot. */
    public static final double FLOOR = ChartStyle.FLOOR;

    private ProfileChart() {
    }

    /** The profile chart of a solved case. */
    public static JFreeChart of(CascadeCase cascadeCase, SteadyState state) {
        List<String> comps = cascadeCase.components();
        boolean fractions = cascadeCase.equilibrium() instanceof ConstantSeparationFactors;
        int stages = state.stages();
        int n = cascadeCase.cascade().extractionStages();
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = ChartStyle.renderer();
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        NumberAxis stageAxis = ChartStyle.numberAxis("stage (1 = raffinate end, " + stages + " = loaded-organic end)",
                true);
        stageAxis.setRange(0.5, stages + 0.5);
        for (int phase = 0; phase < 2; phase++) {
            boolean aqueous = phase == 0;
            for (int j = 0; j < comps.size(); j++) {
                String key = comps.get(j) + (fractions ? (aqueous ? " x (aqueous)" : " y (organic)")
                        : (aqueous ? " aqueous flow" : " organic flow"));
                XYSeries s = new XYSeries(key, false, false);
                for (int k = 1; k <= stages; k++) {
                    double v = fractions
                            ? (aqueous ? state.aqueousFraction(k, j) : state.organicFraction(k, j))
                            : (aqueous ? state.aqueousFlow(k, j) : state.organicFlow(k, j));
                    if (v > 0) {
                        s.add(k, v);
                        lowest = Math.min(lowest, v);
                        highest = Math.max(highest, v);
                    }
                }
                ChartStyle.add(data, r, s, ChartStyle.color(j), aqueous ? ChartStyle.SOLID : ChartStyle.DASHED,
                        stages <= 40 ? ChartStyle.dot(aqueous ? 5 : 4) : null);
            }
        }

        double upper = fractions ? 1 : ChartStyle.decadeAbove(Math.max(highest, FLOOR) * 1.0001);
        double lower = ChartStyle.decadeBelow(Math.max(Math.min(lowest, upper / 10), FLOOR));
        for (ProductTarget t : new ProductTarget[] {cascadeCase.organicTarget(), cascadeCase.aqueousTarget()}) {
            if (fractions && t != null && t.purity() != null && t.purity() < 1) {
                lower = Math.min(lower, ChartStyle.decadeBelow(Math.max((1 - t.purity()) / 10, FLOOR)));
            }
        }
        LogAxis y = ChartStyle.logAxis(fractions ? "mole fraction in the stage's outlet (log scale)"
                : "flow leaving the stage, mol per mol solute fed (log scale)", lower, upper);
        XYPlot plot = ChartStyle.plot(stageAxis, y);
        plot.setDataset(data);
        plot.setRenderer(r);

        var phase = cascadeCase.feed().phase();
        int feedStage = cascadeCase.cascade().feedStage(phase);
        if (cascadeCase.cascade().scrubStages() > 0) {
            plot.addDomainMarker(ChartStyle.marker(n + 0.5, "extraction | scrub", ChartStyle.GREY,
                    ChartStyle.DOTTED, ChartStyle.LabelAt.BOTTOM));
        }
        plot.addDomainMarker(ChartStyle.marker(feedStage, "feed (" + phase.label() + ", stage " + feedStage + ")",
                ChartStyle.GREEN, ChartStyle.DASHED, ChartStyle.LabelAt.TOP));
        if (fractions) {
            addTarget(plot, cascadeCase.organicTarget(), comps, "loaded organic", ChartStyle.LabelAt.RIGHT);
            addTarget(plot, cascadeCase.aqueousTarget(), comps, "raffinate", ChartStyle.LabelAt.LEFT);
        }
        String subtitle = String.format(Locale.ROOT,
                "%d extraction + %d scrub stages, %s feed at stage %d; solid: aqueous, dashed: organic%s",
                n, cascadeCase.cascade().scrubStages(), phase.label(), feedStage,
                fractions ? "" : "; flows in mol per mol solute fed");
        return ChartStyle.chart("Stage profile: " + cascadeCase.name(), subtitle, plot);
    }

    /**
     * A product's purity target as the impurity level it allows (a range marker at 1 − purity),
     * labelled with the product, its purity components and the target; none without a purity
     * target below 1. Mass-action profiles ({@link MassActionCharts}) mark theirs the same way.
     */
    static void addTarget(XYPlot plot, ProductTarget t, List<String> comps, String product,
                          ChartStyle.LabelAt at) {
        if (t == null || t.purity() == null || t.purity() >= 1) {
            return;
        }
        StringBuilder group = new StringBuilder();
        for (int j : t.components()) {
            group.append(group.length() == 0 ? "" : "+").append(comps.get(j));
        }
        plot.addRangeMarker(ChartStyle.marker(1 - t.purity(), String.format(Locale.ROOT,
                "%s: %s %s target (impurities ≤ %s)", product, group, ChartStyle.percent(t.purity()),
                ChartStyle.shortPercent(1 - t.purity())), ChartStyle.VERMILLION, ChartStyle.DOTTED, at));
    }
}
