package org.sxcascade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.window.MonteCarlo;
import picocli.CommandLine.Option;

/** {@code --uncertainty} and its σ, sample size and seed, for simulate, design and optimize. */
final class UncertaintyOptions {
    @Option(names = "--uncertainty", description = "Also run a seeded Monte Carlo of the case (for design and optimize: "
            + "of the case as written): how often each target is met when the separation factors (or constants), "
            + "feed fractions and flows scatter by the relative σ given (docs/design.md, \"Uncertainty\").")
    boolean uncertainty;

    @Option(names = "--beta-sigma", paramLabel = "S", defaultValue = "0",
            description = "Relative σ of the separation factors, distribution ratios or exchange constants (0.03 = 3 %).")
    double chemistry;

    @Option(names = "--feed-sigma", paramLabel = "S", defaultValue = "0",
            description = "Relative σ of each feed fraction (renormalised).")
    double feed;

    @Option(names = "--flow-sigma", paramLabel = "S", defaultValue = "0",
            description = "Relative σ of each controlled flow (flow-control accuracy).")
    double flow;

    @Option(names = "--draws", paramLabel = "N",
            description = "Monte Carlo sample size (default 2000; 200 for a mass-action case).")
    Integer draws;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the Monte Carlo (default 1).")
    long seed;

    /** Checks the options before anything is computed. */
    void check(picocli.CommandLine.Model.CommandSpec spec) {
        if (!uncertainty) {
            for (String o : new String[] {"--beta-sigma", "--feed-sigma", "--flow-sigma", "--draws", "--seed"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                    throw new InvalidInputException(o, "given", "only with --uncertainty");
                }
            }
            return;
        }
        this.spec = spec;
        MonteCarlo.Sigma.check("--beta-sigma", chemistry);
        MonteCarlo.Sigma.check("--feed-sigma", feed);
        MonteCarlo.Sigma.check("--flow-sigma", flow);
        if (draws != null) {
            MonteCarlo.checkDraws(draws);
        }
    }

    private picocli.CommandLine.Model.CommandSpec spec;

    /**
     * The uncertainties of a case: its {@code uncertainty} section (σ and a covariance, e.g. a fit's),
     * each σ replaced by its option where one is given.
     */
    MonteCarlo.Sigma sigma(JsonNode tree) {
        org.sxcascade.model.Uncertainty u = org.sxcascade.io.CaseReader.readUncertainty(tree);
        return new MonteCarlo.Sigma(given("--beta-sigma") ? chemistry : u.chemistry(),
                given("--feed-sigma") ? feed : u.feed(), given("--flow-sigma") ? flow : u.flow(), u);
    }

    private boolean given(String option) {
        return spec != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The sample size for a case. */
    int draws(JsonNode tree) {
        return draws != null ? draws : MonteCarlo.defaultDraws(tree);
    }

    /** The Monte Carlo of a case, with a progress bar, or {@code null} without --uncertainty. */
    MonteCarlo run(Supplier<JsonNode> caseTree) {
        if (!uncertainty) {
            return null;
        }
        JsonNode tree = caseTree.get();
        int n = draws(tree);
        if (System.console() == null) {
            return MonteCarlo.run(tree, sigma(tree), n, seed, null);
        }
        try (DelayedBar bar = new DelayedBar("Monte Carlo", n, " draws")) {
            return MonteCarlo.run(tree, sigma(tree), n, seed, d -> {
                if (bar.due()) {
                    bar.show((double) d / n, d + " draws");
                }
            });
        }
    }
}
