package org.sxcascade.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;
import org.sxcascade.solver.SteadyStateSolver;

/**
 * Runs a {@link TransientCase} of any model: the continuous model ({@link CascadeDynamics}
 * integrated by {@link DormandPrince54}) or Xu's row simulation, with step changes at the event
 * times, samples at the sampling interval, and along every step the product purities (for the time
 * to target), the distance to the final steady state of {@code simulate} (for the time to steady
 * state) and the conservation error. What differs between models (the state's components, the
 * blank start, the hold-up basis, acidity and loading) comes from the case's {@link TransientModel}.
 */
final class TransientSimulator implements TransientSolver {
    /** Most integration steps (or rows) a run may take. */
    static final long MAX_STEPS = 100_000_000L;
    /** Absolute tolerance of stage amounts, relative to the tolerance times the model's typical stage content. */
    static final double ABSOLUTE_SCALE = 1e-3;
    /** The integrator names a result reports. */
    static final String DORMAND_PRINCE = "Dormand–Prince 5(4)";
    static final String ROSENBROCK = "Rosenbrock-W ROS34PW2";

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
    public TransientResult run(TransientCase tc) {
        return run(tc, null);
    }

    @Override
    public TransientResult run(TransientCase tc, StartupStrategy strategy) {
        StartupStrategy.Kind kind = strategy == null ? null : strategy.kind();
        if (kind == StartupStrategy.Kind.RAMPED_FEED) {
            tc = ramped(tc, strategy);
        }
        TransientSettings s = tc.settings();
        TransientModel model = tc.model();
        int configurations = model.configurations();
        int last = configurations - 1;
        List<String> notes = new ArrayList<>();
        if (kind == StartupStrategy.Kind.RAMPED_FEED && !(strategy.rampHours() < s.simulatedHours())) {
            notes.add("ramped-feed: the run ends before the flows reach their full value ("
                    + Times.format(strategy.rampHours()) + "); the steady state compared with is that of the flows "
                    + "at the end, not the case's");
        }
        CascadeNetwork first = model.network(0);
        int n = first.stages();
        int c = first.components();

        double rowHours = Double.NaN;
        if (method == TransientSettings.Method.ROWS) {
            // the stages' mean residence time weighted by what they hold in the model's basis
            // (docs/theory.md, Row-by-row iteration: a row is about one stage residence time)
            double[][] tau = model.residenceTimes(s.holdUp());
            double held = 0;
            double flow = 0;
            for (int k = 1; k <= n; k++) {
                held += first.organicFlow(k) * tau[1][k - 1] + first.aqueousFlow(k) * tau[0][k - 1];
                flow += first.organicFlow(k) + first.aqueousFlow(k);
            }
            rowHours = held / flow;
        }
        CascadeDynamics[] dynamics = new CascadeDynamics[configurations];
        for (int i = 0; i < configurations; i++) {
            dynamics[i] = model.dynamics(i, s.holdUp(), rowHours);
        }

        SteadyState finalSteady = model.steadyState(last, notes);
        double[] steadyAmounts = dynamics[last].steadyAmounts(model.runSteadyState(last, finalSteady));
        double[] inverseStageScale = new double[n];
        for (int k = 0; k < n; k++) {
            double content = 0;
            for (int j = 0; j < c; j++) {
                content += model.distanceWeight(j) * steadyAmounts[k * c + j];
            }
            inverseStageScale[k] = 1 / content;
        }

        CascadeDynamics current = dynamics[0];
        double[] y0;
        boolean steadyStart = kind == null ? s.initial() == TransientSettings.Initial.STEADY_STATE
                : kind == StartupStrategy.Kind.PRE_EQUILIBRATED;
        if (steadyStart) {
            SteadyState initialSteady = configurations == 1 ? finalSteady : model.steadyState(0, notes);
            y0 = current.steadyAmounts(model.runSteadyState(0, initialSteady));
        } else if (kind == StartupStrategy.Kind.FEED_FILLED) {
            y0 = model.feedFilled(current, s.holdUp());
        } else if (kind == StartupStrategy.Kind.LOADED_ORGANIC) {
            y0 = model.loadedOrganic(current, loadedOrganicFlow(model, current, finalSteady, strategy.loading()),
                    notes);
        } else {
            y0 = model.blank(current);
        }
        double[] initialInventory = new double[c];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                initialInventory[j] += y0[k * c + j];
            }
        }

        CascadeNetwork finalNetwork = model.ownNetwork(last);
        List<TransientResult.Product> products = products(model, last, finalSteady);
        int r = model.graded().size();
        double[] steadyFlows = new double[products.size()];
        double[] flowNeeded = new double[products.size()];
        for (int i = 0; i < products.size(); i++) {
            TransientResult.Product p = products.get(i);
            double flow = 0;
            for (int j = 0; j < r; j++) {
                flow += share(finalNetwork, p) * (p.organic() ? finalSteady.organicFlow(p.stage(), j)
                        : finalSteady.aqueousFlow(p.stage(), j));
            }
            steadyFlows[i] = flow * model.perOwnUnit(last);
            // on target only within productFlowTolerance of the steady flow: the first traces out of a
            // blank cascade are very pure but are not the product
            flowNeeded[i] = (1 - s.productFlowTolerance()) * steadyFlows[i];
        }
        Crossing[] targetCrossings = new Crossing[products.size()];
        for (int i = 0; i < products.size(); i++) {
            ProductTarget t = products.get(i).outlet().target();
            if (t != null && t.purity() != null) {
                targetCrossings[i] = new Crossing(t.purity(), true, false);
            }
        }
        Crossing steady = new Crossing(s.steadyStateTolerance(), false, true);

        // the phases of the run: the configurations between events, each at total reflux until the draw opens
        double openAt = 0;
        if (kind == StartupStrategy.Kind.TOTAL_REFLUX) {
            openAt = strategy.drawAfterHours() != null ? strategy.drawAfterHours()
                    : drawTime(model, current, steadyAmounts, initialInventory, n);
            notes.add("total reflux: no product drawn until " + Times.format(openAt)
                    + (strategy.drawAfterHours() == null ? " (when the cascade holds its steady RE inventory)" : ""));
        }
        List<Double> switches = new ArrayList<>();
        List<Integer> configurationOf = new ArrayList<>();
        List<CascadeDynamics> phases = new ArrayList<>();
        configurationOf.add(0);
        phases.add(openAt > 0 ? dynamics[0].withOutletsClosed() : dynamics[0]);
        int configuration = 0;
        boolean opened = !(openAt > 0);
        List<TransientEvent> events = s.events();
        while (configuration < events.size() || !opened) {
            double nextEvent = configuration < events.size() ? events.get(configuration).hours()
                    : Double.POSITIVE_INFINITY;
            if (!opened && openAt < nextEvent) {
                switches.add(openAt);
                opened = true;
            } else {
                switches.add(nextEvent);
                configuration++;
            }
            configurationOf.add(configuration);
            phases.add(opened ? dynamics[configuration] : dynamics[configuration].withOutletsClosed());
        }
        current = phases.get(0);
        Stepper stepper;
        String integrator;
        if (method == TransientSettings.Method.ROWS) {
            stepper = new Stepper.Rows(current, y0, rowHours);
            integrator = "rows";
        } else {
            double typical = model.typicalStageContent(y0, steadyAmounts, n);
            double[] atol = new double[current.dimension()];
            Arrays.fill(atol, 0, n * c, s.tolerance() * ABSOLUTE_SCALE * typical);
            Arrays.fill(atol, n * c, atol.length, s.tolerance() * ABSOLUTE_SCALE * current.feedRate());
            boolean implicit = method == TransientSettings.Method.IMPLICIT || method == TransientSettings.Method.AUTO;
            if (implicit && !Arrays.stream(dynamics).allMatch(CascadeDynamics::blockTridiagonal)) {
                implicit = false;
                if (method == TransientSettings.Method.IMPLICIT) {
                    notes.add("the implicit integrator takes equilibrium stages only (a Murphree stage couples every "
                            + "stage below it): Dormand–Prince ran");
                }
            }
            if (implicit) {
                stepper = new Stepper.Implicit(current, y0, s.tolerance(), atol,
                        new RosenbrockW3(current, s.tolerance(), atol), method == TransientSettings.Method.IMPLICIT);
                integrator = ROSENBROCK;
            } else {
                stepper = new Stepper.Continuous(current, y0, s.tolerance(), atol);
                integrator = DORMAND_PRINCE;
            }
        }

        double[] switchTimes = switches.stream().mapToDouble(Double::doubleValue).toArray();
        Observer observer = new Observer(model, phases.toArray(new CascadeDynamics[0]),
                configurationOf.stream().mapToInt(Integer::intValue).toArray(), products, flowNeeded, steadyAmounts,
                inverseStageScale, initialInventory, targetCrossings, steady);
        List<TransientSample> samples = new ArrayList<>();
        List<TransientSample> tail = new ArrayList<>();
        double maxConservation = TimeMarch.run(stepper, phases.toArray(new CascadeDynamics[0]), switchTimes, y0, s,
                observer, samples, Projection.tailTimes(s.simulatedHours()), tail, listener);
        if (stepper instanceof Stepper.Implicit hybrid && !hybrid.implicitOnly) {
            integrator = Double.isNaN(hybrid.firstImplicitTime) ? DORMAND_PRINCE + " (implicit steps were no longer)"
                    : String.format(java.util.Locale.ROOT, "%s to %s, then %s (%d implicit steps)", DORMAND_PRINCE,
                    Times.format(hybrid.firstImplicitTime), ROSENBROCK, hybrid.implicitSteps());
        }
        double[] endState = stepper.state().clone();
        if (stepper.time() > s.simulatedHours()) {
            stepper.interpolate(s.simulatedHours(), endState);
        }
        TransientSample endSample = samples.get(samples.size() - 1);
        List<TargetTime> targets = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            if (targetCrossings[i] != null) {
                List<String> names = new ArrayList<>();
                products.get(i).purityOf().forEach(j -> names.add(model.graded().get(j)));
                targets.add(new TargetTime(products.get(i).name(), names, targetCrossings[i].bound,
                        targetCrossings[i].since, endSample.purity()[i]));
            }
        }
        return new TransientResult(method.label(), integrator, tc, products, samples, tail, targets, steady.since,
                finalSteady,
                finalNetwork, steadyFlows, endSample.distanceToSteadyState(), maxConservation, stepper.steps(),
                stepper.rejected(), stepper.evaluations(), rowHours, notes, endState);
    }

    /**
     * The ramped-feed case: the feed at {@code from} of its flow at t = 0, then the ramp's feed-flow
     * events inside the simulated time. Only for a case without events of its own.
     */
    private static TransientCase ramped(TransientCase tc, StartupStrategy strategy) {
        TransientSettings s = tc.settings();
        if (!s.events().isEmpty()) {
            throw new InvalidInputException("ramped-feed", "a case with transient.events",
                    "a case without events (the ramp's feed-flow steps would overwrite them)");
        }
        Double q = tc.model().feedFlowLitres();
        if (q == null) {
            throw new InvalidInputException("ramped-feed", "a case without a feed flow in L/h",
                    "a case with its (single) feed's flow in L/h (feed.flow with plant flows): the ramp steps the feed flow");
        }
        List<TransientEvent> ramp = new ArrayList<>();
        for (TransientEvent e : strategy.rampEvents(tc.model())) {
            if (e.hours() < s.simulatedHours()) {
                ramp.add(e);
            }
        }
        TransientModel model;
        try {
            model = tc.model().withEvents(strategy.rampStart(tc.model()), ramp);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("ramped-feed.from", strategy.rampFrom(), "a fraction at which the case "
                    + "stays feasible: " + e.getMessage());
        }
        return new TransientCase(model, s.withEvents(ramp));
    }

    /**
     * The loaded organic's RE flow at steady state (the organic leaving the last scrubbing stage),
     * in the feed's RE proportions and times {@code loading}, in the state's unit per hour.
     */
    private static double[] loadedOrganicFlow(TransientModel model, CascadeDynamics d, SteadyState finalSteady,
                                              double loading) {
        int[] sections = model.sections();
        int stage = sections[0] + sections[1];
        SteadyState run = model.runSteadyState(model.configurations() - 1, finalSteady);
        CascadeNetwork net = model.network(0);
        int r = model.graded().size();
        double total = 0;
        double fed = 0;
        for (int j = 0; j < r; j++) {
            total += d.feedRate() * run.organicFlow(stage, j);
            fed += net.totalFeed(j);
        }
        double[] flow = new double[r];
        for (int j = 0; j < r; j++) {
            flow[j] = loading * total * net.totalFeed(j) / fed;
        }
        return flow;
    }

    /**
     * When a total-reflux start holds the steady RE inventory: nothing leaves, so the inventory
     * grows by exactly the RE feed rate, and the time is (steady − initial RE) / RE feed rate (≥ 0).
     */
    private static double drawTime(TransientModel model, CascadeDynamics d, double[] steadyAmounts,
                                   double[] initialInventory, int stages) {
        int r = model.graded().size();
        int c = d.components();
        double steady = 0;
        double initial = 0;
        double rate = 0;
        for (int j = 0; j < r; j++) {
            for (int k = 0; k < stages; k++) {
                steady += steadyAmounts[k * c + j];
            }
            initial += initialInventory[j];
            rate += d.feedRate(j);
        }
        return Math.max(0, (steady - initial) / rate);
    }

    /** The products of the final configuration, each with the components its purity counts. */
    private static List<TransientResult.Product> products(TransientModel model, int configuration, SteadyState steady) {
        List<TransientResult.Product> list = new ArrayList<>();
        int r = model.graded().size();
        for (MassActionCase.Outlet o : model.outlets(configuration)) {
            if (o.target() != null) {
                list.add(new TransientResult.Product(o, o.target().components()));
                continue;
            }
            // no target: the product's main component at the final steady state
            int main = 0;
            for (int j = 1; j < r; j++) {
                double x = o.organic() ? steady.organicFlow(o.stage(), j) : steady.aqueousFlow(o.stage(), j);
                double b = o.organic() ? steady.organicFlow(o.stage(), main) : steady.aqueousFlow(o.stage(), main);
                if (x > b) {
                    main = j;
                }
            }
            list.add(new TransientResult.Product(o, List.of(main)));
        }
        return list;
    }

    /** The fraction of its stage's phase outflow a product takes. */
    static double share(CascadeNetwork net, TransientResult.Product p) {
        return net.share(p.outlet().phase(), p.stage(), p.outlet().drawn());
    }

    /**
     * The steady state of {@code simulate}: the case's solver, and Xu's row iteration when Newton's
     * globalisation fails (as {@code simulate} does); the fallback is told in {@code notes}.
     */
    static SteadyState steadyState(CascadeNetwork net, SolverSettings solver, List<String> notes) {
        return SteadyStateSolver.solveFallingBackOnRows(net, solver,
                note -> notes.add("reference steady state: " + note));
    }

    /** Measures a state: products, their purity, acidity and loading, inventories, distance, conservation. */
    private static final class Observer extends TimeMarch.Probe<TransientSample> {
        final TransientModel model;
        final CascadeDynamics[] dynamics;
        /** The configuration of each phase of the run. */
        final int[] configurationOf;
        final double scale;
        final List<TransientResult.Product> products;
        final int r;
        final int[] sections;
        final double[][] flows;
        final double[] purity;
        final double[] acidity;
        final double[] loading;
        final boolean[] established;
        final double[] flowNeeded;
        final double[] aqueousOut;
        final double[] organicOut;
        final Crossing[] targets;
        final Crossing steady;

        Observer(TransientModel model, CascadeDynamics[] dynamics, int[] configurationOf,
                 List<TransientResult.Product> products,
                 double[] flowNeeded, double[] steadyAmounts, double[] inverseStageScale, double[] initialInventory,
                 Crossing[] targets, Crossing steady) {
            super(steadyAmounts, inverseStageScale, initialInventory);
            this.model = model;
            this.dynamics = dynamics;
            this.configurationOf = configurationOf;
            this.scale = model.reportScale();
            this.products = products;
            this.r = model.graded().size();
            this.sections = model.sections();
            int p = products.size();
            this.flows = new double[p][c];
            this.purity = new double[p];
            this.acidity = new double[p];
            this.loading = new double[p];
            this.established = new boolean[p];
            this.flowNeeded = flowNeeded;
            this.aqueousOut = new double[c];
            this.organicOut = new double[c];
            this.targets = targets;
            this.steady = steady;
        }

        /** Measures the state of phase {@code phase}: at total reflux the products flow back (flow 0, not established). */
        void measure(int phase, CascadeDynamics d, double t, double[] y) {
            CascadeNetwork net = model.network(configurationOf[phase]);
            double drawn = d.outletsClosed() ? 0 : 1;
            for (int i = 0; i < products.size(); i++) {
                TransientResult.Product p = products.get(i);
                d.stageOutflows(y, p.stage(), aqueousOut, organicOut);
                double share = share(net, p);
                double[] out = p.organic() ? organicOut : aqueousOut;
                double re = 0;
                double group = 0;
                for (int j = 0; j < c; j++) {
                    flows[i][j] = share * out[j] * scale;
                }
                for (int j = 0; j < r; j++) {
                    re += flows[i][j];
                }
                for (int j : p.purityOf()) {
                    group += flows[i][j];
                }
                // the purity of the stream at the outlet, drawn or (total reflux) returned
                purity[i] = re > 0 ? group / re : Double.NaN;
                established[i] = drawn > 0 && re >= flowNeeded[i];
                for (int j = 0; j < c; j++) {
                    flows[i][j] *= drawn;
                }
                if (p.organic()) {
                    acidity[i] = Double.NaN;
                    loading[i] = model.loading(net, p.stage(), re / share);
                } else {
                    acidity[i] = model.acidity(net, p.stage(), aqueousOut);
                    loading[i] = Double.NaN;
                }
            }
            measureState(d, t, y);
        }

        @Override
        void track(int configuration, CascadeDynamics d, double t, double[] y) {
            measure(configuration, d, t, y);
            for (int i = 0; i < targets.length; i++) {
                if (targets[i] != null) {
                    targets[i].observe(t, established[i] ? purity[i] : Double.NaN);
                }
            }
            steady.observe(t, distance);
        }

        @Override
        void refine(int configuration, CascadeDynamics d, Stepper stepper, double from, double to, double[] work) {
            for (int i = 0; i < targets.length; i++) {
                Crossing target = targets[i];
                if (target != null && target.turnedGood) {
                    int product = i;
                    target.refine(from, to, tq -> {
                        stepper.interpolate(tq, work);
                        measure(configuration, d, tq, work);
                        return established[product] && target.good(purity[product]);
                    });
                }
            }
            if (steady.turnedGood) {
                steady.refine(from, to, tq -> {
                    stepper.interpolate(tq, work);
                    measure(configuration, d, tq, work);
                    return steady.good(distance);
                });
            }
        }

        @Override
        TransientSample sample(int configuration, CascadeDynamics d, double t, double[] y) {
            measure(configuration, d, t, y);
            double[][] inventories = new double[3][c];
            for (int k = 0; k < n; k++) {
                double[] section = inventories[k < sections[0] ? 0 : k < sections[0] + sections[1] ? 1 : 2];
                for (int j = 0; j < c; j++) {
                    section[j] += y[k * c + j] * scale;
                }
            }
            return new TransientSample(t, flows, purity, acidity, loading, inventories, distance, conservation);
        }

        @Override
        String reached(double t) {
            StringBuilder b = new StringBuilder("reached t = ").append(Times.format(t)).append(" with");
            for (int i = 0; i < products.size(); i++) {
                if (!Double.isNaN(purity[i])) {
                    b.append(String.format(java.util.Locale.ROOT, " %s purity %.6f,", products.get(i).label(),
                            purity[i]));
                }
            }
            return b.append(String.format(java.util.Locale.ROOT, " distance to steady state %.3g", distance))
                    .toString();
        }
    }
}
