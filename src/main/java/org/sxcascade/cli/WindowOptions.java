package org.sxcascade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.window.OperatingWindow;
import picocli.CommandLine.Option;

/** {@code --window} and {@code --window-grid} of simulate, design and optimize. */
final class WindowOptions {
    @Option(names = "--window", description = "Also compute the operating window (the case needs targets; for design "
            + "and optimize, of the case as written, at the rounded flows): each input's range with every target "
            + "met, the others held; the margin of each target in nines; the tolerance on the separation factors; "
            + "with --plot, the feasible region of the two main flows (docs/design.md, \"Operating window\").")
    boolean window;

    @Option(names = "--window-grid", paramLabel = "N", description = "Points along each axis of the feasible "
            + "region (3 to 201; with --plot the default is 25, 15 for mass action; without --plot none is computed "
            + "unless this is given).")
    Integer windowGrid;

    /** Checks the options before anything is computed (exit 2 for a bad combination). */
    void check() {
        if (windowGrid != null && !window) {
            throw new InvalidInputException("--window-grid", windowGrid, "only with --window");
        }
        if (windowGrid != null && (windowGrid < 3 || windowGrid > 201)) {
            throw new InvalidInputException("--window-grid", windowGrid, "points along each axis from 3 to 201");
        }
    }

    /** The window of a case (its tree read only when asked) with the bar where one can be shown, or {@code null} without --window. */
    OperatingWindow compute(java.util.function.Supplier<JsonNode> caseTree, boolean plotWanted, PrintWriter err) {
        if (!window) {
            return null;
        }
        JsonNode tree = caseTree.get();
        int grid = windowGrid != null ? windowGrid : !plotWanted ? 0 : OperatingWindow.defaultGrid(tree);
        return WindowProgress.compute(tree, grid, err);
    }
}
