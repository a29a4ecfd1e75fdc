package org.sxcascade.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sxcascade.chart.Charts;
import org.sxcascade.chart.NamedChart;
import org.sxcascade.io.FlowsheetReader;
import org.sxcascade.io.CaseReader;
import org.sxcascade.io.OutputFiles;
import org.sxcascade.optimize.Optimization;
import org.sxcascade.optimize.OptimizeRequest;
import org.sxcascade.optimize.OptimizeResult;
import org.sxcascade.report.OptimumReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sxcascade optimize CASE.yaml}: the configuration that meets the targets at the least cost. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = {"Find the cascade (extraction stages n, scrub stages m, extractant S, scrub W) that meets the "
                + "purity targets of a case file and minimizes an objective: total stages, extractant flow, Xu's "
                + "production indicator Φ = S·(n + m), or the annual cost of the case's cost model. Every candidate "
                + "is verified by a steady-state solve from a cold start, the optimum included.",
                "Fixing n fixes the feed stage (an aqueous feed enters stage n, an organic feed stage n + 1). "
                        + "See docs/optimize.md for the method, the bounds and the cost model. Murphree efficiencies "
                        + "are simulated; a model: distribution-ratios case is searched over the volumetric flows of "
                        + "docs/design.md (extractant and phi then weigh the organic per feed flow).",
                "On a model: mass-action case: the organic flow, saponification and strip acid (with the reflux "
                        + "that balances the products), and the stage counts, scrub acid and strip acidity when the "
                        + "case's optimize section bounds them, that meet the targets at the least acid + base "
                        + "(--objective reagents, the default), the fewest stages (stages) or the least annual cost "
                        + "(cost); bounds and weights in the case's optimize section. Only --objective, --json and "
                        + "--case-out apply."},
        footer = {"", "Examples:", "  sxcascade optimize cases/pr-nd-p507.yaml",
                "  sxcascade optimize cases/pr-nd-p507.yaml --objective stages --max-extractant 6",
                "  sxcascade optimize cases/pr-nd-p507.yaml --objective cost --pareto --case-out best.yaml",
                "  sxcascade optimize cases/zhang-binary.yaml --objective extractant --max-stages 60 --json",
                "  sxcascade optimize cases/pr-nd-p507.yaml --uncertainty --beta-sigma 0.03 --robust 0.95",
                "", "Exit codes: 0 ok, 2 bad input or targets out of reach within the bounds, 3 no convergence."})
final class OptimizeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CASE.yaml", description = "Case file with components, feed and targets.")
    Path caseFile;

    @Option(names = "--objective", paramLabel = "NAME", defaultValue = "phi",
            description = "What to minimize: stages (N = n + m), extractant (S), phi (Φ = S·N, Xu's production "
                    + "indicator) or cost (the case's costs section). Default: ${DEFAULT-VALUE}. On a mass-action "
                    + "case: reagents (default), stages or cost.")
    String objective;

    @Option(names = "--max-stages", paramLabel = "N", defaultValue = "1000",
            description = "Largest n + m (default ${DEFAULT-VALUE}; required for --objective extractant, whose "
                    + "minimum lies at the stage limit).")
    int maxStages;

    @Option(names = "--max-extractant", paramLabel = "S",
            description = "Largest extractant flow S, mol RE per mol RE fed (default: twice Xu's √β-optimum S).")
    Double maxExtractant;

    @Option(names = "--min-ratio", paramLabel = "O/A",
            description = "Smallest volumetric O/A in either section (default 0.1; needs plant data).")
    Double minRatio;

    @Option(names = "--max-ratio", paramLabel = "O/A",
            description = "Largest volumetric O/A in either section (default 10; needs plant data).")
    Double maxRatio;

    @Option(names = "--extraction-stages", paramLabel = "n", description = "Fix the extraction stages (and the feed stage).")
    Integer extractionStages;

    @Option(names = "--scrub-stages", paramLabel = "m", description = "Fix the scrub stages.")
    Integer scrubStages;

    @Option(names = "--extractant", paramLabel = "S",
            description = "Fix the extractant flow S (mol RE per mol RE fed); W follows from the product split "
                    + "unless --scrub is also given.")
    Double extractant;

    @Option(names = "--scrub", paramLabel = "W", description = "Fix the scrub flow W (mol RE per mol RE fed).")
    Double scrub;

    @Option(names = "--reagent-excess", paramLabel = "F", defaultValue = "0",
            description = "Excess of strip acid and saponification base over 3 mol per mol RE, as a fraction "
                    + "(default 0).")
    double reagentExcess;

    @Option(names = "--pareto", description = "Also list the Pareto front of total stages against extractant flow "
            + "(and reagent use).")
    boolean pareto;

    @Option(names = "--pareto-max-stages", paramLabel = "N",
            description = "Largest N on the Pareto front (default: the larger of twice the smallest feasible N and "
                    + "the last N the objective's search visited).")
    Integer paretoMaxStages;

    @Mixin
    TargetOptions targets;

    @Option(names = "--json", description = "Print one JSON document instead of the report.")
    boolean json;

    @Option(names = "--case-out", paramLabel = "FILE", description = "Write the optimum as a simulate case.")
    Path caseOut;

    @Mixin
    PlotOptions plot;

    @Mixin
    RoundingOptions rounding;

    @Mixin
    WindowOptions windowOptions;

    @Mixin
    UncertaintyOptions uncertainty;

    @Option(names = "--robust", paramLabel = "P|worst-case",
            description = "Optimize at the pessimistic chemistry that makes the optimum meet every target in at "
                    + "least this share of the Monte Carlo draws of --uncertainty (e.g. 0.95), or with worst-case at "
                    + "every corner of the --beta-box; reports the premium over the nominal optimum (docs/design.md, "
                    + "\"Robust design\").")
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
        FlowsheetReader.refuseFlowsheet(caseFile, "optimize"); // flowsheets run with simulate only (docs/flowsheets.md)
        Map<String, String> given = TargetOptions.given(spec);
        OptimizeRequest request = new OptimizeRequest(objective, maxStages, maxExtractant, minRatio, maxRatio,
                extractionStages, scrubStages, extractant, scrub, reagentExcess, pareto, paretoMaxStages,
                targets.overrides(), plot.wanted(), given);
        OptimizeResult found;
        RoundingOptions.Optimum kept = null;
        String exactYaml;
        try (Bar bar = new Bar()) {
            found = Optimization.optimize(caseFile, request, bar::update);
            exactYaml = org.sxcascade.report.CaseHandOff.complete(OptimumReport.caseYaml(found),
                    new CaseReader().readTree(caseFile));
            if (robust == null) {
                // an optimum on its targets is re-run with a margin for the rounding (docs/design.md)
                kept = rounding.roundOptimum(caseFile, request, found, exactYaml, bar::update);
            }
        }
        OptimizeResult nominal = found;
        org.sxcascade.window.RobustDesign<OptimizeResult> rb = null;
        OptimizeResult o;
        org.sxcascade.report.RoundedFlows roundedFlows;
        org.sxcascade.report.RoundingMargin roundingMargin = null;
        if (robust != null) {
            // the robust optimum is off its targets at the case's chemistry: its rounding must keep its probability
            var tree = new CaseReader().readTree(caseFile);
            var criterion = uncertainty.criterion(robust, tree);
            try (var bar = new UncertaintyOptions.SearchBar()) {
                rb = org.sxcascade.window.RobustDesign.search(tree, criterion, "optimize", maxStages, bar,
                        (pessimistic, s) -> robustCandidate(pessimistic, request));
            }
            o = rb.result();
            exactYaml = org.sxcascade.report.CaseHandOff.complete(rb.yaml(), new CaseReader().readTree(caseFile));
            roundedFlows = rounding.round(exactYaml, o.flows(), rb::keepsProbability);
        } else {
            o = kept == null ? found : kept.result();
            roundedFlows = kept == null ? null : kept.rounded();
            roundingMargin = kept == null ? null : kept.margin();
        }
        var robustSearch = rb;
        org.sxcascade.report.RoundedFlows rounded = roundedFlows;
        org.sxcascade.report.RoundingMargin margin = roundingMargin;
        String yaml = rounded != null && rounded.met() ? rounded.yaml() : exactYaml;
        if (caseOut != null) {
            String recorded = uncertainty.intoCase(org.sxcascade.report.CaseHandOff.withOrigin(yaml,
                    org.sxcascade.report.CaseHandOff.origin(o, margin, rounded)));
            OutputFiles.write("--case-out", caseOut, caseFile, w -> w.write(recorded));
        }
        org.sxcascade.window.OperatingWindow win = windowOptions.compute(() -> new CaseReader().parseTree(yaml),
                plot.wanted(), spec.commandLine().getErr());
        org.sxcascade.window.MonteCarlo mc = uncertainty.run(() -> new CaseReader().parseTree(yaml));
        org.sxcascade.window.WorstCase wc = uncertainty.worstCase(() -> new CaseReader().parseTree(yaml));
        OptimizeResult shownOptimum = o;
        String stem = NamedChart.caseStem(caseFile.toString());
        List<Path> charts = plot.writeIfWanted(() -> org.sxcascade.chart.HistogramChart.appendTo(
                org.sxcascade.chart.WindowChart.appendTo(Charts.optimum(stem, shownOptimum), stem + "-optimum", win),
                stem + "-optimum", mc), caseFile);
        AppendedSections appended = new AppendedSections()
                .add(margin != null, "roundingMargin", () -> margin.json(), () -> margin.text())
                .add(rounded != null, "rounded", () -> rounded.json(), () -> rounded.text())
                .add(win != null, "window", () -> win.toJson(), () -> win.toText())
                .add(mc != null, "uncertainty", () -> mc.toJson(), () -> mc.toText())
                .add(wc != null, "worstCase", () -> wc.toJson(), () -> wc.toText())
                .add(robustSearch != null, "robust", () -> premium(robustSearch.toJson(), nominal, shownOptimum),
                        () -> robustSearch.toText() + premiumText(nominal, shownOptimum));
        var out = spec.commandLine().getOut();
        if (json) {
            var j = OptimumReport.toJson(shownOptimum);
            appended.putInto(j);
            out.println(j.toPrettyString());
        } else {
            out.print(OptimumReport.text(shownOptimum));
            appended.print(out);
            if (caseOut != null) {
                out.println();
                out.println("Optimum written to " + caseOut + " (run it with: sxcascade simulate " + caseOut + ")");
            }
        }
        out.flush();
        plot.announce(charts, json, spec);
        return 0;
    }

    /** The optimum at a pessimistic chemistry, for the robust search. */
    private static org.sxcascade.window.RobustDesign.Made<OptimizeResult> robustCandidate(
            com.fasterxml.jackson.databind.JsonNode pessimistic, OptimizeRequest request) {
        try {
            OptimizeResult r = Optimization.optimize(pessimistic, "", request, null);
            return new org.sxcascade.window.RobustDesign.Made<>(r, OptimumReport.caseYaml(r));
        } catch (org.sxcascade.model.InvalidInputException | org.sxcascade.solver.NoConvergenceException e) {
            // the options were checked by the nominal optimization: here the targets are out of reach
            // within the bounds at this chemistry, so it is not robust
            return new org.sxcascade.window.RobustDesign.Made<>(null, null);
        }
    }

    /** The robust optimum's premium over the nominal one, in the objective's unit (JSON fields). */
    private static com.fasterxml.jackson.databind.node.ObjectNode premium(
            com.fasterxml.jackson.databind.node.ObjectNode robust, OptimizeResult nominal, OptimizeResult chosen) {
        var p = robust.putObject("premium");
        p.put("objective", chosen.objective().name());
        p.put("unit", chosen.objective().unit());
        p.put("nominal", nominal.objective().value());
        p.put("robust", chosen.objective().value());
        p.put("relative", chosen.objective().value() / nominal.objective().value() - 1);
        return robust;
    }

    private static String premiumText(OptimizeResult nominal, OptimizeResult chosen) {
        double a = nominal.objective().value();
        double b = chosen.objective().value();
        return String.format(java.util.Locale.ROOT, "  premium over the nominal optimum: %s %s %s → %s (%+.1f %%)%n",
                chosen.objective().description(), org.sxcascade.report.Formats.general(a), chosen.objective().unit(),
                org.sxcascade.report.Formats.general(b), 100 * (b / a - 1));
    }

    /** A progress bar on an interactive terminal once the search has run for a second. */
    static final class Bar implements AutoCloseable {
        private final DelayedBar bar = System.console() == null ? null : new DelayedBar("optimizing");

        void update(double fraction, String message) {
            if (bar != null && bar.due()) {
                bar.show(fraction, message);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
