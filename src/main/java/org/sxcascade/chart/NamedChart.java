package org.sxcascade.chart;

import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;

/**
 * A chart with the file name it is written under.
 *
 * @param fileStem file name without extension: lower-case letters, digits, dots and dashes, saying
 *                 what the chart shows (e.g. {@code zhang-binary-profile})
 * @param chart    the chart
 */
public record NamedChart(String fileStem, JFreeChart chart) {
    private static final Pattern STEM = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    public NamedChart {
        if (fileStem == null || !STEM.matcher(fileStem).matches()) {
            throw new IllegalArgumentException("a chart file stem of lower-case letters, digits, '.' and '-': "
                    + fileStem);
        }
        if (chart == null) {
            throw new IllegalArgumentException("chart");
        }
    }

    /** The chart's title. */
    public String title() {
        return chart.getTitle() == null ? fileStem : chart.getTitle().getText();
    }

    /**
     * The start of chart file names made from a case file's name: {@code cases/Zhang binary.yaml}
     * gives {@code zhang-binary}.
     */
    public static String caseStem(String caseFileName) {
        String base = caseFileName == null ? "cascade" : caseFileName;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1);
        if (base.endsWith(".yaml") || base.endsWith(".yml")) {
            base = base.substring(0, base.lastIndexOf('.'));
        }
        base = base.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^[-.]+|-+$", "");
        return base.isEmpty() ? "cascade" : base;
    }
}
