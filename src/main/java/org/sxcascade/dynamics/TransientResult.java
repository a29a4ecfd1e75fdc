package org.sxcascade.dynamics;

import java.util.List;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * The outcome of a transient run, for every model.
 *
 * @param method               {@code auto}, {@code continuous}, {@code implicit} or {@code rows}
 * @param integrator           what advanced the state: {@code Dormand–Prince 5(4)} (explicit),
 *                             {@code Rosenbrock-W ROS34PW2} (implicit), Dormand–Prince to a time and
 *                             then ROS34PW2 ({@code auto}), or {@code rows}
 * @param transientCase        what was run
 * @param products             the products, in the order of every sample's arrays
 * @param samples              the state at every sampling time, and the end
 * @param tail                 the state at the times {@link Projection#tailTimes} of the last part of
 *                             the run, whatever the sampling: what projections are made from
 * @param targets              time to each product's purity target (products with a purity target only;
 *                             {@link TargetTime#product()} is the product's name)
 * @param hoursToSteadyState   the time after which every stage stayed within the steady-state tolerance
 *                             of the final steady state until the end, h, or {@code null}
 * @param steadyState          the steady state of {@code simulate} for the configuration in effect at
 *                             the end, in that configuration's own unit (mol per mol RE it feeds)
 * @param finalNetwork         its stage network
 * @param steadyProductFlows   each product's graded (RE) flow at that steady state, in {@link #flowUnit()}
 * @param finalDistance        distance to that steady state at the end (see {@link TransientSample})
 * @param maxConservationError largest relative conservation error over every step and sample
 * @param steps                accepted integration steps, or rows
 * @param rejectedSteps        rejected integration steps (0 for rows)
 * @param evaluations          right-hand-side evaluations, or rows
 * @param rowHours             duration of one row, h ({@code rows} only, else NaN)
 * @param notes                remarks for the user (e.g. that the reference steady state needed the row iteration)
 * @param endState             the state at the end of the run ({@link CascadeDynamics}' layout: every stage's
 *                             content, component by component, then the withdrawn amounts), in the dynamics'
 *                             own amount unit; {@link #endProfile} gives its acidity and loading profile
 */
public record TransientResult(String method, String integrator, TransientCase transientCase, List<Product> products,
                              List<TransientSample> samples, List<TransientSample> tail, List<TargetTime> targets,
                              Double hoursToSteadyState,
                              SteadyState steadyState, CascadeNetwork finalNetwork, double[] steadyProductFlows,
                              double finalDistance, double maxConservationError, long steps, long rejectedSteps,
                              long evaluations, double rowHours, List<String> notes, double[] endState) {
    /**
     * A product stream (as in {@code simulate}'s report).
     *
     * @param outlet   the outlet: the loaded organic and raffinate (named {@code organic} and
     *                 {@code aqueous} in CMER and constant-D cases, after their targets), the strip
     *                 liquor and stripped organic of a mass-action case, a side draw
     * @param purityOf indices of the graded components its purity counts (its target's, else its
     *                 main component at the final steady state)
     */
    public record Product(MassActionCase.Outlet outlet, List<Integer> purityOf) {
        public Product {
            purityOf = List.copyOf(purityOf);
        }

        /** Its name (the key of its target). */
        public String name() {
            return outlet.name();
        }

        /** Its name in text: {@code organic} and {@code aqueous} read loaded organic and raffinate. */
        public String label() {
            return TransientResult.label(outlet.name());
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

    /** A product's name in text: the targets {@code organic} and {@code aqueous} are the loaded organic and raffinate. */
    public static String label(String product) {
        return switch (product) {
            case "organic" -> "loaded organic";
            case "aqueous" -> "raffinate";
            default -> product;
        };
    }

    public TransientResult {
        products = List.copyOf(products);
        samples = List.copyOf(samples);
        tail = List.copyOf(tail);
        targets = List.copyOf(targets);
        notes = List.copyOf(notes);
        steadyProductFlows = steadyProductFlows.clone();
        endState = endState.clone();
    }

    @Override
    public double[] endState() {
        return endState.clone();
    }

    @Override
    public double[] steadyProductFlows() {
        return steadyProductFlows.clone();
    }

    /**
     * The stage profile at the end of the run, stage by stage (1 … N, index k − 1): row 0 the free
     * acid of the stage's aqueous, mol/L H⁺, row 1 the loading of its organic (the fraction of the
     * extractant bound to RE, 3 Σ[RE]org / C), as {@code simulate --profile} gives them; NaN where the
     * model has no acidity or no extractant (CMER, constant D). The fronts of a start-up show in the
     * profiles of runs of different length.
     */
    public double[][] endProfile() {
        TransientModel m = model();
        int last = m.configurations() - 1;
        CascadeDynamics d = m.dynamics(last, settings().holdUp(), rowHours);
        CascadeNetwork net = m.network(last);
        int n = d.stages();
        int c = d.components();
        int r = m.graded().size();
        double scale = m.reportScale();
        double[] aqueous = new double[c];
        double[] organic = new double[c];
        double[][] profile = new double[2][n];
        for (int k = 1; k <= n; k++) {
            d.stageOutflows(endState, k, aqueous, organic);
            double re = 0;
            for (int j = 0; j < r; j++) {
                re += organic[j] * scale;
            }
            profile[0][k - 1] = m.acidity(net, k, aqueous);
            profile[1][k - 1] = m.loading(net, k, re);
        }
        return profile;
    }

    /** The model of the case. */
    public TransientModel model() {
        return transientCase.model();
    }

    /** The settings the run used. */
    public TransientSettings settings() {
        return transientCase.settings();
    }

    /** Unit of amounts: {@code mol}, or {@code mol per mol/h fed} without plant data. */
    public String amountUnit() {
        return model().amountUnit();
    }

    /** Unit of flows: {@code mol/h}, or {@code mol/h per mol/h fed}. */
    public String flowUnit() {
        return model().flowUnit();
    }

    /** The index of the product of that name. */
    public int productIndex(String name) {
        for (int i = 0; i < products.size(); i++) {
            if (products.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no product " + name);
    }

    /** The last sample: the state at the end of the simulated time. */
    public TransientSample end() {
        return samples.get(samples.size() - 1);
    }

    /**
     * When a target not reached in this run would be reached, projected from the last samples
     * ({@link Projection}); for a target reached, the time it was reached.
     */
    public Projection projection(TargetTime t) {
        if (t.reached()) {
            return new Projection(t.hours(), "reached in the run");
        }
        return Projection.toTarget(this, productIndex(t.product()), t.target());
    }

    /** When the steady state would be reached, projected as for {@link #projection(TargetTime)}. */
    public Projection projectionToSteadyState() {
        if (hoursToSteadyState != null) {
            return new Projection(hoursToSteadyState, "reached in the run");
        }
        return Projection.toSteadyState(this);
    }
}
