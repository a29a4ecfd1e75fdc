package org.sxcascade.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.ModelCase;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NoConvergenceException;
import org.sxcascade.solver.SteadyState;
import org.sxcascade.solver.SteadyStateSolver;
import org.sxcascade.solver.TwoPhaseNewtonSolver;

/**
 * Simulates a case of any model at changed inputs: each point is a copy of the case-file tree
 * with the changes applied, validated by the case reader (so a value out of its allowed range is
 * the reader's own message) and solved as {@code simulate} solves it. A mass-action (or Murphree,
 * side-draw) solve may start from the previous point's steady state (a warm start: the same stages
 * and components, a neighbouring input), falling back to the cold start of {@code simulate} when
 * that does not converge.
 *
 * <p>Not thread-safe: it keeps the last steady state and its solvers.
 */
final class CaseEvaluator {
    private final JsonNode base;
    private final boolean massAction;
    private final CaseReader reader = new CaseReader();
    private TwoPhaseNewtonSolver twoPhase;
    private SteadyState last;
    private int solves;
    private final Consumer<Integer> progress;

    /**
     * @param base     the case-file tree (only read; each point works on a copy)
     * @param progress told the running count of solves after each one (or {@code null})
     */
    CaseEvaluator(JsonNode base, Consumer<Integer> progress) {
        this.base = base;
        this.massAction = CaseReader.isMassAction(base);
        this.progress = progress;
    }

    /** The validated case of the tree with the changes applied (an invalid value throws the reader's error). */
    ModelCase read(List<Consumer<ObjectNode>> changes) {
        ObjectNode tree = (ObjectNode) base.deepCopy();
        for (Consumer<ObjectNode> c : changes) {
            c.accept(tree);
        }
        return massAction ? reader.massActionFromTree(tree) : reader.fromTree(tree);
    }

    /** The simulation report of the unchanged case (cold start), or the exception of its solver. */
    SimulationReport operatingPoint() {
        last = null;
        SimulationReport r = report(read(List.of()), false);
        return r;
    }

    /** Forgets the warm start (the next solve starts from the point given to {@link #restart}). */
    void restart(SteadyState from) {
        last = from;
    }

    /** The last steady state solved (for a warm start of a later search), or {@code null}. */
    SteadyState lastState() {
        return last;
    }

    /** Solves done so far. */
    int solves() {
        return solves;
    }

    /**
     * The targets at a point: a warm start from the last point when {@code warm}, else the cold
     * start of {@code simulate} (what a user who types the values into the case file gets).
     */
    Evaluation evaluate(List<Consumer<ObjectNode>> changes, boolean warm) {
        ModelCase c;
        try {
            c = read(changes);
        } catch (InvalidInputException e) {
            return Evaluation.failed("invalid: " + e.getMessage());
        }
        try {
            return margins(report(c, warm));
        } catch (NoConvergenceException e) {
            return Evaluation.failed("no convergence: " + e.getMessage());
        }
    }

    private SimulationReport report(ModelCase c, boolean warm) {
        CascadeNetwork network = c.network();
        SolverSettings settings = c.solver();
        if (warm && twoPhase == null) {
            twoPhase = new TwoPhaseNewtonSolver();
        }
        // A warm start pays where the cold start is slow: mass action (the two-phase Newton from a
        // neighbour's profile is about 4 times faster than its cold start on the bundled case), not for
        // plain CMER and constant-D cascades (SteadyStateSolver.warmStartPays). The window's steps are
        // larger than a sweep's grid steps: its warm starts keep solveFrom's full 200 iterations (with
        // 50 the mass-action windows took about 10 % longer; docs/performance.md, "Sweep: warm starts").
        SteadyState state = SteadyStateSolver.solveWarmOrCold(network, settings, warm ? last : null, twoPhase,
                Integer.MAX_VALUE, () -> SteadyStateSolver.solveFallingBackOnRows(network, settings, n -> { }))
                .state();
        last = state;
        solves++;
        if (progress != null) {
            progress.accept(solves);
        }
        return new SimulationReport(c, network, state);
    }

    /** The margin of every target of a solved case, products in report order, purity before recovery. */
    static Evaluation margins(SimulationReport report) {
        List<NinesMargin> list = new ArrayList<>();
        for (SimulationReport.Product p : report.products()) {
            if (p.target() != null) {
                double other = 0;
                for (var e : p.composition().entrySet()) {
                    if (!p.purityOf().contains(e.getKey())) {
                        other += e.getValue();
                    }
                }
                list.add(new NinesMargin(p.name() + " purity of " + String.join("+", p.purityOf()), p.purity(),
                        other, p.target()));
            }
            if (p.recoveryTarget() != null) {
                list.add(new NinesMargin(p.name() + " recovery of " + String.join("+", p.purityOf()), p.recovery(),
                        1 - p.recovery(), p.recoveryTarget()));
            }
        }
        return new Evaluation(list, null);
    }
}
