package org.sxcascade.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sxcascade.chart.NamedChart;
import org.sxcascade.chart.WindowChart;
import org.sxcascade.window.OperatingWindow;
import org.sxcascade.flowsheet.FlowsheetConvergenceException;
import org.sxcascade.flowsheet.FlowsheetSimulation;
import org.sxcascade.io.CaseReader;
import org.sxcascade.io.FlowsheetReader;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.ModelCase;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.io.OutputFiles;
import org.sxcascade.model.SolverSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sxcascade simulate CASE.yaml}: the steady state of a cascade, stage by stage. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Solve the steady state of the cascade described by a case file and report its products, "
                + "purities, recoveries, stage profile and mass-balance closure.",
                "Flows are in mol RE per mol RE fed (Xu's normalisation) unless the case gives plant flows."},
        footer = {"", "Examples:", "  sxcascade simulate cases/zhang-binary.yaml",
                "  sxcascade simulate cases/pr-nd-p507.yaml --profile",
                "  sxcascade simulate cases/zhang-binary.yaml --json > result.json",
                "  sxcascade simulate cases/kremser.yaml --csv profile.csv",
                "  sxcascade simulate cases/zhang-binary.yaml --plot charts --format svg",
                "  sxcascade simulate cases/pr-nd-mass-action.yaml --csv profile.csv --plot charts",
                "  sxcascade simulate cases/pr-nd-p507.yaml --window",
                "  sxcascade simulate cases/pr-nd-p507.yaml --window --plot charts",
                "  sxcascade simulate cases/pr-nd-p507.yaml --uncertainty --beta-sigma 0.03 --plot charts",
                "", "Exit codes: 0 ok, 2 bad input, 3 no convergence."})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CASE.yaml", description = "Case file (format: docs/case-format.md), or a "
            + "flowsheet of linked cascades (a top-level cascades: list; docs/flowsheets.md).")
    Path caseFile;

    @Option(names = "--json", description = "Print one JSON document instead of the tables.")
    boolean json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the stage profile as CSV to FILE.")
    Path csv;

    @Option(names = "--profile", description = "Also print the stage-by-stage profile table.")
    boolean profile;

    @Option(names = "--method", paramLabel = "newton|rows",
            description = "Override the case's solver: newton (default) or rows (Xu's row-by-row iteration; slow).")
    String method;

    @picocli.CommandLine.Mixin
    WindowOptions windowOptions;

    @picocli.CommandLine.Mixin
    UncertaintyOptions uncertainty;

    @picocli.CommandLine.Mixin
    PlotOptions plot;

    /** The case's solver settings with the method of {@code --method}, when given and different. */
    private SolverSettings withMethod(SolverSettings settings) {
        if (method == null) {
            return settings;
        }
        SolverSettings.Method m = SolverSettings.Method.parse("--method", method);
        return m == settings.method() ? settings
                : new SolverSettings(m, settings.tolerance(), SolverSettings.defaults(m).maxIterations());
    }

    @Override
    public Integer call() throws IOException {
        plot.check();
        if (csv != null) {
            OutputFiles.checkWritable("--csv", csv, caseFile); // before any computing
        }
        windowOptions.check();
        uncertainty.check(spec);
        if (FlowsheetReader.isFlowsheet(caseFile)) {
            if (windowOptions.window || uncertainty.uncertainty) {
                throw new InvalidInputException(windowOptions.window ? "--window" : "--uncertainty", "a flowsheet",
                        "a single cascade's case file: the operating window and the uncertainty of a flowsheet of "
                                + "linked cascades are not computed (run them on each cascade's own case file)");
            }
            return flowsheet();
        }
        ModelCase read = (ModelCase) new CaseReader().readForSimulate(caseFile);
        var err = spec.commandLine().getErr();
        String stem = NamedChart.caseStem(caseFile.toString());
        if (method != null && read instanceof MassActionCase) {
            // the case reader refuses solver.method: rows for the same reason
            throw new InvalidInputException("--method", method, "not given for a mass-action case (only newton "
                    + "solves it; Xu's row iteration is used inside the solver as its start)");
        }
        SimulationReport report = SimulationReport.solve(read, (network, settings) -> SolveProgress.solve(network,
                withMethod(settings), err));
        if (csv != null) {
            OutputFiles.write("--csv", csv, caseFile, report::writeProfileCsv);
        }
        OperatingWindow win = windowOptions.compute(() -> new CaseReader().readTree(caseFile), plot.wanted(), err);
        org.sxcascade.window.MonteCarlo mc = uncertainty.run(() -> new CaseReader().readTree(caseFile));
        org.sxcascade.window.WorstCase wc = uncertainty.worstCase(() -> new CaseReader().readTree(caseFile));
        OperatingWindow shown = win;
        List<Path> charts = plot.writeIfWanted(() -> org.sxcascade.chart.HistogramChart.appendTo(
                WindowChart.appendTo(report.charts(stem), stem, shown), stem, mc), caseFile);
        OperatingWindow windowShown = win;
        AppendedSections appended = new AppendedSections()
                .add(windowShown != null, "window", () -> windowShown.toJson(), () -> windowShown.toText())
                .add(mc != null, "uncertainty", () -> mc.toJson(), () -> mc.toText())
                .add(wc != null, "worstCase", () -> wc.toJson(), () -> wc.toText());
        var out = spec.commandLine().getOut();
        if (json) {
            if (appended.isEmpty()) {
                StringWriter w = new StringWriter();
                report.writeJson(w);
                out.println(w);
            } else {
                var node = report.toJson();
                appended.putInto(node);
                out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(node));
            }
        } else {
            out.print(report.toText(profile));
            appended.print(out);
            long missed = report.products().stream().filter(p -> Boolean.FALSE.equals(p.met())).count();
            if (missed > 0) {
                out.println();
                out.println("Note: " + (missed == 1 ? "1 target is" : missed + " targets are") + " missed by the "
                        + "cascade as given; that is a result, not an error (exit code 0). `sxcascade design "
                        + caseFile + "` finds the stages and flows that meet the targets.");
            }
            if (csv != null) {
                out.println();
                out.println("Stage profile written to " + csv);
            }
        }
        out.flush();
        plot.announce(charts, json, spec);
        return 0;
    }

    // ---- flowsheets of linked cascades (a top-level `cascades:` key; docs/flowsheets.md)

    /** Solves and reports a flowsheet; exit 3 with what was reached when it does not converge. */
    private int flowsheet() throws IOException {
        var err = spec.commandLine().getErr();
        try {
            return FlowsheetSimulation.run(caseFile, json, profile, csv, method, plot.wanted(),
                    spec.commandLine().getOut());
        } catch (FlowsheetConvergenceException e) {
            err.println("error: " + e.getMessage());
            err.println("No result was written. " + e.hint());
            err.flush();
            return SxCascade.EXIT_NO_CONVERGENCE;
        }
    }
}
