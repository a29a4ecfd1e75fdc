package org.sxcascade.dynamics;

import java.util.List;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.solver.SteadyState;

/**
 * The outcome of a transient run.
 *
 * @param method              {@code continuous} or {@code rows}
 * @param transientCase       what was run
 * @param amountUnit          unit of amounts: {@code mol}, or {@code mol per mol/h fed} without plant data
 * @param flowUnit            unit of flows: {@code mol/h}, or {@code mol/h per mol/h fed}
 * @param samples             the state at every sampling time, and the end
 * @param targets             time to each product's purity target (products with a purity target only)
 * @param hoursToSteadyState  the time after which every stage stayed within the steady-state
 *                            tolerance of the final steady state until the end, h, or {@code null}
 * @param steadyState         the steady state of {@code simulate} for the configuration in effect at the end
 * @param finalCase           that configuration
 * @param finalDistance       distance to that steady state at the end (see {@link TransientSample})
 * @param maxConservationError largest relative conservation error over every step and sample
 * @param steps               accepted integration steps, or rows
 * @param rejectedSteps       rejected integration steps (0 for rows)
 * @param evaluations         right-hand-side evaluations, or rows
 * @param rowHours            duration of one row, h ({@code rows} only, else NaN)
 * @param notes               remarks for the user (e.g. that the reference steady state needed the row iteration)
 */
public record TransientResult(String method, TransientCase transientCase, String amountUnit, String flowUnit,
                              List<TransientSample> samples, List<TargetTime> targets, Double hoursToSteadyState,
                              SteadyState steadyState, CascadeCase finalCase, double finalDistance,
                              double maxConservationError, long steps, long rejectedSteps, long evaluations,
                              double rowHours, List<String> notes)
        implements TransientRun {
    public TransientResult {
        notes = List.copyOf(notes);
        samples = List.copyOf(samples);
        targets = List.copyOf(targets);
    }

    /** The last sample: the state at the end of the simulated time. */
    public TransientSample end() {
        return samples.get(samples.size() - 1);
    }

    /**
     * A product's flow at the final steady state, in {@link #flowUnit()}: the loaded organic
     * leaving stage N ({@code organic}) or the raffinate leaving stage 1.
     */
    public double steadyProductFlow(boolean organic) {
        double feed = TransientSimulator.feedRate(finalCase, transientCase.cascadeCase());
        return feed * (organic ? steadyState.organicTotal(steadyState.stages()) : steadyState.aqueousTotal(1));
    }

    @Override
    public TransientSettings settings() {
        return transientCase.settings();
    }
}
