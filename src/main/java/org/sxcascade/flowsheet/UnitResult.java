package org.sxcascade.flowsheet;

import java.util.List;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * One solved cascade of a flowsheet.
 *
 * @param unit       the cascade
 * @param network    the network it was solved as (its inlets at their final flows)
 * @param state      its steady state, with its own iterations, residual and closure
 * @param inletFlows component flows of each inlet (mol per mol of total fresh RE,
 *                   {@link Flowsheet#streamComponents()}), in inlet order
 */
public record UnitResult(FlowsheetUnit unit, CascadeNetwork network, SteadyState state, List<double[]> inletFlows) {
    public UnitResult {
        inletFlows = inletFlows.stream().map(double[]::clone).toList();
    }

    /** Component j leaving stage 1 in the aqueous (the raffinate). */
    public double raffinate(int j) {
        return state.aqueousFlow(1, j);
    }

    /** Component j leaving stage N in the organic (the loaded, or with strip stages stripped, organic). */
    public double organic(int j) {
        return state.organicFlow(unit.totalStages(), j);
    }

    /**
     * Component j of outlet o ({@link FlowsheetUnit#outlets()} order): the raffinate, the organic
     * leaving stage N, then the cascade's other outlets (side draws, strip liquor), as its template
     * takes them off the solved network.
     */
    public double outlet(int o, int j) {
        return unit.template().outletFlow(o, network, state, j);
    }

    /**
     * Flow of the listed components (the rare earths; not the cation and acid of a mass-action
     * state) in the phase leaving a stage, mol per mol of total fresh RE: the phase's total when
     * the state has no other components.
     */
    public double reFlow(FeedPhase phase, int stage) {
        int listed = unit.template().listedComponents(network);
        if (listed == state.components()) {
            return phase == FeedPhase.ORGANIC ? state.organicTotal(stage) : state.aqueousTotal(stage);
        }
        double sum = 0;
        for (int j = 0; j < listed; j++) {
            sum += phase == FeedPhase.ORGANIC ? state.organicFlow(stage, j) : state.aqueousFlow(stage, j);
        }
        return sum;
    }

    /** Mole fraction of listed component j among the listed components of the phase leaving a stage. */
    public double reFraction(FeedPhase phase, int stage, int j) {
        if (unit.template().listedComponents(network) == state.components()) {
            return phase == FeedPhase.ORGANIC ? state.organicFraction(stage, j) : state.aqueousFraction(stage, j);
        }
        double flow = phase == FeedPhase.ORGANIC ? state.organicFlow(stage, j) : state.aqueousFlow(stage, j);
        return flow / reFlow(phase, stage);
    }

    /** The section a stage belongs to. */
    public String section(int stage) {
        return unit.section(stage);
    }
}
