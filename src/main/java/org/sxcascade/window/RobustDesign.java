package org.sxcascade.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.sxcascade.design.DesignRequest;
import org.sxcascade.design.DesignResult;
import org.sxcascade.design.Designer;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.report.DesignReport;

/**
 * A design that meets its targets with a stated probability when the separation factors are
 * uncertain (issue 17, robust design), for constant-separation-factor (CMER) cases: Xu's design,
 * verified stage by stage, made at a pessimistic chemistry β_j^s (0 &lt; s ≤ 1: every separation
 * factor pulled towards 1 in the ln, so the key pair's β falls to β^s), and judged by a seeded Monte
 * Carlo at the case's own β with the σ given ({@link MonteCarlo}). The largest s whose design meets
 * every target in at least the stated share of the draws is found by bisection (a smaller s costs
 * more stages and flow). The search's Monte Carlo and an independent one (another seed, its own
 * sample size) are both reported, with the nominal design's.
 *
 * @param exponent     the s of the design chosen (1: the nominal design is robust enough)
 * @param design       the design at β^s
 * @param yaml         its case file, with the case's own separation factors (what the plant has)
 * @param search       the Monte Carlo of the chosen design that the search judged by
 * @param check        an independent Monte Carlo of the chosen design (seed + 1)
 * @param nominalCheck the same independent Monte Carlo of the nominal design (s = 1)
 * @param probability  the share of draws required
 * @param designs      designs made by the search
 */
public record RobustDesign(double exponent, DesignResult design, String yaml, MonteCarlo search, MonteCarlo check,
                           MonteCarlo nominalCheck, double probability, int designs) {
    /** Smallest exponent tried: a design at β^0.2 is five times as long as the nominal one, or more. */
    static final double MIN_EXPONENT = 0.2;

    /**
     * Searches the design.
     *
     * @param caseTree    the case (or target-only) file's tree of a {@code model: separation-factors} case
     * @param request     the design options
     * @param sigma       the uncertainties
     * @param probability the share of draws that must meet every target, in (0, 1)
     * @param draws       the search's sample size (the independent check takes the same)
     * @param seed        the search's seed (the check takes seed + 1)
     * @throws InvalidInputException for another model, a bad probability, or no robust design with
     *         s ≥ {@link #MIN_EXPONENT}
     */
    public static RobustDesign search(JsonNode caseTree, DesignRequest request, MonteCarlo.Sigma sigma,
                                      double probability, int draws, long seed) {
        if (!(probability > 0 && probability < 1)) {
            throw new InvalidInputException("--robust", probability, "a probability between 0 and 1, e.g. 0.95");
        }
        String model = caseTree.path("model").asText(CaseReader.SEPARATION_FACTORS);
        if (!CaseReader.SEPARATION_FACTORS.equals(model)) {
            throw new InvalidInputException("--robust", "a " + model + " case", "a model: separation-factors case: the "
                    + "robust search designs Xu's cascade at pessimistic separation factors; for other models "
                    + "--uncertainty gives the probability of a design, and --margin adds flow (docs/design.md, "
                    + "\"Robust design\")");
        }
        Trial nominal = trial(caseTree, request, 1, sigma, draws, seed);
        Trial chosen = nominal;
        int designs = 1;
        if (nominal.met(probability) == null || !nominal.met(probability)) {
            // s steps down by 0.1 until a design reaches P, then six bisections between good and bad
            Trial good = null;
            double bad = 1;
            int bisections = 0;
            for (double s = 0.9; bisections < 6; ) {
                Trial t = trial(caseTree, request, s, sigma, draws, seed);
                designs++;
                bisections += good == null ? 0 : 1;
                if (Boolean.TRUE.equals(t.met(probability))) {
                    good = t;
                } else {
                    bad = s;
                }
                if (good != null) {
                    s = (good.exponent + bad) / 2;
                } else if ((s -= 0.1) < MIN_EXPONENT - 1e-12) {
                    throw new InvalidInputException("--robust", probability, "a share of draws that a design at "
                            + "separation factors down to β^" + MIN_EXPONENT + " reaches within the stage limit ("
                            + request.maxStages() + " stages, --max-stages); with these σ none does: lower "
                            + "--robust or the σ, or raise --max-stages");
                }
            }
            chosen = good;
        }
        MonteCarlo check = MonteCarlo.run(new CaseReader().parseTree(chosen.yaml), sigma, draws, seed + 1, null);
        MonteCarlo nominalCheck = chosen == nominal ? check : nominal.yaml == null ? null
                : MonteCarlo.run(new CaseReader().parseTree(nominal.yaml), sigma, draws, seed + 1, null);
        return new RobustDesign(chosen.exponent, chosen.design, chosen.yaml, chosen.mc, check, nominalCheck,
                probability, designs);
    }

    /** A design at β^s with its Monte Carlo at the case's β (null MC when the design misses its targets). */
    private record Trial(double exponent, DesignResult design, String yaml, MonteCarlo mc) {
        /**
         * Whether the draws show the design reaches the probability: its estimate less 1.645
         * standard errors (a one-sided 95 % lower bound) at least the probability, so that the
         * design kept by the bisection is not merely the marginal one of this sample.
         */
        Boolean met(double probability) {
            return mc == null ? null : mc.probability() - 1.645 * mc.standardError(mc.probability()) >= probability;
        }
    }

    private static Trial trial(JsonNode caseTree, DesignRequest request, double s, MonteCarlo.Sigma sigma, int draws,
                               long seed) {
        ObjectNode pessimistic = (ObjectNode) caseTree.deepCopy();
        JsonNode comps = pessimistic.path("components");
        for (int i = 0; i < comps.size(); i++) {
            ObjectNode c = (ObjectNode) comps.get(i);
            if (c.has("separationFactor")) {
                c.put("separationFactor", Math.pow(ControlInput.number(c, "separationFactor"), s));
            }
        }
        DesignResult d;
        try {
            d = Designer.design(new CaseReader().forDesignFromTree(pessimistic), request);
        } catch (InvalidInputException e) {
            if (!e.field().equals("--max-stages")) {
                throw e;
            }
            return new Trial(s, null, null, null); // no cascade within the stage limit at β^s: not robust
        }
        if (!d.met()) {
            return new Trial(s, d, null, null);
        }
        // the plant has the case's chemistry: the designed cascade at the case's own separation factors
        ObjectNode written = (ObjectNode) new CaseReader().parseTree(DesignReport.caseYaml(d));
        JsonNode given = caseTree.path("components");
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i).has("separationFactor")) {
                ((ObjectNode) written.get("components").get(i)).set("separationFactor",
                        given.get(i).get("separationFactor"));
            }
        }
        String yaml = org.sxcascade.report.CaseTreeYaml.write(java.util.List.of(String.format(Locale.ROOT,
                "Written by `sxcascade design --robust`: Xu's design at the separation factors β^%.4f, verified;", s),
                "the separation factors below are the case's own (what the plant is expected to have)."), written);
        MonteCarlo mc = MonteCarlo.run(written, sigma, draws, seed, null);
        return new Trial(s, d, yaml, mc);
    }

    /** The report's lines. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Robust design (every target met in at least %.1f %% of draws; %d designs "
                + "searched):%n", 100 * probability, designs));
        if (exponent == 1) {
            b.append("  the nominal design is robust enough: it is the one above\n");
        } else {
            b.append(String.format(Locale.ROOT, "  designed at the separation factors β^%.4f (the key pair's β pulled "
                    + "towards 1 in the ln); the report above is that design, the case file keeps the case's β%n",
                    exponent));
        }
        b.append(String.format(Locale.ROOT, "  search's Monte Carlo (seed %d, %d draws): %.1f %% ± %.1f %%%n",
                search.seed(), search.draws(), 100 * search.probability(), 100 * search.standardError(search.probability())));
        b.append(String.format(Locale.ROOT, "  independent check (seed %d, %d draws): robust design %.1f %% ± %.1f %%, "
                        + "nominal design %s%n", check.seed(), check.draws(), 100 * check.probability(),
                100 * check.standardError(check.probability()), nominalCheck == null ? "misses its targets at the "
                        + "case's β (no check)" : String.format(Locale.ROOT, "%.1f %% ± %.1f %%",
                        100 * nominalCheck.probability(), 100 * nominalCheck.standardError(nominalCheck.probability()))));
        if (check.probability() < probability) {
            b.append(String.format(Locale.ROOT, "  note: the independent check falls short of %.1f %%: within its "
                    + "sampling error of the search's, but take more --draws to be sure%n", 100 * probability));
        }
        return b.toString();
    }

    /**
     * Whether a case (the design with its flows rounded, say) still meets every target in the share
     * of draws required, by the search's own draws (same σ, sample size and seed).
     */
    public boolean keepsProbability(String yaml) {
        return new Trial(exponent, design, yaml, MonteCarlo.run(new CaseReader().parseTree(yaml), search.sigma(),
                search.draws(), search.seed(), null)).met(probability);
    }

    /** The {@code robust} object of the JSON document. */
    public ObjectNode toJson() {
        ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.put("probabilityRequired", probability);
        o.put("exponent", exponent);
        o.put("designs", designs);
        o.set("search", search.toJson());
        o.set("check", check.toJson());
        if (nominalCheck != null) {
            o.set("nominalCheck", nominalCheck.toJson());
        }
        return o;
    }
}
