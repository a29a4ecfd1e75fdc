package org.sxcascade.solver;

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
}
