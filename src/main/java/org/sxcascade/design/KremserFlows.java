package org.sxcascade.design;

import java.util.Locale;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.VolumetricFlows;

/**
 * The volumetric flows of a constant-distribution-ratio cascade (model distribution-ratios) as
 * {@code design} and {@code optimize} choose them (docs/design.md, "Constant distribution ratios").
 *
 * <p>Without a fixed RE loading there are no metal flows S and W, and Xu's β-based design does not
 * apply as such. The key pair's ratio β = D_A/D_B serves as the constant-β equivalent: with Xu's
 * enrichment factors a and b of the targets it gives the stage estimate that starts the verified
 * stage search. The flows are set by one free ratio, the volume of the barren stream that carries
 * the reflux per volume of feed: the scrub liquor {@code w = Q_scrub/Q_feed} for an aqueous feed,
 * the organic {@code o = Q_org/Q_feed} for an organic feed. The other flow is chosen so that both
 * sections purify the key pair equally per stage:
 * {@code g = E_A(extraction) = 1/E_B(scrub)}, with E_j = D_j·O/A the extraction factor of
 * component j in a section. For an aqueous feed (O/A = O/(F + w) in extraction, O/w in scrubbing)
 * this gives {@code g² = β·w/(1 + w)}; for an organic feed ({@code O/A = o/W_s} and
 * {@code (o + 1)/W_s}) {@code g² = β·o/(1 + o)}. The cascade separates only for g &gt; 1, i.e. a
 * free ratio above {@code 1/(β − 1)} (the minimum, infinite stages); as the ratio grows g tends to
 * √β, Xu's optimum purification per stage. Each section then works like a Kremser section on the
 * key impurity: the estimates are Xu's corrected stage forms with {@code β·E_M = β/E'_M = g},
 * {@code n = lg[1 + b(g − 1)/(1 − g/β)]/lg g} and {@code m = lg[1 + a(g − 1)/(1 − g/β)]/lg g}
 * (the added 1 is Kremser's: it keeps n finite, b/(1 − 1/β), as g → 1).
 *
 * @param beta             β = D_A/D_B of the key pair
 * @param phase            the feed's phase
 * @param free             the free ratio: w (aqueous feed) or o (organic feed)
 * @param factor           g, the key pair's purification per stage in either section
 * @param organicPerFeed   organic flow / feed flow
 * @param scrubPerFeed     scrub liquor flow / feed flow
 * @param estimate         the stage estimate at g (equilibrium stages)
 */
public record KremserFlows(double beta, FeedPhase phase, double free, double factor, double organicPerFeed,
                          double scrubPerFeed, StageEstimate estimate) {

    /** The smallest free ratio, 1/(β − 1): there g = 1 and no finite cascade separates. */
    public static double minimum(double beta) {
        return 1 / (beta - 1);
    }

    /**
     * The flows at a free ratio.
     *
     * @param distributionA D of the key component of the organic group
     * @param a             Xu's enrichment factor of the organic product
     * @param b             Xu's enrichment factor of the raffinate
     * @throws InvalidInputException ({@code field}) unless the ratio lies above the minimum
     */
    public static KremserFlows at(String field, double beta, double distributionA, FeedPhase phase, double a,
                                 double b, double free) {
        double min = minimum(beta);
        if (!(free > min) || !Double.isFinite(free)) {
            throw new InvalidInputException(field, free, String.format(Locale.ROOT, "a %s flow per feed flow above "
                    + "1/(β − 1) = %.6g (β = D_A/D_B = %.6g of the key pair): below it the key pair is not separated",
                    phase == FeedPhase.AQUEOUS ? "scrub" : "organic", min, beta));
        }
        double g = Math.sqrt(beta * free / (1 + free));
        double organic;
        double scrub;
        if (phase == FeedPhase.AQUEOUS) {
            scrub = free;
            organic = g * (1 + free) / distributionA; // E_A = D_A·O/(F + W) = g
        } else {
            organic = free;
            scrub = distributionA * free / g; // E_A = D_A·O/W = g
        }
        // Kremser sections on the key impurity: Xu's corrected forms with β·E_M = β/E'_M = g,
        // n = lg[1 + b(g − 1)/(1 − g/β)]/lg g (the 1 + keeps the Kremser limit n → b/(1 − 1/β) as g → 1,
        // where the corrected form's logarithm turns negative), m likewise with a
        double lnG = Math.log(g);
        StageEstimate estimate = new StageEstimate(Math.log1p(b * (g - 1) / (1 - g / beta)) / lnG,
                Math.log1p(a * (g - 1) / (1 - g / beta)) / lnG);
        return new KremserFlows(beta, phase, free, g, organic, scrub, estimate);
    }

    /**
     * The flows of a flow choice: {@link FlowChoice#optimum()} minimizes the estimated mixer
     * throughput Φ = n·(flow per extraction stage) + m·(flow per scrub stage), the criterion of
     * Xu's optimum (most output per mixer volume); {@link FlowChoice#margin} takes the free ratio at
     * margin × its minimum 1/(β − 1).
     *
     * @throws InvalidInputException for a fixed S or W (metal flows, which this model does not have)
     */
    public static KremserFlows of(FlowChoice choice, double beta, double distributionA, FeedPhase phase, double a,
                                 double b) {
        if (choice instanceof FlowChoice.Margin margin) {
            if (!(margin.factor() > 1)) {
                throw new InvalidInputException("flows.margin", margin.factor(), "above 1 for model "
                        + "distribution-ratios (at the minimum no finite cascade separates)");
            }
            return at("flows.margin", beta, distributionA, phase, a, b, margin.factor() * minimum(beta));
        }
        if (!(choice instanceof FlowChoice.Optimum)) {
            throw new InvalidInputException(choice instanceof FlowChoice.FixedScrub ? "flows.scrub" : "flows.extractant",
                    "(given)", "not given for model distribution-ratios: S and W are metal flows of the CMER model; "
                            + "the volumetric flows follow from the optimum or a margin (docs/design.md)");
        }
        // golden-section search on t = ln(free − min) for the least Φ (one minimum: Φ grows without
        // bound both at the minimum, where the stages do, and for large flows)
        double min = minimum(beta);
        double lo = Math.log(1e-4 * min);
        double hi = Math.log(1e4 * Math.max(1, min));
        double ratio = (Math.sqrt(5) - 1) / 2;
        double x1 = hi - ratio * (hi - lo);
        double x2 = lo + ratio * (hi - lo);
        double f1 = throughput(beta, distributionA, phase, a, b, min + Math.exp(x1));
        double f2 = throughput(beta, distributionA, phase, a, b, min + Math.exp(x2));
        for (int i = 0; i < 80 && hi - lo > 1e-9; i++) {
            if (f1 <= f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - ratio * (hi - lo);
                f1 = throughput(beta, distributionA, phase, a, b, min + Math.exp(x1));
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + ratio * (hi - lo);
                f2 = throughput(beta, distributionA, phase, a, b, min + Math.exp(x2));
            }
        }
        return at("flows", beta, distributionA, phase, a, b, min + Math.exp((lo + hi) / 2));
    }

    /** Φ: estimated stages times the volume each stage carries, per volume of feed. */
    private static double throughput(double beta, double distributionA, FeedPhase phase, double a, double b,
                                     double free) {
        KremserFlows f = at("flows", beta, distributionA, phase, a, b, free);
        double n = f.estimate.extraction();
        double m = f.estimate.scrub();
        double extraction = f.organicPerFeed + f.scrubPerFeed + (phase == FeedPhase.AQUEOUS ? 1 : 0);
        double scrub = f.organicPerFeed + f.scrubPerFeed + (phase == FeedPhase.ORGANIC ? 1 : 0);
        return n * extraction + m * scrub;
    }

    /** The flows in L/h for a feed of {@code feedFlow} L/h. */
    public VolumetricFlows volumetric(double feedFlow) {
        return new VolumetricFlows(feedFlow, organicPerFeed * feedFlow, scrubPerFeed * feedFlow);
    }

    /** O/A by volume in the extraction section. */
    public double extractionRatio() {
        return phase == FeedPhase.AQUEOUS ? organicPerFeed / (1 + scrubPerFeed) : organicPerFeed / scrubPerFeed;
    }

    /** O/A by volume in the scrubbing section. */
    public double scrubRatio() {
        return phase == FeedPhase.AQUEOUS ? organicPerFeed / scrubPerFeed : (organicPerFeed + 1) / scrubPerFeed;
    }
}
