package org.sxcascade.chart;

import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.ClusteredXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sxcascade.dynamics.StartupComparison;
import org.sxcascade.dynamics.Times;
import org.sxcascade.dynamics.TransientResult;
import org.sxcascade.dynamics.TransientSample;

/**
 * Start-up strategies compared ({@code transient --compare --plot}), for every model.
 *
 * <p>{@link #times}: the time to each purity target per strategy, in days, as clustered bars (one
 * series per target, keyed {@code "<product> <group> ≥ <target>"}; x is the strategy's index in
 * {@link StartupComparison#rows()}, labelled with its name). A time projected beyond the run is
 * drawn like one reached in it (the tables tell them apart); a strategy not yet on target and
 * without a projection has no bar.
 *
 * <p>{@link #purities}: 1 − purity of every graded product of every strategy against time in days
 * on the purity axis of {@link ChartStyle#purityAxis}; series keyed
 * {@code "<strategy>: <product>"}, the strategy's colour from {@link ChartStyle#PALETTE}, the
 * product's line style (solid for the first product, dashed for the second, dotted after).
 */
public final class StartupComparisonChart {
    private StartupComparisonChart() {
    }

    /** The time to each target per strategy, bars in days. */
    public static JFreeChart times(StartupComparison c) {
        List<StartupComparison.Row> rows = c.rows();
        String[] names = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            names[i] = rows.get(i).strategy().label();
        }
        XYSeriesCollection data = new XYSeriesCollection();
        int targets = rows.isEmpty() ? 0 : rows.get(0).targets().size();
        for (int t = 0; t < targets; t++) {
            StartupComparison.Use first = rows.get(0).targets().get(t);
            XYSeries s = new XYSeries(first.name() + " ≥ " + ChartStyle.percent(first.target()), false, true);
            for (int i = 0; i < rows.size(); i++) {
                StartupComparison.Use u = rows.get(i).targets().get(t);
                if (u.hours() != null) {
                    s.add(i, u.hours() / Times.HOURS_PER_DAY);
                }
            }
            data.addSeries(s);
        }
        data.setIntervalWidth(0.8);
        ClusteredXYBarRenderer r = new ClusteredXYBarRenderer(0.1, false);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        for (int t = 0; t < targets; t++) {
            r.setSeriesPaint(t, ChartStyle.color(t));
        }
        SymbolAxis x = new SymbolAxis("start-up strategy", names);
        x.setGridBandsVisible(false);
        NumberAxis y = ChartStyle.numberAxis("time to target (days)", false);
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = ChartStyle.plot(x, y);
        plot.setDataset(data);
        plot.setRenderer(r);
        String model = rows.isEmpty() ? "" : rows.get(0).result().model().name();
        return ChartStyle.chart("Time to target by start-up strategy: " + model,
                "bars: reached in the run or projected from its slowest mode; no bar: not yet on target", plot);
    }

    /** The product purities of every strategy against time, on one chart. */
    public static JFreeChart purities(StartupComparison c) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = ChartStyle.renderer();
        double lowest = 1;
        double highest = TransientChart.FLOOR;
        double end = 0;
        List<StartupComparison.Row> rows = c.rows();
        java.awt.Stroke[] strokes = {ChartStyle.SOLID, ChartStyle.DASHED, ChartStyle.DOTTED};
        for (int i = 0; i < rows.size(); i++) {
            TransientResult result = rows.get(i).result();
            end = Math.max(end, result.end().days());
            int line = 0;
            for (int p = 0; p < result.products().size(); p++) {
                TransientResult.Product product = result.products().get(p);
                if (!result.model().graded(product.outlet())) {
                    continue;
                }
                XYSeries s = new XYSeries(rows.get(i).strategy().label() + ": " + product.label(), false, true);
                for (TransientSample sample : result.samples()) {
                    double purity = sample.purity(p);
                    if (!Double.isNaN(purity)) {
                        double impurity = Math.max(1 - purity, TransientChart.FLOOR);
                        s.add(sample.days(), impurity);
                        lowest = Math.min(lowest, impurity);
                        highest = Math.max(highest, impurity);
                    }
                }
                ChartStyle.add(data, r, s, ChartStyle.color(i), strokes[Math.min(line, strokes.length - 1)], null);
                line++;
            }
        }
        double lower = ChartStyle.decadeBelow(Math.max(lowest / 3, TransientChart.FLOOR));
        double upper = ChartStyle.impurityCeiling(Math.max(highest, Math.max(lowest, lower) * 30));
        NumberAxis days = ChartStyle.numberAxis("time since start (days)", false);
        days.setRange(0, end > 0 ? end : 1);
        XYPlot plot = ChartStyle.plot(days, ChartStyle.purityAxis("outlet purity (log scale of 1 − purity)",
                lower, upper));
        plot.setDataset(data);
        plot.setRenderer(r);
        if (!rows.isEmpty()) {
            // one line per target value, naming every product that has it
            java.util.Map<Double, List<String>> byValue = new java.util.LinkedHashMap<>();
            for (StartupComparison.Use u : rows.get(0).targets()) {
                byValue.computeIfAbsent(u.target(), v -> new java.util.ArrayList<>()).add(u.name());
            }
            byValue.forEach((target, products) -> plot.addRangeMarker(ChartStyle.marker(1 - target,
                    String.join(", ", products) + " target " + ChartStyle.percent(target), ChartStyle.GREY,
                    ChartStyle.DOTTED, ChartStyle.LabelAt.RIGHT)));
        }
        String model = rows.isEmpty() ? "" : rows.get(0).result().model().name();
        return ChartStyle.chart("Outlet purity by start-up strategy: " + model, String.format(Locale.ROOT,
                "%d strategies; during total reflux the purity is that of the stream returned", rows.size()), plot);
    }
}
