package org.sxcascade.design;

import org.sxcascade.model.ProductTarget;

/**
 * How far a product is from its target, in ln units: the one definition that the design and the
 * optimizer of every model use (docs/design.md, "Target margins"). Impurities of a long cascade
 * fall geometrically along each section (a factor of about βE_M per extraction stage, β/E'_M per
 * scrub stage), so the distance to a target is measured on a log scale, where one stage moves it
 * by about the same amount and trace impurities keep their digits.
 *
 * <ul>
 * <li>{@link #logit}: the logit purity λ = ln(P/(1 − P)); a product meets a purity target P_t when
 *     λ ≥ ln(P_t/(1 − P_t)), and λ − λ_t is the ln of the purity ratio gained.</li>
 * <li>{@link #excess}: ln(impurity/allowance), negative when the target is met (the allowance is
 *     1 − P_t).</li>
 * <li>{@link #capped}: ln(allowance/actual), positive when met, capped at {@link #CAP} (an
 *     impurity e⁻⁶⁰ below its allowance is as good as none); {@link #of} takes the smallest over a
 *     product's purity and recovery targets.</li>
 * </ul>
 */
public final class TargetMargin {
    /** The largest {@link #capped} margin, ln units. */
    public static final double CAP = 60;
    /** ln of the least positive double: the ln of an impurity that underflowed to 0. */
    private static final double LN_ZERO = -745;

    private TargetMargin() {
    }

    /** The logit purity ln(P/(1 − P)). */
    public static double logit(double purity) {
        return Math.log(purity / (1 - purity));
    }

    /** The purity of a logit purity λ: 1/(1 + e^−λ) (the inverse of {@link #logit}). */
    public static double purity(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }

    /**
     * ln(impurity/allowance) from the allowance's ln: negative when the impurity is within its
     * allowance; an impurity of 0 counts as the least positive double.
     */
    public static double excess(double impurity, double lnAllowance) {
        return (impurity > 0 ? Math.log(impurity) : LN_ZERO) - lnAllowance;
    }

    /** ln(allowance/actual), at most {@link #CAP} ({@link #CAP} when {@code actual} ≤ 0). */
    public static double capped(double allowance, double actual) {
        if (!(actual > 0)) {
            return CAP;
        }
        return Math.min(CAP, Math.log(allowance / actual));
    }

    /**
     * The smallest {@link #capped} margin of a product's targets: its impurity (1 − purity) against
     * 1 − P_t and its loss (1 − recovery) against 1 − Y_t, each where the target gives it.
     */
    public static double of(ProductTarget t, double impurity, double loss) {
        double m = CAP;
        if (t.purity() != null) {
            m = Math.min(m, capped(1 - t.purity(), impurity));
        }
        if (t.recovery() != null) {
            m = Math.min(m, capped(1 - t.recovery(), loss));
        }
        return m;
    }
}
