package org.sxcascade.cli;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error (‰ of a task) that appears once the task has run for a second
 * and then redraws at most ten times a second. Solvers call their listeners from inside their
 * loops, so {@link #due()} is the cheap test to make before formatting any message.
 *
 * <p>The bar starts from what was done when it appears (for a resumed sweep that includes the
 * rows of the earlier run) and from the time since the task started: it shows the whole elapsed
 * time, while its rate and time left count only the progress made while it is shown, not a
 * second's (or an earlier run's) work credited to the moment it appeared.
 */
final class DelayedBar implements AutoCloseable {
    private static final long DELAY_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String task;
    private final long max;
    private final String unit;
    private final long start;
    private final ProgressBarConsumer consumer;
    private long last = Long.MIN_VALUE;
    private ProgressBar bar;

    /** A bar of ‰ of the task. */
    DelayedBar(String task) {
        this(task, 1000, "‰");
    }

    /** A bar that counts {@code max} items of a unit, with their rate and the time left. */
    DelayedBar(String task, long max, String unit) {
        this(task, max, unit, System.nanoTime(), null);
    }

    /**
     * @param start    when the task started ({@link System#nanoTime()})
     * @param consumer where the bar is drawn, or {@code null} for standard error
     */
    DelayedBar(String task, long max, String unit, long start, ProgressBarConsumer consumer) {
        this.task = task;
        this.max = max;
        this.unit = unit;
        this.start = start;
        this.consumer = consumer;
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
                    .startsFrom(done, Duration.ofNanos(System.nanoTime() - start))
                    .setConsumer(consumer != null ? consumer
                            : new ConsoleProgressBarConsumer(new PrintStream(System.err, true)));
            if (!"‰".equals(unit)) {
                b.showSpeed();
            }
            bar = b.build();
        }
        bar.stepTo(done);
        bar.setExtraMessage(message);
    }

    /** The bar once it is shown, else {@code null}. */
    ProgressBar bar() {
        return bar;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
