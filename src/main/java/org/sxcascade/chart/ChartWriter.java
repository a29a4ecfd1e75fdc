package org.sxcascade.chart;

import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.MeetOrSlice;
import org.jfree.svg.PreserveAspectRatio;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;
import org.sxcascade.model.InvalidInputException;

/**
 * Renders charts headless: PNG through Java2D's bitmap, SVG through JFreeSVG. Nothing here needs
 * a display; the JVM is switched to headless mode when this class loads, unless the caller chose
 * otherwise.
 */
public final class ChartWriter {
    /** Default width, pixels (PNG) or user units (SVG). */
    public static final int DEFAULT_WIDTH = 900;
    /** Default height. */
    public static final int DEFAULT_HEIGHT = 600;
    /** Smallest width or height. */
    public static final int MIN_SIZE = 200;
    /** Largest width or height. */
    public static final int MAX_SIZE = 6000;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartWriter() {
    }

    /**
     * Checks a chart size.
     *
     * @param field the option that gave it, for the message
     * @throws InvalidInputException outside {@value #MIN_SIZE} … {@value #MAX_SIZE}
     */
    public static void checkSize(String field, int width, int height) {
        if (width < MIN_SIZE || width > MAX_SIZE || height < MIN_SIZE || height > MAX_SIZE) {
            throw new InvalidInputException(field, width + "x" + height,
                    "a width and height from " + MIN_SIZE + " to " + MAX_SIZE + " pixels, e.g. 900x600");
        }
    }

    /** The chart as PNG bytes of the given size in pixels. */
    public static byte[] png(JFreeChart chart, int width, int height) {
        checkSize("size", width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a memory stream does not fail
        }
        return out.toByteArray();
    }

    /** The chart as a standalone SVG document of the given size. */
    public static String svg(JFreeChart chart, int width, int height) {
        return draw(chart, width, height, "", null).getSVGDocument();
    }

    /**
     * The chart as an {@code <svg>} element to place inside an HTML page: no fixed size (it scales
     * to its container through its view box) and element ids prefixed with {@code id} so that
     * several charts can share one page.
     *
     * @param id a page-unique id of letters, digits and dashes
     */
    public static String inlineSvg(JFreeChart chart, int width, int height, String id) {
        if (id == null || !id.matches("[A-Za-z][A-Za-z0-9-]*")) {
            throw new IllegalArgumentException("an element id of letters, digits and dashes: " + id);
        }
        SVGGraphics2D g2 = draw(chart, width, height, id + "-", null);
        return g2.getSVGElement(id, false, new ViewBox(0, 0, width, height), PreserveAspectRatio.XMID_YMID,
                MeetOrSlice.MEET);
    }

    /**
     * Draws the chart into an SVG canvas and fills {@code info} (when given) with where the plot
     * area and the entities ended up, as tests use to find data points in the SVG.
     */
    static SVGGraphics2D draw(JFreeChart chart, int width, int height, String defsPrefix, ChartRenderingInfo info) {
        checkSize("size", width, height);
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix(defsPrefix);
        // coordinates to 1/100 of a unit: a fifth of the file size of full precision, and finer
        // than any screen or printer resolves at the default sizes
        g2.setGeomDoubleConverter(ChartWriter::centi);
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height), info);
        return g2;
    }

    private static String centi(double v) {
        double r = Math.rint(v * 100) / 100;
        if (r == (long) r) {
            return Long.toString((long) r);
        }
        return Double.toString(r);
    }

    /** Writes the chart in the format to the stream. */
    public static void write(JFreeChart chart, ChartFormat format, int width, int height, OutputStream out)
            throws IOException {
        out.write(format == ChartFormat.PNG ? png(chart, width, height)
                : svg(chart, width, height).getBytes(StandardCharsets.UTF_8));
    }
}
