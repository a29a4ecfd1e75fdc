package org.sxcascade.solver;

import java.util.Locale;
import java.util.Random;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.MassActionCase;

/**
 * Seeded random mass-action cascades a plant could run: the convergence survey of issue 15
 * ({@link MassActionConvergenceSurveyTest}, {@code scripts/convergence-survey.sh}). The sampling
 * ranges and their reasons are in docs/mass-action.md, "Convergence survey".
 *
 * <p>Each case is written as a {@code model: mass-action} case file and read back through
 * {@link CaseReader}, so a failing seed is reproduced with {@code sxcascade simulate} on its YAML
 * ({@link Sample#yaml()}), or in a test with {@link #caseFor(long)}.
 *
 * <p>How a case is built, for seed s (every draw from {@code new Random(s)}):
 * <ol>
 *   <li>chemistry: R = 2 … 8 rare earths, separation factors 1.2 … 3 between neighbours (K_j =
 *       K_{j−1}·β_j), a key split between two neighbours (B the lighter group, A the heavier),
 *       feed mole fractions with a spread of 50 between the largest and the smallest, extractant
 *       C = 0.3 … 1 mol/L as dimer, K_M = 1e-4 … 1e-2;</li>
 *   <li>RE flows (mol per mol fed) from Xu's optimum for the key pair with an aqueous feed (the
 *       extraction- or scrub-controlled W and S), S raised by a factor 1 … 1.5, W = S − f_A;</li>
 *   <li>the organic flow from the loading λ = 0.2 … 0.95: the organic carries S·F mol RE/h, which
 *       is λ of its capacity C·O/3, so O = 3SF/(λC); drawn again when O exceeds 60 times the feed
 *       flow (a split too hard for one cascade at that loading);</li>
 *   <li>acids: strip acid 3 … 6 mol/L, 3 H⁺ per RE stripped plus 5 … 50 % excess; the scrub is
 *       either reflux of the strip liquor (r = W/S, 60 % of the cases) or fresh acid, 3 H⁺ per RE
 *       scrubbed (W) plus 5 … 50 %, at 1 … 4 mol/L; feed 0.5 … 1.5 mol/L RE with 0.001 … 0.3 mol/L
 *       free acid (log-uniform);</li>
 *   <li>saponification s uniform from 0 to s_max ≤ 0.8. The organic brings 2sC·O mol/h of cation;
 *       the RE it loads displaces λC·O of it. An excess C·O(2s − λ) takes acid from the aqueous, so
 *       s_max is where that excess uses 90 % of the acid coming in (feed acid and the excess acid
 *       from above); with s &lt; λ/2 the extraction releases C·O(λ − 2s) mol/h H⁺ instead;</li>
 *   <li>the exchange-constant scale from the acid balance: the raffinate acidity h that balance
 *       gives and the free dimer C(1 − λ) of the loaded organic fix K of the key pair so that the
 *       mixed distribution ratio at the feed stage is the designed S/(W + 1)·A/O; then the
 *       heaviest RE must strip, K_max·C³/c_strip³·O/A_strip ≤ 0.5 at the fresh-acid end. A draw
 *       that fails that (loading limited by acidity: with little saponification a heavily loaded
 *       organic releases so much acid that the keys only extract with a K no strip acid can
 *       strip) is rejected and the next draw of the same generator is taken, as is one whose
 *       raffinate would carry less than 1e-4 mol/L acid;</li>
 *   <li>stages: N = 20 … 1000 in all (log-uniform), p = 3 … 20 strip stages, n the fraction 0.3 …
 *       0.7 of n + m, at most 500;</li>
 *   <li>a third of the cases pre-load the organic with the B group (up to the smaller of
 *       {@code MassActionEquilibrium.maximumPreload(s)}, half the loading and 1 mol per mol fed); a
 *       third have
 *       Murphree efficiencies 0.7 … 1 per section.</li>
 * </ol>
 */
public final class RandomMassActionCases {
    private static final String[] LANTHANIDES = {"La", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er",
        "Tm", "Yb", "Lu"};
    /** Feed flow, L/h, of every case (the flow unit is its RE flow). */
    private static final double FEED_FLOW = 10;
    /** Largest organic flow per unit of feed flow (L/L): the O/A of plant cascades. */
    private static final double MAX_ORGANIC_PER_FEED = 60;
    /** Draws one seed may reject (infeasible chemistry) before giving up. */
    private static final int MAX_DRAWS = 1000;

    /**
     * HOOK (side draws): mass-action side draws are being added on another branch. When they are
     * merged, a case should sometimes draw a side stream (e.g. a middle component) and this flag
     * should switch that on; until then it must stay {@code false} ({@link #caseFor(long, boolean)}
     * refuses {@code true}, so no survey pretends to cover them).
     */
    public static final boolean SIDE_DRAWS = false;

    private RandomMassActionCases() {
    }

    /**
     * One sampled case with the quantities that characterise it.
     *
     * @param seed        the seed
     * @param draws       draws taken (1 + rejected ones)
     * @param yaml        the case file
     * @param massAction  the case, as {@link CaseReader} reads {@code yaml}
     * @param rareEarths  R
     * @param n           extraction stages
     * @param m           scrub stages
     * @param p           strip stages
     * @param saponification s
     * @param loading     λ, the designed RE loading of the organic as a fraction of C·O/3
     * @param reflux      reflux fraction (0: fresh acid scrub)
     * @param preload     pre-load, mol/L RE in the organic (0: none)
     * @param efficiency  smallest Murphree efficiency of the three sections (1: equilibrium stages)
     * @param flowFactor  S over Xu's optimum S
     */
    public record Sample(long seed, int draws, String yaml, MassActionCase massAction, int rareEarths, int n, int m,
                         int p, double saponification, double loading, double reflux, double preload,
                         double efficiency, double flowFactor) {
        /** Total stages N = n + m + p. */
        public int stages() {
            return n + m + p;
        }

        /** One line for logs and failure lists. */
        public String describe() {
            return String.format(Locale.ROOT,
                    "seed %d: R=%d n=%d m=%d p=%d (N=%d) s=%.3f loading=%.3f %s preload=%.4g eff=%.3f S/Sopt=%.3f",
                    seed, rareEarths, n, m, p, stages(), saponification, loading,
                    reflux > 0 ? String.format(Locale.ROOT, "reflux=%.4f", reflux) : "acid-scrub", preload,
                    efficiency, flowFactor);
        }
    }

    /** The case of a seed (without side draws). */
    public static Sample caseFor(long seed) {
        return caseFor(seed, SIDE_DRAWS);
    }

    /**
     * The case of a seed.
     *
     * @param sideDraws must be {@code false} until mass-action side draws exist (see {@link #SIDE_DRAWS})
     */
    public static Sample caseFor(long seed, boolean sideDraws) {
        if (sideDraws) {
            throw new UnsupportedOperationException("side draws for mass-action cases are not available yet");
        }
        Random rnd = new Random(seed);
        for (int draw = 1; draw <= MAX_DRAWS; draw++) {
            Sample s = draw(seed, draw, rnd);
            if (s != null) {
                return s;
            }
        }
        throw new IllegalStateException("seed " + seed + ": no feasible case in " + MAX_DRAWS + " draws");
    }

    private static double uniform(Random rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    private static double logUniform(Random rnd, double lo, double hi) {
        return Math.exp(uniform(rnd, Math.log(lo), Math.log(hi)));
    }

    /** One draw: the case, or {@code null} when its chemistry is not feasible (see the class comment). */
    private static Sample draw(long seed, int draw, Random rnd) {
        // chemistry
        int r = 2 + rnd.nextInt(7);
        int first = rnd.nextInt(LANTHANIDES.length - r + 1);
        double[] beta = new double[r]; // beta[j] = K_j / K_{j-1}, j ≥ 1
        double[] lnK = new double[r]; // relative to K_0 for now
        for (int j = 1; j < r; j++) {
            beta[j] = uniform(rnd, 1.2, 3);
            lnK[j] = lnK[j - 1] + Math.log(beta[j]);
        }
        double[] z = new double[r];
        double zSum = 0;
        for (int j = 0; j < r; j++) {
            z[j] = logUniform(rnd, 0.02, 1);
            zSum += z[j];
        }
        for (int j = 0; j < r; j++) {
            z[j] /= zSum;
        }
        int key = 1 + rnd.nextInt(r - 1); // A = key … r−1, B = 0 … key−1
        double fA = 0;
        for (int j = key; j < r; j++) {
            fA += z[j];
        }
        double c = uniform(rnd, 0.3, 1.0);
        double kM = logUniform(rnd, 1e-4, 1e-2);
        String cation = rnd.nextBoolean() ? "Na" : "NH4";

        // RE flows: Xu's optimum for the key pair, aqueous feed, split f'_A = f_A
        double sqrtBeta = Math.sqrt(beta[key]);
        double fB = 1 - fA;
        double w0 = fB > sqrtBeta / (1 + sqrtBeta) ? (1 - sqrtBeta * fA) / (sqrtBeta - 1) : fA / (sqrtBeta - 1);
        double flowFactor = uniform(rnd, 1, 1.5);
        double sFlow = flowFactor * (w0 + fA);
        double wFlow = sFlow - fA;

        // organic flow from the loading
        double feedConc = uniform(rnd, 0.5, 1.5);
        double feedRate = feedConc * FEED_FLOW; // mol RE/h
        double loading = uniform(rnd, 0.2, 0.95);
        double organic = 3 * sFlow * feedRate / (loading * c);
        if (organic > MAX_ORGANIC_PER_FEED * FEED_FLOW) {
            return null; // a split too hard for one cascade at this loading (S of Xu's optimum too large)
        }

        // acids
        double stripAcidity = uniform(rnd, 3, 6);
        double stripExcess = uniform(rnd, 0.05, 0.5);
        double stripH = 3 * sFlow * feedRate * (1 + stripExcess); // mol/h
        double stripFlow = stripH / stripAcidity;
        boolean refluxScrub = rnd.nextDouble() < 0.6;
        double scrubAcidity = uniform(rnd, 1, 4);
        double scrubExcess = uniform(rnd, 0.05, 0.5);
        double feedAcidity = logUniform(rnd, 1e-3, 0.3);
        double reflux = refluxScrub ? wFlow / sFlow : 0;
        double scrubH = refluxScrub ? 0 : 3 * wFlow * feedRate * (1 + scrubExcess);
        double scrubFlow = scrubH / scrubAcidity;
        // acid reaching the extraction section from above: the excess of the strip acid the reflux
        // carries, or the excess of the fresh scrub acid (3 H+ per RE of W strip it from the organic)
        double acidFromAbove = refluxScrub ? reflux * stripExcess * 3 * sFlow * feedRate
                : scrubExcess * 3 * wFlow * feedRate;
        double acidIn = feedAcidity * FEED_FLOW + acidFromAbove;

        // saponification: the organic brings 2sC·O mol/h of cation, the RE it loads displaces λC·O.
        // Any excess, C·O(2s − λ), takes acid from the aqueous (leaving as cation chloride in the
        // raffinate), so s is at most where that excess uses 90 % of the acid coming in; beyond it
        // the raffinate runs out of acid (no plant does that: the RE would hydrolyse)
        double sMax = Math.min(0.8, loading / 2 + 0.9 * acidIn / (2 * c * organic));
        double sap = sMax * rnd.nextDouble();
        // pre-load with the B group (RE soap made from raffinate): at most the organic's
        // MassActionEquilibrium.maximumPreload(s), half the loading, and one mol per mol fed
        double preload = 0;
        if (rnd.nextDouble() < 1.0 / 3) {
            double maxPreload = Math.min(2 * sap * c, 2 * c * (1 - sap)) / 3;
            preload = rnd.nextDouble()
                    * Math.min(0.999 * maxPreload, Math.min(0.5 * loading * c / 3, feedRate / organic));
        }
        double[] eff = {1, 1, 1};
        if (rnd.nextDouble() < 1.0 / 3) {
            for (int i = 0; i < 3; i++) {
                eff[i] = uniform(rnd, 0.7, 1);
            }
        }

        // stages
        int total = (int) Math.round(logUniform(rnd, 20, 1000));
        int p = 3 + rnd.nextInt(18);
        int nm = total - p;
        int n = Math.max(1, Math.min(500, (int) Math.round(uniform(rnd, 0.3, 0.7) * nm)));
        int m = nm - n;
        if (m < 1) {
            return null;
        }

        // K scale from the acid balance of the extraction section (3 H+ per RE beyond the cation
        // exchange, Xu's mixed extraction ratio S/(W + 1) at the feed stage)
        double aqueousExtraction = FEED_FLOW + scrubFlow + reflux * stripFlow;
        double raffinateAcid = acidIn + c * organic * (loading - 2 * sap);
        double h = raffinateAcid / aqueousExtraction;
        if (!(h >= 1e-4)) {
            return null; // acid exhausted: not a plant's operating point
        }
        double e = c * (1 - loading);
        double mixedD = sFlow / (wFlow + 1) * aqueousExtraction / organic;
        double lnKeyMean = Math.log(mixedD) + 3 * Math.log(h / e); // K = D h³/e³
        double shift = lnKeyMean - 0.5 * (lnK[key - 1] + lnK[key]);
        double[] k = new double[r];
        for (int j = 0; j < r; j++) {
            k[j] = Math.exp(lnK[j] + shift);
        }
        // the heaviest RE must strip at the fresh-acid end: D·O/A ≤ 0.5 with e = C
        double stripFactor = k[r - 1] * Math.pow(c / stripAcidity, 3) * organic / stripFlow;
        if (!(stripFactor <= 0.5)) {
            return null;
        }

        String yaml = yaml(seed, draw, first, r, k, z, key, c, cation, kM, feedConc, feedAcidity, n, m, p,
                organic, sap, scrubFlow, scrubAcidity, stripFlow, stripAcidity, reflux, preload, eff);
        CaseReader reader = new CaseReader();
        MassActionCase mc = reader.massActionFromTree(reader.parseTree(yaml));
        return new Sample(seed, draw, yaml, mc, r, n, m, p, sap, loading, reflux, preload,
                Math.min(eff[0], Math.min(eff[1], eff[2])), flowFactor);
    }

    private static String yaml(long seed, int draw, int first, int r, double[] k, double[] z, int key, double c,
                               String cation, double kM, double feedConc, double feedAcidity, int n, int m, int p,
                               double organic, double sap, double scrubFlow, double scrubAcidity, double stripFlow,
                               double stripAcidity, double reflux, double preload, double[] eff) {
        StringBuilder y = new StringBuilder();
        y.append("# RandomMassActionCases.caseFor(").append(seed).append("), draw ").append(draw)
                .append("; key split ").append(LANTHANIDES[first + key - 1]).append(" | ")
                .append(LANTHANIDES[first + key]).append('\n');
        y.append("name: survey seed ").append(seed).append('\n');
        y.append("model: mass-action\n");
        y.append("components:\n");
        for (int j = 0; j < r; j++) {
            y.append("  - {name: ").append(LANTHANIDES[first + j]).append(", exchangeConstant: ").append(k[j])
                    .append("}\n");
        }
        y.append("extractant: {concentration: ").append(c).append(", cation: ").append(cation)
                .append(", cationExchangeConstant: ").append(kM).append("}\n");
        y.append("feed:\n  composition: {");
        for (int j = 0; j < r; j++) {
            y.append(j > 0 ? ", " : "").append(LANTHANIDES[first + j]).append(": ").append(z[j]);
        }
        y.append("}\n  concentration: ").append(feedConc).append("\n  acidity: ").append(feedAcidity)
                .append("\n  flow: ").append(FEED_FLOW).append('\n');
        y.append("cascade: {extractionStages: ").append(n).append(", scrubStages: ").append(m)
                .append(", stripStages: ").append(p).append("}\n");
        y.append("flows:\n  organicFlow: ").append(organic).append("\n  saponification: ").append(sap)
                .append("\n  scrubFlow: ").append(scrubFlow).append("\n  scrubAcidity: ")
                .append(scrubFlow > 0 ? scrubAcidity : 0).append("\n  stripFlow: ").append(stripFlow)
                .append("\n  stripAcidity: ").append(stripAcidity).append("\n  reflux: ").append(reflux).append('\n');
        if (preload > 0) {
            // the B group (the raffinate's RE) in feed proportions: "RE soap" made from raffinate
            double b = 0;
            for (int j = 0; j < key; j++) {
                b += z[j];
            }
            y.append("  preload:\n    concentration: ").append(preload).append("\n    composition: {");
            for (int j = 0; j < r; j++) {
                y.append(j > 0 ? ", " : "").append(LANTHANIDES[first + j]).append(": ").append(j < key ? z[j] / b : 0);
            }
            y.append("}\n");
        }
        y.append("efficiency: {extraction: ").append(eff[0]).append(", scrub: ").append(eff[1]).append(", strip: ")
                .append(eff[2]).append("}\n");
        return y.toString();
    }
}
