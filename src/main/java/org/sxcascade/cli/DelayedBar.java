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
    private final long max;
    private final String unit;
    private final long start = System.nanoTime();
    private long last = Long.MIN_VALUE;
    private ProgressBar bar;

    /** A bar of ‰ of the task. */
    DelayedBar(String task) {
        this(task, 1000, "‰");
    }

    /** A bar that counts {@code max} items of a unit, with their rate and the time left. */
    DelayedBar(String task, long max, String unit) {
        this.task = task;
        this.max = max;
        this.unit = unit;
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
        show(Math.round(max * fraction), message);
    }

    /** Draws the bar at a count of items (0 … max) with a message. */
    void show(long done, String message) {
        if (bar == null) {
            ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                    .setStyle(ProgressBarStyle.ASCII).setUnit("‰".equals(unit) ? unit : " " + unit, 1)
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true)));
            if (!"‰".equals(unit)) {
                b.showSpeed();
            }
            bar = b.build();
        }
        bar.stepTo(done);
        bar.setExtraMessage(message);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
