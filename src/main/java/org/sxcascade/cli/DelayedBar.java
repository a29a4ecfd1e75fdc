package org.sxcascade.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error (‰ of a task) that appears once the task has run for a second
 * and then redraws at most ten times a second. Solvers call their listeners from inside their
 * loops, so {@link #due()} is the cheap test to make before formatting any message.
 */
final class DelayedBar implements AutoCloseable {
    private static final long DELAY_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String task;
    private final long start = System.nanoTime();
    private long last = Long.MIN_VALUE;
    private ProgressBar bar;

    DelayedBar(String task) {
        this.task = task;
    }

    /** True when the bar should be drawn now. */
    boolean due() {
        long now = System.nanoTime();
        if (now - start < DELAY_NANOS || bar != null && now - last < REDRAW_NANOS) {
            return false;
        }
        last = now;
        return true;
    }

    /** Draws the bar at a fraction of the task (0 … 1) with a message. */
    void show(double fraction, String message) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(1000)
                    .setStyle(ProgressBarStyle.ASCII).setUnit("‰", 1)
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true))).build();
        }
        bar.stepTo(Math.round(1000 * fraction));
        bar.setExtraMessage(message);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
