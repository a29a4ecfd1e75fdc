package org.sxcascade.chart;

import java.awt.Color;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sxcascade.model.StageProfile;

/**
 * The aqueous pH (left axis) and the organic's loading and saponification as fractions of the
 * extractant (right axis) along the stages, with the stage profile's section and feed markers
 * ({@link StageProfile}). For any model that has an acidity and an extractant capacity; the model
 * supplies the per-stage values (the report's stage rows), this chart only draws them.
 */
public final class AcidityLoadingChart {
    private AcidityLoadingChart() {
    }

    /**
     * @param profile                 the stage profile (axis, markers, title, layout line)
     * @param pH                      aqueous pH of stages 1 … N
     * @param loading                 loading 3Σ[RE]org/C of stages 1 … N
     * @param saponification          saponification [M]org/2C of stages 1 … N
     * @param cation                  the saponifying cation's name, for the legend
     * @param extractantConcentration C, mol/L (HA)₂, for the subtitle
     * @param saponificationFed       the fed organic's saponification, for the subtitle
     */
    public static JFreeChart of(StageProfile profile, double[] pH, double[] loading, double[] saponification,
                                String cation, double extractantConcentration, double saponificationFed) {
        int stages = pH.length;
        XYSeries ph = new XYSeries("pH (aqueous, left axis)", false, false);
        XYSeries load = new XYSeries("loading 3Σ[RE]org / C (right axis)", false, false);
        XYSeries sapon = new XYSeries("saponification [" + cation + "]org / 2C (right axis)", false, false);
        double phLow = Double.POSITIVE_INFINITY;
        double phHigh = Double.NEGATIVE_INFINITY;
        for (int k = 1; k <= stages; k++) {
            double p = pH[k - 1];
            ph.add(k, p);
            phLow = Math.min(phLow, p);
            phHigh = Math.max(phHigh, p);
            load.add(k, loading[k - 1]);
            sapon.add(k, saponification[k - 1]);
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
        ChartStyle.add(right, r1, load, ChartStyle.BLUE, ChartStyle.SOLID, null);
        ChartStyle.add(right, r1, sapon, ChartStyle.ORANGE, ChartStyle.DASHED, null);
        plot.setRangeAxis(1, fraction);
        plot.setDataset(1, right);
        plot.setRenderer(1, r1);
        plot.mapDatasetToRangeAxis(1, 1);
        ProfileChart.mark(plot, profile);
        return ChartStyle.chart("pH, loading and saponification: " + profile.title(), profile.layout()
                + String.format(Locale.ROOT, "; extractant C = %s mol/L (HA)₂, fed saponified to %s",
                new BigDecimal(extractantConcentration).round(new MathContext(4)).stripTrailingZeros().toPlainString(),
                ChartStyle.shortPercent(saponificationFed)), plot);
    }
}
