package org.sxcascade.chart;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;
import org.sxcascade.model.StageProfile;

/**
 * Each component's aqueous (solid) and organic (dashed) concentration in mol/L along the stages,
 * log scale, with the stage profile's section and feed markers ({@link StageProfile}). For any
 * model whose phase flows are volumes; the model supplies the concentrations.
 */
public final class ConcentrationChart {
    /** Concentrations below this (mol/L) run off the bottom of the chart. */
    static final double CONCENTRATION_FLOOR = 1e-9;

    private ConcentrationChart() {
    }

    /**
     * @param profile   the stage profile (axis, markers, title, layout line)
     * @param names     the components plotted
     * @param aqueous   aqueous concentration, mol/L, [stage − 1][component]
     * @param organic   organic concentration, mol/L, [stage − 1][component]
     */
    public static JFreeChart of(StageProfile profile, List<String> names, double[][] aqueous, double[][] organic) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = ChartStyle.renderer();
        double[] range = ProfileChart.addSeries(data, renderer, names, aqueous.length, " aqueous mol/L",
                " organic mol/L", (k, j, isAqueous) -> isAqueous ? aqueous[k - 1][j] : organic[k - 1][j]);
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
