package org.sxcascade.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sxcascade.chart.Charts;
import org.sxcascade.chart.NamedChart;
import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.design.FlowChoice;
import org.sxcascade.design.MassActionDesign;
import org.sxcascade.design.StageEstimate;
import org.sxcascade.design.StageSearch;
import org.sxcascade.design.XuDesign;
import org.sxcascade.io.CaseReader;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.io.FlowsheetReader;
import org.sxcascade.io.MassActionDesignInputs;
import org.sxcascade.io.OutputFiles;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.report.DesignReport;
import org.sxcascade.report.Formats;
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
                        + "flows.scrubAcidity, with feed.flow and feed.concentration, give plant flows and reagents.",
                "A model: mass-action case is designed at β = K_A/K_B and translated to plant flows (L/h) with its "
                        + "design: section (loading, saponificationMargin, stripExcess, stripAcidity, stripStages); the "
                        + "reflux that balances both purities is then found by mass-action simulation (docs/design.md)."},
        footer = {"", "Examples:", "  sxcascade design cases/zhang-binary.yaml",
                "  sxcascade design cases/pr-nd-p507.yaml --margin 1.2 --case-out designed.yaml",
                "  sxcascade design cases/pr-nd-p507.yaml --json",
                "  sxcascade design cases/pr-nd-mass-action.yaml --case-out designed.yaml",
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

    @Override
    public Integer call() throws IOException {
        plot.check();
        if (caseOut != null) {
            OutputFiles.checkWritable("--case-out", caseOut, caseFile); // before any computing
        }
        FlowsheetReader.refuseFlowsheet(caseFile, "design"); // flowsheets run with simulate only (docs/flowsheets.md)
        Object read = new CaseReader().readForDesign(caseFile);
        FlowChoice choice = flowChoice();
        if (read instanceof MassActionDesignInputs massAction) {
            return massAction(massAction, choice);
        }
        DesignInputs in = targets.apply((DesignInputs) read);
        CascadeDesigner.Design d;
        try {
            d = new CascadeDesigner().design(in, choice, maxStages, reagentExcess);
        } catch (StageSearch.NoFeasibleConfigurationException e) {
            throw new InvalidInputException("--max-stages", maxStages, e.getMessage());
        }
        return cmer(d);
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

    /**
     * A mass-action case (docs/design.md, "Mass-action cascades"): Xu's design at β = K_A/K_B,
     * plant flows from the case's design settings, and the reflux found by simulation. The report
     * is printed even when the targets are not met, saying by how much; that is then exit code 2
     * with no case file written.
     */
    private Integer massAction(MassActionDesignInputs in, FlowChoice choice) throws IOException {
        if (targets.organicPurity != null || targets.aqueousPurity != null || targets.organicRecovery != null
                || targets.aqueousRecovery != null) {
            throw new InvalidInputException("--organic-purity/--aqueous-purity/--organic-recovery/--aqueous-recovery",
                    "given", "not given for a mass-action case: set targets.strip and targets.aqueous in the case file");
        }
        if (reagentExcess != 0) {
            throw new InvalidInputException("--reagent-excess", reagentExcess,
                    "not given for a mass-action case: set design.stripExcess and design.saponificationMargin");
        }
        if (plot.wanted()) {
            throw new InvalidInputException("--plot", plot.dir, "not given for a mass-action case (no charts yet)");
        }
        MassActionDesign.Result r;
        try {
            r = new MassActionDesign().design(in.template(), in.settings(), choice, maxStages);
        } catch (StageSearch.NoFeasibleConfigurationException e) {
            throw new InvalidInputException("--max-stages", maxStages, e.getMessage());
        }
        var out = spec.commandLine().getOut();
        if (r.met() && caseOut != null) {
            String yaml = MassActionDesignOutput.caseYaml(r, in.tree());
            OutputFiles.write("--case-out", caseOut, caseFile, w -> w.write(yaml));
        }
        out.print(json ? MassActionDesignOutput.json(r).toPrettyString() + System.lineSeparator()
                : MassActionDesignOutput.text(r));
        if (!json && r.met() && caseOut != null) {
            out.println();
            out.println("Designed case written to " + caseOut + " (run it with: sxcascade simulate " + caseOut + ")");
        }
        out.flush();
        if (!r.met()) {
            throw new InvalidInputException("targets", f("P_A = %.6f, P_B = %.6f reached", r.purityA(), r.purityB()),
                    MassActionDesignOutput.shortfall(r).strip()
                            + (caseOut != null ? "; " + caseOut + " not written" : ""));
        }
        return 0;
    }

    private Integer cmer(CascadeDesigner.Design d) throws IOException {
        if (caseOut != null) {
            String yaml = caseYaml(d);
            OutputFiles.write("--case-out", caseOut, caseFile, w -> w.write(yaml));
        }
        List<Path> charts = plot.writeIfWanted(() -> Charts.design(
                NamedChart.caseStem(caseFile.toString()), d,
                PlotOptions.scan(d)), caseFile);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(DesignReport.toJson(d)));
        } else {
            out.print(text(d));
            if (caseOut != null) {
                out.println();
                out.println("Verified design written to " + caseOut + " (run it with: sxcascade simulate " + caseOut + ")");
            }
        }
        out.flush();
        plot.announce(charts, json, spec);
        return 0;
    }

    static String text(CascadeDesigner.Design d) {
        XuDesign xu = d.xu();
        DesignInputs in = d.inputs();
        StringBuilder b = new StringBuilder();
        String groupA = String.join("+", names(in, in.organicTarget().components()));
        String groupB = String.join("+", names(in, in.aqueousTarget().components()));
        b.append(in.name()).append('\n');
        b.append(f("  split      %s (loaded organic, A) | %s (raffinate, B); key pair %s/%s, β = %.4f%n", groupA, groupB,
                in.components().get(d.keyA()), in.components().get(d.keyB()), xu.separationFactor()));
        b.append(f("  feed       %s, f_A = %.6f, f_B = %.6f; targets P_A = %s, P_B = %s%s%n", in.feed().phase().label(),
                xu.feedFractionA(), xu.feedFractionB(), Formats.percent(xu.purityA()), Formats.percent(xu.purityB()), derivedNote(in)));
        b.append('\n').append("Xu's static design (flows in mol RE per mol RE fed)\n");
        b.append(f("  outlet fractions     f'_A = %.6f, f'_B = %.6f   [f'_A = (P_B − f_B)/(P_A + P_B − 1)]%n",
                xu.outletFractionA(), xu.outletFractionB()));
        b.append(f("  enrichment           a = %.4g, b = %.4g; yields Y_A = %.6f, Y_B = %.6f%n", xu.a(), xu.b(),
                xu.yieldA(), xu.yieldB()));
        b.append(f("  control              %s-controlled: %s%n", xu.control().label(), DesignReport.controlReason(xu)));
        b.append(f("  extraction ratios    E_M = %.5f, E'_M = %.5f%n", xu.extractionRatio(), xu.scrubRatio()));
        b.append(f("  flows                S = %.6f, W = %.6f%n", xu.extractantFlow(), xu.scrubFlow()));
        b.append(f("  minimum flows        S_min = %.6f, W_min = %.6f (infinite stages)%n", xu.minExtractantFlow(),
                xu.minScrubFlow()));
        b.append('\n').append("Stages\n");
        StageEstimate basic = xu.basicStages();
        StageEstimate corrected = xu.correctedStages();
        b.append(f("  estimate, basic      n = %.2f, m = %.2f  (→ %d + %d)%n", basic.extraction(), basic.scrub(),
                basic.extractionStages(), basic.scrubStages()));
        b.append(f("  estimate, corrected  n = %.2f, m = %.2f  (→ %d + %d)%n", corrected.extraction(), corrected.scrub(),
                corrected.extractionStages(), corrected.scrubStages()));
        b.append(f("  Fenske minimum       N_min = %.2f (total reflux)%n", xu.fenskeMinimum()));
        StageSearch.Result v = d.verified();
        b.append(f("  verified (simulated) n = %d, m = %d, N = %d: P_A = %s (margin %+.2e), P_B = %s (margin %+.2e)%n",
                v.extractionStages(), v.scrubStages(), v.totalStages(), Formats.percent(v.organicPurity()),
                v.organicPurity() - xu.purityA(), Formats.percent(v.aqueousPurity()), v.aqueousPurity() - xu.purityB()));
        b.append(f("                       one stage fewer in either section misses a target; %d steady states solved%n",
                v.simulations()));
        b.append('\n').append("Verified products (mole fractions; every component simulated)\n");
        b.append(f("  %-12s %-14s %-14s%n", "component", "loaded organic", "raffinate"));
        for (int j = 0; j < in.components().size(); j++) {
            b.append(f("  %-12s %-14s %-14s%n", in.components().get(j), Formats.fraction(d.state().organicFraction(v.totalStages(), j)),
                    Formats.fraction(d.state().aqueousFraction(1, j))));
        }
        CascadeDesigner.PlantFlows p = d.plant();
        if (p != null) {
            b.append('\n').append("Plant (feed ").append(Formats.general(p.feedRate())).append(" mol RE/h)\n");
            if (p.organicFlow() != null) {
                b.append(f("  organic              %s L/h at %s mol/L RE%n", Formats.general(p.organicFlow()), Formats.general(in.organicLoading())));
            }
            if (p.scrubFlow() != null) {
                b.append(f("  scrub liquor         %s L/h at %s mol/L H+%n", Formats.general(p.scrubFlow()), Formats.general(in.scrubAcidity())));
            }
            if (p.extractionRatio() != null) {
                b.append(f("  O/A by volume        %.3f (extraction), %.3f (scrub)%n", p.extractionRatio(), p.scrubRatio()));
            }
            b.append(f("  products             %s mol/h RE in the loaded organic, %s mol/h in the raffinate%n",
                    Formats.general(p.organicProduct()), Formats.general(p.aqueousProduct())));
            b.append(f("  reagents             scrub acid %s mol H+/h (3 mol per mol RE: it defines W); strip acid %s "
                    + "mol H+/h and saponification %s mol base/h (3 mol per mol RE + %s excess)%n", Formats.general(p.scrubAcid()),
                    Formats.general(p.stripAcid()), Formats.general(p.saponification()), percent(p.reagentExcess())));
            if (p.oxideFed() != null) {
                b.append(f("  per kg of oxide      (%s kg REO/h fed = both products) scrub acid %s, strip acid %s mol H+/kg; "
                        + "saponification %s mol base/kg%n", Formats.general(p.oxideFed()), Formats.general(p.scrubAcid() / p.oxideFed()),
                        Formats.general(p.stripAcid() / p.oxideFed()), Formats.general(p.saponification() / p.oxideFed())));
            }
        }
        return b.toString();
    }

    private static String derivedNote(DesignInputs in) {
        ProductTarget o = in.organicTarget();
        ProductTarget a = in.aqueousTarget();
        if (o.purity() != null && a.purity() != null) {
            return "";
        }
        StringBuilder given = new StringBuilder();
        if (o.recovery() != null) {
            given.append("Y_A = ").append(o.recovery());
        }
        if (a.recovery() != null) {
            given.append(given.length() > 0 ? ", " : "").append("Y_B = ").append(a.recovery());
        }
        return " (" + (o.purity() == null ? "P_A" : "P_B") + " from " + given + " by the product split)";
    }

    /** The verified design as a commented simulate case. */
    static String caseYaml(CascadeDesigner.Design d) {
        XuDesign xu = d.xu();
        DesignInputs in = d.inputs();
        List<String> comments = List.of("Written by `sxcascade design`: Xu's static design for the key pair "
                        + in.components().get(d.keyA()) + "/" + in.components().get(d.keyB())
                        + f(" (β = %.6g),", xu.separationFactor()),
                f("%s-controlled, verified stage by stage: P_A = %.6f, P_B = %.6f.", xu.control().label(),
                        d.verified().organicPurity(), d.verified().aqueousPurity()));
        return caseYaml(in, comments, "designed", d.verified().extractionStages(), d.verified().scrubStages(),
                xu.extractantFlow(), xu.scrubFlow(), xu.purityA(), xu.purityB(), d.plant());
    }

    /**
     * A commented simulate case of n + m stages at S and W with the targets P_A and P_B. The flows
     * are written as S and W, exactly as verified; the plant flows they mean (when the case gave
     * plant data) are written beside them as comments.
     */
    static String caseYaml(DesignInputs in, List<String> comments, String suffix, int n, int m, double s, double w,
                           double purityA, double purityB, CascadeDesigner.PlantFlows plant) {
        StringBuilder y = new StringBuilder();
        for (String c : comments) {
            y.append("# ").append(c).append('\n');
        }
        // the stages in the name are the designed ones (the input's name may give other numbers)
        y.append("name: ").append(quote(in.name() + " (" + suffix + ": n = " + n + ", m = " + m + ")")).append('\n');
        y.append("model: separation-factors\ncomponents:\n");
        double[] beta = in.separationFactors();
        for (int j = 0; j < beta.length; j++) {
            y.append("  - {name: ").append(quote(in.components().get(j))).append(", separationFactor: ")
                    .append(num(beta[j])).append("}\n");
        }
        y.append("feed:\n  phase: ").append(in.feed().phase().label()).append("\n  composition: {");
        for (int j = 0; j < beta.length; j++) {
            y.append(j == 0 ? "" : ", ").append(quote(in.components().get(j))).append(": ").append(num(in.feed().fraction(j)));
        }
        y.append("}\n");
        if (in.feed().volumetricFlow() != null) {
            y.append("  flow: ").append(num(in.feed().volumetricFlow())).append("            # L/h\n");
        }
        if (in.feed().concentration() != null) {
            y.append("  concentration: ").append(num(in.feed().concentration())).append("   # mol/L RE\n");
        }
        y.append(f("cascade:%n  extractionStages: %d%n  scrubStages: %d%n", n, m));
        y.append("flows:\n  extractant: ").append(num(s)).append("   # S, mol RE per mol RE fed\n");
        y.append("  scrub: ").append(num(w)).append("        # W, mol RE per mol RE fed\n");
        if (plant != null) {
            y.append(f("  # plant: %s mol RE/h fed", Formats.general(plant.feedRate())));
            if (plant.organicFlow() != null) {
                y.append(f("; organic %s L/h loaded at %s mol/L", Formats.general(plant.organicFlow()),
                        Formats.general(in.organicLoading())));
            }
            if (plant.scrubFlow() != null) {
                y.append(f("; scrub liquor %s L/h at %s mol/L H+", Formats.general(plant.scrubFlow()),
                        Formats.general(in.scrubAcidity())));
            }
            if (plant.extractionRatio() != null) {
                y.append(f("; O/A %.4g (extraction), %.4g (scrub)", plant.extractionRatio(), plant.scrubRatio()));
            }
            y.append('\n');
        }
        y.append("targets:\n");
        y.append("  organic: {purity: ").append(num(purityA)).append(", components: [")
                .append(String.join(", ", names(in, in.organicTarget().components()).stream().map(DesignCommand::quote).toList()))
                .append("]}\n");
        y.append("  aqueous: {purity: ").append(num(purityB)).append(", components: [")
                .append(String.join(", ", names(in, in.aqueousTarget().components()).stream().map(DesignCommand::quote).toList()))
                .append("]}\n");
        return y.toString();
    }

    private static List<String> names(DesignInputs in, List<Integer> group) {
        return group.stream().map(in.components()::get).toList();
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_.+-]+") ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String num(double x) {
        return Double.toString(x);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }


    private static String percent(double x) {
        return String.format(Locale.ROOT, "%.4g %%", 100 * x);
    }


}
