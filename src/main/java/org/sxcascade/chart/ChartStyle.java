package org.sxcascade.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The look shared by every chart: Java's logical sans-serif font (DejaVu Sans on most Linux
 * systems, see docs/charts.md), the Okabe–Ito colour-blind-safe palette, light grid lines, legend
 * below the plot.
 */
final class ChartStyle {
    /** The smallest fraction or impurity a log axis shows: smaller values run off the plot. */
    static final double FLOOR = 1e-12;

    static final Color BLUE = new Color(0x0072B2);
    static final Color VERMILLION = new Color(0xD55E00);
    static final Color GREEN = new Color(0x009E73);
    static final Color PURPLE = new Color(0xCC79A7);
    static final Color ORANGE = new Color(0xE69F00);
    static final Color SKY = new Color(0x56B4E9);
    static final Color GREY = new Color(0x6E6E6E);
    static final Color[] PALETTE = {BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, Color.BLACK, new Color(0x8C6D31)};

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    static final Stroke SOLID = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke THIN = new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {7f, 4f}, 0f);
    static final Stroke DOTTED = new BasicStroke(1.3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {2f, 3f}, 0f);

    private ChartStyle() {
    }

    static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    static Shape dot(double size) {
        return new Ellipse2D.Double(-size / 2, -size / 2, size, size);
    }

    static Shape square(double size) {
        return new Rectangle2D.Double(-size / 2, -size / 2, size, size);
    }

    /** An XY plot on white with light grid lines. */
    static XYPlot plot(ValueAxis x, ValueAxis y) {
        for (ValueAxis a : new ValueAxis[] {x, y}) {
            a.setLabelFont(LABEL);
            a.setTickLabelFont(TICK);
            a.setLabelPaint(Color.DARK_GRAY);
            a.setTickLabelPaint(Color.DARK_GRAY);
        }
        XYPlot plot = new XYPlot(null, x, y, null);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setDomainGridlineStroke(new BasicStroke(0.8f));
        plot.setRangeGridlineStroke(new BasicStroke(0.8f));
        plot.setOutlinePaint(Color.GRAY);
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
        return plot;
    }

    /** A chart with a title, an optional subtitle and the legend below. */
    static JFreeChart chart(String title, String subtitle, XYPlot plot) {
        flipLabelsNearTheRightEdge(plot);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (subtitle != null && !subtitle.isBlank()) {
            TextTitle sub = new TextTitle(subtitle, SUBTITLE);
            sub.setPaint(Color.DARK_GRAY);
            chart.addSubtitle(sub);
        }
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(NOTE);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        return chart;
    }

    static NumberAxis numberAxis(String label, boolean integerTicks) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(false);
        if (integerTicks) {
            a.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        }
        return a;
    }

    /** A logarithmic axis over [lower, upper] with ticks at the powers of ten. */
    static LogAxis logAxis(String label, double lower, double upper) {
        LogAxis a = new LogAxis(label);
        a.setSmallestValue(Math.min(lower, 1e-300));
        // a hair outside the decades, so that rounding in pow(10, k) does not drop their ticks
        a.setRange(lower * (1 - 1e-9), upper * (1 + 1e-9));
        a.setAutoRange(false);
        // ticks at whole decades (every k-th decade over a wide range), labelled 10^-3, not 10^-3.0
        double decades = Math.log10(upper / lower);
        // (a range of whole decades: ticks every decade, or every k-th on a very wide range)
        int step = (int) Math.max(1, Math.ceil(decades / 12));
        a.setTickUnit(new NumberTickUnit(step, new java.text.DecimalFormat("0")), false, true);
        a.setMinorTickCount(step == 1 ? 9 : step);
        a.setMinorTickMarksVisible(true);
        return a;
    }

    /**
     * An axis of purity on the "number of nines" scale: it plots the impurity 1 − P on a log scale,
     * turned upside down so that purer is higher, and labels each tick with the purity (1e-3 reads
     * "99.9%"). Values in the dataset are impurities.
     */
    static LogAxis purityAxis(String label, double lowestImpurity, double highestImpurity) {
        LogAxis a = logAxis(label, lowestImpurity, highestImpurity);
        a.setLabelFont(LABEL);
        a.setInverted(true);
        a.setNumberFormatOverride(new PurityFormat());
        return a;
    }

    /**
     * The top of a purity axis (its largest impurity): the decade above the data, but 0.5 (a
     * purity of 50 %) rather than 1 when the data stay below it, so that no tick reads "0%".
     */
    static double impurityCeiling(double highestImpurity) {
        double upper = Math.min(1, decadeAbove(highestImpurity * 1.0001));
        return upper >= 1 && highestImpurity <= 0.5 ? 0.5 : upper;
    }

    /** Rounds down to a power of ten. */
    static double decadeBelow(double x) {
        return Math.pow(10, Math.floor(Math.log10(x) + 1e-9));
    }

    /** Rounds up to a power of ten. */
    static double decadeAbove(double x) {
        return Math.pow(10, Math.ceil(Math.log10(x) - 1e-9));
    }

    static XYLineAndShapeRenderer renderer() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        r.setAutoPopulateSeriesStroke(false);
        r.setAutoPopulateSeriesPaint(false);
        r.setAutoPopulateSeriesShape(false);
        r.setDefaultStroke(SOLID);
        r.setDefaultPaint(BLUE);
        return r;
    }

    /** Adds a series drawn as a line (and shapes when {@code shape} is given). */
    static int add(XYSeriesCollection data, XYLineAndShapeRenderer r, XYSeries series, Color color,
                   Stroke stroke, Shape shape) {
        int i = data.getSeriesCount();
        data.addSeries(series);
        r.setSeriesPaint(i, color);
        r.setSeriesStroke(i, stroke);
        r.setSeriesLinesVisible(i, stroke != null);
        if (shape != null) {
            r.setSeriesShape(i, shape);
            r.setSeriesShapesVisible(i, true);
            r.setSeriesShapesFilled(i, true);
        } else {
            r.setSeriesShapesVisible(i, false);
        }
        return i;
    }

    /** Where a marker's label goes. */
    enum LabelAt { TOP, BOTTOM, LEFT, RIGHT }

    /**
     * A marker line with a label: vertical (a domain marker) with its label at the TOP or BOTTOM
     * of the plot, or horizontal (a range marker) with its label at the LEFT or RIGHT end.
     */
    static ValueMarker marker(double value, String label, Color color, Stroke stroke, LabelAt at) {
        return marker(value, label, color, stroke, at, 0);
    }

    /** As {@link #marker(double, String, Color, Stroke, LabelAt)}, the label moved inwards by {@code row} lines. */
    static ValueMarker marker(double value, String label, Color color, Stroke stroke, LabelAt at, int row) {
        ValueMarker m = new ValueMarker(value, color, stroke);
        m.setLabel(label);
        m.setLabelFont(NOTE);
        m.setLabelPaint(color.darker());
        m.setLabelBackgroundColor(new Color(255, 255, 255, 110));
        switch (at) {
            case TOP -> {
                m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            }
            case BOTTOM -> {
                m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
                m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            }
            case LEFT -> {
                m.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
                m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            }
            case RIGHT -> {
                m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
                m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            }
        }
        double shift = 17.0 * row;
        m.setLabelOffset(new RectangleInsets(3 + (at == LabelAt.TOP ? shift : 0), 4,
                3 + (at == LabelAt.BOTTOM || at == LabelAt.LEFT || at == LabelAt.RIGHT ? shift : 0), 4));
        return m;
    }

    /**
     * Puts the labels of vertical markers in the right quarter of the x axis on the left of their
     * line, so that they are not cut off at the plot's edge.
     */
    static void flipLabelsNearTheRightEdge(XYPlot plot) {
        var markers = plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
        if (markers == null) {
            return;
        }
        var range = plot.getDomainAxis().getRange();
        for (Object o : markers) {
            ValueMarker m = (ValueMarker) o;
            if (m.getValue() > range.getLowerBound() + 0.72 * range.getLength()) {
                boolean top = m.getLabelAnchor() == RectangleAnchor.TOP_RIGHT;
                m.setLabelAnchor(top ? RectangleAnchor.TOP_LEFT : RectangleAnchor.BOTTOM_LEFT);
                m.setLabelTextAnchor(top ? TextAnchor.TOP_RIGHT : TextAnchor.BOTTOM_RIGHT);
            }
        }
    }

    /** An impurity or small fraction as a short percentage: 0.001 → "0.1%", 2.5e-5 → "0.0025%". */
    static String shortPercent(double fraction) {
        return new java.math.BigDecimal(100 * fraction).round(new java.math.MathContext(3)).stripTrailingZeros()
                .toPlainString() + "%";
    }

    /** Percentage with as many decimals as the value needs, e.g. 0.999 → "99.9%". */
    static String percent(double purity) {
        return PurityFormat.purity(1 - purity);
    }

    /** Tick labels of the purity axis: an impurity v is shown as the purity 1 − v in percent. */
    static final class PurityFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        static String purity(double impurity) {
            if (!(impurity > 0)) {
                return "100%";
            }
            if (impurity >= 1) {
                return "0%";
            }
            // enough decimals to tell 99.9% from 99.99%: one per decade below 1%, one more off a power of ten
            double decades = -Math.log10(impurity);
            int decimals = (int) Math.max(0, Math.ceil(decades - 2 - 1e-9));
            if (Math.abs(decades - Math.rint(decades)) > 1e-6) {
                decimals++;
            }
            decimals = Math.min(decimals, 14);
            return String.format(Locale.ROOT, "%." + decimals + "f%%", 100 * (1 - impurity));
        }

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(purity(number));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return format((double) number, toAppendTo, pos);
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            return null; // tick labels are only written
        }
    }
}
