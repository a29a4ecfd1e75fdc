package org.sxcascade.dynamics;

import java.util.ArrayList;
import java.util.List;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;
import org.sxcascade.solver.SteadyStateSolver;

/**
 * Runs a {@link TransientCase}: the continuous model ({@link CascadeDynamics} integrated by
 * {@link DormandPrince54}) or Xu's row simulation, with step changes at the event times, samples
 * at the sampling interval, and along every step the product purities (for the time to target),
 * the distance to the final steady state of {@code simulate} (for the time to steady state) and
 * the conservation error.
 */
final class TransientSimulator implements TransientSolver {
    /** Most integration steps (or rows) a run may take. */
    static final long MAX_STEPS = 100_000_000L;
    /**
     * A product counts as on target only once its RE flow is within this fraction of its steady flow:
     * the first traces out of a blank cascade are very pure but are not the product.
     */
    static final double PRODUCT_FLOW_FRACTION = 0.99;
    /** Absolute tolerance of stage amounts, relative to the tolerance times the mean steady stage content. */
    static final double ABSOLUTE_SCALE = 1e-3;

    private final TransientSettings.Method method;
    private Progress listener;

    TransientSimulator(TransientSettings.Method method) {
        this.method = method;
    }

    @Override
    public void setProgressListener(Progress listener) {
        this.listener = listener;
    }

    @Override
    public MassActionTransientResult run(MassActionTransientCase tc) {
        MassActionTransientSimulator simulator = new MassActionTransientSimulator();
        simulator.setProgressListener(listener);
        TransientSettings s = tc.settings();
        return simulator.run(s.method() == method ? tc
                : new MassActionTransientCase(tc.massActionCase(), s.withMethod(method)));
    }

    @Override
    public TransientResult run(TransientCase tc) {
        TransientSettings s = tc.settings();
        List<CascadeCase> configurations = tc.configurations();
        CascadeCase first = configurations.get(0);
        CascadeCase last = configurations.get(configurations.size() - 1);
        List<String> notes = new ArrayList<>();
        boolean molar = first.feed().molarFlow() != null;
        String amountUnit = molar ? "mol" : "mol per mol/h fed";
        String flowUnit = molar ? "mol/h" : "mol/h per mol/h fed";

        CascadeNetwork[] networks = new CascadeNetwork[configurations.size()];
        for (int i = 0; i < networks.length; i++) {
            networks[i] = CascadeNetwork.of(configurations.get(i));
        }
        SteadyState finalSteady = steadyState(networks[networks.length - 1], last.solver(), notes);
        double rowHours = method == TransientSettings.Method.ROWS ? rowHours(first, networks[0], s.holdUp()) : Double.NaN;
        CascadeDynamics[] dynamics = new CascadeDynamics[configurations.size()];
        for (int i = 0; i < dynamics.length; i++) {
            CascadeCase c = configurations.get(i);
            double f = feedRate(c, first);
            dynamics[i] = method == TransientSettings.Method.ROWS ? CascadeDynamics.rows(networks[i], rowHours, f)
                    : CascadeDynamics.continuous(c, networks[i], s.holdUp(), f);
        }
        CascadeDynamics current = dynamics[0];
        int n = current.stages();
        int c = current.components();
        int extraction = first.cascade().extractionStages();
        double[] steadyAmounts = dynamics[dynamics.length - 1].steadyAmounts(finalSteady);
        double[] inverseStageTotal = new double[n];
        double meanStage = 0;
        for (int k = 0; k < n; k++) {
            double total = 0;
            for (int j = 0; j < c; j++) {
                total += steadyAmounts[k * c + j];
            }
            inverseStageTotal[k] = 1 / total;
            meanStage += total / n;
        }

        double[] y0;
        if (s.initial() == TransientSettings.Initial.STEADY_STATE) {
            SteadyState initialSteady = configurations.size() == 1 ? finalSteady : steadyState(networks[0], first.solver(), notes);
            y0 = current.steadyAmounts(initialSteady);
        } else {
            y0 = new double[current.dimension()];
        }
        double[] initialInventory = new double[c];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                initialInventory[j] += y0[k * c + j];
            }
        }

        int[] organicGroup = group(last.organicTarget(), finalSteady, true);
        int[] aqueousGroup = group(last.aqueousTarget(), finalSteady, false);
        List<String> components = first.components();
        Crossing organicTarget = purityTarget(last.organicTarget());
        Crossing aqueousTarget = purityTarget(last.aqueousTarget());
        Crossing steady = new Crossing(s.steadyStateTolerance(), false, true);

        Stepper stepper;
        if (method == TransientSettings.Method.ROWS) {
            stepper = new Stepper.Rows(current, y0, rowHours);
        } else {
            double[] atol = new double[current.dimension()];
            java.util.Arrays.fill(atol, 0, n * c, s.tolerance() * ABSOLUTE_SCALE * meanStage);
            java.util.Arrays.fill(atol, n * c, atol.length, s.tolerance() * ABSOLUTE_SCALE * current.feedRate());
            stepper = new Stepper.Continuous(current, y0, s.tolerance(), atol);
        }

        double finalFeed = dynamics[dynamics.length - 1].feedRate();
        Observer observer = new Observer(extraction, steadyAmounts, inverseStageTotal, initialInventory,
                organicGroup, aqueousGroup, PRODUCT_FLOW_FRACTION * finalFeed * finalSteady.organicTotal(n),
                PRODUCT_FLOW_FRACTION * finalFeed * finalSteady.aqueousTotal(1), organicTarget, aqueousTarget, steady);
        List<TransientSample> samples = new ArrayList<>();
        double maxConservation = TimeMarch.run(stepper, dynamics, y0, s, observer, samples, listener);
        TransientSample endSample = samples.get(samples.size() - 1);
        List<TargetTime> targets = new ArrayList<>();
        if (organicTarget != null) {
            targets.add(new TargetTime("organic", names(components, organicGroup), organicTarget.bound,
                    organicTarget.since, endSample.organicPurity()));
        }
        if (aqueousTarget != null) {
            targets.add(new TargetTime("aqueous", names(components, aqueousGroup), aqueousTarget.bound,
                    aqueousTarget.since, endSample.aqueousPurity()));
        }
        return new TransientResult(method.label(), tc, amountUnit, flowUnit, samples, targets, steady.since,
                finalSteady, last, endSample.distanceToSteadyState(), maxConservation, stepper.steps(),
                stepper.rejected(), stepper.evaluations(), rowHours, notes);
    }

    private static Crossing purityTarget(ProductTarget target) {
        return target == null || target.purity() == null ? null : new Crossing(target.purity(), true, false);
    }

    /** Components counted in a product's purity: the target's, else the product's main component at steady state. */
    private static int[] group(ProductTarget target, SteadyState steady, boolean organic) {
        if (target != null) {
            return target.components().stream().mapToInt(Integer::intValue).toArray();
        }
        int best = 0;
        int stage = organic ? steady.stages() : 1;
        for (int j = 1; j < steady.components(); j++) {
            double x = organic ? steady.organicFraction(stage, j) : steady.aqueousFraction(stage, j);
            double b = organic ? steady.organicFraction(stage, best) : steady.aqueousFraction(stage, best);
            if (x > b) {
                best = j;
            }
        }
        return new int[] {best};
    }

    private static List<String> names(List<String> components, int[] group) {
        List<String> list = new ArrayList<>();
        for (int j : group) {
            list.add(components.get(j));
        }
        return list;
    }

    /**
     * The feed rate of a configuration: mol/h when the feed's flow and concentration are known, else
     * relative to the feed at t = 0 (its volumetric flow, when known, scales it).
     */
    static double feedRate(CascadeCase c, CascadeCase first) {
        Double molar = c.feed().molarFlow();
        if (molar != null) {
            return molar;
        }
        Double q = c.feed().volumetricFlow();
        Double q0 = first.feed().volumetricFlow();
        return q != null && q0 != null ? q / q0 : 1.0;
    }

    /**
     * The duration of a row: the stages' RE-weighted mean residence time
     * Σ_k (V_k τ_org,k + L_k τ_aq,k) / Σ_k (V_k + L_k), so that at steady state the rows hold as
     * much as the continuous model (docs/theory.md, Row-by-row iteration: a row is about one stage residence time).
     */
    static double rowHours(CascadeCase c, CascadeNetwork net, HoldUp holdUp) {
        double[][] tau = CascadeDynamics.residenceTimes(c, holdUp);
        double held = 0;
        double flow = 0;
        for (int k = 1; k <= net.stages(); k++) {
            held += net.organicFlow(k) * tau[1][k - 1] + net.aqueousFlow(k) * tau[0][k - 1];
            flow += net.organicFlow(k) + net.aqueousFlow(k);
        }
        return held / flow;
    }

    /**
     * The steady state of {@code simulate}: the case's solver, and Xu's row iteration when Newton's
     * globalisation fails (as {@code simulate} does); the fallback is told in {@code notes}.
     */
    static SteadyState steadyState(CascadeNetwork net, SolverSettings solver, List<String> notes) {
        return SteadyStateSolver.solveFallingBackOnRows(net, solver,
                note -> notes.add("reference steady state: " + note));
    }

    /** Measures a state: products, purities, inventories, distance to steady state, conservation. */
    private static final class Observer extends TimeMarch.Probe<TransientSample> {
        final int extraction;
        final int[] organicGroup;
        final int[] aqueousGroup;
        final double[] organicFlow;
        final double[] aqueousFlow;
        final double organicFlowNeeded;
        final double aqueousFlowNeeded;
        final Crossing organicTarget;
        final Crossing aqueousTarget;
        final Crossing steady;
        double organicPurity;
        double aqueousPurity;
        boolean organicFlowEstablished;
        boolean aqueousFlowEstablished;

        Observer(int extraction, double[] steadyAmounts, double[] inverseStageTotal, double[] initialInventory,
                 int[] organicGroup, int[] aqueousGroup, double organicFlowNeeded, double aqueousFlowNeeded,
                 Crossing organicTarget, Crossing aqueousTarget, Crossing steady) {
            super(steadyAmounts, inverseStageTotal, initialInventory);
            this.organicFlowNeeded = organicFlowNeeded;
            this.aqueousFlowNeeded = aqueousFlowNeeded;
            this.extraction = extraction;
            this.organicGroup = organicGroup;
            this.aqueousGroup = aqueousGroup;
            this.organicFlow = new double[c];
            this.aqueousFlow = new double[c];
            this.organicTarget = organicTarget;
            this.aqueousTarget = aqueousTarget;
            this.steady = steady;
        }

        void measure(CascadeDynamics d, double t, double[] y) {
            d.productFlows(y, aqueousFlow, organicFlow);
            organicPurity = purity(organicFlow, organicGroup);
            aqueousPurity = purity(aqueousFlow, aqueousGroup);
            organicFlowEstablished = TransientSample.total(organicFlow) >= organicFlowNeeded;
            aqueousFlowEstablished = TransientSample.total(aqueousFlow) >= aqueousFlowNeeded;
            measureState(d, t, y);
        }

        @Override
        void track(int configuration, CascadeDynamics d, double t, double[] y) {
            measure(d, t, y);
            if (organicTarget != null) {
                organicTarget.observe(t, organicFlowEstablished ? organicPurity : Double.NaN);
            }
            if (aqueousTarget != null) {
                aqueousTarget.observe(t, aqueousFlowEstablished ? aqueousPurity : Double.NaN);
            }
            steady.observe(t, distance);
        }

        private static double purity(double[] flow, int[] group) {
            double total = 0;
            for (double f : flow) {
                total += f;
            }
            if (!(total > 0)) {
                return Double.NaN;
            }
            double in = 0;
            for (int j : group) {
                in += flow[j];
            }
            return in / total;
        }

        @Override
        TransientSample sample(int configuration, CascadeDynamics d, double t, double[] y) {
            measure(d, t, y);
            double[] extractionInventory = new double[c];
            double[] scrubInventory = new double[c];
            for (int k = 0; k < n; k++) {
                double[] section = k < extraction ? extractionInventory : scrubInventory;
                for (int j = 0; j < c; j++) {
                    section[j] += y[k * c + j];
                }
            }
            return new TransientSample(t, organicFlow, aqueousFlow, organicPurity, aqueousPurity, extractionInventory,
                    scrubInventory, distance, conservation);
        }

        @Override
        String reached(double t) {
            return String.format(java.util.Locale.ROOT, "reached t = %s with organic purity %.6f, raffinate purity "
                    + "%.6f, distance to steady state %.3g", Times.format(t), organicPurity, aqueousPurity, distance);
        }
    }
}
