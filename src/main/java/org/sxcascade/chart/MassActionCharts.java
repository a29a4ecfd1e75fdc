package org.sxcascade.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * The charts of a mass-action cascade ({@code model: mass-action}), stage 1 … N along the x axis
 * with the extraction | scrub | strip boundaries, the feed stage and any side draws marked:
 * <ul>
 *   <li>{@code <stem>-profile}: each rare earth's mole fraction among the rare earths, aqueous x
 *       (solid) and organic y (dashed), log scale, with each product's purity target drawn as
 *       the impurity level it allows;</li>
 *   <li>{@code <stem>-ph-loading}: the aqueous pH (left axis) and the organic's loading
 *       3Σ[RE]org/C and saponification [M]org/2C (right axis, fractions of the extractant);</li>
 *   <li>{@code <stem>-concentration}: each rare earth's aqueous and organic concentration, mol/L,
 *       log scale.</li>
 * </ul>
 * Series keys name the quantity (e.g. {@code "Nd x (aqueous)"}, {@code "pH"}, {@code "loading"},
 * {@code "Nd aqueous mol/L"}); the y values are the solver's numbers unchanged.
 */
public final class MassActionCharts {
    /** Concentrations below this (mol/L) run off the bottom of the concentration chart. */
    static final double CONCENTRATION_FLOOR = 1e-9;

    private MassActionCharts() {
    }

    /** The three charts, named {@code <stem>-profile}, {@code <stem>-ph-loading}, {@code <stem>-concentration}. */
    public static List<NamedChart> of(String stem, MassActionCase c, CascadeNetwork network, SteadyState state) {
        return List.of(new NamedChart(stem + "-profile", profile(c, state)),
                new NamedChart(stem + "-ph-loading", phLoading(c, network, state)),
                new NamedChart(stem + "-concentration", concentration(c, network, state)));
    }

    /** RE mole fractions (among the rare earths) along the cascade, log scale. */
    public static JFreeChart profile(MassActionCase c, SteadyState state) {
        int r = c.rareEarths().size();
        int stages = c.totalStages();
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = ChartStyle.renderer();
        double lowest = 1;
        for (int phase = 0; phase < 2; phase++) {
            boolean aqueous = phase == 0;
            for (int j = 0; j < r; j++) {
                XYSeries s = new XYSeries(c.rareEarths().get(j) + (aqueous ? " x (aqueous)" : " y (organic)"),
                        false, false);
                for (int k = 1; k <= stages; k++) {
                    double v = fraction(c, state, k, j, aqueous);
                    if (v > 0) {
                        s.add(k, v);
                        lowest = Math.min(lowest, v);
                    }
                }
                ChartStyle.add(data, renderer, s, ChartStyle.color(j), aqueous ? ChartStyle.SOLID : ChartStyle.DASHED,
                        stages <= 40 ? ChartStyle.dot(aqueous ? 5 : 4) : null);
            }
        }
        double lower = ChartStyle.decadeBelow(Math.max(Math.min(lowest, 0.1), ChartStyle.FLOOR));
        for (MassActionCase.Outlet o : c.outlets()) {
            ProductTarget t = o.target();
            if (t != null && t.purity() != null && t.purity() < 1) {
                lower = Math.min(lower, ChartStyle.decadeBelow(Math.max((1 - t.purity()) / 10, ChartStyle.FLOOR)));
            }
        }
        XYPlot plot = ChartStyle.plot(stageAxis(stages), ChartStyle.logAxis(
                "mole fraction among the rare earths (log scale)", lower, 1));
        plot.setDataset(data);
        plot.setRenderer(renderer);
        markSections(plot, c);
        String strip = c.stripStages() > 0 ? "strip liquor" : "loaded organic";
        ProfileChart.addTarget(plot, c.stripTarget(), c.rareEarths(), strip, ChartStyle.LabelAt.RIGHT);
        ProfileChart.addTarget(plot, c.raffinateTarget(), c.rareEarths(), "raffinate", ChartStyle.LabelAt.LEFT);
        for (int i = 0; i < c.sideDraws().size(); i++) {
            ProfileChart.addTarget(plot, c.sideDraws().targets().get(i), c.rareEarths(), c.sideDraws().names().get(i),
                    ChartStyle.LabelAt.LEFT);
        }
        return ChartStyle.chart("Stage profile: " + title(c), sections(c) + "; solid: aqueous, dashed: organic", plot);
    }

    /** The aqueous pH (left axis) and the organic's loading and saponification (right axis). */
    public static JFreeChart phLoading(MassActionCase c, CascadeNetwork network, SteadyState state) {
        MassActionEquilibrium eq = c.equilibrium();
        int stages = c.totalStages();
        int n = state.components();
        XYSeries ph = new XYSeries("pH (aqueous, left axis)", false, false);
        XYSeries loading = new XYSeries("loading 3Σ[RE]org / C (right axis)", false, false);
        XYSeries sapon = new XYSeries("saponification [" + c.cation() + "]org / 2C (right axis)", false, false);
        double phLow = Double.POSITIVE_INFINITY;
        double phHigh = Double.NEGATIVE_INFINITY;
        for (int k = 1; k <= stages; k++) {
            int at = (k - 1) * n;
            double p = eq.pH(network.aqueousFlow(k), state.lnAqueous(), at);
            ph.add(k, p);
            phLow = Math.min(phLow, p);
            phHigh = Math.max(phHigh, p);
            loading.add(k, eq.loading(network.organicFlow(k), state.lnOrganic(), at));
            sapon.add(k, eq.saponificationDegree(network.organicFlow(k), state.lnOrganic(), at));
        }
        XYSeriesCollection left = new XYSeriesCollection();
        XYLineAndShapeRenderer r0 = ChartStyle.renderer();
        ChartStyle.add(left, r0, ph, Color.BLACK, ChartStyle.SOLID, stages <= 40 ? ChartStyle.dot(5) : null);
        NumberAxis phAxis = ChartStyle.numberAxis("pH of the aqueous", false);
        // whole pH units around the data, at least one unit wide
        double lo = Math.floor(phLow - 0.05);
        double hi = Math.max(Math.ceil(phHigh + 0.05), lo + 1);
        phAxis.setRange(lo, hi);
        XYPlot plot = ChartStyle.plot(stageAxis(stages), phAxis);
        plot.setDataset(0, left);
        plot.setRenderer(0, r0);

        NumberAxis fraction = ChartStyle.numberAxis("fraction of the extractant", false);
        fraction.setRange(0, 1.0);
        fraction.setTickUnit(new NumberTickUnit(0.1));
        fraction.setLabelFont(ChartStyle.LABEL);
        fraction.setTickLabelFont(ChartStyle.TICK);
        fraction.setLabelPaint(Color.DARK_GRAY);
        fraction.setTickLabelPaint(Color.DARK_GRAY);
        XYSeriesCollection right = new XYSeriesCollection();
        XYLineAndShapeRenderer r1 = ChartStyle.renderer();
        ChartStyle.add(right, r1, loading, ChartStyle.BLUE, ChartStyle.SOLID, null);
        ChartStyle.add(right, r1, sapon, ChartStyle.ORANGE, ChartStyle.DASHED, null);
        plot.setRangeAxis(1, fraction);
        plot.setDataset(1, right);
        plot.setRenderer(1, r1);
        plot.mapDatasetToRangeAxis(1, 1);
        markSections(plot, c);
        return ChartStyle.chart("pH, loading and saponification: " + title(c), sections(c)
                + String.format(Locale.ROOT, "; extractant C = %s mol/L (HA)₂, fed saponified to %s",
                new java.math.BigDecimal(c.equilibrium().extractantConcentration())
                        .round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString(),
                ChartStyle.shortPercent(c.flows().saponification())), plot);
    }

    /** Each rare earth's aqueous (solid) and organic (dashed) concentration, mol/L, log scale. */
    public static JFreeChart concentration(MassActionCase c, CascadeNetwork network, SteadyState state) {
        double scale = c.equilibrium().molarScale();
        int r = c.rareEarths().size();
        int stages = c.totalStages();
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = ChartStyle.renderer();
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        for (int phase = 0; phase < 2; phase++) {
            boolean aqueous = phase == 0;
            for (int j = 0; j < r; j++) {
                XYSeries s = new XYSeries(c.rareEarths().get(j) + (aqueous ? " aqueous mol/L" : " organic mol/L"),
                        false, false);
                for (int k = 1; k <= stages; k++) {
                    double v = aqueous ? state.aqueousFlow(k, j) * scale / network.aqueousFlow(k)
                            : state.organicFlow(k, j) * scale / network.organicFlow(k);
                    if (v > 0) {
                        s.add(k, v);
                        lowest = Math.min(lowest, v);
                        highest = Math.max(highest, v);
                    }
                }
                ChartStyle.add(data, renderer, s, ChartStyle.color(j), aqueous ? ChartStyle.SOLID : ChartStyle.DASHED,
                        stages <= 40 ? ChartStyle.dot(aqueous ? 5 : 4) : null);
            }
        }
        double upper = ChartStyle.decadeAbove(Math.max(highest, CONCENTRATION_FLOOR) * 1.0001);
        double lower = ChartStyle.decadeBelow(Math.max(Math.min(lowest, upper / 10), CONCENTRATION_FLOOR));
        XYPlot plot = ChartStyle.plot(stageAxis(stages), ChartStyle.logAxis(
                "concentration, mol/L (log scale)", lower, upper));
        plot.setDataset(data);
        plot.setRenderer(renderer);
        markSections(plot, c);
        return ChartStyle.chart("RE concentrations: " + title(c), sections(c) + "; solid: aqueous, dashed: organic"
                + (lowest < CONCENTRATION_FLOOR ? "; below 1e-9 mol/L off the plot" : ""), plot);
    }

    // ------------------------------------------------------------------ pieces

    private static double fraction(MassActionCase c, SteadyState state, int stage, int j, boolean aqueous) {
        double sum = 0;
        for (int i = 0; i < c.rareEarths().size(); i++) {
            sum += aqueous ? state.aqueousFlow(stage, i) : state.organicFlow(stage, i);
        }
        double v = aqueous ? state.aqueousFlow(stage, j) : state.organicFlow(stage, j);
        return sum > 0 ? v / sum : 0;
    }

    private static NumberAxis stageAxis(int stages) {
        NumberAxis a = ChartStyle.numberAxis("stage (1 = raffinate end, " + stages + " = organic outlet)", true);
        a.setRange(0.5, stages + 0.5);
        return a;
    }

    /**
     * Section boundaries (grey, dotted, labelled at the bottom), side draws (purple, dashed, at the
     * bottom) and the feed stage (green, dashed, at the top).
     */
    private static void markSections(XYPlot plot, MassActionCase c) {
        int n = c.cascade().extractionStages();
        int m = c.cascade().scrubStages();
        if (m > 0) {
            plot.addDomainMarker(ChartStyle.marker(n + 0.5, "extraction | scrub", ChartStyle.GREY, ChartStyle.DOTTED,
                    ChartStyle.LabelAt.BOTTOM));
        }
        if (c.stripStages() > 0) {
            plot.addDomainMarker(ChartStyle.marker(n + m + 0.5, (m > 0 ? "scrub" : "extraction") + " | strip",
                    ChartStyle.GREY, ChartStyle.DOTTED, ChartStyle.LabelAt.BOTTOM));
        }
        // each side draw at its stage (purple, dashed, at the bottom)
        for (int i = 0; i < c.sideDraws().size(); i++) {
            var d = c.sideDraws().draws().get(i);
            plot.addDomainMarker(ChartStyle.marker(d.stage(), c.sideDraws().names().get(i) + " (" + d.phase().label()
                    + " draw, stage " + d.stage() + ")", ChartStyle.PURPLE, ChartStyle.DASHED, ChartStyle.LabelAt.BOTTOM));
        }
        // one marker per feed stage (several feeds may share one)
        java.util.Set<Integer> marked = new java.util.TreeSet<>();
        for (int i = 0; i < c.feeds().size(); i++) {
            int stage = c.feedStage(i);
            if (marked.add(stage)) {
                plot.addDomainMarker(ChartStyle.marker(stage, "feed (aqueous, stage " + stage + ")", ChartStyle.GREEN,
                        ChartStyle.DASHED, ChartStyle.LabelAt.TOP));
            }
        }
    }

    /** The feed stages, as "stage 35" or "stages 25, 45". */
    private static String feedStages(MassActionCase c) {
        java.util.Set<Integer> stages = new java.util.TreeSet<>();
        for (int i = 0; i < c.feeds().size(); i++) {
            stages.add(c.feedStage(i));
        }
        String list = stages.toString().replaceAll("[\\[\\]]", "");
        return (stages.size() == 1 ? "stage " : "stages ") + list;
    }

    private static String sections(MassActionCase c) {
        return String.format(Locale.ROOT, "%d extraction + %d scrub + %d strip stages, aqueous feed at %s",
                c.cascade().extractionStages(), c.cascade().scrubStages(), c.stripStages(), feedStages(c));
    }

    private static String title(MassActionCase c) {
        return c.name() == null ? "mass-action cascade" : c.name();
    }
}
