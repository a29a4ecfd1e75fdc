package org.sxcascade.chart;

import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sxcascade.dynamics.TargetTime;
import org.sxcascade.dynamics.Times;
import org.sxcascade.dynamics.TransientEvent;
import org.sxcascade.dynamics.TransientResult;
import org.sxcascade.dynamics.TransientResult.Product;
import org.sxcascade.dynamics.TransientSample;

/**
 * A start-up (or any transient run) of any model: the purity of every graded product against time
 * in days, on the purity axis of {@link ChartStyle#purityAxis} (log of 1 − purity, purer is
 * higher), with each purity target as a line and the time each product reached its target (and
 * held it) marked; events are marked too.
 *
 * <p>Series keys: each product's name in text ({@link Product#label()}: {@code "loaded organic"},
 * {@code "raffinate"}, {@code "strip liquor"}, a side draw's name) in dataset 0, in the order of
 * {@link TransientResult#products()}, colours from {@link ChartStyle#PALETTE}; x is the sample time
 * in days, y is 1 − purity of the sample, floored at {@link #FLOOR}. Samples while nothing leaves
 * a product (purity undefined) are left out. Dataset 1, on a second axis, holds each product's RE
 * flow over its final steady flow ({@link TransientResult#steadyProductFlows()}), as a product
 * counts as on target only near its steady flow.
 */
public final class TransientChart {
    /** The smallest impurity drawn: purer samples are drawn at this level. */
    public static final double FLOOR = ChartStyle.FLOOR;

    private TransientChart() {
    }

    private static java.awt.Color color(int i) {
        return ChartStyle.PALETTE[i % ChartStyle.PALETTE.length];
    }

    /** The purity-against-time chart of a run. */
    public static JFreeChart of(TransientResult result) {
        List<Product> products = result.products();
        int graded = result.model().graded().size();
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = ChartStyle.renderer();
        XYSeriesCollection flows = new XYSeriesCollection();
        XYLineAndShapeRenderer fr = ChartStyle.renderer();
        double[] steadyFlows = result.steadyProductFlows();
        double lowest = 1;
        double highest = FLOOR;
        for (int i = 0; i < products.size(); i++) {
            if (!result.model().graded(products.get(i).outlet())) {
                continue;
            }
            XYSeries purity = new XYSeries(products.get(i).label(), false, true);
            XYSeries flow = new XYSeries(products.get(i).label() + " flow / steady flow", false, true);
            for (TransientSample s : result.samples()) {
                double p = s.purity(i);
                if (!Double.isNaN(p)) {
                    double impurity = Math.max(1 - p, FLOOR);
                    purity.add(s.days(), impurity);
                    lowest = Math.min(lowest, impurity);
                    highest = Math.max(highest, impurity);
                }
                if (steadyFlows[i] > 0) {
                    double re = 0;
                    for (int j = 0; j < graded; j++) {
                        re += s.productFlow(i, j);
                    }
                    flow.add(s.days(), re / steadyFlows[i]);
                }
            }
            ChartStyle.add(data, r, purity, color(i), ChartStyle.SOLID, null);
            ChartStyle.add(flows, fr, flow, color(i), ChartStyle.DOTTED, null);
        }
        for (TargetTime t : result.targets()) {
            lowest = Math.min(lowest, 1 - t.target());
            highest = Math.max(highest, 1 - t.target());
        }
        double lower = ChartStyle.decadeBelow(Math.max(lowest / 3, FLOOR));
        double upper = ChartStyle.impurityCeiling(Math.max(highest, Math.max(lowest, lower) * 30));
        NumberAxis days = ChartStyle.numberAxis("time since start (days)", false);
        double end = result.end().days();
        days.setRange(0, end > 0 ? end : 1);
        XYPlot plot = ChartStyle.plot(days, ChartStyle.purityAxis("outlet purity (log scale of 1 − purity)",
                lower, upper));
        plot.setDataset(data);
        plot.setRenderer(r);

        // the products' flows relative to their final steady flows, on a second axis: a product
        // only counts once it flows at (nearly) its steady rate
        NumberAxis flowAxis = ChartStyle.numberAxis("product flow / final steady flow (dotted)", false);
        flowAxis.setLabelFont(ChartStyle.LABEL);
        flowAxis.setTickLabelFont(ChartStyle.TICK);
        flowAxis.setRange(0, 1.1);
        plot.setRangeAxis(1, flowAxis);
        plot.setDataset(1, flows);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, fr);

        for (TargetTime t : result.targets()) {
            int i = result.productIndex(t.product());
            boolean organicProduct = products.get(i).organic();
            var color = color(i);
            String group = String.join("+", t.purityOf());
            plot.addRangeMarker(ChartStyle.marker(1 - t.target(), group + " target " + ChartStyle.percent(t.target()),
                    color, ChartStyle.DOTTED, organicProduct ? ChartStyle.LabelAt.RIGHT : ChartStyle.LabelAt.LEFT));
            if (t.reached()) {
                plot.addDomainMarker(ChartStyle.marker(t.hours() / Times.HOURS_PER_DAY, String.format(Locale.ROOT,
                        "%s on target: %.2f d", group, t.hours() / Times.HOURS_PER_DAY), color, ChartStyle.DASHED,
                        organicProduct ? ChartStyle.LabelAt.BOTTOM : ChartStyle.LabelAt.TOP));
            }
        }
        List<TransientEvent> events = result.settings().events();
        for (int i = 0; i < events.size(); i++) {
            plot.addDomainMarker(ChartStyle.marker(events.get(i).hours() / Times.HOURS_PER_DAY,
                    "event " + (i + 1), ChartStyle.GREY, ChartStyle.DOTTED, ChartStyle.LabelAt.BOTTOM, 1 + i % 3));
        }
        int[] sections = result.model().sections();
        String stages = sections[2] > 0 ? String.format(Locale.ROOT, "%d + %d + %d", sections[0], sections[1],
                sections[2]) : String.format(Locale.ROOT, "%d + %d", sections[0], sections[1]);
        String subtitle = String.format(Locale.ROOT, "%s stages, %s simulation; a product counts as on target "
                + "once its purity and flow hold to the end", stages, result.method());
        return ChartStyle.chart("Outlet purity during start-up: " + result.model().name(), subtitle, plot);
    }
}
