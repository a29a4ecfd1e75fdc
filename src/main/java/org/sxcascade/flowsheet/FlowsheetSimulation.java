package org.sxcascade.flowsheet;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.sxcascade.io.FlowsheetReader;
import org.sxcascade.io.OutputFiles;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.SolverSettings;

/**
 * {@code sxcascade simulate FLOWSHEET.yaml}: reads, solves and reports a flowsheet (called by the
 * {@code simulate} command when the file has a top-level {@code cascades:} key). Nothing is
 * printed or written before the flowsheet is solved, so bad input (exit 2) and no convergence
 * (exit 3) leave no partial output.
 */
public final class FlowsheetSimulation {
    private FlowsheetSimulation() {
    }

    /**
     * @param method    {@code --method} or {@code null}; only {@code newton} is allowed
     * @param plotAsked whether {@code --plot} was given (no charts for flowsheets)
     * @return exit code 0
     * @throws InvalidInputException         for bad input or options (exit 2)
     * @throws FlowsheetConvergenceException if it did not converge (exit 3)
     */
    public static int run(Path file, boolean json, boolean profile, Path csv, String method, boolean plotAsked,
                          PrintWriter out) throws IOException {
        if (plotAsked) {
            throw new InvalidInputException("--plot", "(given)", "no --plot for a flowsheet: charts are drawn for "
                    + "single cascades only (use --csv for every cascade's stage profile)");
        }
        if (method != null && SolverSettings.Method.parse("--method", method) != SolverSettings.Method.NEWTON) {
            throw new InvalidInputException("--method", method, "newton (flowsheets are solved with Newton's method "
                    + "per cascade)");
        }
        Flowsheet fs = new FlowsheetReader().read(file);
        FlowsheetResult result = new FlowsheetSolver().solve(fs);
        FlowsheetReport report = new FlowsheetReport(result);
        if (csv != null) {
            OutputFiles.write("--csv", csv, file, report::writeProfileCsv);
        }
        if (json) {
            StringWriter w = new StringWriter();
            report.writeJson(w, profile);
            out.println(w);
        } else {
            out.print(report.toText(profile));
            if (csv != null) {
                out.println();
                out.println("Stage profiles written to " + csv);
            }
        }
        out.flush();
        return 0;
    }
}
