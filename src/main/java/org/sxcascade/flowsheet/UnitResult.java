package org.sxcascade.flowsheet;

import java.util.List;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * One solved cascade of a flowsheet.
 *
 * @param unit       the cascade
 * @param network    the network it was solved as (its inlets at their final flows)
 * @param state      its steady state, with its own iterations, residual and closure
 * @param inletFlows component flows of each inlet (mol per mol of total fresh RE), in inlet order
 */
public record UnitResult(CascadeUnit unit, CascadeNetwork network, SteadyState state, List<double[]> inletFlows) {
    public UnitResult {
        inletFlows = inletFlows.stream().map(double[]::clone).toList();
    }

    /** Component j leaving stage 1 in the aqueous (the raffinate). */
    public double raffinate(int j) {
        return state.aqueousFlow(1, j);
    }

    /** Component j leaving stage N in the organic (the loaded organic). */
    public double organic(int j) {
        return state.organicFlow(unit.totalStages(), j);
    }

    /** Component j in side draw d: its share of the phase leaving the draw's stage. */
    public double draw(int d, int j) {
        Draw draw = unit.draws().get(d);
        if (draw.phase() == org.sxcascade.model.FeedPhase.ORGANIC) {
            return state.organicFlow(draw.stage(), j) * draw.flow() / network.organicFlow(draw.stage());
        }
        return state.aqueousFlow(draw.stage(), j) * draw.flow() / network.aqueousFlow(draw.stage());
    }

    /** Whether a stage is in the extraction section. */
    public String section(int stage) {
        return stage <= unit.extractionStages() ? "extraction" : "scrub";
    }
}
