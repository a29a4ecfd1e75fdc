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

    /** Component j in side draw d of a CMER cascade: its share of the phase leaving the draw's stage. */
    public double draw(int d, int j) {
        Draw draw = ((CascadeUnit) unit).draws().get(d);
        if (draw.phase() == FeedPhase.ORGANIC) {
            return state.organicFlow(draw.stage(), j) * draw.flow() / network.organicFlow(draw.stage());
        }
        return state.aqueousFlow(draw.stage(), j) * draw.flow() / network.aqueousFlow(draw.stage());
    }

    /**
     * Component j of outlet o ({@link FlowsheetUnit#outlets()} order): the raffinate, the organic
     * leaving stage N, then a CMER cascade's side draws or a mass-action cascade's strip liquor
     * (the drawn share, 1 − reflux, of the aqueous leaving stage n + m + 1).
     */
    public double outlet(int o, int j) {
        if (o == 0) {
            return raffinate(j);
        }
        if (o == 1) {
            return organic(j);
        }
        if (unit instanceof CascadeUnit) {
            return draw(o - 2, j);
        }
        int stage = unit.outlets().get(o).stage();
        return state.aqueousFlow(stage, j) * network.share(FeedPhase.AQUEOUS, stage, true);
    }

    /**
     * RE flow of the phase leaving a stage (mol per mol of total fresh RE): the phase's total for a
     * CMER cascade, the sum over the rare earths (not the cation and acid) for a mass-action one.
     */
    public double reFlow(FeedPhase phase, int stage) {
        if (unit instanceof CascadeUnit) {
            return phase == FeedPhase.ORGANIC ? state.organicTotal(stage) : state.aqueousTotal(stage);
        }
        double sum = 0;
        for (int j = 0; j < rareEarthCount(); j++) {
            sum += phase == FeedPhase.ORGANIC ? state.organicFlow(stage, j) : state.aqueousFlow(stage, j);
        }
        return sum;
    }

    /** Mole fraction of rare earth j among the rare earths of the phase leaving a stage. */
    public double reFraction(FeedPhase phase, int stage, int j) {
        if (unit instanceof CascadeUnit) {
            return phase == FeedPhase.ORGANIC ? state.organicFraction(stage, j) : state.aqueousFraction(stage, j);
        }
        double flow = phase == FeedPhase.ORGANIC ? state.organicFlow(stage, j) : state.aqueousFlow(stage, j);
        return flow / reFlow(phase, stage);
    }

    private int rareEarthCount() {
        return unit instanceof MassActionUnit ? network.components() - 2 : network.components();
    }

    /** The section a stage belongs to. */
    public String section(int stage) {
        return unit.section(stage);
    }
}
