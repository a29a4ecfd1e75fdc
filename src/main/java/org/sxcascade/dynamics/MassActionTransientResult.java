package org.sxcascade.dynamics;

import java.util.List;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * The outcome of a transient run of a mass-action cascade.
 *
 * @param method               {@code continuous} or {@code rows}
 * @param transientCase        what was run
 * @param products             the products, in the order of every sample's arrays
 * @param samples              the state at every sampling time, and the end
 * @param targets              time to each product's purity target (products with a purity target only;
 *                             {@link TargetTime#product()} is the product's name)
 * @param hoursToSteadyState   the time after which every stage stayed within the steady-state tolerance
 *                             of the final steady state until the end, h, or {@code null}
 * @param steadyState          the steady state of {@code simulate} for the configuration in effect at
 *                             the end, in that configuration's own units (mol per mol RE it feeds)
 * @param finalCase            that configuration, as {@code simulate} reads it
 * @param finalNetwork         its stage network
 * @param finalDistance        distance to that steady state at the end (see {@link MassActionSample})
 * @param maxConservationError largest relative conservation error over every step and sample
 * @param steps                accepted integration steps, or rows
 * @param rejectedSteps        rejected integration steps (0 for rows)
 * @param evaluations          right-hand-side evaluations, or rows
 * @param rowHours             duration of one row, h ({@code rows} only, else NaN)
 * @param aqueousLitres        aqueous volume held by each stage, L (continuous; for rows the volumes
 *                             one row holds at t = 0)
 * @param organicLitres        organic volume held by each stage, L
 * @param notes                remarks for the user
 */
public record MassActionTransientResult(String method, MassActionTransientCase transientCase, List<Product> products,
                                        List<MassActionSample> samples, List<TargetTime> targets,
                                        Double hoursToSteadyState, SteadyState steadyState, MassActionCase finalCase,
                                        CascadeNetwork finalNetwork, double finalDistance, double maxConservationError,
                                        long steps, long rejectedSteps, long evaluations, double rowHours,
                                        double[] aqueousLitres, double[] organicLitres, List<String> notes)
        implements TransientRun {
    /**
     * A product stream of a mass-action cascade (as in {@code simulate}'s report).
     *
     * @param outlet   the outlet: raffinate, strip liquor, stripped organic, loaded organic (without
     *                 strip stages) or a side draw ({@link MassActionCase#outlets()})
     * @param purityOf indices of the rare earths its purity counts (its target's, else its main RE at
     *                 the final steady state)
     */
    public record Product(MassActionCase.Outlet outlet, List<Integer> purityOf) {
        public Product {
            purityOf = List.copyOf(purityOf);
        }

        /** Its name. */
        public String name() {
            return outlet.name();
        }

        /** Whether it is an organic stream. */
        public boolean organic() {
            return outlet.organic();
        }

        /** The stage it leaves. */
        public int stage() {
            return outlet.stage();
        }
    }

    public MassActionTransientResult {
        products = List.copyOf(products);
        samples = List.copyOf(samples);
        targets = List.copyOf(targets);
        notes = List.copyOf(notes);
        aqueousLitres = aqueousLitres.clone();
        organicLitres = organicLitres.clone();
    }

    @Override
    public double[] aqueousLitres() {
        return aqueousLitres.clone();
    }

    @Override
    public double[] organicLitres() {
        return organicLitres.clone();
    }

    /** The last sample: the state at the end of the simulated time. */
    public MassActionSample end() {
        return samples.get(samples.size() - 1);
    }

    @Override
    public TransientSettings settings() {
        return transientCase.settings();
    }
}
