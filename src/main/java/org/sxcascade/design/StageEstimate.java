package org.sxcascade.design;

import java.util.Locale;
import org.sxcascade.model.InvalidInputException;

/**
 * Estimated stage numbers of the two sections, as real numbers; {@link #extractionStages()} and
 * {@link #scrubStages()} round them up.
 *
 * <p>With a and b Xu's purification factors of the A and B products (see {@link XuDesign#a()}),
 * β the separation factor, E_M the mixed extraction ratio of the extraction section and E'_M that
 * of the scrubbing section (docs/design.md, Stage-number estimates):
 * <ul>
 *   <li>basic: {@code n = lg b / lg(β E_M)}, {@code m = lg a / lg(β / E'_M)};</li>
 *   <li>corrected (Kremser-type): {@code n = lg[b (β E_M − 1)/(1 − E_M)] / lg(β E_M)},
 *       {@code m = lg[a (β − E'_M)/(E'_M − 1)] / lg(β / E'_M)}.</li>
 * </ul>
 * Both need {@code β E_M > 1} and {@code E'_M < β} (otherwise a section does not enrich its
 * product and no finite estimate exists); the corrected forms also need {@code E_M < 1} and
 * {@code E'_M > 1}, which hold for every feasible flow pair.
 *
 * @param extraction estimated extraction stages n (real)
 * @param scrub      estimated scrubbing stages m (real)
 */
public record StageEstimate(double extraction, double scrub) {
    /** Slack below an integer that still rounds down to it, against rounding noise. */
    static final double ROUNDING_SLACK = 1e-9;

    /**
     * Basic estimates {@code n = lg b / lg(β E_M)}, {@code m = lg a / lg(β / E'_M)}. At
     * {@code E_M = E'_M = 1} their sum is Fenske's {@code lg(ab)/lg β}.
     *
     * @throws InvalidInputException ({@code extractionRatio} or {@code scrubRatio}) if
     *         {@code β E_M ≤ 1} or {@code E'_M ≥ β}
     */
    public static StageEstimate basic(double beta, double a, double b, double extractionRatio, double scrubRatio) {
        requireEnriching(beta, extractionRatio, scrubRatio);
        return new StageEstimate(Math.log10(b) / Math.log10(beta * extractionRatio),
                Math.log10(a) / Math.log10(beta / scrubRatio));
    }

    /**
     * Corrected (Kremser-type) estimates {@code n = lg[b(βE_M − 1)/(1 − E_M)] / lg(βE_M)},
     * {@code m = lg[a(β − E'_M)/(E'_M − 1)] / lg(β/E'_M)}.
     *
     * @throws InvalidInputException ({@code extractionRatio} or {@code scrubRatio}) if
     *         {@code β E_M ≤ 1}, {@code E_M ≥ 1}, {@code E'_M ≥ β} or {@code E'_M ≤ 1}
     */
    public static StageEstimate corrected(double beta, double a, double b, double extractionRatio,
                                          double scrubRatio) {
        requireEnriching(beta, extractionRatio, scrubRatio);
        if (!(extractionRatio < 1)) {
            throw new InvalidInputException("extractionRatio", extractionRatio,
                    "below 1 for the corrected extraction-section estimate to exist (E_M ≥ 1 means no "
                            + "raffinate leaves the cascade)");
        }
        if (!(scrubRatio > 1)) {
            throw new InvalidInputException("scrubRatio", scrubRatio,
                    "above 1 for the corrected scrub-section estimate to exist (E'_M ≤ 1 means no "
                            + "loaded organic leaves the cascade)");
        }
        double lnBetaE = Math.log10(beta * extractionRatio);
        double lnBetaOverE = Math.log10(beta / scrubRatio);
        double n = Math.log10(b * (beta * extractionRatio - 1) / (1 - extractionRatio)) / lnBetaE;
        double m = Math.log10(a * (beta - scrubRatio) / (scrubRatio - 1)) / lnBetaOverE;
        return new StageEstimate(n, m);
    }

    private static void requireEnriching(double beta, double extractionRatio, double scrubRatio) {
        if (!(beta * extractionRatio > 1)) {
            throw new InvalidInputException("extractionRatio", extractionRatio, String.format(Locale.ROOT,
                    "above 1/β = %.5g for the extraction-section stage estimate to exist (β·E_M = %.5g ≤ 1: "
                            + "the raffinate is not purified in B from stage to stage); raise the flows S and W "
                            + "together", 1 / beta, beta * extractionRatio));
        }
        if (!(scrubRatio < beta)) {
            throw new InvalidInputException("scrubRatio", scrubRatio, String.format(Locale.ROOT,
                    "below β = %.5g for the scrub-section stage estimate to exist (β/E'_M = %.5g ≤ 1: "
                            + "the loaded organic is not purified in A from stage to stage); raise the flows S and "
                            + "W together", beta, beta / scrubRatio));
        }
    }

    /** n rounded up (at least 1; values within 1e-9 above an integer round down to it). */
    public int extractionStages() {
        return roundUp(extraction);
    }

    /** m rounded up (at least 1; values within 1e-9 above an integer round down to it). */
    public int scrubStages() {
        return roundUp(scrub);
    }

    /** n + m, real. */
    public double total() {
        return extraction + scrub;
    }

    static int roundUp(double x) {
        return (int) Math.max(1, Math.ceil(x - ROUNDING_SLACK));
    }
}
