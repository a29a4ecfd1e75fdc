package org.sxcascade.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.design.DesignRequest;
import org.sxcascade.design.Designer;
import org.sxcascade.design.PlantFlowDesign;
import org.sxcascade.design.TargetOverrides;
import org.sxcascade.design.StageSearch;
import org.sxcascade.io.CaseReader;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.optimize.Optimization;
import org.sxcascade.optimize.Optimum;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.NoConvergenceException;
import org.sxcascade.solver.RowIterationSolver;
import org.sxcascade.solver.SteadyState;
import org.sxcascade.solver.SteadyStateSolver;
import org.sxcascade.solver.TwoPhaseNewtonSolver;
import org.sxcascade.window.OperatingWindow;

/**
 * Evaluates points of a sweep, one per call: sets the point's values in its own copy of the base
 * case tree, validates that through the case reader (the same checks and messages as a case
 * file; a {@code model: mass-action} base case as a mass-action case file), runs the task and
 * formats the row. A point that fails is a row with its status and
 * reason, never an exception.
 *
 * <p>With {@code warmStart: true} ({@link SweepTask#warmStart}), points are cut by index into
 * blocks of {@value #WARM_BLOCK}: the first point of a block is solved cold, every other from the
 * converged steady state of the point before it (where {@link SteadyStateSolver#warmStartPays}),
 * falling back to the cold solve. An evaluator that did not just evaluate the point before first
 * re-solves the block up to it, so every row is a function of its index alone, whatever the
 * threads, partitions, resume point or order.
 *
 * <p>Not thread-safe: each thread (or Spark partition) uses its own evaluator, which reuses its
 * solvers and its tree from point to point.
 */
public final class PointEvaluator {
    private static final String COMPOSITION = "feed.composition.";
    /** Points per block of warm starts: index / {@value} is the block, its first point is solved cold. */
    public static final int WARM_BLOCK = 16;
    /**
     * Newton iterations a point's warm start may take before its cold solve takes over. A warm start
     * that converges needs about 5 (Murphree, side draws) to 40 (mass action); one that wanders near
     * a sensitive point (mass action close to the balancing reflux) used solveFrom's full 200 and
     * then the cold start ran as well. With 50 the mass-action grids of docs/performance.md ("Sweep:
     * warm starts") ran 1.3–1.8 times faster than with 200 and the Murphree grid no slower.
     */
    static final int WARM_ITERATIONS = 50;

    private final SweepSpec spec;
    private final PointSampler sampler;
    private final RowFormat format;
    private final JsonNode tree;
    /** Whether the base case is {@code model: mass-action}. */
    private final boolean massAction;
    private final CaseReader reader = new CaseReader();
    private final NewtonCascadeSolver newton = new NewtonCascadeSolver();
    private RowIterationSolver rows;
    private CascadeDesigner designer;
    private final double[] values;
    /** Whether the spec records the operating window ({@link Output#WINDOW}) of each simulated point. */
    private final boolean window;
    /** Per parameter, the setters of its paths in {@link #tree}. */
    private final ParameterPath.Setter[][] setters;
    /** Per parameter: how many feed fractions it sets (each takes its value, so each counts in the sum). */
    private final int[] fractionPaths;
    /** The feed fractions no parameter sets: rescaled so that the fractions sum to 1. */
    private final List<ParameterPath.Setter> compositionRest = new ArrayList<>();
    private final double[] compositionRestBase;
    /** Sum of {@link #compositionRestBase}. */
    private final double compositionRestSum;
    /** Whether points start from the previous point of their block ({@link SweepTask#warmStart}). */
    private final boolean warmStart;
    private TwoPhaseNewtonSolver twoPhase;
    /** The point evaluated last (rows and re-solves), or −1. */
    private long lastIndex = -1;
    /** The converged steady state of {@link #lastIndex}, or {@code null} (not converged, not simulated). */
    private SteadyState lastState;
    /** The start of the point being evaluated: {@link #lastState} when it is the point before in its block. */
    private SteadyState previous;
    /** Whether the point being evaluated is a row (counted), not a re-solve of the block. */
    private boolean counting;
    private long warmStarts;
    private long warmFallbacks;
    /** Points re-solved (states only) to start a later point of their block; tests. */
    private long resolved;

    /**
     * An evaluator with its own sampler and row format (use
     * {@link #PointEvaluator(SweepSpec, PointSampler, RowFormat)} to share them).
     *
     * @param spec the sweep
     */
    public PointEvaluator(SweepSpec spec) {
        this(spec, PointSampler.of(spec), new RowFormat(spec));
    }

    /**
     * An evaluator that shares the spec's sampler and row format with others.
     *
     * @param spec    the sweep
     * @param sampler the spec's points (thread-safe, may be shared)
     * @param format  the spec's row format (thread-safe, may be shared)
     */
    public PointEvaluator(SweepSpec spec, PointSampler sampler, RowFormat format) {
        this.spec = spec;
        this.sampler = sampler;
        this.format = format;
        this.tree = spec.baseCase();
        this.massAction = spec.massAction();
        this.values = new double[spec.parameters().size()];
        this.window = spec.outputs().contains(Output.WINDOW);
        this.warmStart = spec.task().warmStart();
        List<String> swept = new ArrayList<>();
        int count = spec.parameters().size();
        setters = new ParameterPath.Setter[count][];
        fractionPaths = new int[count];
        for (int i = 0; i < count; i++) {
            List<ParameterPath> paths = spec.parameters().get(i).paths();
            setters[i] = new ParameterPath.Setter[paths.size()];
            for (int k = 0; k < paths.size(); k++) {
                setters[i][k] = paths.get(k).setter(tree);
                if (paths.get(k).text().startsWith(COMPOSITION)) {
                    swept.add(paths.get(k).text());
                    fractionPaths[i]++;
                }
            }
        }
        List<Double> restBase = new ArrayList<>();
        if (!swept.isEmpty()) {
            ObjectNode z = (ObjectNode) tree.get("feed").get("composition");
            z.fieldNames().forEachRemaining(name -> {
                String text = COMPOSITION + name;
                if (!swept.contains(text)) {
                    compositionRest.add(ParameterPath.parse(text).setter(tree));
                    restBase.add(Double.parseDouble(z.get(name).asText().trim()));
                }
            });
        }
        compositionRestBase = restBase.stream().mapToDouble(Double::doubleValue).toArray();
        double restSum = 0;
        for (double z : compositionRestBase) {
            restSum += z;
        }
        compositionRestSum = restSum;
    }

    /**
     * The row format of the results.
     *
     * @return the format this evaluator's rows are in
     */
    public RowFormat format() {
        return format;
    }

    /**
     * Rows of this evaluator whose solve started from the previous point's steady state and converged
     * from there (re-solves of a block not counted).
     *
     * @return how many
     */
    public long warmStarts() {
        return warmStarts;
    }

    /** Points this evaluator re-solved (states only, no rows) to start a later point of their block. */
    long resolved() {
        return resolved;
    }

    /**
     * Rows of this evaluator whose warm start did not converge, so that the point was solved cold.
     *
     * @return how many
     */
    public long warmFallbacks() {
        return warmFallbacks;
    }

    /**
     * Evaluates a point. Never throws for a point that fails: that is a row with its status and reason.
     *
     * @param index the point, 0 … {@link SweepSpec#pointCount()} − 1
     * @return its row
     */
    public SweepRow evaluate(long index) {
        if (warmStart) {
            long blockStart = index - index % WARM_BLOCK;
            if (index != blockStart && lastIndex != index - 1 && startsWarm(index)) {
                // re-solve the block up to the point before, as an evaluator that ran it in order did
                long from = lastIndex >= blockStart && lastIndex < index ? lastIndex + 1 : blockStart;
                counting = false;
                for (long i = from; i < index; i++) {
                    evaluate(i, false);
                    resolved++;
                }
            }
        }
        counting = true;
        return evaluate(index, true);
    }

    /**
     * Whether the point's solve would start from the point before it: its case is valid, solved by
     * Newton's method, and a warm start pays for its network ({@link SteadyStateSolver#warmStartPays}).
     * If not, it is solved cold whatever came before, and the block need not be re-solved up to it.
     */
    private boolean startsWarm(long index) {
        sampler.values(index, values);
        apply();
        try {
            if (massAction) {
                MassActionCase c = reader.massActionFromTree(tree);
                return c.solver().method() == SolverSettings.Method.NEWTON
                        && SteadyStateSolver.warmStartPays(CascadeNetwork.massAction(c));
            }
            CascadeCase c = reader.fromTree(tree);
            return c.solver().method() == SolverSettings.Method.NEWTON
                    && SteadyStateSolver.warmStartPays(CascadeNetwork.of(c));
        } catch (InvalidInputException e) {
            return false; // an invalid point is its row whatever came before
        } catch (RuntimeException e) {
            return true; // the point's own evaluation reports it; re-solve as an evaluator in order would
        }
    }

    /** The point's row ({@code row}: with its window), or only its steady state kept for the next point. */
    private SweepRow evaluate(long index, boolean row) {
        previous = warmStart && index % WARM_BLOCK != 0 && lastIndex == index - 1 ? lastState : null;
        lastIndex = index;
        lastState = null;
        sampler.values(index, values);
        try {
            return run(index, row);
        } catch (RuntimeException e) {
            return format.failed(index, values, SweepRow.Status.ERROR, "internal error (please report it with the "
                    + "spec): " + e, null, null, null);
        } catch (StackOverflowError e) {
            return format.failed(index, values, SweepRow.Status.ERROR, "internal error: " + e, null, null, null);
        }
    }

    private SweepRow run(long index, boolean withWindow) {
        apply();
        SweepRow row = point(index);
        if (window && withWindow && row.status() == SweepRow.Status.OK) {
            try {
                return format.withWindow(row, OperatingWindow.compute(tree, 0, null));
            } catch (InvalidInputException | NoConvergenceException e) {
                return row; // the window's columns stay empty; the point itself solved
            }
        }
        return row;
    }

    /** The point's row without its window. */
    private SweepRow point(long index) {
        SweepTask task = spec.task();
        if (massAction) {
            return massAction(index, task);
        }
        if (task.kind() == SweepTask.Kind.SIMULATE) {
            CascadeCase c;
            try {
                c = reader.fromTree(tree);
            } catch (InvalidInputException e) {
                return format.failed(index, values, SweepRow.Status.INVALID, e.getMessage(), null, null, null);
            }
            CascadeNetwork network = CascadeNetwork.of(c);
            return simulate(index, task, network, c.solver(),
                    (state, note) -> format.ok(index, values, new RowFormat.Outcome(c, network, state, 1, null, note)));
        }
        DesignInputs in;
        try {
            in = reader.designFromTree(tree);
        } catch (InvalidInputException e) {
            return format.failed(index, values, SweepRow.Status.INVALID, e.getMessage(), null, null, null);
        }
        String section = task.kind().label();
        try {
            if (task.kind() == SweepTask.Kind.DESIGN) {
                if (designer == null) {
                    designer = new CascadeDesigner();
                }
                CascadeDesigner.Design d = designer.design(in, task.flowChoice(), task.maxStages(),
                        task.reagentExcess());
                CascadeCase c = d.cascadeCase();
                return format.ok(index, values, new RowFormat.Outcome(c, CascadeNetwork.of(c), d.state(),
                        d.verified().simulations(), null, null));
            }
            Optimum o = Optimization.optimize(in, task.optimizer(), null);
            CascadeCase c = o.cascadeCase();
            return format.ok(index, values, new RowFormat.Outcome(c, CascadeNetwork.of(c), o.state(),
                    o.steadyStates(), o.best().objectiveValue(), o.failedSolves() == 0 ? null
                    : o.failedSolves() + " of the steady states did not converge (counted as missing the targets)"));
        } catch (InvalidInputException | NoConvergenceException e) {
            return failedTask(index, e, section);
        } catch (StageSearch.NoFeasibleConfigurationException e) {
            return format.failed(index, values, SweepRow.Status.INFEASIBLE, e.getMessage(), null, null, null);
        }
    }

    /**
     * The row of a design or optimize point that failed: targets out of reach within the limits
     * (infeasible; a command-line option named as the spec's field of {@code section}) or a steady
     * state not reached.
     */
    private SweepRow failedTask(long index, RuntimeException failure, String section) {
        if (failure instanceof NoConvergenceException e) {
            return format.failed(index, values, SweepRow.Status.NO_CONVERGENCE, e.getMessage(), e.method(),
                    e.iterations(), e.residual());
        }
        InvalidInputException e = (InvalidInputException) failure;
        return format.failed(index, values, SweepRow.Status.INFEASIBLE, new InvalidInputException(
                SpecReader.optionField(section, e.field()), e.value(), e.allowed()).getMessage(), null, null, null);
    }

    /**
     * A point of a mass-action base case, validated as a mass-action case file (as {@code design}
     * reads it for {@code run: design}); an invalid point is its row. {@code run: simulate} solves it
     * as {@code simulate} does ({@link CascadeNetwork#massAction}, Newton's method with the row
     * fallback if the spec allows it); design and optimize as below.
     */
    private SweepRow massAction(long index, SweepTask task) {
        Object read;
        try {
            read = task.kind() == SweepTask.Kind.DESIGN ? reader.forDesignFromTree(tree)
                    : reader.massActionFromTree(tree);
        } catch (InvalidInputException e) {
            return format.failed(index, values, SweepRow.Status.INVALID, e.getMessage(), null, null, null);
        }
        if (task.kind() == SweepTask.Kind.SIMULATE) {
            MassActionCase c = (MassActionCase) read;
            CascadeNetwork network = CascadeNetwork.massAction(c);
            return simulate(index, task, network, c.solver(),
                    (state, note) -> format.okMassAction(index, values, c, network, state, note));
        }
        try {
            return task.kind() == SweepTask.Kind.DESIGN ? massActionDesign(index, task, read)
                    : massActionOptimize(index, task, (MassActionCase) read);
        } catch (InvalidInputException | NoConvergenceException e) {
            return failedTask(index, e, task.kind().label());
        }
    }

    /**
     * A {@code run: design} point of a mass-action base case: designed as {@code sxcascade design}
     * designs the case ({@link Designer}, the case's {@code design:} section and the spec's flow
     * choice and stage limit); a design that misses its targets is an infeasible row saying by how much.
     */
    private SweepRow massActionDesign(long index, SweepTask task, Object in) {
        PlantFlowDesign.Designed designed = (PlantFlowDesign.Designed) Designer.design(in, new DesignRequest(
                task.flowChoice(), task.maxStages(), 0, TargetOverrides.NONE, java.util.Map.of()));
        PlantFlowDesign.Result r = designed.result();
        if (!r.met()) {
            return format.failed(index, values, SweepRow.Status.INFEASIBLE, designed.shortfall()[1], null, null, null);
        }
        return format.okMassAction(index, values, r.designed(), r.network(), r.state(), null, r.solves());
    }

    /**
     * A {@code run: optimize} point of a mass-action base case: optimized as {@code sxcascade optimize}
     * optimizes the case ({@link Optimization}: bounds, constraints and weights from the case's
     * {@code optimize} section, the spec's objective), its row that of the optimized case's cold-start
     * verification; targets out of reach within the bounds are an infeasible row.
     */
    private SweepRow massActionOptimize(long index, SweepTask task, MassActionCase c) {
        var o = Optimization.optimize(c, tree, task.optimizer().objective().label(), "", null);
        return format.okMassAction(index, values, o.optimized(), o.verification().network(), o.state(),
                o.failedSolves() == 0 ? null : o.failedSolves() + " of the steady states did not converge (counted "
                        + "as missing the targets)", o.solves(), o.objectiveValue());
    }

    /**
     * Solves a {@code run: simulate} point's network as {@code simulate} does (Newton's method, or
     * rows, with the fallback to rows if the spec allows it) and formats its row with {@code ok}
     * (given the steady state and the note for the reason column, or {@code null}); a point that
     * does not converge is its failed row.
     */
    private SweepRow simulate(long index, SweepTask task, CascadeNetwork network, SolverSettings settings,
                              BiFunction<SteadyState, String, SweepRow> ok) {
        String[] note = new String[1];
        SteadyState state;
        try {
            if (previous == null) {
                state = cold(task, network, settings, note);
            } else {
                if (twoPhase == null) {
                    twoPhase = new TwoPhaseNewtonSolver();
                }
                SteadyStateSolver.Solved solved = SteadyStateSolver.solveWarmOrCold(network, settings, previous,
                        twoPhase, WARM_ITERATIONS, () -> cold(task, network, settings, note));
                state = solved.state();
                if (counting && solved.start() == SteadyStateSolver.Start.WARM) {
                    warmStarts++;
                } else if (counting && solved.start() == SteadyStateSolver.Start.FELL_BACK) {
                    warmFallbacks++;
                }
            }
        } catch (NoConvergenceException e) {
            return format.failed(index, values, SweepRow.Status.NO_CONVERGENCE, e.getMessage(), e.method(),
                    e.iterations(), e.residual());
        }
        lastState = state;
        return ok.apply(state, note[0]);
    }

    /** The cold solve of a point, as {@code simulate} solves it; a fallback to rows is told to {@code note[0]}. */
    private SteadyState cold(SweepTask task, CascadeNetwork network, SolverSettings settings, String[] note) {
        return task.rowsFallback()
                ? SteadyStateSolver.solveFallingBackOnRows(network, settings, this::solve,
                        n -> note[0] = note[0] == null ? n : note[0] + "; " + n)
                : solve(network, settings);
    }

    private SteadyState solve(CascadeNetwork network, SolverSettings settings) {
        if (settings.method() == SolverSettings.Method.ROWS) {
            if (rows == null) {
                rows = new RowIterationSolver();
            }
            return rows.solve(network, settings);
        }
        return newton.solve(network, settings);
    }

    /** Sets the point's values in the tree; swept feed fractions rescale the others to keep the sum 1. */
    private void apply() {
        List<Parameter> ps = spec.parameters();
        double sweptFractions = 0;
        for (int i = 0; i < setters.length; i++) {
            boolean integer = ps.get(i).integer();
            for (ParameterPath.Setter s : setters[i]) {
                s.set(values[i], integer);
            }
            sweptFractions += fractionPaths[i] * values[i];
        }
        if (!compositionRest.isEmpty()) { // non-empty only when some parameter sets a feed fraction
            double scale = compositionRestSum > 0 ? (1 - sweptFractions) / compositionRestSum : 0;
            for (int j = 0; j < compositionRest.size(); j++) {
                double z = compositionRestSum > 0 ? compositionRestBase[j] * scale
                        : (1 - sweptFractions) / compositionRest.size();
                compositionRest.get(j).set(z, false);
            }
        }
    }
}
