package org.sxcascade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Locale;
import org.sxcascade.window.ControlInput;
import org.sxcascade.window.OperatingWindow;

/**
 * Computes an operating window with a progress bar on standard error when it takes more than a
 * second (and the terminal is interactive): the count of steady states solved and the input
 * being searched.
 */
final class WindowProgress {
    /** Solves per edge search, as an estimate for the bar (stepping out, Brent, the two verifications). */
    private static final int PER_EDGE = 25;

    private WindowProgress() {
    }

    /** The window of a case tree, with the bar where one can be shown. */
    static OperatingWindow compute(JsonNode tree, int grid, PrintWriter err) {
        if (System.console() == null) {
            return OperatingWindow.compute(tree, grid, null);
        }
        int inputs = ControlInput.count(tree);
        long estimate = (2L * inputs + 2) * PER_EDGE + (long) grid * grid;
        try (DelayedBar bar = new DelayedBar("window", 1000, "‰")) {
            return OperatingWindow.compute(tree, grid, (solves, step) -> {
                if (bar.due()) {
                    bar.show(Math.min(0.99, (double) solves / estimate), String.format(Locale.ROOT,
                            "%d steady states, %s", solves, step));
                }
            });
        }
    }
}
