package org.sxcascade.design;

import java.util.Locale;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.XuFlows;

/**
 * Xu Guangxian's static design of a two-section countercurrent cascade for a binary separation,
 * from purity targets: product split, recovery, which section controls, optimum (or chosen) flows,
 * minimum flows, extraction ratios and stage-number estimates. All closed form; no simulation.
 *
 * <p><b>Conventions</b> (docs/theory.md; docs/design.md). A is the more extractable component; it leaves in the
 * loaded organic from stage N with purity P_A. B leaves in the raffinate from stage 1 with purity
 * P_B. The feed has fractions f_A and f_B = 1 − f_A and enters stage n (aqueous feed) or n + 1
 * (organic feed). β &gt; 1 is the separation factor of A over B. Flows are RE flows per mol RE
 * fed: S in the organic through the extraction section, W in the aqueous through the scrubbing
 * section.
 *
 * <p><b>Equations.</b> The facts are from Zhang, Zhao and Schreiner, <i>Separation
 * Hydrometallurgy of Rare Earth Elements</i> (Springer 2016), ch. 5, after Xu, and Cheng et al.,
 * Adv. Mater. Phys. Chem. 4 (2014) 275; see {@code docs/design.md}.
 * <ul>
 *   <li>Product split: {@code f'_A = (P_B − f_B)/(P_A + P_B − 1)}, {@code f'_B = 1 − f'_A}.</li>
 *   <li>Purification factors: {@code a = [P_A/(1−P_A)]/(f_A/f_B)},
 *       {@code b = [P_B/(1−P_B)]/(f_B/f_A)}.</li>
 *   <li>Recoveries: {@code Y_A = f'_A P_A/f_A = a(b−1)/(ab−1)},
 *       {@code Y_B = f'_B P_B/f_B = b(a−1)/(ab−1)}.</li>
 *   <li>Control: aqueous feed extraction-controlled iff {@code f'_B > √β/(1+√β)}, organic feed
 *       iff {@code f'_B > 1/(1+√β)}; otherwise scrub-controlled.</li>
 *   <li>Optimum flows: aqueous scrub-controlled {@code W = f'_A/(√β−1)}, extraction-controlled
 *       {@code W = (1 − √β f'_A)/(√β−1)}, both with {@code S = W + f'_A}; organic
 *       scrub-controlled {@code W = f'_A/(√β−1)}, extraction-controlled
 *       {@code W = √β f'_B/(√β−1)}, both with {@code S = W − f'_B}. The first fixes
 *       {@code E'_M = √β}, the second {@code E_M = 1/√β}.</li>
 *   <li>Extraction ratios: aqueous feed {@code E_M = S/(W+1)}, {@code E'_M = S/W}; organic feed
 *       {@code E_M = S/W}, {@code E'_M = (S+1)/W}.</li>
 *   <li>Minimum flows (infinite stages, pinch at the feed): aqueous feed
 *       {@code S_min = f'_A (P_A − f_A)(β f_A + f_B)/((β−1) f_A f_B)}, {@code W_min = S_min − f'_A};
 *       organic feed, with {@code x*_F = f_A/(β f_B + f_A)},
 *       {@code S_min + 1 = f'_A (P_A − x*_F)(β f_B + f_A)/((β−1) f_A f_B)},
 *       {@code W_min = S_min + 1 − f'_A}. For low purity targets W_min (or, organic feed, S_min)
 *       can come out ≤ 0: the feed pinch then sets no lower bound on that flow.</li>
 *   <li>Stages: see {@link StageEstimate}; Fenske's minimum {@code N_min = lg(ab)/lg β}.</li>
 * </ul>
 *
 * <p>Instances are immutable and built only by {@link #of}.
 */
public final class XuDesign {
    private final double beta;
    private final double feedFractionA;
    private final FeedPhase feedPhase;
    private final double purityA;
    private final double purityB;
    private final FlowChoice flowChoice;

    private final double outletFractionA;
    private final double a;
    private final double b;
    private final double yieldA;
    private final double yieldB;
    private final Control control;
    private final double extractantFlow;
    private final double scrubFlow;
    private final double extractionRatio;
    private final double scrubRatio;
    private final double minExtractantFlow;
    private final double minScrubFlow;
    private final StageEstimate basicStages;
    private final StageEstimate correctedStages;
    private final double fenskeMinimum;

    private XuDesign(double beta, double feedFractionA, FeedPhase feedPhase, double purityA, double purityB,
                     FlowChoice flowChoice) {
        this.beta = beta;
        this.feedFractionA = feedFractionA;
        this.feedPhase = feedPhase;
        this.purityA = purityA;
        this.purityB = purityB;
        this.flowChoice = flowChoice;

        double fA = feedFractionA;
        double fB = 1 - fA;
        boolean aqueous = feedPhase == FeedPhase.AQUEOUS;
        double root = Math.sqrt(beta);

        outletFractionA = outletFractionA(feedFractionA, purityA, purityB);
        double outB = 1 - outletFractionA;
        a = (purityA / (1 - purityA)) / (fA / fB);
        b = (purityB / (1 - purityB)) / (fB / fA);
        yieldA = a * (b - 1) / (a * b - 1);
        yieldB = b * (a - 1) / (a * b - 1);

        control = outB > (aqueous ? root / (1 + root) : 1 / (1 + root)) ? Control.EXTRACTION : Control.SCRUB;

        if (aqueous) {
            minExtractantFlow = outletFractionA * (purityA - fA) * (beta * fA + fB) / ((beta - 1) * fA * fB);
            minScrubFlow = minExtractantFlow - outletFractionA;
        } else {
            double pinch = fA / (beta * fB + fA);
            double organicAboveFeed = outletFractionA * (purityA - pinch) * (beta * fB + fA) / ((beta - 1) * fA * fB);
            minExtractantFlow = organicAboveFeed - 1;
            minScrubFlow = organicAboveFeed - outletFractionA;
        }

        double w = scrubFlowFor(flowChoice, aqueous, root, outB);
        scrubFlow = w;
        extractantFlow = aqueous ? w + outletFractionA : w - outB;
        extractionRatio = aqueous ? extractantFlow / (scrubFlow + 1) : extractantFlow / scrubFlow;
        scrubRatio = aqueous ? extractantFlow / scrubFlow : (extractantFlow + 1) / scrubFlow;

        basicStages = StageEstimate.basic(beta, a, b, extractionRatio, scrubRatio);
        correctedStages = StageEstimate.corrected(beta, a, b, extractionRatio, scrubRatio);
        fenskeMinimum = fenskeMinimum(beta, a, b);
    }

    /**
     * Designs the cascade.
     *
     * @param beta          separation factor β of A over B, &gt; 1
     * @param feedFractionA f_A, strictly between 0 and 1
     * @param phase         phase of the feed
     * @param purityA       P_A, target purity of the loaded organic (A product): f_A &lt; P_A &lt; 1
     * @param purityB       P_B, target purity of the raffinate (B product): f_B &lt; P_B &lt; 1
     * @param choice        how to pick the flows ({@link FlowChoice#optimum()} for Xu's optimum)
     * @throws InvalidInputException naming the field, the value and what is allowed, for inputs
     *         out of range, flows below the minimum flows (or leaving a flow ≤ 0), or flows at
     *         which a section's stage estimate does not exist ({@code β E_M ≤ 1} or
     *         {@code E'_M ≥ β}; see {@link StageEstimate})
     */
    public static XuDesign of(double beta, double feedFractionA, FeedPhase phase, double purityA, double purityB,
                              FlowChoice choice) {
        if (!(beta > 1) || !Double.isFinite(beta)) {
            throw new InvalidInputException("separationFactor", beta,
                    "a finite number greater than 1 (A is the more extractable component)");
        }
        if (!(feedFractionA > 0 && feedFractionA < 1)) {
            throw new InvalidInputException("feedFractionA", feedFractionA, "a number strictly between 0 and 1");
        }
        if (phase == null) {
            throw new InvalidInputException("feedPhase", null, "aqueous or organic");
        }
        double fB = 1 - feedFractionA;
        if (!(purityA > feedFractionA && purityA < 1)) {
            throw new InvalidInputException("purityA", purityA,
                    "above the feed fraction f_A = " + fmt(feedFractionA) + " and below 1");
        }
        if (!(purityB > fB && purityB < 1)) {
            throw new InvalidInputException("purityB", purityB,
                    "above the feed fraction f_B = 1 − f_A = " + fmt(fB) + " and below 1");
        }
        if (choice == null) {
            throw new InvalidInputException("flows", null, "optimum, margin, fixedScrub or fixedExtractant");
        }
        return new XuDesign(beta, feedFractionA, phase, purityA, purityB, choice);
    }

    /** {@link #of} with Xu's optimum flows. */
    public static XuDesign optimum(double beta, double feedFractionA, FeedPhase phase, double purityA,
                                   double purityB) {
        return of(beta, feedFractionA, phase, purityA, purityB, FlowChoice.optimum());
    }

    /**
     * The product split {@code f'_A = (P_B − f_B)/(P_A + P_B − 1)}: the fraction of the fed RE
     * that leaves in the loaded organic when both purity targets are met (overall balance).
     */
    public static double outletFractionA(double feedFractionA, double purityA, double purityB) {
        return (purityB - (1 - feedFractionA)) / (purityA + purityB - 1);
    }

    /** Fenske's minimum total stage number at total reflux, {@code N_min = lg(ab)/lg β}. */
    public static double fenskeMinimum(double beta, double a, double b) {
        return Math.log10(a * b) / Math.log10(beta);
    }

    /** The scrub flow W of the choice; S follows from the split. Checks the bounds. */
    private double scrubFlowFor(FlowChoice choice, boolean aqueous, double root, double outB) {
        double outA = outletFractionA;
        if (choice instanceof FlowChoice.Optimum) {
            if (control == Control.SCRUB) {
                return outA / (root - 1);
            }
            return aqueous ? (1 - root * outA) / (root - 1) : root * outB / (root - 1);
        }
        // S − W is fixed by the split: S = W + shift
        double shift = aqueous ? outA : -outB;
        if (choice instanceof FlowChoice.Margin margin) {
            double x = margin.factor();
            if (!(minScrubFlow > 0)) {
                throw new InvalidInputException("flows.margin", x,
                        "a margin only when the minimum scrub flow is positive; here W_min = " + fmt(minScrubFlow)
                                + " ≤ 0 (the feed pinch sets no lower bound on W for these purity targets): "
                                + "fix the scrub or extractant flow instead (--scrub or --extractant)");
            }
            double w = x * minScrubFlow;
            if (!(w + shift > 0)) {
                throw new InvalidInputException("flows.margin", x,
                        "above f'_B/W_min = " + fmt(outB / minScrubFlow) + " so that S = margin·W_min − f'_B > 0"
                                + " (W_min = " + fmt(minScrubFlow) + ", S_min = " + fmt(minExtractantFlow)
                                + ", organic feed)");
            }
            return w;
        }
        if (choice instanceof FlowChoice.FixedScrub fixed) {
            double w = fixed.scrub();
            if (w < minScrubFlow) {
                throw new InvalidInputException("flows.scrub", w,
                        "at least W_min = " + fmt(minScrubFlow) + ", the minimum scrub flow for these purity "
                                + "targets (infinite stages; " + feedPhase.label() + " feed, S_min = "
                                + fmt(minExtractantFlow) + ")");
            }
            if (!(w + shift > 0)) {
                throw new InvalidInputException("flows.scrub", w,
                        "above f'_B = " + fmt(outB) + " for an organic feed, so that S = W − f'_B > 0");
            }
            return w;
        }
        double s = ((FlowChoice.FixedExtractant) choice).extractant();
        if (s < minExtractantFlow) {
            throw new InvalidInputException("flows.extractant", s,
                    "at least S_min = " + fmt(minExtractantFlow) + ", the minimum extractant flow for these "
                            + "purity targets (infinite stages; " + feedPhase.label() + " feed, W_min = "
                            + fmt(minScrubFlow) + ")");
        }
        if (!(s - shift > 0)) {
            throw new InvalidInputException("flows.extractant", s,
                    "above f'_A = " + fmt(outA) + " for an aqueous feed, so that W = S − f'_A > 0");
        }
        return s - shift;
    }

    static String fmt(double x) {
        return String.format(Locale.ROOT, "%.5g", x);
    }

    /** β, separation factor of A over B. */
    public double separationFactor() {
        return beta;
    }

    /** f_A, fraction of A in the feed. */
    public double feedFractionA() {
        return feedFractionA;
    }

    /** f_B = 1 − f_A. */
    public double feedFractionB() {
        return 1 - feedFractionA;
    }

    public FeedPhase feedPhase() {
        return feedPhase;
    }

    /** P_A, target purity of the loaded organic (A product). */
    public double purityA() {
        return purityA;
    }

    /** P_B, target purity of the raffinate (B product). */
    public double purityB() {
        return purityB;
    }

    public FlowChoice flowChoice() {
        return flowChoice;
    }

    /** f'_A = (P_B − f_B)/(P_A + P_B − 1): RE leaving in the loaded organic per mol RE fed. */
    public double outletFractionA() {
        return outletFractionA;
    }

    /** f'_B = 1 − f'_A: RE leaving in the raffinate per mol RE fed. */
    public double outletFractionB() {
        return 1 - outletFractionA;
    }

    /** a = [P_A/(1−P_A)]/(f_A/f_B), purification factor of the A product (&gt; 1). */
    public double a() {
        return a;
    }

    /** b = [P_B/(1−P_B)]/(f_B/f_A), purification factor of the B product (&gt; 1). */
    public double b() {
        return b;
    }

    /** Y_A = a(b−1)/(ab−1) = f'_A P_A/f_A, recovery of A in the loaded organic. */
    public double yieldA() {
        return yieldA;
    }

    /** Y_B = b(a−1)/(ab−1) = f'_B P_B/f_B, recovery of B in the raffinate. */
    public double yieldB() {
        return yieldB;
    }

    /** Which section controls the optimum design (decided from f'_B, whatever the flow choice). */
    public Control control() {
        return control;
    }

    /** S, organic RE flow through the extraction section, per mol RE fed. */
    public double extractantFlow() {
        return extractantFlow;
    }

    /** W, aqueous RE flow through the scrubbing section, per mol RE fed. */
    public double scrubFlow() {
        return scrubFlow;
    }

    /** E_M, mixed extraction ratio of the extraction section: S/(W+1) (aqueous feed), S/W (organic). */
    public double extractionRatio() {
        return extractionRatio;
    }

    /** E'_M, mixed extraction ratio of the scrubbing section: S/W (aqueous feed), (S+1)/W (organic). */
    public double scrubRatio() {
        return scrubRatio;
    }

    /** S_min at infinite stages (organic feed: may be ≤ 0, then S has no lower bound but 0). */
    public double minExtractantFlow() {
        return minExtractantFlow;
    }

    /** W_min at infinite stages (may be ≤ 0 for low purity targets: no lower bound but 0). */
    public double minScrubFlow() {
        return minScrubFlow;
    }

    /** Basic estimates {@code n = lg b/lg(βE_M)}, {@code m = lg a/lg(β/E'_M)}. */
    public StageEstimate basicStages() {
        return basicStages;
    }

    /** Corrected (Kremser-type) estimates; see {@link StageEstimate#corrected}. */
    public StageEstimate correctedStages() {
        return correctedStages;
    }

    /** Fenske's minimum total stages at total reflux, lg(ab)/lg β (real). */
    public double fenskeMinimum() {
        return fenskeMinimum;
    }

    /** Fenske's minimum rounded up. */
    public int fenskeMinimumStages() {
        return StageEstimate.roundUp(fenskeMinimum);
    }

    /** The flows as the simulator's {@link XuFlows}, to simulate the designed cascade. */
    public XuFlows xuFlows() {
        return new XuFlows(extractantFlow, scrubFlow);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "XuDesign[β=%s, f_A=%s, %s feed, P_A=%s, P_B=%s, %s: f'_A=%.7g, %s-controlled, S=%.7g, W=%.7g, "
                        + "E_M=%.5g, E'_M=%.5g, S_min=%.5g, W_min=%.5g, n=%.4g (%d), m=%.4g (%d), N_min=%.4g]",
                beta, feedFractionA, feedPhase.label(), purityA, purityB, flowChoice, outletFractionA,
                control.label(), extractantFlow, scrubFlow, extractionRatio, scrubRatio, minExtractantFlow,
                minScrubFlow, correctedStages.extraction(), correctedStages.extractionStages(),
                correctedStages.scrub(), correctedStages.scrubStages(), fenskeMinimum);
    }
}
