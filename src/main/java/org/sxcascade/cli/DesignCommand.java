package org.sxcascade.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sxcascade.chart.Charts;
import org.sxcascade.chart.NamedChart;
import org.sxcascade.design.DesignRequest;
import org.sxcascade.design.Designer;
import org.sxcascade.design.FlowChoice;
import org.sxcascade.io.CaseReader;
import org.sxcascade.io.FlowsheetReader;
import org.sxcascade.io.OutputFiles;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.design.DesignResult;
import org.sxcascade.report.DesignReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sxcascade design CASE.yaml}: a cascade from purity targets, verified stage by stage. */
@Command(name = "design", mixinStandardHelpOptions = true,
        description = {"Design a cascade from the feed, separation factors and purity targets of a case file: "
                + "Xu's static design (outlet fractions, controlling section, optimum extraction ratios, flows S "
                + "and W, minimum flows, stage estimates, Fenske minimum), then the fewest stages n + m that meet "
                + "both targets in the stage-by-stage simulation at the designed flows.",
                "The case's cascade and flows are ignored (design computes them); flows.organicLoading and "
                        + "flows.scrubAcidity, with feed.flow and feed.concentration, give plant flows and reagents. "
                        + "Murphree efficiencies are simulated by the stage search.",
                "A model: distribution-ratios case is designed over volumetric flows from the key pair's "
                        + "β = D_A/D_B, both sections purifying it equally per stage (docs/design.md).",
                "A model: mass-action case is designed at β = K_A/K_B and translated to plant flows (L/h) with its "
                        + "design: section (loading, saponificationMargin, stripExcess, stripAcidity, stripStages); the "
                        + "reflux that balances both purities is then found by mass-action simulation (docs/design.md)."},
        footer = {"", "Examples:", "  sxcascade design cases/zhang-binary.yaml",
                "  sxcascade design cases/pr-nd-p507.yaml --margin 1.2 --case-out designed.yaml",
                "  sxcascade design cases/pr-nd-p507.yaml --json",
                "  sxcascade design cases/pr-nd-mass-action.yaml --case-out designed.yaml",
                "  sxcascade design cases/pr-nd-p507.yaml --uncertainty --beta-sigma 0.03 --robust 0.95 --case-out robust.yaml",
                "  sxcascade design cases/pr-nd-p507.yaml --uncertainty --beta-box 3%% --robust worst-case",
                "", "Exit codes: 0 ok, 2 bad input or targets out of reach, 3 no convergence."})
final class DesignCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CASE.yaml", description = "Case file with components, feed and targets.")
    Path caseFile;

    @Option(names = "--json", description = "Print one JSON document instead of the report.")
    boolean json;

    @Option(names = "--case-out", paramLabel = "FILE", description = "Write the verified design as a simulate case.")
    Path caseOut;

    @Option(names = "--margin", paramLabel = "X",
            description = "Run the scrub flow at X times its minimum W_min (X ≥ 1) instead of Xu's √β optimum.")
    Double margin;

    @Option(names = "--scrub", paramLabel = "W", description = "Fix the scrub flow W (mol RE per mol RE fed).")
    Double scrub;

    @Option(names = "--extractant", paramLabel = "S", description = "Fix the extractant flow S (mol RE per mol RE fed).")
    Double extractant;

    @picocli.CommandLine.Mixin
    TargetOptions targets;

    @Option(names = "--reagent-excess", paramLabel = "F", defaultValue = "0",
            description = "Excess of strip acid and saponification base over 3 mol per mol RE, as a fraction "
                    + "(0.1 = 10 %%; default 0). The scrub acid defines W and stays stoichiometric.")
    double reagentExcess;

    @Option(names = "--max-stages", paramLabel = "N", defaultValue = "1000",
            description = "Largest n + m to consider (default ${DEFAULT-VALUE}).")
    int maxStages;

    @picocli.CommandLine.Mixin
    PlotOptions plot;

    @picocli.CommandLine.Mixin
    RoundingOptions rounding;

    @picocli.CommandLine.Mixin
    WindowOptions windowOptions;

    @picocli.CommandLine.Mixin
    UncertaintyOptions uncertainty;

    @Option(names = "--robust", paramLabel = "P|worst-case",
            description = "Find the design that meets every target in at least this share of the Monte Carlo draws "
                    + "of --uncertainty (e.g. 0.95), or with worst-case at every corner of the --beta-box (any "
                    + "model; docs/design.md, \"Robust design\").")
    String robust;

    @Override
    public Integer call() throws IOException {
        plot.check();
        rounding.check(spec);
        windowOptions.check();
        uncertainty.check(spec);
        if (caseOut != null) {
            OutputFiles.checkWritable("--case-out", caseOut, caseFile); // before any computing
        }
        FlowsheetReader.refuseFlowsheet(caseFile, "design"); // flowsheets run with simulate only (docs/flowsheets.md)
        Object read = new CaseReader().readForDesign(caseFile);
        DesignRequest request = new DesignRequest(flowChoice(), maxStages, reagentExcess, targets.overrides(),
                TargetOptions.given(spec));
        org.sxcascade.window.RobustDesign<DesignResult> robustDesign = null;
        DesignResult d;
        if (robust != null) {
            var tree = new CaseReader().readTree(caseFile);
            var criterion = uncertainty.criterion(robust, tree);
            try (var bar = new UncertaintyOptions.SearchBar()) {
                robustDesign = org.sxcascade.window.RobustDesign.search(tree, request, criterion, bar);
            }
            d = robustDesign.result();
        } else {
            d = Designer.design(read, request);
        }
        org.sxcascade.report.RoundedFlows rounded = null;
        org.sxcascade.window.OperatingWindow win = null;
        org.sxcascade.window.MonteCarlo mc = null;
        org.sxcascade.window.WorstCase wc = null;
        if (d.met()) {
            String exactYaml = org.sxcascade.report.CaseHandOff.complete(robustDesign != null ? robustDesign.yaml()
                    : DesignReport.caseYaml(d), new CaseReader().readTree(caseFile));
            org.sxcascade.window.RobustDesign<DesignResult> rd = robustDesign;
            // a robust design's rounding must keep its probability of meeting the targets
            rounded = rounding.round(exactYaml, d.flows(), rd == null ? null : rd::keepsProbability);
            String yaml = rounded != null && rounded.met() ? rounded.yaml() : exactYaml;
            if (caseOut != null) {
                String recorded = uncertainty.intoCase(org.sxcascade.report.CaseHandOff.withOrigin(yaml,
                        org.sxcascade.report.CaseHandOff.origin(rounded)));
                OutputFiles.write("--case-out", caseOut, caseFile, w -> w.write(recorded));
            }
            win = windowOptions.compute(() -> new CaseReader().parseTree(yaml), plot.wanted(),
                    spec.commandLine().getErr());
            mc = uncertainty.run(() -> new CaseReader().parseTree(yaml));
            wc = uncertainty.worstCase(() -> new CaseReader().parseTree(yaml));
        }
        org.sxcascade.window.OperatingWindow shown = win;
        org.sxcascade.window.MonteCarlo drawn = mc;
        String stem = NamedChart.caseStem(caseFile.toString());
        List<Path> charts = plot.writeIfWanted(() -> org.sxcascade.chart.HistogramChart.appendTo(
                org.sxcascade.chart.WindowChart.appendTo(Charts.design(stem, d, PlotOptions.progress(
                        "stage-count chart")), stem + "-design", shown), stem + "-design", drawn), caseFile);
        var rnd = rounded;
        var w = win;
        var m = mc;
        var rb = robustDesign;
        var wcs = wc;
        AppendedSections appended = new AppendedSections()
                .add(rnd != null, "rounded", () -> rnd.json(), () -> rnd.text())
                .add(w != null, "window", () -> w.toJson(), () -> w.toText())
                .add(m != null, "uncertainty", () -> m.toJson(), () -> m.toText())
                .add(wcs != null, "worstCase", () -> wcs.toJson(), () -> wcs.toText())
                .add(rb != null, "robust", () -> rb.toJson(), () -> rb.toText());
        var out = spec.commandLine().getOut();
        if (json) {
            var j = DesignReport.toJson(d);
            appended.putInto(j);
            out.print(j.toPrettyString() + System.lineSeparator());
        } else {
            out.print(DesignReport.text(d));
            appended.print(out);
        }
        if (!json && d.met() && caseOut != null) {
            out.println();
            out.println(d.caseFileDescription() + " written to " + caseOut + " (run it with: sxcascade simulate "
                    + caseOut + ")");
        }
        out.flush();
        String[] shortfall = d.shortfall();
        if (shortfall != null) {
            throw new InvalidInputException("targets", shortfall[0], shortfall[1]
                    + (caseOut != null ? "; " + caseOut + " not written" : ""));
        }
        plot.announce(charts, json, spec);
        return 0;
    }

    /** The flow choice of --margin, --scrub or --extractant (at most one), else Xu's optimum. */
    private FlowChoice flowChoice() {
        int chosen = (margin != null ? 1 : 0) + (scrub != null ? 1 : 0) + (extractant != null ? 1 : 0);
        if (chosen > 1) {
            throw new InvalidInputException("--margin/--scrub/--extractant", "more than one",
                    "at most one way to set the flows");
        }
        try {
            return margin != null ? FlowChoice.margin(margin)
                    : scrub != null ? FlowChoice.fixedScrub(scrub)
                    : extractant != null ? FlowChoice.fixedExtractant(extractant) : FlowChoice.optimum();
        } catch (InvalidInputException e) {
            String option = margin != null ? "--margin" : scrub != null ? "--scrub" : "--extractant";
            throw new InvalidInputException(option, e.value(), e.allowed());
        }
    }
}
