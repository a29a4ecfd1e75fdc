package org.sxcascade.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.report.Formats;

/**
 * How often a cascade meets its targets when its chemistry, feed and flows are uncertain (issue
 * 17, robust design): a seeded Monte Carlo over the case file, for any model. Each draw is the case
 * with
 * <ul>
 *   <li>every separation factor (the reference component's excepted: β = 1; only ratios matter in
 *       CMER), every distribution ratio and every exchange constant (their absolute values set the
 *       extraction and loading) multiplied by exp(σ_chem·z), z standard normal (a correlation's
 *       intercept shifted by σ_chem·z / ln 10);</li>
 *   <li>every feed fraction multiplied by exp(σ_feed·z), then renormalised;</li>
 *   <li>every operating flow of the operating window (organic, scrub, strip acid, feed flow; S, W)
 *       multiplied by exp(σ_flow·z), and the saponification and reflux likewise, kept below 1;</li>
 * </ul>
 * solved as {@code simulate} solves it (a mass-action draw warm-started from the previous one,
 * falling back to a cold start). A draw whose case is invalid or does not converge counts as off
 * spec, and is counted. The probability of meeting each target and all of them is given with its
 * binomial standard error √(p(1 − p)/N).
 *
 * @param draws      the sample size N
 * @param seed       the generator's seed
 * @param sigma      the relative standard deviations used
 * @param targets    per target: its label, the draws that meet it and the purity (or recovery) quantiles
 * @param allMet     draws that meet every target
 * @param failed     draws whose case is invalid or does not converge (counted as off spec)
 * @param solves     steady states solved
 */
public record MonteCarlo(int draws, long seed, Sigma sigma, List<TargetSpread> targets, int allMet, int failed,
                         int solves) {
    public MonteCarlo {
        targets = List.copyOf(targets);
    }

    /**
     * Relative standard deviations (lognormal factors exp(σ z)).
     *
     * @param chemistry on the separation factors, distribution ratios or exchange constants
     * @param feed      on each feed fraction (renormalised)
     * @param flow      on each controlled flow (flow-control accuracy)
     * @param correlated the covariance of the ln constants of some components (from the case's
     *                  {@code uncertainty} section, e.g. a fit's), used for them instead of
     *                  {@code chemistry}; {@code null} or {@link org.sxcascade.model.Uncertainty#NONE} for none
     */
    public record Sigma(double chemistry, double feed, double flow, org.sxcascade.model.Uncertainty correlated) {
        public Sigma {
            check("--beta-sigma", chemistry);
            check("--feed-sigma", feed);
            check("--flow-sigma", flow);
            if (correlated == null) {
                correlated = org.sxcascade.model.Uncertainty.NONE;
            }
            if (chemistry == 0 && feed == 0 && flow == 0 && correlated.components().isEmpty()) {
                throw new InvalidInputException("--beta-sigma, --feed-sigma, --flow-sigma", "all 0",
                        "at least one relative standard deviation above 0, e.g. --beta-sigma 0.03 (or a covariance "
                                + "in the case's uncertainty section)");
            }
        }

        /** Without a covariance. */
        public Sigma(double chemistry, double feed, double flow) {
            this(chemistry, feed, flow, null);
        }

        /** Checks one relative σ (0 … 1; exit 2 naming the option otherwise). */
        public static void check(String option, double v) {
            if (!(v >= 0 && v <= 1)) {
                throw new InvalidInputException(option, v, "a relative standard deviation from 0 to 1 (0.03 is 3 %)");
            }
        }
    }

    /**
     * One target over the draws.
     *
     * @param label   what is targeted ("aqueous purity of Pr")
     * @param target  the required value
     * @param met     draws that meet it
     * @param values  the value reached in each draw that converged, sorted (for quantiles and histograms)
     */
    public record TargetSpread(String label, double target, int met, double[] values) {
        public TargetSpread {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        /** The q-quantile of the values reached (nearest rank), NaN without values. */
        public double quantile(double q) {
            if (values.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1));
            return values[i];
        }
    }

    /** The default sample size: 2000 draws, 200 for a mass-action case (each solve costs some hundred times more). */
    public static int defaultDraws(JsonNode tree) {
        return CaseReader.isMassAction(tree) ? 200 : 2000;
    }

    /** Checks a sample size: 1 … 100 000 draws (exit 2 otherwise). */
    public static void checkDraws(int draws) {
        if (draws < 1 || draws > 100_000) {
            throw new InvalidInputException("--draws", draws, "a sample size from 1 to 100000");
        }
    }

    /** Probability of meeting every target. */
    public double probability() {
        return (double) allMet / draws;
    }

    /** Binomial standard error of a probability estimated from the draws. */
    public double standardError(double p) {
        return Math.sqrt(p * (1 - p) / draws);
    }

    /**
     * Runs the draws.
     *
     * @param tree     the case file's tree (one cascade with targets; only read)
     * @param sigma    the uncertainties
     * @param draws    the sample size (1 … 100 000)
     * @param seed     the generator's seed
     * @param progress told the draws done (or {@code null})
     */
    public static MonteCarlo run(JsonNode tree, Sigma sigma, int draws, long seed, Consumer<Integer> progress) {
        checkDraws(draws);
        if (tree.has("cascades")) {
            throw new InvalidInputException("--uncertainty", "a flowsheet", "a single cascade's case file");
        }
        CaseEvaluator evaluator = new CaseEvaluator(tree, null);
        Evaluation nominal = CaseEvaluator.margins(evaluator.operatingPoint());
        if (nominal.margins().isEmpty()) {
            throw new InvalidInputException("targets", InvalidInputException.MISSING, "a purity or recovery target "
                    + "for the uncertainty analysis (how often they are met)");
        }
        List<ControlInput> inputs = ControlInput.of(tree);
        Random random = new Random(seed);
        int t = nominal.margins().size();
        int[] met = new int[t];
        List<List<Double>> values = new ArrayList<>();
        for (int k = 0; k < t; k++) {
            values.add(new ArrayList<>());
        }
        int all = 0;
        int failed = 0;
        boolean massAction = CaseReader.isMassAction(tree);
        for (int d = 0; d < draws; d++) {
            List<Consumer<com.fasterxml.jackson.databind.node.ObjectNode>> changes = draw(tree, inputs, sigma, random);
            Evaluation e = evaluator.evaluate(changes, massAction);
            if (e.failure() != null) {
                failed++;
            } else {
                boolean every = true;
                for (int k = 0; k < t; k++) {
                    NinesMargin m = e.margins().get(k);
                    values.get(k).add(m.reached());
                    if (m.met()) {
                        met[k]++;
                    } else {
                        every = false;
                    }
                }
                all += every ? 1 : 0;
            }
            if (progress != null) {
                progress.accept(d + 1);
            }
        }
        List<TargetSpread> spreads = new ArrayList<>();
        for (int k = 0; k < t; k++) {
            double[] v = values.get(k).stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(v);
            NinesMargin m = nominal.margins().get(k);
            spreads.add(new TargetSpread(m.label(), m.target(), met[k], v));
        }
        return new MonteCarlo(draws, seed, sigma, spreads, all, failed, evaluator.solves());
    }

    /** One draw's changes to the case tree (the same order of normal variates for every draw). */
    static List<Consumer<com.fasterxml.jackson.databind.node.ObjectNode>> draw(JsonNode tree,
            List<ControlInput> inputs, Sigma sigma, Random random) {
        List<Consumer<com.fasterxml.jackson.databind.node.ObjectNode>> changes = new ArrayList<>();
        JsonNode comps = tree.path("components");
        // the correlated constants first: ln factors L·z for the covariance's components
        List<String> correlated = sigma.correlated().components();
        double[] lnFactor = new double[correlated.size()];
        if (!correlated.isEmpty()) {
            double[][] l = sigma.correlated().cholesky();
            double[] z = new double[lnFactor.length];
            for (int k = 0; k < z.length; k++) {
                z[k] = random.nextGaussian();
            }
            for (int k = 0; k < z.length; k++) {
                for (int m = 0; m <= k; m++) {
                    lnFactor[k] += l[k][m] * z[m];
                }
            }
        }
        List<UncertainConstant> constants = UncertainConstant.of(tree);
        for (int i = 0; i < comps.size(); i++) {
            JsonNode c = comps.get(i);
            double z = random.nextGaussian(); // one variate per component, constant or not (the same order every draw)
            int at = correlated.indexOf(c.path("name").asText());
            double ln = at >= 0 ? lnFactor[at] : sigma.chemistry() * z; // ln of the factor on this constant
            if (at < 0 && sigma.chemistry() == 0) {
                continue;
            }
            for (UncertainConstant k : constants) {
                if (k.index() == i && (at >= 0 || !k.reference())) {
                    changes.add(k.scaled(ln));
                }
            }
        }
        List<String> names = feedFractions(tree);
        if (sigma.feed() > 0 && names.isEmpty()) {
            throw new InvalidInputException("--feed-sigma", sigma.feed(), "0 for this case: its feed has no "
                    + "feed.composition of two or more components to scatter (a case with feeds: is not covered yet)");
        }
        if (!names.isEmpty()) {
            double[] ln = new double[names.size()];
            for (int i = 0; i < ln.length; i++) {
                ln[i] = sigma.feed() * random.nextGaussian();
            }
            if (sigma.feed() > 0) {
                changes.add(feedChange(tree, names, ln));
            }
        }
        for (ControlInput in : inputs) {
            double z = random.nextGaussian();
            if (sigma.flow() == 0) {
                continue;
            }
            changes.add(flowChange(in, sigma.flow() * z));
        }
        return changes;
    }

    /** The names of the feed's fractions ({@code feed.composition}), or none when it has fewer than two. */
    static List<String> feedFractions(JsonNode tree) {
        JsonNode composition = tree.path("feed").path("composition");
        List<String> names = new ArrayList<>();
        if (composition.isObject() && composition.size() > 1) {
            composition.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    /** The change that multiplies each named feed fraction by exp(ln_i), then renormalises them. */
    static Consumer<ObjectNode> feedChange(JsonNode tree, List<String> names, double[] ln) {
        JsonNode composition = tree.path("feed").path("composition");
        double[] x = new double[names.size()];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = ControlInput.number(composition, names.get(i)) * Math.exp(ln[i]);
            sum += x[i];
        }
        double total = sum;
        return root -> {
            ObjectNode comp = (ObjectNode) root.get("feed").get("composition");
            for (int i = 0; i < x.length; i++) {
                comp.put(names.get(i), x[i] / total);
            }
        };
    }

    /** The change that multiplies a controlled flow by exp(ln) (saponification and reflux kept below 1). */
    static Consumer<ObjectNode> flowChange(ControlInput in, double ln) {
        double v = in.value() * Math.exp(ln);
        if (in.upper() <= 1) { // saponification, reflux: kept below 1
            v = Math.min(v, 1 - ControlInput.BELOW_ONE);
        }
        return in.change().apply(v);
    }

    /** The report's lines. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Uncertainty (seeded Monte Carlo: %d draws, seed %d; relative σ: "
                        + "separation factors / constants %s, feed fractions %s, flows %s%s)%n", draws, seed,
                pct(sigma.chemistry()), pct(sigma.feed()), pct(sigma.flow()), sigma.correlated().components().isEmpty()
                        ? "" : "; the constants of " + String.join(", ", sigma.correlated().components())
                        + " drawn with the case's covariance"));
        b.append(String.format(Locale.ROOT, "  every target met  %.1f %% of draws (%s)%n", 100 * probability(),
                allMet == draws ? String.format(Locale.ROOT, "none missed: the share missing is below %.2g %% at 95 %% "
                        + "confidence (3/N)", Math.min(100, 300.0 / draws)) : allMet == 0 ? String.format(Locale.ROOT,
                        "none met: the share meeting is below %.2g %% at 95 %% confidence (3/N)",
                        Math.min(100, 300.0 / draws))
                        : String.format(Locale.ROOT, "standard error %.1f %%", 100 * standardError(probability()))));
        b.append(String.format(Locale.ROOT, "  %-32s %9s %9s %11s %11s %11s%n", "target", "required", "met",
                "5 %", "median", "95 %"));
        for (TargetSpread s : targets) {
            double p = (double) s.met() / draws;
            b.append(String.format(Locale.ROOT, "  %-32s %9s %8.1f%% %11s %11s %11s%n", s.label(),
                    Formats.percent(s.target()), 100 * p, Formats.percent(s.quantile(0.05)),
                    Formats.percent(s.quantile(0.5)), Formats.percent(s.quantile(0.95))));
        }
        if (failed > 0) {
            b.append(String.format(Locale.ROOT, "  %d draws did not converge or were invalid (counted as off spec)%n",
                    failed));
        }
        b.append(String.format(Locale.ROOT, "  (%d steady states solved; quantiles of the value reached over the "
                + "draws that converged)%n", solves));
        return b.toString();
    }

    private static String pct(double s) {
        return s == 0 ? "0" : String.format(Locale.ROOT, "%.3g %%", 100 * s);
    }

    /** The {@code uncertainty} object of the JSON document. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("draws", draws);
        o.put("seed", seed);
        ObjectNode s = o.putObject("sigma");
        s.put("chemistry", sigma.chemistry());
        s.put("feed", sigma.feed());
        s.put("flow", sigma.flow());
        if (!sigma.correlated().components().isEmpty()) {
            ArrayNode cc = s.putArray("covarianceComponents");
            sigma.correlated().components().forEach(cc::add);
        }
        o.put("probabilityAllMet", probability());
        o.put("standardError", standardError(probability()));
        o.put("failed", failed);
        o.put("solves", solves);
        ArrayNode ts = o.putArray("targets");
        for (TargetSpread t : targets) {
            ObjectNode x = ts.addObject();
            x.put("target", t.label());
            x.put("required", t.target());
            double p = (double) t.met() / draws;
            x.put("probability", p);
            x.put("standardError", standardError(p));
            x.put("quantile05", t.quantile(0.05));
            x.put("median", t.quantile(0.5));
            x.put("quantile95", t.quantile(0.95));
        }
        return o;
    }
}
