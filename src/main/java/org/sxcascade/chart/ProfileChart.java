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
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.CascadeCaseView;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.StageProfile;
import org.sxcascade.solver.SteadyState;

/**
 * The stage profile of any model ({@link StageProfile}): along the cascade (stage 1 … N), every
 * listed component's aqueous mole fraction x (solid) and organic mole fraction y (dashed, same
 * colour), on a log scale so that the impurities falling off towards each product stay visible
 * (for mass action: fractions among the rare earths). The section boundaries, the feed stages
 * and any side draws the model marks are drawn, and each product's purity target as the
 * impurity level it allows (1 − target) at the end where that product leaves.
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

    /** The profile chart of a solved case with constant separation factors or distribution ratios. */
    public static JFreeChart of(CascadeCase cascadeCase, SteadyState state) {
        return of(CascadeCaseView.profile(cascadeCase, state));
    }

    /** The profile chart of any model's steady state. */
    public static JFreeChart of(StageProfile p) {
        List<String> comps = p.components();
        boolean fractions = p.fractions();
        int stages = p.stages();
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = ChartStyle.renderer();
        double[] range = addSeries(data, r, comps, stages,
                fractions ? " x (aqueous)" : " aqueous flow", fractions ? " y (organic)" : " organic flow", p::value);
        double lowest = range[0];
        double highest = range[1];

        double upper = fractions ? 1 : ChartStyle.decadeAbove(Math.max(highest, FLOOR) * 1.0001);
        double lower = ChartStyle.decadeBelow(Math.max(Math.min(lowest, upper / 10), FLOOR));
        for (StageProfile.Target t : p.targets()) {
            if (t.target().purity() != null && t.target().purity() < 1) {
                lower = Math.min(lower, ChartStyle.decadeBelow(Math.max((1 - t.target().purity()) / 10, FLOOR)));
            }
        }
        LogAxis y = ChartStyle.logAxis(p.valueAxisLabel(), lower, upper);
        XYPlot plot = ChartStyle.plot(stageAxis(p), y);
        plot.setDataset(data);
        plot.setRenderer(r);
        mark(plot, p);
        for (StageProfile.Target t : p.targets()) {
            addTarget(plot, t.target(), comps, t.product(), t.right() ? ChartStyle.LabelAt.RIGHT : ChartStyle.LabelAt.LEFT);
        }
        return ChartStyle.chart("Stage profile: " + p.title(), p.layout() + "; solid: aqueous, dashed: organic"
                + (fractions ? "" : "; flows in mol per mol solute fed"), plot);
    }

    /** A value of component j on a stage in a phase, for {@link #addSeries}. */
    @FunctionalInterface
    interface StageValue {
        double at(int stage, int j, boolean aqueous);
    }

    /**
     * One series per component and phase along the stages (aqueous solid, organic dashed, the
     * component's colour; dots on short cascades), keyed by the component and the phase's suffix;
     * values that are not positive are left out (log axes).
     *
     * @return the lowest and highest value drawn ({+∞, 0} when none)
     */
    static double[] addSeries(XYSeriesCollection data, XYLineAndShapeRenderer r, List<String> comps, int stages,
                              String aqueousSuffix, String organicSuffix, StageValue value) {
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        for (int phase = 0; phase < 2; phase++) {
            boolean aqueous = phase == 0;
            for (int j = 0; j < comps.size(); j++) {
                XYSeries s = new XYSeries(comps.get(j) + (aqueous ? aqueousSuffix : organicSuffix), false, false);
                for (int k = 1; k <= stages; k++) {
                    double v = value.at(k, j, aqueous);
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
        return new double[] {lowest, highest};
    }

    /** The stage axis of a profile, 0.5 … N + 0.5. */
    static NumberAxis stageAxis(StageProfile p) {
        NumberAxis a = ChartStyle.numberAxis(p.stageAxisLabel(), true);
        a.setRange(0.5, p.stages() + 0.5);
        return a;
    }

    /** The profile's stage markers: section boundaries, side draws and feeds. */
    static void mark(XYPlot plot, StageProfile p) {
        for (StageProfile.Mark m : p.marks()) {
            plot.addDomainMarker(switch (m.kind()) {
                case SECTION -> ChartStyle.marker(m.at(), m.label(), ChartStyle.GREY, ChartStyle.DOTTED,
                        ChartStyle.LabelAt.BOTTOM);
                case DRAW -> ChartStyle.marker(m.at(), m.label(), ChartStyle.PURPLE, ChartStyle.DASHED,
                        ChartStyle.LabelAt.BOTTOM);
                case FEED -> ChartStyle.marker(m.at(), m.label(), ChartStyle.GREEN, ChartStyle.DASHED,
                        ChartStyle.LabelAt.TOP);
            });
        }
    }

    /**
     * A product's purity target as the impurity level it allows (a range marker at 1 − purity),
     * labelled with the product, its purity components and the target; none without a purity
     * target below 1.
     */
    private static void addTarget(XYPlot plot, ProductTarget t, List<String> comps, String product,
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
