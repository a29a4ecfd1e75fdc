package org.sxcascade.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.Test;
import org.sxcascade.io.CaseReader;
import org.sxcascade.window.MonteCarlo;

/** The purity histogram of a Monte Carlo: every converged draw in one bin, the target line, names. */
class HistogramChartTest {
    @Test
    void everyDrawIsBinnedOnceAndTheTargetIsMarked() throws Exception {
        var tree = new CaseReader().readTree(java.nio.file.Path.of("cases/pr-nd-p507.yaml"));
        MonteCarlo mc = MonteCarlo.run(tree, new MonteCarlo.Sigma(0.03, 0, 0), 300, 7, null);
        List<NamedChart> charts = HistogramChart.appendTo(List.of(), "pr-nd-p507", mc);
        assertThat(charts).extracting(NamedChart::fileStem).containsExactly(
                "pr-nd-p507-histogram-organic-purity-of-nd", "pr-nd-p507-histogram-aqueous-purity-of-pr");
        for (int t = 0; t < 2; t++) {
            MonteCarlo.TargetSpread s = mc.targets().get(t);
            XYPlot plot = charts.get(t).chart().getXYPlot();
            IntervalXYDataset data = (IntervalXYDataset) plot.getDataset();
            int total = 0;
            int purer = 0; // draws in bins wholly at or above the target (impurity at or below 1 − target)
            for (int b = 0; b < data.getItemCount(0); b++) {
                int n = (int) data.getYValue(0, b);
                total += n;
                // bins are intervals of impurity, adjacent and ordered from less pure to purer
                assertThat(data.getStartXValue(0, b)).isLessThan(data.getEndXValue(0, b));
                if (b > 0) {
                    assertThat(data.getEndXValue(0, b)).isCloseTo(data.getStartXValue(0, b - 1),
                            org.assertj.core.data.Offset.offset(1e-12 * data.getEndXValue(0, b)));
                }
                if (data.getEndXValue(0, b) <= 1 - s.target()) {
                    purer += n;
                }
            }
            assertThat(total).isEqualTo(s.values().length).isEqualTo(mc.draws() - mc.failed());
            assertThat(purer).isLessThanOrEqualTo(s.met());
            ValueMarker target = (ValueMarker) plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND)
                    .iterator().next();
            assertThat(target.getValue()).isEqualTo(1 - s.target());
            assertThat(charts.get(t).title()).contains(String.format(java.util.Locale.ROOT, "%.1f %% of draws on spec",
                    100.0 * s.met() / mc.draws()));
            // both formats render
            assertThat(ChartWriter.png(charts.get(t).chart(), 600, 400).length).isGreaterThan(1000);
            assertThat(ChartWriter.svg(charts.get(t).chart(), 600, 400)).contains("draws on spec");
        }
        assertThat(HistogramChart.appendTo(List.of(), "x", null)).isEmpty();
    }

    @Test
    void slugOfLabels() {
        assertThat(HistogramChart.slug("aqueous purity of Ce+Pr")).isEqualTo("aqueous-purity-of-ce-pr");
        assertThat(HistogramChart.slug("++")).isEqualTo("target");
    }
}
