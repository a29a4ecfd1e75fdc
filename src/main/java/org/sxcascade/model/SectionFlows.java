package org.sxcascade.model;

/**
 * Volumetric phase flows through the two sections of a cascade: the organic carries an organic
 * feed through the scrubbing section, the aqueous carries an aqueous feed through the extraction
 * section; otherwise each phase carries only its own inlet (barren organic, scrub liquor). Any
 * consistent unit (L/h, or L per mol RE fed).
 *
 * @param extractionAqueous aqueous flow through the extraction section (stages 1 … n)
 * @param extractionOrganic organic flow through the extraction section
 * @param scrubAqueous      aqueous flow through the scrubbing section (stages n+1 … N)
 * @param scrubOrganic      organic flow through the scrubbing section
 */
public record SectionFlows(double extractionAqueous, double extractionOrganic, double scrubAqueous,
                           double scrubOrganic) {

    /**
     * The section flows from the three inlet flows (not checked: callers pass linear forms too).
     *
     * @param phase   phase of the feed
     * @param feed    feed flow
     * @param organic barren organic entering stage 1
     * @param scrub   scrub liquor entering stage N
     */
    public static SectionFlows of(FeedPhase phase, double feed, double organic, double scrub) {
        boolean aqueousFeed = phase == FeedPhase.AQUEOUS;
        return new SectionFlows(aqueousFeed ? scrub + feed : scrub, organic, scrub,
                aqueousFeed ? organic : organic + feed);
    }

    /** Aqueous flow leaving stage {@code stage} (1-based) of the cascade. */
    public double aqueous(Cascade cascade, int stage) {
        return stage <= cascade.extractionStages() ? extractionAqueous : scrubAqueous;
    }

    /** Organic flow leaving stage {@code stage} (1-based) of the cascade. */
    public double organic(Cascade cascade, int stage) {
        return stage <= cascade.extractionStages() ? extractionOrganic : scrubOrganic;
    }

    /** O/A of the extraction section. */
    public double extractionRatio() {
        return extractionOrganic / extractionAqueous;
    }

    /** O/A of the scrubbing section. */
    public double scrubRatio() {
        return scrubOrganic / scrubAqueous;
    }
}
