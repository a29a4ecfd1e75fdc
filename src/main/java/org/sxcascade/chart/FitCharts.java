package org.sxcascade.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sxcascade.fit.FitResult;

/**
 * The charts of {@code sxcascade fit}: parity (predicted against measured D, log axes, with the
 * line predicted = measured) and the residuals of log10 D against the equilibrium pH the fitted
 * model computes for each experiment. One series per rare earth, keyed by its symbol; the parity
 * chart adds the series {@code "predicted = measured"}, the residual chart {@code "zero"}.
 */
public final class FitCharts {
    private FitCharts() {
    }

    /**
     * The three charts, named {@code <stem>-parity}, {@code <stem>-residuals-ph} and {@code
     * <stem>-residuals-loading}; the parity chart alone when no point has an equilibrium pH.
     */
    public static List<NamedChart> of(String stem, FitResult fit) {
        if (java.util.Arrays.stream(fit.pH()).allMatch(Double::isNaN)) {
            // a separation-factor fit whose mass-action companion failed: no pH or loading to plot against
            return List.of(new NamedChart(stem + "-parity", parity(fit)));
        }
        return List.of(new NamedChart(stem + "-parity", parity(fit)),
                new NamedChart(stem + "-residuals-ph", residualsAgainstPH(fit)),
                new NamedChart(stem + "-residuals-loading", residualsAgainstLoading(fit)));
    }

    /**
     * The loading of each point's experiment: the fraction of the extractant bound at equilibrium,
     * 1 − [(HA)₂]free / [(HA)₂]total (dimer, half the monomer column), as the fitted model computes it.
     */
    static double loading(FitResult fit, int i) {
        double total = fit.selection().rows().get(fit.selection().pointRow()[i]).extractant() / 2;
        return 1 - fit.freeDimer()[i] / total;
    }

    /** The shake-out file's name as a chart file stem: {@code cases/data/Li 1987.csv} gives {@code li-1987}. */
    public static String dataStem(String file) {
        String name = file.toLowerCase(Locale.ROOT).endsWith(".csv") ? file.substring(0, file.length() - 4) : file;
        return NamedChart.caseStem(name);
    }

    private static String subtitle(FitResult fit) {
        return String.format(Locale.ROOT, "%s fit, %d points, RMS log10 D %.3f; %s", fit.model(), fit.pointCount(),
                fit.rmsLog10D(), fit.selection().data().file());
    }

    /** Predicted against measured D, log–log, one series per rare earth. */
    public static JFreeChart parity(FitResult fit) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = ChartStyle.renderer();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < fit.pointCount(); i++) {
            lo = Math.min(lo, Math.min(fit.measured()[i], fit.predicted(i)));
            hi = Math.max(hi, Math.max(fit.measured()[i], fit.predicted(i)));
        }
        double lower = ChartStyle.decadeBelow(Math.pow(10, lo));
        double upper = ChartStyle.decadeAbove(Math.pow(10, hi));
        XYSeries line = new XYSeries("predicted = measured", false, true);
        line.add(lower, lower);
        line.add(upper, upper);
        ChartStyle.add(data, r, line, ChartStyle.GREY, ChartStyle.THIN, null);
        for (XYSeries s : perElement(fit, true)) {
            ChartStyle.add(data, r, s, ChartStyle.color(data.getSeriesCount() - 1), null, ChartStyle.dot(7));
        }
        LogAxis x = ChartStyle.logAxis("measured D", lower, upper);
        LogAxis y = ChartStyle.logAxis("predicted D", lower, upper);
        XYPlot plot = ChartStyle.plot(x, y);
        plot.setDataset(data);
        plot.setRenderer(r);
        return ChartStyle.chart("Parity: predicted against measured distribution ratio", subtitle(fit), plot);
    }

    /** Residual log10 D (predicted − measured) against the loading of each point's experiment. */
    public static JFreeChart residualsAgainstLoading(FitResult fit) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = ChartStyle.renderer();
        XYSeries zero = new XYSeries("zero", false, true);
        zero.add(0, 0);
        zero.add(1, 0);
        ChartStyle.add(data, r, zero, ChartStyle.GREY, ChartStyle.THIN, null);
        List<String> el = fit.selection().elements();
        List<XYSeries> series = new ArrayList<>();
        for (String e : el) {
            series.add(new XYSeries(e, false, true));
        }
        for (int i = 0; i < fit.pointCount(); i++) {
            series.get(fit.selection().pointElement()[i]).add(loading(fit, i), fit.predicted(i) - fit.measured()[i]);
        }
        for (XYSeries s : series) {
            ChartStyle.add(data, r, s, ChartStyle.color(data.getSeriesCount() - 1), null, ChartStyle.dot(7));
        }
        NumberAxis x = ChartStyle.numberAxis("loading: fraction of the extractant bound at equilibrium (as fitted)",
                false);
        NumberAxis y = ChartStyle.numberAxis("residual log10 D, predicted − measured", false);
        XYPlot plot = ChartStyle.plot(x, y);
        plot.setDataset(data);
        plot.setRenderer(r);
        return ChartStyle.chart("Residuals against loading", subtitle(fit), plot);
    }

    /** Residual log10 D (predicted − measured) against the equilibrium pH of each point's experiment. */
    public static JFreeChart residualsAgainstPH(FitResult fit) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = ChartStyle.renderer();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double p : fit.pH()) {
            lo = Math.min(lo, p);
            hi = Math.max(hi, p);
        }
        XYSeries zero = new XYSeries("zero", false, true);
        zero.add(lo, 0);
        zero.add(hi, 0);
        ChartStyle.add(data, r, zero, ChartStyle.GREY, ChartStyle.THIN, null);
        for (XYSeries s : perElement(fit, false)) {
            ChartStyle.add(data, r, s, ChartStyle.color(data.getSeriesCount() - 1), null, ChartStyle.dot(7));
        }
        NumberAxis x = ChartStyle.numberAxis("pH at equilibrium (as fitted)", false);
        NumberAxis y = ChartStyle.numberAxis("residual log10 D, predicted − measured", false);
        XYPlot plot = ChartStyle.plot(x, y);
        plot.setDataset(data);
        plot.setRenderer(r);
        return ChartStyle.chart("Residuals against equilibrium pH", subtitle(fit), plot);
    }

    /** One series per rare earth: (measured D, predicted D) for parity, else (pH, residual). */
    private static List<XYSeries> perElement(FitResult fit, boolean parity) {
        List<String> el = fit.selection().elements();
        List<XYSeries> series = new ArrayList<>();
        for (String e : el) {
            series.add(new XYSeries(e, false, true));
        }
        for (int i = 0; i < fit.pointCount(); i++) {
            XYSeries s = series.get(fit.selection().pointElement()[i]);
            if (parity) {
                s.add(Math.pow(10, fit.measured()[i]), Math.pow(10, fit.predicted(i)));
            } else {
                s.add(fit.pH()[i], fit.predicted(i) - fit.measured()[i]);
            }
        }
        return series;
    }
}
