package org.sxcascade.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.RowIterationSolver;
import org.sxcascade.solver.SteadyStateSolver;

/**
 * A progress bar on standard error for solves that take more than a second: most take
 * milliseconds, long multi-component cascades can take tens of seconds. The bar follows the
 * continuation parameter (Newton) or the fall of the imbalance (rows) and shows the iterations
 * and the current imbalance. It
 * appears only on an interactive terminal, so piped output (--json, CSV, tests) stays clean.
 */
final class SolveProgress implements AutoCloseable {
    /** How long a task runs before its bar appears. */
    static final long DELAY_NANOS = 1_000_000_000L;

    private final SteadyStateSolver solver;
    private final String task;
    private final long start = System.nanoTime();
    private ProgressBar bar;

    private SolveProgress(SteadyStateSolver solver, String task) {
        this.solver = solver;
        this.task = task;
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

    private void update(double fraction, int iterations, double residual) {
        if (bar == null) {
            if (System.nanoTime() - start < DELAY_NANOS) {
                return;
            }
            bar = newBar(task);
        }
        bar.stepTo(Math.round(1000 * fraction));
        bar.setExtraMessage(String.format(java.util.Locale.ROOT, "%d %s, imbalance %.1e", iterations,
                solver instanceof RowIterationSolver ? "rows" : "iterations", residual));
    }

    /** A bar on standard error counting ‰ of a task. */
    static ProgressBar newBar(String task) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(1000)
                .setStyle(ProgressBarStyle.ASCII).setUnit("‰", 1)
                .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true))).build();
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
