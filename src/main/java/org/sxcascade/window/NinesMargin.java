package org.sxcascade.window;

/**
 * One target of a product (a purity or a recovery) with the value reached and its margin in
 * nines: nines(P) = −log10(1 − P), margin = nines(reached) − nines(target), so +1 means ten times
 * less impurity (or loss) than the target allows, and a negative margin is a missed target. (The
 * design and the optimizer measure the distance to a target in ln units instead:
 * {@link org.sxcascade.design.TargetMargin}.)
 *
 * @param label    what is targeted, e.g. {@code "aqueous purity of Pr"}
 * @param reached  the purity or recovery reached (fraction)
 * @param shortfall 1 − reached, computed from the other components' fractions (no cancellation near 1)
 * @param target   the required value (fraction)
 */
public record NinesMargin(String label, double reached, double shortfall, double target) {
    /** Nines of a fraction given as its complement 1 − P: −log10(1 − P) (capped at 300 for P = 1). */
    public static double nines(double complement) {
        return -Math.log10(Math.max(complement, 1e-300));
    }

    /** nines(reached) − nines(target). */
    public double margin() {
        return nines(shortfall) - nines(1 - target);
    }

    /** Whether the target holds (reached ≥ target, as {@code simulate} judges it). */
    public boolean met() {
        return reached >= target;
    }

    /** The margin of every target of a solved case (purities and recoveries), as the operating window gives them. */
    public static java.util.List<NinesMargin> of(org.sxcascade.report.SimulationReport report) {
        return CaseEvaluator.margins(report).margins();
    }
}
