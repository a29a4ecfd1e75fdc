package org.sxcascade.solver;

import java.util.function.BiFunction;
import java.util.function.Consumer;
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
}
