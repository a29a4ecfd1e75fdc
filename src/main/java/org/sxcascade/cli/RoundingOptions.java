package org.sxcascade.cli;

import java.util.List;
import org.sxcascade.report.RoundedFlows;
import org.sxcascade.report.Summary;
import picocli.CommandLine.Option;

/** {@code --round-digits}, {@code --flow-step} and {@code --exact-flows} of design and optimize. */
final class RoundingOptions {
    @Option(names = "--round-digits", paramLabel = "N", defaultValue = "3",
            description = "Round the plant flows to N significant digits (1 … 8, default 3), verify the rounded case "
                    + "and write it with --case-out (docs/design.md, \"Rounded plant flows\").")
    int digits;

    @Option(names = "--flow-step", paramLabel = "L_PER_H",
            description = "Round flows in L/h to this instrument step instead (e.g. 0.1); other flows to --round-digits.")
    Double step;

    @Option(names = "--exact-flows", description = "Do not round: print and write the exact flows.")
    boolean exact;

    /** Checks the options before anything is computed (exit 2 for a bad one). */
    void check(picocli.CommandLine.Model.CommandSpec spec) {
        new RoundedFlows.Resolution(digits, step);
        if (exact) {
            for (String o : new String[] {"--round-digits", "--flow-step"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                    throw new org.sxcascade.model.InvalidInputException(o, "given", "not with --exact-flows "
                            + "(which prints and writes the flows unrounded)");
                }
            }
        }
    }

    /** The rounded, verified case, or {@code null} with --exact-flows. */
    RoundedFlows round(String caseYaml, List<Summary.Quantity> flows) {
        return round(caseYaml, flows, null);
    }

    /** The resolution asked. */
    RoundedFlows.Resolution resolution() {
        return new RoundedFlows.Resolution(digits, step);
    }

    /**
     * An optimum's rounding: at the asked resolution; if none holds the targets (the optimum sits on
     * them), the optimum re-run with a margin ({@link org.sxcascade.report.RoundingMargin}); if that
     * finds none either, more digits as {@link #round} does. {@code null} with --exact-flows.
     */
    Optimum roundOptimum(java.nio.file.Path caseFile, org.sxcascade.optimize.OptimizeRequest request,
                         org.sxcascade.optimize.OptimizeResult o, String exactYaml,
                         java.util.function.BiConsumer<Double, String> progress) {
        if (exact) {
            return null;
        }
        RoundedFlows r = RoundedFlows.atResolution(exactYaml, o.flows(), resolution());
        if (r.met()) {
            return new Optimum(o, r, null);
        }
        org.sxcascade.report.RoundingMargin m = org.sxcascade.report.RoundingMargin.search(caseFile, request, o,
                exactYaml, resolution(), progress);
        return m != null ? new Optimum(m.optimum(), m.rounded(), m) : new Optimum(o, round(exactYaml, o.flows()), null);
    }

    /**
     * The optimum to print and its rounded flows.
     *
     * @param result  the optimum printed (the one with a margin, when there is one)
     * @param rounded its flows rounded and verified
     * @param margin  the margin kept for the rounding, or {@code null}
     */
    record Optimum(org.sxcascade.optimize.OptimizeResult result, RoundedFlows rounded,
                   org.sxcascade.report.RoundingMargin margin) {
    }

    /** The same where a rounding must also pass {@code also} (e.g. keep a robust design's probability). */
    RoundedFlows round(String caseYaml, List<Summary.Quantity> flows, java.util.function.Predicate<String> also) {
        RoundedFlows.Resolution resolution = new RoundedFlows.Resolution(digits, step);
        return exact ? null : RoundedFlows.of(caseYaml, flows, resolution, also);
    }
}
