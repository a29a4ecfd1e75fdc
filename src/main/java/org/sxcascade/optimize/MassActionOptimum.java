package org.sxcascade.optimize;

import org.sxcascade.model.MassActionCase;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.SteadyState;

/**
 * The result of {@link MassActionOptimizer}: the case with the optimal flows, verified by a
 * cold-start solve, with the case's own flows for comparison.
 *
 * @param optimized     the case at the optimal flows (stages and everything else as given)
 * @param best          the optimal point as the search evaluated it
 * @param verification  the report of a cold-start solve of {@code optimized} (iterations, residual,
 *                      closure, products)
 * @param baseline      the case's own flows, evaluated at their own reflux
 * @param settings      bounds, constraints and weights used
 * @param evaluations   flow settings evaluated (each with its reflux solved)
 * @param solves        steady states solved
 * @param failedSolves  solves that did not converge (their points count as infeasible)
 * @param passedOver    cheaper feasible points passed over because they converge only by
 *                      continuation, not from a cold start
 */
public record MassActionOptimum(MassActionCase optimized, MassActionOptimizer.Point best,
                                SimulationReport verification, MassActionOptimizer.Point baseline,
                                MassActionSettings settings, int evaluations, int solves, int failedSolves,
                                int passedOver) {
    /** The verification solve. */
    public SteadyState state() {
        return verification.state();
    }

    /** Relative saving of the objective over the case's own flows (negative if it costs more). */
    public double saving() {
        return (baseline.objective() - best.objective()) / baseline.objective();
    }
}
