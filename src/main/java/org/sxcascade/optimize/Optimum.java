package org.sxcascade.optimize;

import java.util.List;
import org.sxcascade.design.SeparationProblem;
import org.sxcascade.design.XuDesign;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.solver.SteadyState;

/**
 * What {@code optimize} found.
 *
 * @param problem        the separation (key pair, targets P_A and P_B)
 * @param settings       objective, bounds and fixed variables
 * @param xu             Xu's static design at the √β optimum (minimum flows, Fenske minimum, estimates)
 * @param best           the optimum, verified by a fresh steady-state solve
 * @param cascadeCase    the optimum as a simulate case
 * @param state          its steady state
 * @param baseline       {@code design}'s verified configuration at Xu's √β-optimum flows, or
 *                       {@code null} when it is outside the bounds (see {@code baselineNote})
 * @param baselineNote   why there is no baseline, or {@code null}
 * @param pareto         non-dominated configurations, total stages against extractant flow (and
 *                       reagent use), by increasing N; empty unless asked for
 * @param bounds         the flow range searched
 * @param firstStageTotal smallest N that meets the targets within the bounds
 * @param lastStageTotal largest N the search visited
 * @param steadyStates   steady states solved
 * @param failedSolves   solves that did not converge (their points counted as missing the targets)
 */
public record Optimum(SeparationProblem problem, OptimizerSettings settings, XuDesign xu, Configuration best,
                      CascadeCase cascadeCase, SteadyState state, Configuration baseline, String baselineNote,
                      List<Configuration> pareto, FlowBounds bounds, int firstStageTotal, int lastStageTotal,
                      int steadyStates, int failedSolves) implements OptimizeResult {
    public Optimum {
        pareto = List.copyOf(pareto);
    }

    /**
     * The flows the search could use (mol RE per mol RE fed).
     *
     * @param minScrub          smallest W
     * @param maxScrub          largest W
     * @param minExtractant     smallest S
     * @param maxExtractant     largest S
     * @param phaseRatioChecked whether the O/A bounds were applied (they need plant data)
     * @param fixedFlows        whether the user fixed the flows (then min = max)
     * @param limitedBy         what sets the largest flows, in words
     */
    public record FlowBounds(double minScrub, double maxScrub, double minExtractant, double maxExtractant,
                             boolean phaseRatioChecked, boolean fixedFlows, String limitedBy) {
    }
}
