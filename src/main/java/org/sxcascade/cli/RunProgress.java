package org.sxcascade.cli;

import org.sxcascade.dynamics.TransientSolver;

/**
 * A progress bar on standard error for transient runs that take more than a second, following
 * the simulated time; only on an interactive terminal (as {@link SolveProgress}).
 */
final class RunProgress implements AutoCloseable {
    private final TransientSolver solver;
    private final DelayedBar bar;

    private RunProgress(TransientSolver solver, String task) {
        this.solver = solver;
        this.bar = task == null ? null : new DelayedBar(task);
    }

    static RunProgress attach(TransientSolver solver, String method) {
        if (System.console() == null) {
            return new RunProgress(null, null);
        }
        RunProgress p = new RunProgress(solver, "transient (" + method + ")");
        solver.setProgressListener(p::update);
        return p;
    }

    private void update(double fraction, double hours, long steps) {
        if (bar.due()) {
            bar.show(fraction, String.format(java.util.Locale.ROOT, "t = %.2f d, %d steps", hours / 24, steps));
        }
    }

    @Override
    public void close() {
        if (solver != null) {
            solver.setProgressListener(null);
        }
        if (bar != null) {
            bar.close();
        }
    }
}
