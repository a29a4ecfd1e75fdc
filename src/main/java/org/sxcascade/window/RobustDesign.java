package org.sxcascade.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.sxcascade.design.DesignRequest;
import org.sxcascade.design.DesignResult;
import org.sxcascade.design.Designer;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.report.DesignReport;

/**
 * A design (or optimum) that meets its targets when the chemistry is uncertain (issue 17, robust
 * design), for every model: the model's own designer (Xu's design verified stage by stage; the
 * volumetric design of constant distribution ratios; the plant-flow design of mass action) or
 * optimizer, run at a pessimistic chemistry of exponent s (0 &lt; s ≤ 1: every ratio of two
 * constants x_i/x_j, the key pair's β among them, raised to the power s;
 * {@link UncertainConstant#pessimisticFactors}), and judged at the case's own chemistry by one of
 * <ul>
 *   <li>a seeded Monte Carlo with the σ given ({@link MonteCarlo}): every target met in at least
 *       the share P of the draws, by the estimate less 1.645 standard errors (a one-sided 95 % lower
 *       bound), so that the design kept is not merely the marginal one of this sample;</li>
 *   <li>the worst case over a box ({@link WorstCase}): every target met at every corner.</li>
 * </ul>
 * The largest s that passes is found by stepping s down by 0.1 from 1 and then six bisections
 * between the last s that passed and the last that did not (a smaller s costs more stages and
 * flow). The search's judgement is reported with, for the Monte Carlo, an independent one (seed
 * + 1) of the chosen and of the nominal (s = 1) result.
 *
 * @param exponent     the s chosen (1: the nominal result is robust enough)
 * @param result       the design or optimum at that s
 * @param yaml         its case file, with the case's own constants (what the plant has)
 * @param search       the Monte Carlo of the chosen result that the search judged by ({@code null} for a worst case)
 * @param check        an independent Monte Carlo of the chosen result (seed + 1; {@code null} for a worst case)
 * @param nominalCheck the same independent Monte Carlo of the nominal result, or {@code null}
 * @param worst        the corners of the chosen result ({@code null} for a Monte Carlo)
 * @param missedExponent the smallest s above the chosen one that was tried and failed (NaN when s = 1)
 * @param missed       the corners of the result at {@code missedExponent} ({@code null} unless a worst case
 *                     whose result there met its targets at the nominal chemistry)
 * @param probability  the share of draws required (NaN for a worst case)
 * @param designs      designs (or optimizations) made by the search
 * @param <R>          the designer's result type
 */
public record RobustDesign<R>(double exponent, R result, String yaml, MonteCarlo search, MonteCarlo check,
                              MonteCarlo nominalCheck, WorstCase worst, double missedExponent, WorstCase missed,
                              double probability, int designs) {
    /** Smallest exponent tried: a design at β^0.2 is five times as long as the nominal one, or more. */
    static final double MIN_EXPONENT = 0.2;

    /**
     * A design or optimum at a pessimistic chemistry, as the search needs it.
     *
     * @param result what the designer returned ({@code null} when there is none within its limits)
     * @param yaml   its case file ({@code null} when it does not meet its own targets)
     * @param <R>    the result type
     */
    public record Made<R>(R result, String yaml) {
    }

    /**
     * How a candidate is judged: by a Monte Carlo (σ, P, sample size, seed) or by the corners of a
     * box (δ).
     *
     * @param sigma       the uncertainties of the Monte Carlo ({@code null} for a worst case)
     * @param probability the share of draws required, in (0, 1) (NaN for a worst case)
     * @param draws       the Monte Carlo's sample size
     * @param seed        its seed (the independent check takes seed + 1)
     * @param box         the box for a worst case ({@code null} for a Monte Carlo)
     * @param option      the option that asked for it (for messages)
     */
    public record Criterion(MonteCarlo.Sigma sigma, double probability, int draws, long seed, WorstCase.Box box,
                            String option) {
        /** A probability of meeting every target by a seeded Monte Carlo. */
        public static Criterion probability(MonteCarlo.Sigma sigma, double probability, int draws, long seed) {
            if (!(probability > 0 && probability < 1)) {
                throw new InvalidInputException("--robust", probability, "a probability between 0 and 1, e.g. 0.95");
            }
            MonteCarlo.checkDraws(draws);
            // the rule of three: with N draws all on spec the share meeting is known only down to about
            // 1 − 3/N (95 % confidence), so fewer than 3/(1 − P) draws cannot show the share P
            int least = (int) Math.ceil(3 / (1 - probability) - 1e-9);
            if (draws < least) {
                throw new InvalidInputException("--draws", draws, "at least " + least + " draws for --robust "
                        + probability + ": with fewer, even a sample with every draw on spec cannot show that share "
                        + "(rule of three: 3/(1 − P))");
            }
            return new Criterion(sigma, probability, draws, seed, null, "--robust");
        }

        /** Every target at every corner of a box (of the constants, the feed fractions, the flows). */
        public static Criterion worstCase(WorstCase.Box box, String option) {
            if (box.isEmpty()) {
                throw new InvalidInputException(option, 0, "a box with a relative half-width above 0 (--beta-box, "
                        + "--feed-box or --flow-box 0.05, or uncertainty: {box: {chemistry: 0.05}} in the case file)");
            }
            return new Criterion(null, Double.NaN, 0, 0, box, option);
        }

        boolean worstCase() {
            return sigma == null;
        }
    }

    /**
     * The robust design of {@code design}: the model's designer ({@link Designer}) at the pessimistic
     * chemistry.
     *
     * @param caseTree  the case (or target-only) file's tree, any model
     * @param request   the design options
     * @param criterion how a design is judged
     * @throws InvalidInputException for bad options, or no robust design with s ≥ {@link #MIN_EXPONENT}
     */
    public static RobustDesign<DesignResult> search(JsonNode caseTree, DesignRequest request, Criterion criterion) {
        return search(caseTree, request, criterion, null);
    }

    /** As {@link #search(JsonNode, DesignRequest, Criterion)}, telling {@code progress} of each design (or null). */
    public static RobustDesign<DesignResult> search(JsonNode caseTree, DesignRequest request, Criterion criterion,
                                                    java.util.function.Consumer<String> progress) {
        return search(caseTree, criterion, "design", request.maxStages(), progress, (pessimistic, s) -> {
            DesignResult d;
            try {
                d = Designer.design(new CaseReader().forDesignFromTree(pessimistic), request);
            } catch (InvalidInputException e) {
                if (!e.field().equals("--max-stages")) {
                    throw e;
                }
                return new Made<>(null, null); // no cascade within the stage limit: not robust
            } catch (org.sxcascade.solver.NoConvergenceException e) {
                return new Made<>(null, null); // no verified design at this chemistry: not counted as robust
            }
            return new Made<>(d, d.met() ? DesignReport.caseYaml(d) : null);
        });
    }

    /** What the search runs at each exponent: the tree at the pessimistic chemistry → the result. */
    @FunctionalInterface
    public interface Maker<R> {
        /**
         * @param pessimistic the case's tree at the pessimistic chemistry of exponent s
         * @param s           the exponent
         */
        Made<R> make(ObjectNode pessimistic, double s);
    }

    /**
     * The search with any designer or optimizer.
     *
     * @param caseTree  the case file's tree, any model
     * @param criterion how a result is judged
     * @param command   the command's name, for the written case's comment ("design", "optimize")
     * @param maxStages the stage limit, for the message when no exponent passes
     * @param progress  told before each design or optimization what is being made ("design 3 at s = 0.8000"), or null
     * @param maker     the designer or optimizer at a pessimistic chemistry
     */
    public static <R> RobustDesign<R> search(JsonNode caseTree, Criterion criterion, String command, int maxStages,
                                             java.util.function.Consumer<String> progress, Maker<R> maker) {
        int[] made = {0};
        Function<Double, Trial<R>> trial = s -> {
            if (progress != null) {
                progress.accept(String.format(Locale.ROOT, "%s %d at s = %.4f", command, ++made[0], s));
            }
            return trial(caseTree, criterion, command, s, maker);
        };
        Trial<R> nominal = trial.apply(1.0);
        Trial<R> chosen = nominal;
        Trial<R> bad = null;
        int designs = 1;
        if (!Boolean.TRUE.equals(nominal.passed)) {
            // s steps down by 0.1 until a result passes, then six bisections between good and bad
            Trial<R> good = null;
            bad = nominal;
            int bisections = 0;
            for (double s = 0.9; bisections < 6; ) {
                Trial<R> t = trial.apply(s);
                designs++;
                bisections += good == null ? 0 : 1;
                if (Boolean.TRUE.equals(t.passed)) {
                    good = t;
                } else {
                    bad = t;
                }
                if (good != null) {
                    s = (good.exponent + bad.exponent) / 2;
                } else if ((s -= 0.1) < MIN_EXPONENT - 1e-12) {
                    String what = command.equals("design") ? "a design" : "an optimum";
                    boolean feedOrFlows = !criterion.worstCase() && (criterion.sigma().feed() > 0
                            || criterion.sigma().flow() > 0);
                    throw new InvalidInputException(criterion.option(), criterion.worstCase()
                            ? criterion.box().describe() : criterion.probability(), (criterion.worstCase()
                            ? "a box that " : "a share of draws that ") + what + " at the pessimistic chemistry down "
                            + "to the exponent " + MIN_EXPONENT + " (every ratio of constants x_i/x_j raised to that "
                            + "power) meets within the stage limit (" + maxStages + " stages, --max-stages); with these "
                            + "uncertainties none does: narrow them, or raise --max-stages" + (feedOrFlows ? ". A σ "
                            + "on the feed or the flows moves the products' split, which more stages do not repair: "
                            + "try without --feed-sigma / --flow-sigma (docs/design.md, \"Robust design\")" : ""));
                }
            }
            chosen = good;
        }
        MonteCarlo check = null;
        MonteCarlo nominalCheck = null;
        if (!criterion.worstCase()) {
            check = MonteCarlo.run(new CaseReader().parseTree(chosen.yaml), criterion.sigma(), criterion.draws(),
                    criterion.seed() + 1, null);
            nominalCheck = chosen == nominal ? check : nominal.yaml == null ? null
                    : MonteCarlo.run(new CaseReader().parseTree(nominal.yaml), criterion.sigma(), criterion.draws(),
                    criterion.seed() + 1, null);
        }
        return new RobustDesign<>(chosen.exponent, chosen.made.result(), chosen.yaml, chosen.mc, check, nominalCheck,
                chosen.corners, bad == null ? Double.NaN : bad.exponent, bad == null ? null : bad.corners,
                criterion.probability(), designs);
    }

    /** A result at exponent s with its judgement at the case's chemistry (none when it misses its own targets). */
    private record Trial<R>(double exponent, Made<R> made, String yaml, MonteCarlo mc, WorstCase corners,
                            Boolean passed) {
    }

    private static <R> Trial<R> trial(JsonNode caseTree, Criterion criterion, String command, double s,
                                      Maker<R> maker) {
        Made<R> made = maker.make(UncertainConstant.pessimistic(caseTree, s), s);
        if (made.yaml() == null) {
            return new Trial<>(s, made, null, null, null, null);
        }
        // the plant has the case's chemistry: the result at the case's own constants
        ObjectNode written = (ObjectNode) new CaseReader().parseTree(made.yaml());
        UncertainConstant.restore(written, caseTree);
        balanceReflux(written);
        String yaml = org.sxcascade.report.CaseTreeYaml.write(List.of(String.format(Locale.ROOT,
                "Written by `sxcascade %s --robust`: the %s at the pessimistic chemistry of exponent %.4f", command,
                command.equals("design") ? "design" : "optimum", s),
                "(every ratio of constants x_i/x_j raised to that power), verified; the constants below are the",
                "case's own (what the plant is expected to have)."), written);
        return judge(s, made, yaml, written, criterion);
    }

    /**
     * A mass-action design's reflux balanced again at the case's own constants: the designer
     * balances the two products by the reflux at the chemistry it was given (docs/design.md,
     * "Mass-action cascades"), and that balance moves with the exchange constants far more than
     * the band of refluxes that meets both targets is wide (6.6e-5 of the strip liquor for the
     * bundled Pr/Nd case): a design balanced at the pessimistic chemistry would send the impurity
     * to one product at the case's. The plant sets its reflux for the chemistry it has, so the
     * candidate is judged at the reflux where both purity targets have the same margin in nines
     * at the case's constants (bisection on the difference, which rises with the reflux: more
     * reflux purifies the strip product and spoils the raffinate; a reflux without a steady state
     * is below the feasible range). Nothing changes for a case without {@code flows.reflux} or
     * without one raffinate and one other purity target.
     */
    static void balanceReflux(ObjectNode tree) {
        JsonNode flows = tree.path("flows");
        if (!CaseReader.isMassAction(tree) || !flows.has("reflux") || !(flows.path("reflux").asDouble() > 0)) {
            return;
        }
        CaseEvaluator evaluator = new CaseEvaluator(tree, null);
        java.util.function.DoubleUnaryOperator difference = r -> {
            Evaluation e = evaluator.evaluate(List.of(root -> ((ObjectNode) root.get("flows")).put("reflux", r)), true);
            if (e.failure() != null) {
                return Double.NEGATIVE_INFINITY; // no steady state: below the feasible range
            }
            double raffinate = Double.NaN;
            double other = Double.NaN;
            for (NinesMargin m : e.margins()) {
                if (m.label().contains("purity")) {
                    if (m.label().startsWith("raffinate")) {
                        raffinate = m.margin();
                    } else {
                        other = m.margin();
                    }
                }
            }
            return other - raffinate;
        };
        double r0 = flows.path("reflux").asDouble();
        double g0 = difference.applyAsDouble(r0);
        if (Double.isNaN(g0)) {
            return; // not one raffinate and one other purity target
        }
        // bracket the sign change by steps doubling from 1e-5, within (0, 1)
        double lo = r0;
        double hi = r0;
        double step = 1e-5;
        double glo = g0;
        double ghi = g0;
        for (int i = 0; i < 40 && !(glo <= 0 && ghi >= 0); i++, step *= 2) {
            if (ghi < 0) {
                lo = hi;
                glo = ghi;
                hi = Math.min(1 - ControlInput.BELOW_ONE, hi + step);
                ghi = difference.applyAsDouble(hi);
            } else {
                hi = lo;
                ghi = glo;
                lo = Math.max(step * 1e-3, lo - step);
                glo = difference.applyAsDouble(lo);
            }
        }
        if (!(glo <= 0 && ghi >= 0)) {
            return; // no balance found: the design's reflux stays, and the judgement decides
        }
        for (int i = 0; i < 40 && hi - lo > 1e-9; i++) {
            double mid = (lo + hi) / 2;
            if (difference.applyAsDouble(mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        ((ObjectNode) tree.get("flows")).put("reflux", (lo + hi) / 2);
    }

    private static <R> Trial<R> judge(double s, Made<R> made, String yaml, JsonNode tree, Criterion criterion) {
        if (criterion.worstCase()) {
            WorstCase w = WorstCase.run(tree, criterion.box(), criterion.option());
            return new Trial<>(s, made, yaml, null, w, w.allMet());
        }
        MonteCarlo mc = MonteCarlo.run(tree, criterion.sigma(), criterion.draws(), criterion.seed(), null);
        return new Trial<>(s, made, yaml, mc, null,
                mc.probability() - 1.645 * mc.standardError(mc.probability()) >= criterion.probability());
    }

    /** Whether this is a worst-case result (else a Monte Carlo one). */
    public boolean worstCase() {
        return worst != null;
    }

    /** The report's lines. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        if (worstCase()) {
            b.append(String.format(Locale.ROOT, "Robust design (every target met at every corner of the box: %s; %d "
                    + "searched):%n", worst.box().describe(), designs));
        } else {
            b.append(String.format(Locale.ROOT, "Robust design (every target met in at least %.1f %% of draws; %d "
                    + "searched):%n", 100 * probability, designs));
        }
        if (exponent == 1) {
            b.append("  the nominal result is robust enough: it is the one above\n");
        } else {
            b.append(String.format(Locale.ROOT, "  made at the pessimistic chemistry of exponent s = %.4f (every ratio of "
                    + "constants, the key pair's β too, raised to the power s); the report above is that result, the "
                    + "case file keeps the case's constants%n", exponent));
        }
        double reflux = writtenReflux();
        if (!Double.isNaN(reflux)) {
            b.append(String.format(Locale.ROOT, "  reflux in the written case %.6f of the strip liquor: set again at the "
                    + "case's own constants (both purity targets at equal margins in nines), as the plant would set it; "
                    + "the report above shows the designer's%n", reflux));
        }
        if (worstCase()) {
            b.append(String.format(Locale.ROOT, "  worst corner's least margin %+.3g nines%n", worst.leastMargin()));
            if (missed != null) {
                b.append(String.format(Locale.ROOT, "  at s = %.4f (tried, less pessimistic): %d of %d corners meet "
                        + "every target%n", missedExponent, missed.met(), missed.corners()));
            }
            return b.toString();
        }
        b.append(String.format(Locale.ROOT, "  search's Monte Carlo (seed %d, %d draws): %.1f %% ± %.1f %%%n",
                search.seed(), search.draws(), 100 * search.probability(), 100 * search.standardError(search.probability())));
        b.append(String.format(Locale.ROOT, "  independent check (seed %d, %d draws): robust result %.1f %% ± %.1f %%, "
                        + "nominal result %s%n", check.seed(), check.draws(), 100 * check.probability(),
                100 * check.standardError(check.probability()), nominalCheck == null ? "misses its targets at the "
                        + "case's constants (no check)" : String.format(Locale.ROOT, "%.1f %% ± %.1f %%",
                        100 * nominalCheck.probability(), 100 * nominalCheck.standardError(nominalCheck.probability()))));
        if (check.probability() < probability) {
            b.append(String.format(Locale.ROOT, "  note: the independent check falls short of %.1f %%: within its "
                    + "sampling error of the search's, but take more --draws to be sure%n", 100 * probability));
        }
        return b.toString();
    }

    /**
     * Whether a case (the result with its flows rounded, say) still passes the search's criterion
     * (the same σ, sample size and seed; or the same box).
     */
    public boolean keepsProbability(String yaml) {
        JsonNode tree = new CaseReader().parseTree(yaml);
        if (worstCase()) {
            return WorstCase.run(tree, worst.box(), "--beta-box").allMet();
        }
        MonteCarlo mc = MonteCarlo.run(tree, search.sigma(), search.draws(), search.seed(), null);
        return mc.probability() - 1.645 * mc.standardError(mc.probability()) >= probability;
    }

    /** The {@code robust} object of the JSON document. */
    public ObjectNode toJson() {
        ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (worstCase()) {
            o.put("criterion", "worst-case");
        } else {
            o.put("criterion", "probability");
            o.put("probabilityRequired", probability);
        }
        o.put("exponent", exponent);
        o.put("designs", designs);
        double reflux = writtenReflux();
        if (!Double.isNaN(reflux)) {
            o.put("writtenReflux", reflux);
        }
        if (!Double.isNaN(missedExponent)) {
            o.put("missedExponent", missedExponent);
        }
        if (worstCase()) {
            o.set("worstCase", worst.toJson());
            if (missed != null) {
                o.set("missedWorstCase", missed.toJson());
            }
            return o;
        }
        o.set("search", search.toJson());
        o.set("check", check.toJson());
        if (nominalCheck != null) {
            o.set("nominalCheck", nominalCheck.toJson());
        }
        return o;
    }

    /**
     * The reflux of the written case when it is a mass-action case with one ({@link #balanceReflux}
     * set it at the case's own constants, so it may differ from the printed result's), else NaN.
     */
    public double writtenReflux() {
        if (yaml == null) {
            return Double.NaN;
        }
        JsonNode tree = new CaseReader().parseTree(yaml);
        JsonNode r = tree.path("flows").path("reflux");
        return CaseReader.isMassAction(tree) && r.isNumber() ? r.asDouble() : Double.NaN;
    }

    /** Short number formats. */
}
