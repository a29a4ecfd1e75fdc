package org.sxcascade.model;

/**
 * Stage layout of a two-section cascade. Stages are numbered 1 … N, N = n + m: stages 1 … n are
 * the extraction section, n+1 … N the scrubbing section. Blank organic enters stage 1, scrub
 * liquor enters stage N.
 *
 * @param extractionStages n, at least 1
 * @param scrubStages      m, at least 0 (0 only for a single extraction section, which the
 *                         constant-separation-factor model does not allow; see
 *                         {@link CascadeCase})
 */
public record Cascade(int extractionStages, int scrubStages) {
    /** The largest cascade the solver accepts. */
    public static final int MAX_STAGES = 1000;

    public Cascade {
        if (extractionStages < 1 || extractionStages > MAX_STAGES) {
            throw new InvalidInputException("extractionStages", extractionStages,
                    "an integer from 1 to " + MAX_STAGES);
        }
        if (scrubStages < 0 || scrubStages > MAX_STAGES) {
            throw new InvalidInputException("scrubStages", scrubStages, "an integer from 0 to " + MAX_STAGES);
        }
        if (extractionStages + scrubStages > MAX_STAGES) {
            throw new InvalidInputException("scrubStages", scrubStages,
                    "extractionStages + scrubStages at most " + MAX_STAGES + " (extractionStages = "
                            + extractionStages + ")");
        }
    }

    /** N = n + m. */
    public int totalStages() {
        return extractionStages + scrubStages;
    }

    /** The stage an aqueous feed enters (n) or an organic feed enters (n + 1). */
    public int feedStage(FeedPhase phase) {
        return phase == FeedPhase.AQUEOUS ? extractionStages : extractionStages + 1;
    }
}
