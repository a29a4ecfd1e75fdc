package org.sxcascade.model;

/**
 * One aqueous feed of a mass-action cascade: a RE chloride solution with free acid, entering a
 * chosen stage. A case has one or several ({@link MassActionCase#feeds()}).
 *
 * @param name    label for reports, or {@code null} (then "feed" or "feed 1", "feed 2", …)
 * @param feed    composition (RE mole fractions), flow (L/h) and RE concentration (mol/L), both
 *                required; phase aqueous
 * @param acidity free acid, mol/L H⁺ (≥ 0)
 * @param stage   the stage it enters, 1 … n + m, or {@code null} for stage n (the top of the
 *                extraction section, docs/theory.md), which then follows n when the stage counts change
 */
public record MassActionFeed(String name, Feed feed, double acidity, Integer stage) {
    public MassActionFeed {
        if (feed == null || feed.phase() != FeedPhase.AQUEOUS) {
            throw new InvalidInputException("phase", feed == null ? "(missing)" : feed.phase().label(),
                    "aqueous (the mass-action feed is a RE chloride solution)");
        }
        if (feed.volumetricFlow() == null || feed.concentration() == null) {
            throw new InvalidInputException(feed.volumetricFlow() == null ? "flow" : "concentration", "(missing)",
                    "flow (L/h) and concentration (mol/L RE) for model mass-action");
        }
        MassActionFlows.nonNegative("acidity", acidity, "mol/L H+");
    }

    /** A feed at stage n, without a name: the single feed of a case written with {@code feed:}. */
    public MassActionFeed(Feed feed, double acidity) {
        this(null, feed, acidity, null);
    }

    /** Flow, L/h. */
    public double flow() {
        return feed.volumetricFlow();
    }

    /** RE concentration, mol/L. */
    public double concentration() {
        return feed.concentration();
    }

    /** RE flow, mol/h. */
    public double rareEarthRate() {
        return feed.volumetricFlow() * feed.concentration();
    }

    /** The stage it enters in a cascade with {@code extractionStages} = n: {@link #stage()}, or n if not given. */
    public int stageIn(int extractionStages) {
        return stage == null ? extractionStages : stage;
    }

    /**
     * Throws unless {@code stage} is a stage an aqueous feed may enter: 1 … n + m (the extraction
     * and scrubbing sections; the strip section takes strip acid only).
     */
    public static void checkStage(String field, int stage, Cascade cascade) {
        int top = cascade.totalStages();
        if (stage < 1 || stage > top) {
            throw new InvalidInputException(field, stage, "a stage from 1 to n + m = " + top
                    + " (extraction stages 1 … " + cascade.extractionStages() + ", scrub stages "
                    + (cascade.scrubStages() > 0 ? (cascade.extractionStages() + 1) + " … " + top : "none") + ")");
        }
    }
}
