package org.sxcascade.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.sxcascade.chart.Charts;
import org.sxcascade.chart.NamedChart;
import org.sxcascade.optimize.OptimizeResult;
import org.sxcascade.optimize.Optimum;

/**
 * What {@code optimize} prints and writes for an optimum of any model: the terminal report, the
 * JSON document, the optimized case file and the charts. The command prints whatever it is given.
 */
public interface OptimizeOutput {

    /** The output of an optimization. */
    static OptimizeOutput of(OptimizeResult result) {
        if (result instanceof OptimizeResult.MassAction m) {
            return new MassAction(m);
        }
        return new Xu((Optimum) result);
    }

    /** The terminal report. */
    String text();

    /** The JSON document of {@code --json}. */
    ObjectNode json();

    /** The optimum as a simulate case file. */
    String caseYaml();

    /** The optimum's charts (docs/charts.md), or {@code null} when the model has none yet. */
    List<NamedChart> charts(String stem);

    /** Stage counts and flows S, W (models separation-factors and distribution-ratios). */
    record Xu(Optimum optimum) implements OptimizeOutput {
        @Override
        public String text() {
            return OptimumReport.text(optimum);
        }

        @Override
        public ObjectNode json() {
            return OptimumReport.toJson(optimum);
        }

        @Override
        public String caseYaml() {
            return OptimumReport.caseYaml(optimum);
        }

        @Override
        public List<NamedChart> charts(String stem) {
            return Charts.optimum(stem, optimum);
        }
    }

    /** A mass-action optimum of plant flows, stage counts and reflux. */
    record MassAction(OptimizeResult.MassAction result) implements OptimizeOutput {
        @Override
        public String text() {
            return MassActionOptimumReport.text(result.optimum());
        }

        @Override
        public ObjectNode json() {
            return MassActionOptimumReport.toJson(result.optimum());
        }

        @Override
        public String caseYaml() {
            return MassActionOptimumReport.caseYaml(result.tree(), result.optimum());
        }

        @Override
        public List<NamedChart> charts(String stem) {
            return null;
        }
    }
}
