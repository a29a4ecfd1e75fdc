package org.sxcascade.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sxcascade.dynamics.TransientSolver;

/**
 * A progress bar on standard error for transient runs that take more than a second, following
 * the simulated time; only on an interactive terminal (as {@link SolveProgress}).
 */
final class RunProgress implements AutoCloseable {
    private static final long DELAY_NANOS = 1_000_000_000L;

    private final TransientSolver solver;
    private final String task;
    private final long start = System.nanoTime();
    private ProgressBar bar;

    private RunProgress(TransientSolver solver, String task) {
        this.solver = solver;
        this.task = task;
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
        if (bar == null) {
            if (System.nanoTime() - start < DELAY_NANOS) {
                return;
            }
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(1000)
                    .setStyle(ProgressBarStyle.ASCII).setUnit("‰", 1)
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true))).build();
        }
        bar.stepTo(Math.round(1000 * fraction));
        bar.setExtraMessage(String.format(java.util.Locale.ROOT, "t = %.2f d, %d steps", hours / 24, steps));
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
