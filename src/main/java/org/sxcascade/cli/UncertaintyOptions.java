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
            + "feed fractions and flows scatter by the relative σ given, and with --beta-box the worst corner of a box "
            + "of the constants (docs/design.md, \"Uncertainty\").")
    boolean uncertainty;

    @Option(names = "--beta-sigma", paramLabel = "S", defaultValue = "0",
            description = "Relative σ of the separation factors, distribution ratios or exchange constants (0.03 = 3 %%).")
    double chemistry;

    @Option(names = "--feed-sigma", paramLabel = "S", defaultValue = "0",
            description = "Relative σ of each feed fraction (renormalised).")
    double feed;

    @Option(names = "--flow-sigma", paramLabel = "S", defaultValue = "0",
            description = "Relative σ of each controlled flow (flow-control accuracy).")
    double flow;

    @Option(names = "--beta-box", paramLabel = "D",
            description = "Half-width of a box of the separation factors, distribution ratios or exchange constants "
                    + "(0.05 or 5%%: each anywhere from x/1.05 to 1.05·x): the worst corner's purities are reported, "
                    + "and --robust worst-case designs for it (docs/design.md, \"Worst case\").")
    String boxText;

    @Option(names = "--feed-box", paramLabel = "D",
            description = "Half-width of a box of each feed fraction (renormalised), as --beta-box: its corners join "
                    + "the worst case.")
    String feedBoxText;

    @Option(names = "--flow-box", paramLabel = "D",
            description = "Half-width of a box of each controlled flow (flow-control accuracy), as --beta-box: its "
                    + "corners join the worst case.")
    String flowBoxText;

    @Option(names = "--draws", paramLabel = "N",
            description = "Monte Carlo sample size (default 2000; 200 for a mass-action case).")
    Integer draws;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the Monte Carlo (default 1).")
    long seed;

    /** Checks the options before anything is computed. */
    void check(picocli.CommandLine.Model.CommandSpec spec) {
        if (!uncertainty) {
            for (String o : new String[] {"--beta-sigma", "--feed-sigma", "--flow-sigma", "--beta-box", "--feed-box",
                    "--flow-box", "--draws", "--seed"}) {
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
        if (boxText != null) {
            box = parseBox("--beta-box", boxText);
        }
        if (feedBoxText != null) {
            feedBox = parseBox("--feed-box", feedBoxText);
        }
        if (flowBoxText != null) {
            flowBox = parseBox("--flow-box", flowBoxText);
        }
    }

    private Double box;
    private Double feedBox;
    private Double flowBox;

    /** A box half-width: a fraction (0.05) or a percentage (5%), above 0 and at most 1 (exit 2 otherwise). */
    static double parseBox(String option, String text) {
        String t = text.strip();
        double v;
        try {
            v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).strip()) / 100 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(option, text, "a relative half-width, e.g. 0.05 or 5%");
        }
        if (!(v > 0 && v <= org.sxcascade.model.Uncertainty.MAX_BOX)) {
            throw new InvalidInputException(option, text, "a relative half-width above 0 and at most 1 (100%)");
        }
        return v;
    }

    /**
     * The box of a case: each half-width from its option (--beta-box, --feed-box, --flow-box), else
     * from the case's uncertainty.box, else 0 (not boxed).
     */
    org.sxcascade.window.WorstCase.Box box(JsonNode tree) {
        org.sxcascade.model.Uncertainty u = org.sxcascade.io.CaseReader.readUncertainty(tree);
        return new org.sxcascade.window.WorstCase.Box(box != null ? box : u.box(),
                feedBox != null ? feedBox : u.feedBox(), flowBox != null ? flowBox : u.flowBox());
    }

    /** Where the box came from, for messages. */
    String boxOption() {
        return box != null || feedBox != null || flowBox != null ? "--beta-box, --feed-box, --flow-box"
                : "uncertainty.box";
    }

    /** Whether the Monte Carlo has a σ to draw with (else only a box was given). */
    private boolean scatters(JsonNode tree) {
        org.sxcascade.model.Uncertainty u = org.sxcascade.io.CaseReader.readUncertainty(tree);
        return (given("--beta-sigma") ? chemistry : u.chemistry()) > 0 || (given("--feed-sigma") ? feed : u.feed()) > 0
                || (given("--flow-sigma") ? flow : u.flow()) > 0 || !u.components().isEmpty() || box(tree).isEmpty();
    }

    /** The worst case over the box of a case, or {@code null} without --uncertainty or a box. */
    org.sxcascade.window.WorstCase worstCase(Supplier<JsonNode> caseTree) {
        if (!uncertainty) {
            return null;
        }
        JsonNode tree = caseTree.get();
        org.sxcascade.window.WorstCase.Box d = box(tree);
        return d.isEmpty() ? null : org.sxcascade.window.WorstCase.run(tree, d, boxOption());
    }

    /**
     * How --robust judges a result: {@code worst-case} (every target at every corner of the box),
     * or a probability P of meeting every target in the Monte Carlo.
     */
    org.sxcascade.window.RobustDesign.Criterion criterion(String robust, JsonNode tree) {
        if (!uncertainty) {
            throw new InvalidInputException("--robust", robust, "only with --uncertainty and its σ or box (e.g. "
                    + "--uncertainty --beta-sigma 0.03, or --uncertainty --beta-box 5%)");
        }
        if (robust.strip().equalsIgnoreCase("worst-case")) {
            org.sxcascade.window.WorstCase.Box d = box(tree);
            if (d.isEmpty()) {
                throw new InvalidInputException("--robust", robust, "worst-case with a box: --beta-box (e.g. 5%) or "
                        + "uncertainty: {box: {chemistry: 0.05}} in the case file");
            }
            if (d.feed() > 0 || d.flows() > 0) {
                // the search makes the cascade longer and its flows larger through pessimistic constants; a feed
                // or flow error moves the products' split (the metal balance), which no number of stages repairs
                throw new InvalidInputException("--robust", robust + " with a box on the " + (d.feed() > 0
                        ? "feed" : "flows"), "worst-case over a box of the constants only (--beta-box, "
                        + "uncertainty.box.chemistry): the robust search adds stages and flow through pessimistic "
                        + "constants, and no number of stages repairs the shift of the products' split that a feed or "
                        + "flow error makes. Check a design against feed and flow boxes with --uncertainty --feed-box / "
                        + "--flow-box without --robust (docs/design.md, \"Worst case over a box\")");
            }
            return org.sxcascade.window.RobustDesign.Criterion.worstCase(d, boxOption());
        }
        double p;
        try {
            p = Double.parseDouble(robust.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--robust", robust, "a probability between 0 and 1 (e.g. 0.95) or "
                    + "worst-case");
        }
        if (!(p > 0 && p < 1)) {
            throw new InvalidInputException("--robust", robust, "a probability between 0 and 1, e.g. 0.95 (or "
                    + "worst-case)");
        }
        return org.sxcascade.window.RobustDesign.Criterion.probability(sigma(tree), p, draws(tree), seed);
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

    /**
     * The written case of a design or optimization run with --uncertainty: its {@code uncertainty}
     * section carries the σ and box this run took from its options (the case's own section, with
     * each option given replacing its key), so that {@code report} and {@code simulate --uncertainty}
     * of the written case judge it as this run did. Unchanged without --uncertainty or without such
     * an option.
     */
    String intoCase(String written) {
        if (!uncertainty || !(given("--beta-sigma") || given("--feed-sigma") || given("--flow-sigma") || box != null
                || feedBox != null || flowBox != null)) {
            return written;
        }
        JsonNode tree = new org.sxcascade.io.CaseReader().parseTree(written);
        com.fasterxml.jackson.databind.node.ObjectNode u = tree.path("uncertainty").isObject()
                ? ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("uncertainty")).deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (given("--beta-sigma")) {
            u.put("chemistry", chemistry);
        }
        if (given("--feed-sigma")) {
            u.put("feed", feed);
        }
        if (given("--flow-sigma")) {
            u.put("flows", flow);
        }
        if (box != null || feedBox != null || flowBox != null) {
            com.fasterxml.jackson.databind.node.ObjectNode b = u.path("box").isObject()
                    ? (com.fasterxml.jackson.databind.node.ObjectNode) u.get("box") : u.putObject("box");
            if (box != null) {
                b.put("chemistry", box);
            }
            if (feedBox != null) {
                b.put("feed", feedBox);
            }
            if (flowBox != null) {
                b.put("flows", flowBox);
            }
        }
        return org.sxcascade.report.CaseHandOff.withUncertainty(written, u);
    }

    /** The sample size for a case. */
    int draws(JsonNode tree) {
        return draws != null ? draws : MonteCarlo.defaultDraws(tree);
    }

    /**
     * A progress bar for the robust search on an interactive terminal (it shows once the search has
     * run for a second: each step is a design or optimization and a Monte Carlo); it does nothing
     * elsewhere. The search makes about nine; the bar is filled on that scale.
     */
    static final class SearchBar implements java.util.function.Consumer<String>, AutoCloseable {
        private final DelayedBar bar = System.console() == null ? null : new DelayedBar("robust search");
        private int steps;

        @Override
        public void accept(String message) {
            steps++;
            if (bar != null && bar.due()) {
                bar.show(Math.min(0.95, steps / 10.0), message);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** The Monte Carlo of a case, with a progress bar, or {@code null} without --uncertainty. */
    MonteCarlo run(Supplier<JsonNode> caseTree) {
        if (!uncertainty) {
            return null;
        }
        JsonNode tree = caseTree.get();
        if (!scatters(tree)) {
            return null; // only a box: its worst case is reported instead ({@link #worstCase})
        }
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
