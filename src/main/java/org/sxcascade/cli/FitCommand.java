package org.sxcascade.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sxcascade.chart.FitCharts;
import org.sxcascade.fit.FitReport;
import org.sxcascade.fit.FitResult;
import org.sxcascade.fit.MassActionFit;
import org.sxcascade.fit.Prediction;
import org.sxcascade.fit.ShakeoutData;
import org.sxcascade.fit.ShakeoutSelection;
import org.sxcascade.fit.StageSampleFit;
import org.sxcascade.io.CaseReader;
import org.sxcascade.io.OutputFiles;
import org.sxcascade.io.ShakeoutReader;
import org.sxcascade.io.StageSampleReader;
import org.sxcascade.report.CaseTreeYaml;
import org.sxcascade.model.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sxcascade fit --shakeouts FILE}: mass-action exchange constants (or correlations, constant D,
 * separation factors) from shake-out tests; {@code sxcascade fit --stage-samples FILE --case CASE}: a
 * cascade's chemistry and stage efficiencies from samples of its stages.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fit the mass-action exchange constants K_ex (one per rare earth) to batch shake-out tests: "
                + "each experiment is solved as one equilibrium stage with the cascades' equilibrium code (full RE, "
                + "acid and extractant balances at its O/A), and ln K_ex is fitted by weighted Levenberg-Marquardt "
                + "on log10 D. Prints the constants with standard errors, 95 %% intervals and correlations, the RMS "
                + "log10 D per rare earth, the largest residuals and the separation factors beta = K_ex/K_ex(ref) "
                + "with their intervals (docs/fit.md).",
                "--fit-cation-constant also fits K_M of the saponifying cation (from saponified rows); "
                        + "--fit-stoichiometry also fits one extractant stoichiometry n shared by the rare earths "
                        + "(log10 D = 3 pH + n log10[(HA)2]free + log10 K_ex; mass action: n = 3).",
                "--model correlation fits log10 D = a pH + b log10[(HA)2]free + c per rare earth instead, with the "
                        + "same contacts and the mass-action stoichiometry; --model separation-factors fits constant "
                        + "beta = D/D(ref) (Xu's CMER) to the ratios of D within the experiments that hold two or "
                        + "more of the fitted rare earths.",
                "Points with D = 0 are left out (no log10 D), and so are rows holding a rare earth that is not "
                        + "fitted; the report says how many.",
                "--stage-samples FILE --case CASE fits fields of a cascade case (by default the distribution law of "
                        + "every component but the first; with --efficiency also the Murphree efficiencies) to "
                        + "samples of its stages, solving the whole cascade at every trial."},
        footer = {"", "Examples:",
                "  sxcascade fit --shakeouts cases/data/shakeout-pc88a-hcl.csv",
                "  sxcascade fit --shakeouts cases/data/shakeout-pc88a-hcl.csv --elements Pr,Nd --exclude-flags "
                        + "acid_placeholder_1e-5",
                "  sxcascade fit --shakeouts cases/data/shakeout-pc88a-hcl.csv --elements Pr,Nd --json",
                "  sxcascade fit --shakeouts cases/data/shakeout-pc88a-hcl.csv --elements Pr,Nd --case-out fitted.yaml",
                "  sxcascade fit --shakeouts cases/data/shakeout-pc88a-hcl.csv --elements Nd --model correlation",
                "  sxcascade fit --shakeouts cases/data/shakeout-pc88a-hcl.csv --elements Pr,Nd --model separation-factors",
                "  sxcascade fit cases/data/shakeout-pc88a-hcl.csv --model constant-distribution --elements Pr,Nd --json",
                "  sxcascade fit --shakeouts cases/data/shakeout-pc88a-hcl.csv --plot charts",
                "  sxcascade fit --shakeouts cases/data/shakeout-pc88a-hcl.csv --predict cases/data/shakeout-pc88a-hcl-mixed.csv",
                "  sxcascade fit --shakeouts cases/data/shakeout-synthetic-saponified.csv --fit-cation-constant "
                        + "--fit-stoichiometry",
                "  sxcascade fit --shakeouts cases/data/shakeout-pc88a-hcl.csv --elements Nd --fit-stoichiometry",
                "  sxcascade fit --stage-samples cases/data/pilot-stage-samples.csv --case cases/pilot-pr-nd.yaml --efficiency",
                "", "Exit codes: 0 ok, 2 bad input (the file, the row, the column, the value and what is allowed), "
                + "3 the fit did not converge."})
final class FitCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DATA.csv",
            description = "Shake-out CSV, as --shakeouts (either may be used, not both).")
    Path shakeoutsPositional;

    @Option(names = "--shakeouts", paramLabel = "FILE",
            description = "Shake-out CSV: one equilibrium experiment per row (format in docs/fit.md).")
    Path shakeouts;

    @Option(names = "--stage-samples", paramLabel = "FILE",
            description = "Stage-sample CSV: one analysed sample per row, its stage, phase and the amount of each "
                    + "component (docs/fit.md, \"Stage samples\"); needs --case.")
    Path stageSamples;

    @Option(names = "--case", paramLabel = "CASE",
            description = "The case file of the sampled cascade (one cascade, any model), for --stage-samples.")
    Path caseFile;

    @Option(names = "--efficiency",
            description = "With --stage-samples: also fit the Murphree efficiency of the extraction and scrub sections.")
    boolean efficiency;

    @Option(names = "--parameters", paramLabel = "PATH", split = ",",
            description = "With --stage-samples: the case fields to fit instead of the default, e.g. "
                    + "components[1].separationFactor,efficiency.extraction.")
    List<String> parameters;

    @Option(names = "--elements", paramLabel = "RE", split = ",",
            description = "Rare earths to fit, e.g. Pr,Nd (default: every rare earth with a point D > 0).")
    List<String> elements;

    @Option(names = "--sources", paramLabel = "LABEL", split = ",",
            description = "Use only rows whose source column is one of these labels (quote labels with spaces).")
    List<String> sources;

    @Option(names = "--exclude-flags", paramLabel = "FLAG", split = ",",
            description = "Leave out rows carrying any of these flags.")
    List<String> excludeFlags;

    @Option(names = "--reference", paramLabel = "RE",
            description = "Rare earth the separation factors are relative to (default: the first fitted, in the "
                    + "file's column order).")
    String reference;

    @Option(names = "--cation-exchange-constant", paramLabel = "K_M",
            description = "K_M of the saponifying cation (M+ + 1/2 (HA)2 = MA + H+); required when a row has "
                    + "saponification > 0.")
    Double cationExchangeConstant;

    @Option(names = "--fit-cation-constant",
            description = "Also fit ln K_M of the saponifying cation (M+ + 1/2 (HA)2 = MA + H+), started from "
                    + "--cation-exchange-constant (default 0.001); needs rows with saponification > 0 (mass-action "
                    + "or correlation).")
    boolean fitCationConstant;

    @Option(names = "--fit-stoichiometry",
            description = "Also fit one extractant stoichiometry n shared by the rare earths: log10 D = 3 pH + "
                    + "n log10[(HA)2]free + log10 K_ex (mass action: n = 3); needs data that vary the free "
                    + "extractant (mass-action only).")
    boolean fitStoichiometry;

    @Option(names = "--model", paramLabel = "LAW", defaultValue = "mass-action",
            description = "mass-action (K_ex per rare earth, default), correlation (log10 D = a pH + b log10[(HA)2]free "
                    + "+ c per rare earth, with the mass-action stoichiometry; started from the mass-action fit) or "
                    + "constant-distribution (one D per rare earth, whatever the conditions: the baseline) or "
                    + "separation-factors (constant beta = D/D(ref), Xu's CMER, from experiments with two or more "
                    + "rare earths).")
    String model;

    @Option(names = "--predict", paramLabel = "FILE",
            description = "Also predict another shake-out file with the fitted parameters, without refitting, and print "
                    + "its RMS log10 D (rows holding only fitted rare earths; --exclude-flags applies to it too).")
    Path predict;

    @Option(names = "--json", description = "Print one JSON document instead of the report.")
    boolean json;

    @Option(names = "--case-out", paramLabel = "FILE",
            description = "Write the fitted components block (exchange constants, correlations, distribution ratios or "
                    + "separation factors) as a commented YAML fragment for a case of the matching model.")
    Path caseOut;

    @picocli.CommandLine.Mixin
    PlotOptions plot;

    @Override
    public Integer call() throws IOException {
        plot.check();
        if (shakeoutsPositional != null) {
            if (shakeouts != null) {
                throw new InvalidInputException("DATA.csv, --shakeouts", "both given (" + shakeoutsPositional + ", "
                        + shakeouts + ")", "one shake-out file: as the argument or with --shakeouts");
            }
            shakeouts = shakeoutsPositional;
        }
        if ((shakeouts == null) == (stageSamples == null)) {
            throw new InvalidInputException("--shakeouts, --stage-samples", shakeouts == null ? "(neither given)"
                    : "both given", "exactly one of them: shake-out tests or samples of a cascade's stages");
        }
        if (stageSamples != null) {
            return stageSamples();
        }
        for (String o : List.of("--case", "--efficiency", "--parameters")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                throw new InvalidInputException(o, "given", "only with --stage-samples (it is about a cascade case)");
            }
        }
        if (caseOut != null) {
            OutputFiles.checkWritable("--case-out", caseOut, shakeouts); // before any computing
        }
        ShakeoutData data = ShakeoutReader.read(shakeouts);
        ShakeoutData other = predict == null ? null : ShakeoutReader.read(predict); // read whole before fitting
        Set<String> flags = excludeFlags == null ? null : new LinkedHashSet<>(excludeFlags);
        ShakeoutSelection sel = ShakeoutSelection.of(data, elements, sources, flags);
        MassActionFit.Law law = MassActionFit.Law.of(model);
        if (law == null) {
            throw new InvalidInputException("--model", model, "mass-action, correlation, constant-distribution or "
                    + "separation-factors");
        }
        double km = cationExchangeConstant == null ? Double.NaN : cationExchangeConstant;
        FitResult fit = MassActionFit.fit(sel, law, km, reference,
                new MassActionFit.Shared(fitCationConstant, fitStoichiometry));
        Prediction prediction = other == null ? null : MassActionFit.predict(fit,
                ShakeoutSelection.forPrediction(other, sel.elements(), flags), km);
        if (caseOut != null) {
            String yaml = FitReport.caseFragment(fit, commandLine());
            OutputFiles.write("--case-out", caseOut, shakeouts, w -> w.write(yaml));
        }
        List<Path> charts = plot.writeIfWanted(() -> FitCharts.of(FitCharts.dataStem(shakeouts.toString()), fit),
                shakeouts);
        var out = spec.commandLine().getOut();
        out.print(json ? FitReport.json(fit, prediction).toPrettyString() + System.lineSeparator()
                : FitReport.text(fit, prediction));
        if (!json && caseOut != null) {
            out.println();
            out.println("Fitted components block written to " + caseOut + " (a fragment for a model: " + law.caseModel()
                    + " case)");
        }
        out.flush();
        plot.announce(charts, json, spec);
        return 0;
    }

    /** {@code --stage-samples FILE --case CASE}: fields of the case fitted to the samples. */
    private Integer stageSamples() throws IOException {
        for (String o : List.of("--elements", "--sources", "--exclude-flags", "--reference",
                "--cation-exchange-constant", "--fit-cation-constant", "--fit-stoichiometry", "--model", "--predict",
                "--plot")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                throw new InvalidInputException(o, "given", "only with --shakeouts: a stage-sample fit takes its "
                        + "model, components and chemistry from --case" + (o.equals("--plot") ? " (and has no charts "
                        + "yet)" : ""));
            }
        }
        if (caseFile == null) {
            throw new InvalidInputException("--case", InvalidInputException.MISSING, "the case file of the sampled "
                    + "cascade, with --stage-samples");
        }
        if (caseOut != null) {
            OutputFiles.checkWritable("--case-out", caseOut, caseFile); // before any computing
        }
        var samples = StageSampleReader.read(stageSamples);
        var tree = new CaseReader().readTree(caseFile);
        List<String> paths = parameters != null ? parameters : StageSampleFit.defaultFields(tree, efficiency);
        if (parameters != null && efficiency) {
            throw new InvalidInputException("--efficiency", "given", "not with --parameters: list the efficiencies "
                    + "there (efficiency.extraction, efficiency.scrub)");
        }
        StageSampleFit.Result r = StageSampleFit.fit(tree, samples, paths);
        if (caseOut != null) {
            List<String> comments = new ArrayList<>();
            comments.add("Fitted by " + commandLine());
            comments.add(String.format(java.util.Locale.ROOT, "to %d points of %d stage samples, RMS log10 %.4f "
                    + "(docs/fit.md, \"Stage samples\"):", r.residuals().size(), r.samplesUsed(), r.rmsLog10()));
            for (StageSampleFit.Field x : r.fields()) {
                comments.add(String.format(java.util.Locale.ROOT, "  %s = %.6g (case %.6g), 95 %% interval %.6g … %.6g",
                        x.path(), x.value(), x.caseValue(), x.low(), x.high()));
            }
            String yaml = CaseTreeYaml.write(comments, r.fitted());
            OutputFiles.write("--case-out", caseOut, caseFile, w -> w.write(yaml));
        }
        var out = spec.commandLine().getOut();
        out.print(json ? FitReport.json(r).toPrettyString() + System.lineSeparator() : FitReport.text(r));
        if (!json && caseOut != null) {
            out.println();
            out.println("Case with the fitted values written to " + caseOut);
        }
        out.flush();
        return 0;
    }

    /** The command line as typed, for the fragment's header. */
    private String commandLine() {
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        StringBuilder b = new StringBuilder("sxcascade"); // the arguments start with fit
        for (String a : args) {
            b.append(' ').append(a.contains(" ") ? "'" + a + "'" : a);
        }
        return b.toString();
    }
}
