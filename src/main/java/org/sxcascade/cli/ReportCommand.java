package org.sxcascade.cli;

import org.sxcascade.report.TargetOnlyCase;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sxcascade.chart.Charts;
import java.util.List;
import org.sxcascade.chart.NamedChart;
import org.sxcascade.chart.WindowChart;
import org.sxcascade.window.OperatingWindow;
import org.sxcascade.dynamics.TransientCase;
import org.sxcascade.dynamics.TransientFailureException;
import org.sxcascade.dynamics.TransientResult;
import org.sxcascade.dynamics.TransientSolver;
import org.sxcascade.io.CaseReader;
import org.sxcascade.io.FlowsheetReader;
import org.sxcascade.io.OutputFiles;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.ModelCase;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.report.HtmlReport;
import org.sxcascade.report.TransientReport;
import org.sxcascade.solver.NoConvergenceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sxcascade report CASE.yaml -o report.html}: one self-contained HTML file about a case. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML file about a case: its inputs, the verified steady state "
                + "(products, recoveries, mass balance, stage profile), the case's own design (stages, flows, "
                + "target margins in nines, binding constraints, how design or optimize made it, its robustness "
                + "under its uncertainty section; with the operating window for a case design or optimize wrote), "
                + "the design from its purity targets, the start-up when the case has a transient section, and the "
                + "charts (inline SVG).",
                "The file needs no network and no scripts: open it in any browser, or email it."},
        footer = {"", "Examples:", "  sxcascade report cases/zhang-binary.yaml -o zhang-report.html",
                "  sxcascade report cases/pr-nd-1974.yaml -o pr-nd-1974.html",
                "  sxcascade report cases/pr-nd-mass-action.yaml -o pr-nd-mass-action.html",
                "  sxcascade report cases/pr-nd-p507.yaml --window -o pr-nd-p507.html",
                "", "Exit codes: 0 ok, 2 bad input, 3 no convergence."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CASE.yaml", description = "Case file (format: docs/case-format.md).")
    Path caseFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The HTML file to write.")
    Path output;

    @Option(names = "--no-design", description = "Leave out the design from the targets (a case that design or "
            + "optimize wrote shows its own design instead of a new one).")
    boolean noDesign;

    @Option(names = "--window", description = "Add the operating window of the case (it needs targets; a case "
            + "that design or optimize wrote, with its origin section, has it without the option): each "
            + "input's range with every target met, the margins in nines, the tolerance on the separation factors "
            + "and the feasible region of the two main flows (docs/design.md, \"Operating window\").")
    boolean window;

    @Option(names = "--shakeouts", paramLabel = "FILE",
            description = "Add the case's chemistry against shake-out data: the data fitted with the law of the case's "
                    + "model, the fitted values with their 95 %% intervals beside the case's, and the parity chart "
                    + "(docs/fit.md).")
    Path shakeouts;

    @Option(names = "--no-transient", description = "Leave out the start-up, even when the case has a transient section.")
    boolean noTransient;

    @Override
    public Integer call() throws IOException {
        FlowsheetReader.refuseFlowsheet(caseFile, "report"); // flowsheets run with simulate only (docs/flowsheets.md)
        if (output.toString().isBlank() || Files.isDirectory(output)) {
            throw new InvalidInputException("--output", output, "an HTML file name, e.g. report.html");
        }
        OutputFiles.checkWritable("--output", output, caseFile); // before any computing
        CaseReader reader = new CaseReader();
        var err = spec.commandLine().getErr();
        Path caseFile = this.caseFile;
        JsonNode given = reader.readTree(caseFile);
        if (TargetOnlyCase.isTargetOnly(given)) {
            // a target-only file (as design takes it): the report is about its design
            String designed = TargetOnlyCase.designed(caseFile, given);
            caseFile = Files.createTempFile("sxcascade-designed-", ".yaml");
            Files.writeString(caseFile, designed);
            err.println("note: " + this.caseFile.getFileName() + " has no cascade section: the report is about the "
                    + "design from its targets (Xu's optimum, verified; as `sxcascade design --case-out` writes it)");
            err.flush();
        }
        try {
            return report(reader, caseFile, err);
        } finally {
            if (!caseFile.equals(this.caseFile)) {
                Files.deleteIfExists(caseFile);
            }
        }
    }

    /** The report of the case read from {@code caseFile} (the given file, or its design), named after the given file. */
    private int report(CaseReader reader, Path caseFile, java.io.PrintWriter err) throws IOException {
        ModelCase read = (ModelCase) reader.readForSimulate(caseFile);
        String caseText = Files.readString(caseFile);
        String stem = NamedChart.caseStem(this.caseFile.toString());
        SimulationReport sim = SimulationReport.solve(read, (network, settings) -> SolveProgress.solve(network, settings,
                err));
        HtmlReport html = new HtmlReport(sim.view().title(), this.caseFile.getFileName().toString(), caseText)
                .inputs(sim.caseFacts())
                .steadyState(sim, sim.charts(stem));
        int sections = 2;
        JsonNode tree = reader.parseTree(caseText);
        org.sxcascade.model.CaseOrigin origin = CaseReader.readOrigin(tree);
        if (tree.has("targets") && tree.has("cascade")) {
            // the case's own design: how it was made, stages, flows, margins, binding, robustness
            sections++;
            org.sxcascade.window.MonteCarlo mc = null;
            org.sxcascade.window.WorstCase wc = null;
            if (tree.has("uncertainty")) {
                org.sxcascade.model.Uncertainty u = CaseReader.readUncertainty(tree);
                if (u.scatters()) {
                    mc = org.sxcascade.window.MonteCarlo.run(tree, new org.sxcascade.window.MonteCarlo.Sigma(
                            u.chemistry(), u.feed(), u.flow(), u), org.sxcascade.window.MonteCarlo.defaultDraws(tree),
                            1, null);
                }
                if (u.hasBox()) { // a section with a box only has no Monte Carlo, only its corners
                    wc = org.sxcascade.window.WorstCase.run(tree, org.sxcascade.window.WorstCase.Box.of(u),
                            "uncertainty.box");
                }
            }
            html.caseDesign(sim, tree, origin, mc, wc);
        }
        if (window || origin != null && tree.has("targets")) { // a designed case's window by default
            sections++;
            OperatingWindow w = WindowProgress.compute(tree, OperatingWindow.defaultGrid(tree), err);
            NamedChart chart = WindowChart.of(stem, w);
            html.window(w, chart == null ? List.of() : List.of(chart));
        }
        if (!noDesign && origin == null) { // a designed case's design is its own, shown above
            sections++;
            html.designOf(caseFile, read, stem, PlotOptions.progress("stage-count chart"));
        }
        if (shakeouts != null) {
            sections++;
            html.calibrationOf(shakeouts, reader.parseTree(caseText), stem);
        }

        if (!noTransient && HtmlReport.startUpApplies(read) && reader.parseTree(caseText).has("transient")) {
            sections++;
            TransientCase tc = reader.readTransient(caseFile);
            TransientSolver solver = TransientSolver.forMethod(tc.settings().method());
            TransientResult result;
            try (RunProgress progress = RunProgress.attach(solver, tc.settings().method().label())) {
                result = solver.run(tc);
            } catch (TransientFailureException | NoConvergenceException e) {
                result = null;
                html.startUpUnavailable("The start-up could not be simulated: " + e.getMessage());
            }
            if (result != null) {
                result.notes().forEach(note -> err.println("note: " + note));
                err.flush();
            }
            if (result != null) {
                html.startUp(new TransientReport(result).toJson(), Charts.transientRun(stem, result));
            }
        }

        return write(html, sections);
    }

    /** Writes the page whole or not at all and says where. */
    private int write(HtmlReport html, int sections) throws IOException {
        String page = html.toHtml(SxCascade.class.getAnnotation(Command.class).version()[0]);
        OutputFiles.write("--output", output, this.caseFile, w -> w.write(page));
        var out = spec.commandLine().getOut();
        out.printf("Report written to %s (%d kB, %d sections): open it in a browser.%n", output,
                (page.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1023) / 1024, sections);
        out.flush();
        return 0;
    }
}
