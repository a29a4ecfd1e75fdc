package org.sxcascade.flowsheet;

import java.util.List;
import org.sxcascade.model.ProductTarget;

/**
 * The steady state of a flowsheet: every cascade's steady state, the component flows of every
 * stream, how the recycles converged and how well the whole flowsheet balances.
 *
 * @param flowsheet      what was solved
 * @param units          each cascade's result, in flowsheet order
 * @param sourceFlows    component flows of every source (fresh feeds, outlets), mol per mol of total
 *                       fresh RE, indexed as {@link Flowsheet#sources()}
 * @param tearIterations passes through the flowsheet (1 without recycles)
 * @param tearResidual   the last pass's tear residual: max over torn streams and components of
 *                       |x_new − x_old| / max(x_new, 1e-14 · stream total) (0 without recycles)
 * @param tearHistory    the tear residual after each pass
 * @param acceleration   how the torn streams were updated, in words (with any switch to plain
 *                       substitution)
 */
public record FlowsheetResult(Flowsheet flowsheet, List<UnitResult> units, double[][] sourceFlows, int tearIterations,
                              double tearResidual, double[] tearHistory, String acceleration) {
    public FlowsheetResult {
        units = List.copyOf(units);
        double[][] copy = new double[sourceFlows.length][];
        for (int s = 0; s < copy.length; s++) {
            copy[s] = sourceFlows[s].clone();
        }
        sourceFlows = copy;
        tearHistory = tearHistory.clone();
    }

    /** Component j of a source (mol per mol of total fresh RE). */
    public double flow(int source, int j) {
        return sourceFlows[source][j];
    }

    /** Component flows of a source (a copy). */
    public double[] flows(int source) {
        return sourceFlows[source].clone();
    }

    /** Total RE flow of a source. */
    public double total(int source) {
        double sum = 0;
        for (double f : sourceFlows[source]) {
            sum += f;
        }
        return sum;
    }

    /** Mole fraction of component j in a source. */
    public double fraction(int source, int j) {
        double t = total(source);
        return t > 0 ? sourceFlows[source][j] / t : 0;
    }

    /** Component j leaving the flowsheet in a source's product share. */
    public double productFlow(int source, int j) {
        return flowsheet.productShare(source) * sourceFlows[source][j];
    }

    /** Component j leaving the flowsheet: the sum of {@link #productFlow} over every source. */
    public double leaving(int j) {
        double out = 0;
        for (int s = 0; s < sourceFlows.length; s++) {
            out += productFlow(s, j);
        }
        return out;
    }

    /** The components a source's purity counts: its target's, else its main component. */
    public List<Integer> purityOf(int source) {
        ProductTarget t = flowsheet.targetOf(flowsheet.sources().get(source).name());
        if (t != null) {
            return t.components();
        }
        int main = 0;
        for (int j = 1; j < sourceFlows[source].length; j++) {
            if (sourceFlows[source][j] > sourceFlows[source][main]) {
                main = j;
            }
        }
        return List.of(main);
    }

    /** Summed mole fraction of {@link #purityOf} in a source. */
    public double purity(int source) {
        double p = 0;
        for (int j : purityOf(source)) {
            p += fraction(source, j);
        }
        return p;
    }

    /**
     * Fraction of the {@link #purityOf} components' inflow ({@link Flowsheet#inflow()}: fresh feed,
     * and pre-loaded RE if any) that leaves in the source's product share.
     */
    public double recovery(int source) {
        double fed = 0;
        double out = 0;
        double[] fresh = flowsheet.inflow();
        for (int j : purityOf(source)) {
            fed += fresh[j];
            out += productFlow(source, j);
        }
        return fed > 0 ? out / fed : 0;
    }

    /**
     * Whether a source meets its target ({@code null} without one): purity ≥ the target's purity
     * and recovery ≥ its recovery, where given.
     */
    public Boolean met(int source) {
        ProductTarget t = flowsheet.targetOf(flowsheet.sources().get(source).name());
        if (t == null) {
            return null;
        }
        return (t.purity() == null || purity(source) >= t.purity())
                && (t.recovery() == null || recovery(source) >= t.recovery());
    }

    /** Whether every target is met. */
    public boolean targetsMet() {
        for (int s = 0; s < sourceFlows.length; s++) {
            Boolean m = met(s);
            if (m != null && !m) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whole-flowsheet closure of component j: |inflow − Σ products| / inflow, the inflow being the
     * fresh feed and any RE pre-loaded on a cascade's organic ({@link Flowsheet#inflow()}), the
     * products every outlet's share not sent to an inlet; NaN for a component not fed.
     */
    public double closure(int j) {
        double fed = flowsheet.inflow()[j];
        if (!(fed > 0)) {
            return Double.NaN;
        }
        return Math.abs(fed - leaving(j)) / fed;
    }

    /** Largest {@link #closure} over the fed components. */
    public double maxClosure() {
        double worst = 0;
        for (int j = 0; j < flowsheet.components().size(); j++) {
            double c = closure(j);
            if (!Double.isNaN(c)) {
                worst = Math.max(worst, c);
            }
        }
        return worst;
    }

    /** Indices of the sources that leave the flowsheet (a product share above 0). */
    public List<Integer> products() {
        java.util.ArrayList<Integer> list = new java.util.ArrayList<>();
        for (int s = 0; s < sourceFlows.length; s++) {
            if (flowsheet.productShare(s) > 0) {
                list.add(s);
            }
        }
        return list;
    }
}
