package org.sxcascade.chart;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * The panels a mass-action model adds to the stage profile ({@link ProfileChart}), stage 1 … N
 * along the x axis with the profile's stage markers ({@link StageProfile}):
 * <ul>
 *   <li>{@code <stem>-ph-loading}: the aqueous pH (left axis) and the organic's loading
 *       3Σ[RE]org/C and saponification [M]org/2C (right axis, fractions of the extractant);</li>
 *   <li>{@code <stem>-concentration}: each rare earth's aqueous and organic concentration, mol/L,
 *       log scale.</li>
 * </ul>
 * Series keys name the quantity (e.g. {@code "pH"}, {@code "loading"}, {@code "Nd aqueous mol/L"});
 * the y values are the solver's numbers unchanged.
 */
public final class MassActionPanels {
    /** Concentrations below this (mol/L) run off the bottom of the concentration chart. */
    static final double CONCENTRATION_FLOOR = 1e-9;

    private MassActionPanels() {
    }

    /** The two panels, named {@code <stem>-ph-loading} and {@code <stem>-concentration}. */
    public static List<NamedChart> of(String stem, StageProfile p, MassActionCase c, CascadeNetwork network,
                                      SteadyState state) {
        return List.of(new NamedChart(stem + "-ph-loading", phLoading(p, c, network, state)),
                new NamedChart(stem + "-concentration", concentration(p, c, network, state)));
    }

    /** The aqueous pH (left axis) and the organic's loading and saponification (right axis). */
    public static JFreeChart phLoading(StageProfile profile, MassActionCase c, CascadeNetwork network,
                                       SteadyState state) {
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
        XYPlot plot = ChartStyle.plot(ProfileChart.stageAxis(profile), phAxis);
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
        ProfileChart.mark(plot, profile);
        return ChartStyle.chart("pH, loading and saponification: " + profile.title(), profile.layout()
                + String.format(Locale.ROOT, "; extractant C = %s mol/L (HA)₂, fed saponified to %s",
                new java.math.BigDecimal(c.equilibrium().extractantConcentration())
                        .round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString(),
                ChartStyle.shortPercent(c.flows().saponification())), plot);
    }

    /** Each rare earth's aqueous (solid) and organic (dashed) concentration, mol/L, log scale. */
    public static JFreeChart concentration(StageProfile profile, MassActionCase c, CascadeNetwork network,
                                           SteadyState state) {
        double scale = c.equilibrium().molarScale();
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = ChartStyle.renderer();
        double[] range = ProfileChart.addSeries(data, renderer, c.rareEarths(), c.totalStages(), " aqueous mol/L",
                " organic mol/L", (k, j, aqueous) -> aqueous ? state.aqueousFlow(k, j) * scale / network.aqueousFlow(k)
                        : state.organicFlow(k, j) * scale / network.organicFlow(k));
        double lowest = range[0];
        double highest = range[1];
        double upper = ChartStyle.decadeAbove(Math.max(highest, CONCENTRATION_FLOOR) * 1.0001);
        double lower = ChartStyle.decadeBelow(Math.max(Math.min(lowest, upper / 10), CONCENTRATION_FLOOR));
        XYPlot plot = ChartStyle.plot(ProfileChart.stageAxis(profile), ChartStyle.logAxis(
                "concentration, mol/L (log scale)", lower, upper));
        plot.setDataset(data);
        plot.setRenderer(renderer);
        ProfileChart.mark(plot, profile);
        return ChartStyle.chart("RE concentrations: " + profile.title(), profile.layout() + "; solid: aqueous, dashed: organic"
                + (lowest < CONCENTRATION_FLOOR ? "; below 1e-9 mol/L off the plot" : ""), plot);
    }
}
