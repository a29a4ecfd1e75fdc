package org.sxcascade.optimize;

import org.sxcascade.model.MassActionCase;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.SteadyState;

/**
 * The result of {@link PlantFlowSearch}: the case with the optimal flows, verified by a
 * cold-start solve, with the case's own flows for comparison.
 *
 * @param optimized     the case at the optimal stage counts and flows (everything else as given)
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
 * @param objective     what was minimized: reagents, stages or cost
 * @param cost          the cost model at the optimum, or {@code null} when the case has no costs section
 * @param stagesSearched whether the stage counts were searched (bounds in the optimize section)
 * @param stageCounts   stage counts whose flows the stage search optimised (0 when not searched)
 * @param stageBudgetSpent whether the stage search stopped at its budget of stage counts
 */
public record MassActionOptimum(MassActionCase optimized, PlantFlowSearch.Point best,
                                SimulationReport verification, PlantFlowSearch.Point baseline,
                                MassActionSettings settings, int evaluations, int solves, int failedSolves,
                                int passedOver, Objective objective, Configuration.CostBreakdown cost,
                                boolean stagesSearched, int stageCounts, boolean stageBudgetSpent) {
    /** The verification solve. */
    public SteadyState state() {
        return verification.state();
    }

    /** The value of the objective: total stages, the annual cost or the weighted reagent use. */
    public double objectiveValue() {
        return objective == Objective.STAGES ? optimized.totalStages() : best.objective();
    }

    /** Relative saving of the objective over the case's own flows (negative if it costs more). */
    public double saving() {
        return (baseline.objective() - best.objective()) / baseline.objective();
    }
}
