package org.sxcascade.solver;

import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sxcascade.equilibrium.ConstantDistributionRatios;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.model.SolverSettings;

/** Computes the steady state of a cascade network. */
public interface SteadyStateSolver {

    /**
     * @return the converged steady state
     * @throws NoConvergenceException if the tolerance is not reached within the iteration limit
     */
    SteadyState solve(CascadeNetwork network, SolverSettings settings);

    /** The solver for a settings' method. */
    static SteadyStateSolver forMethod(SolverSettings.Method method) {
        return method == SolverSettings.Method.ROWS ? new RowIterationSolver() : new NewtonCascadeSolver();
    }

    /**
     * Solves with the settings' method. When Newton's globalisation fails (not when it merely
     * reached its iteration limit: then raising the limit is the answer), tells {@code note} why
     * and solves with Xu's row-by-row iteration at the same tolerance: slow, but it needs no start
     * profile, and its result reports method {@code rows}.
     *
     * @param solve runs one solve with given settings (e.g. with a progress bar)
     * @param note  told, in two sentences, that and why the row iteration is used
     */
    static SteadyState solveFallingBackOnRows(CascadeNetwork network, SolverSettings settings,
                                              BiFunction<CascadeNetwork, SolverSettings, SteadyState> solve,
                                              Consumer<String> note) {
        try {
            return solve.apply(network, settings);
        } catch (NoConvergenceException e) {
            if (settings.method() != SolverSettings.Method.NEWTON || e.limitReached() || e.rowsTried()) {
                throw e;
            }
            note.accept(e.getMessage());
            note.accept("solving with Xu's row-by-row iteration instead (slow; the result reports method rows)");
            return solve.apply(network, new SolverSettings(SolverSettings.Method.ROWS, settings.tolerance(),
                    SolverSettings.DEFAULT_ROWS));
        }
    }

    /** {@link #solveFallingBackOnRows(CascadeNetwork, SolverSettings, BiFunction, Consumer)} with plain solvers. */
    static SteadyState solveFallingBackOnRows(CascadeNetwork network, SolverSettings settings, Consumer<String> note) {
        return solveFallingBackOnRows(network, settings, (net, s) -> forMethod(s.method()).solve(net, s), note);
    }

    /** How a solve that may start from a neighbour's steady state began. */
    enum Start {
        /** Solved cold (no start given, or the warm start does not pay for the network). */
        COLD,
        /** Converged from the neighbour's steady state. */
        WARM,
        /** The warm start did not converge; solved cold after it. */
        FELL_BACK
    }

    /**
     * A steady state and how its solve began.
     *
     * @param state the converged steady state
     * @param start cold, warm, or cold after a failed warm start
     */
    record Solved(SteadyState state, Start start) {
    }

    /**
     * Whether a warm start from a neighbour's steady state pays for a network: not for plain CMER
     * and constant-D cascades, whose split-shooting cold start gives Newton the profile directly and
     * is 4–15 times faster than Newton from a neighbour's profile (docs/performance.md, "Operating
     * window" and "Sweep: warm starts"); yes for Murphree stages, side draws and mass action.
     *
     * @param network the network to solve
     * @return whether {@link #solveWarmOrCold} tries the warm start on it
     */
    static boolean warmStartPays(CascadeNetwork network) {
        return !(network.isPlain() && (network.equilibrium() instanceof ConstantSeparationFactors
                || network.equilibrium() instanceof ConstantDistributionRatios));
    }

    /**
     * Solves from a neighbour's steady state where that pays ({@link #warmStartPays}; Newton's
     * method; the same stages and components), by {@link TwoPhaseNewtonSolver#solveFrom} within
     * {@code warmIterations} iterations; otherwise, or when that does not converge, by the cold
     * solve given. The one policy of the operating window and of sweeps with {@code warmStart: true}.
     *
     * @param network        the network
     * @param settings       its solver settings
     * @param previous       the neighbour's converged steady state, or {@code null} (then cold)
     * @param warm           the solver of the warm attempt (not thread-safe: one per thread)
     * @param warmIterations most Newton iterations of the warm attempt (also at most the settings'
     *                       limit and {@code solveFrom}'s 200) before the cold solve takes over
     * @param cold           the cold solve (as {@code simulate} solves the network)
     * @return the steady state and how its solve began
     * @throws NoConvergenceException what the cold solve threw
     */
    static Solved solveWarmOrCold(CascadeNetwork network, SolverSettings settings, SteadyState previous,
                                  TwoPhaseNewtonSolver warm, int warmIterations, Supplier<SteadyState> cold) {
        if (previous == null || settings.method() != SolverSettings.Method.NEWTON || !warmStartPays(network)
                || previous.stages() != network.stages() || previous.components() != network.components()) {
            return new Solved(cold.get(), Start.COLD);
        }
        try {
            SolverSettings w = warmIterations >= settings.maxIterations() ? settings
                    : new SolverSettings(settings.method(), settings.tolerance(), warmIterations);
            return new Solved(warm.solveFrom(network, w, previous), Start.WARM);
        } catch (NoConvergenceException | IllegalArgumentException e) {
            return new Solved(cold.get(), Start.FELL_BACK); // the cold start decides
        }
    }
}
