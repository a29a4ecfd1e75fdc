package org.sxcascade.cli;

import org.sxcascade.model.SolverSettings;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.RowIterationSolver;
import org.sxcascade.solver.SteadyState;
import org.sxcascade.solver.SteadyStateSolver;

/**
 * A progress bar on standard error for solves that take more than a second: most take
 * milliseconds, long multi-component cascades can take tens of seconds. The bar follows the
 * continuation parameter (Newton) or the fall of the imbalance (rows) and shows the iterations
 * and the current imbalance. It
 * appears only on an interactive terminal, so piped output (--json, CSV, tests) stays clean.
 */
final class SolveProgress implements AutoCloseable {
    private final SteadyStateSolver solver;
    private final DelayedBar bar;

    private SolveProgress(SteadyStateSolver solver, String task) {
        this.solver = solver;
        this.bar = task == null ? null : new DelayedBar(task);
    }

    /** A progress reporter for the solver, or an inert one where no bar can or should be shown. */
    static SolveProgress attach(SteadyStateSolver solver) {
        if (System.console() == null) {
            return new SolveProgress(null, null);
        }
        if (solver instanceof NewtonCascadeSolver newton) {
            SolveProgress progress = new SolveProgress(solver, "solving (newton)");
            newton.setProgressListener(progress::update);
            return progress;
        }
        if (solver instanceof RowIterationSolver rows) {
            SolveProgress progress = new SolveProgress(solver, "solving (rows)");
            rows.setProgressListener(progress::update);
            return progress;
        }
        return new SolveProgress(null, null);
    }

    /**
     * Solves with the settings' method and a progress bar; when Newton's globalisation fails, says
     * why on {@code err} and solves with the row iteration
     * ({@link SteadyStateSolver#solveFallingBackOnRows}).
     */
    @SuppressWarnings("try") // the progress reporter is only closed, never read
    static SteadyState solve(CascadeNetwork network, SolverSettings settings, java.io.PrintWriter err) {
        return SteadyStateSolver.solveFallingBackOnRows(network, settings, (net, s) -> {
            SteadyStateSolver solver = SteadyStateSolver.forMethod(s.method());
            try (SolveProgress progress = attach(solver)) {
                return solver.solve(net, s);
            }
        }, note -> {
            err.println("note: " + note);
            err.flush();
        });
    }

    private void update(double fraction, int iterations, double residual) {
        if (bar.due()) {
            bar.show(fraction, String.format(java.util.Locale.ROOT, "%d %s, imbalance %.1e", iterations,
                    solver instanceof RowIterationSolver ? "rows" : "iterations", residual));
        }
    }

    @Override
    public void close() {
        if (solver instanceof NewtonCascadeSolver newton) {
            newton.setProgressListener(null);
        } else if (solver instanceof RowIterationSolver rows) {
            rows.setProgressListener(null);
        }
        if (bar != null) {
            bar.close();
        }
    }
}
