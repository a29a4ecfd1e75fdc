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
import org.sxcascade.dynamics.TransientEvent;
import org.sxcascade.dynamics.TransientResult;
import org.sxcascade.dynamics.TransientSample;
import org.sxcascade.dynamics.Times;

/**
 * A start-up (or any transient run): the purity of both outlets against time in days, on the
 * purity axis of {@link ChartStyle#purityAxis} (log of 1 − purity, purer is higher), with each
 * purity target as a line and the time each product reached its target (and held it) marked;
 * events are marked too.
 *
 * <p>Series keys: {@code "loaded organic (A)"} and {@code "raffinate (B)"} in dataset 0; x is the
 * sample time in days, y is 1 − purity of the sample ({@link TransientSample#organicPurity()} and
 * {@link TransientSample#aqueousPurity()}), floored at {@link #FLOOR}. Samples while nothing leaves
 * a product (purity undefined) are left out. Dataset 1, on a second axis, holds each product's
 * flow over its final steady flow ({@link TransientResult#steadyProductFlow(boolean)}), as a
 * product counts as on target only near its steady flow.
 */
public final class TransientChart {
    /** The smallest impurity drawn: purer samples are drawn at this level. */
    public static final double FLOOR = ChartStyle.FLOOR;

    private TransientChart() {
    }

    /** The purity-against-time chart of a run. */
    public static JFreeChart of(TransientResult result) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = ChartStyle.renderer();
        XYSeries organic = new XYSeries("loaded organic (A)", false, true);
        XYSeries aqueous = new XYSeries("raffinate (B)", false, true);
        double lowest = 1;
        double highest = FLOOR;
        for (TransientSample s : result.samples()) {
            for (int p = 0; p < 2; p++) {
                double purity = p == 0 ? s.organicPurity() : s.aqueousPurity();
                if (Double.isNaN(purity)) {
                    continue;
                }
                double impurity = Math.max(1 - purity, FLOOR);
                (p == 0 ? organic : aqueous).add(s.days(), impurity);
                lowest = Math.min(lowest, impurity);
                highest = Math.max(highest, impurity);
            }
        }
        ChartStyle.add(data, r, organic, ChartStyle.BLUE, ChartStyle.SOLID, null);
        ChartStyle.add(data, r, aqueous, ChartStyle.VERMILLION, ChartStyle.SOLID, null);
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
        XYSeriesCollection flows = new XYSeriesCollection();
        XYLineAndShapeRenderer fr = ChartStyle.renderer();
        XYSeries organicFlow = new XYSeries("loaded organic flow / steady flow", false, true);
        XYSeries aqueousFlow = new XYSeries("raffinate flow / steady flow", false, true);
        double steadyOrganic = result.steadyProductFlow(true);
        double steadyAqueous = result.steadyProductFlow(false);
        for (TransientSample s : result.samples()) {
            if (steadyOrganic > 0) {
                organicFlow.add(s.days(), TransientSample.total(s.organicFlow()) / steadyOrganic);
            }
            if (steadyAqueous > 0) {
                aqueousFlow.add(s.days(), TransientSample.total(s.aqueousFlow()) / steadyAqueous);
            }
        }
        ChartStyle.add(flows, fr, organicFlow, ChartStyle.BLUE, ChartStyle.DOTTED, null);
        ChartStyle.add(flows, fr, aqueousFlow, ChartStyle.VERMILLION, ChartStyle.DOTTED, null);
        NumberAxis flowAxis = ChartStyle.numberAxis("product flow / final steady flow (dotted)", false);
        flowAxis.setLabelFont(ChartStyle.LABEL);
        flowAxis.setTickLabelFont(ChartStyle.TICK);
        flowAxis.setRange(0, 1.1);
        plot.setRangeAxis(1, flowAxis);
        plot.setDataset(1, flows);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, fr);

        for (TargetTime t : result.targets()) {
            boolean organicProduct = t.product().equals("organic");
            var color = organicProduct ? ChartStyle.BLUE : ChartStyle.VERMILLION;
            String group = String.join("+", t.purityOf());
            plot.addRangeMarker(ChartStyle.marker(1 - t.target(), group + " target " + ChartStyle.percent(t.target()),
                    color, ChartStyle.DOTTED, organicProduct ? ChartStyle.LabelAt.RIGHT : ChartStyle.LabelAt.LEFT));
            if (t.reached()) {
                plot.addDomainMarker(ChartStyle.marker(t.hours() / Times.HOURS_PER_DAY, String.format(Locale.ROOT,
                        "%s on target: %.2f d", group, t.hours() / Times.HOURS_PER_DAY), color, ChartStyle.DASHED,
                        organicProduct ? ChartStyle.LabelAt.BOTTOM : ChartStyle.LabelAt.TOP));
            }
        }
        List<TransientEvent> events = result.transientCase().settings().events();
        for (int i = 0; i < events.size(); i++) {
            plot.addDomainMarker(ChartStyle.marker(events.get(i).hours() / Times.HOURS_PER_DAY,
                    "event " + (i + 1), ChartStyle.GREY, ChartStyle.DOTTED, ChartStyle.LabelAt.BOTTOM, 1 + i % 3));
        }
        var cascade = result.transientCase().cascadeCase();
        String subtitle = String.format(Locale.ROOT, "%d + %d stages, %s simulation; a product counts as on target "
                        + "once its purity and flow hold to the end", cascade.cascade().extractionStages(),
                cascade.cascade().scrubStages(), result.method());
        return ChartStyle.chart("Outlet purity during start-up: " + cascade.name(), subtitle, plot);
    }
}
