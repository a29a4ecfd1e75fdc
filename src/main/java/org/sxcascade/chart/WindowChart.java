package org.sxcascade.chart;

import java.awt.Color;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sxcascade.window.ControlInput;
import org.sxcascade.window.OperatingWindow;

/**
 * The feasible region of an operating window ({@link OperatingWindow.Region}): the grid of the
 * two main inputs in the case file's units, the points where every target holds shaded, the
 * points that miss a target (or cannot be computed) as small dots, and the case's operating point.
 *
 * <p>Series keys: {@code "every target met"}, {@code "a target missed"}, {@code "not computed"}
 * (only when some point failed) and {@code "case"}.
 */
public final class WindowChart {
    private static final Color FEASIBLE = new Color(0x9AD9C2);

    private WindowChart() {
    }

    /** The chart of a window's region, or {@code null} when it has none. */
    /**
     * The charts with, when the window was computed with a feasible region, its chart appended
     * (named {@code <stem>-window}).
     */
    public static java.util.List<NamedChart> appendTo(java.util.List<NamedChart> charts, String stem,
                                                      OperatingWindow window) {
        java.util.List<NamedChart> all = new java.util.ArrayList<>(charts == null ? java.util.List.of() : charts);
        NamedChart w = window == null ? null : of(stem, window);
        if (w != null) {
            all.add(w);
        }
        return all;
    }

    public static NamedChart of(String stem, OperatingWindow window) {
        OperatingWindow.Region r = window.region();
        if (r == null) {
            return null;
        }
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = ChartStyle.renderer();
        DefaultXYZDataset cells = new DefaultXYZDataset();
        int count = r.feasiblePoints();
        double[][] xyz = new double[3][count];
        XYSeries missed = new XYSeries("a target missed", false, true);
        XYSeries failed = new XYSeries("not computed (invalid or no convergence)", false, true);
        int k = 0;
        for (int i = 0; i < r.ys().length; i++) {
            for (int j = 0; j < r.xs().length; j++) {
                if (r.met()[i][j]) {
                    xyz[0][k] = r.xs()[j];
                    xyz[1][k] = r.ys()[i];
                    xyz[2][k++] = 1;
                } else {
                    (Double.isNaN(r.margin()[i][j]) ? failed : missed).add(r.xs()[j], r.ys()[i]);
                }
            }
        }
        cells.addSeries("every target met", xyz);
        XYBlockRenderer blocks = new XYBlockRenderer();
        blocks.setBlockWidth(r.xs()[1] - r.xs()[0]);
        blocks.setBlockHeight(r.ys()[1] - r.ys()[0]);
        blocks.setPaintScale(new LookupPaintScale(0, 2, FEASIBLE));
        blocks.setDefaultSeriesVisibleInLegend(true);
        ChartStyle.add(data, renderer, missed, ChartStyle.GREY, null, ChartStyle.dot(3));
        if (failed.getItemCount() > 0) {
            ChartStyle.add(data, renderer, failed, ChartStyle.PURPLE, null, ChartStyle.dot(5));
        }
        XYSeries point = new XYSeries("case", false, true);
        point.add(r.x().value(), r.y().value());
        ChartStyle.add(data, renderer, point, ChartStyle.VERMILLION, null, ChartStyle.dot(11));
        NumberAxis x = ChartStyle.numberAxis(axisLabel(r.x()), false);
        NumberAxis y = ChartStyle.numberAxis(axisLabel(r.y()), false);
        XYPlot plot = ChartStyle.plot(x, y);
        plot.setDataset(0, data);
        plot.setRenderer(0, renderer);
        plot.setDataset(1, cells);
        plot.setRenderer(1, blocks);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE); // the cells first, the points over them
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem("every target met", null, null, null, ChartStyle.square(10), FEASIBLE));
        for (int i = 0; i < data.getSeriesCount(); i++) {
            legend.add(renderer.getLegendItem(0, i));
        }
        plot.setFixedLegendItems(legend);
        String subtitle = String.format(Locale.ROOT, "%s; %d × %d grid, the other inputs at the case's values; "
                + "%d points meet every target", window.name(), r.xs().length, r.ys().length, r.feasiblePoints());
        return new NamedChart(stem + "-window", ChartStyle.chart("Operating window: " + r.x().label() + " and "
                + r.y().label(), subtitle, plot));
    }

    private static String axisLabel(ControlInput in) {
        return in.label() + ", " + in.field() + (in.unit().isEmpty() ? "" : " (" + in.unit() + ")");
    }
}
