package org.sxcascade.model;

/**
 * Plant flows of a CMER cascade, converted to Xu's S and W (docs/theory.md, Conventions):
 * <pre>
 *   S = Q_org · c_sat / (Q_feed · c_feed)          (organic RE loading carried per RE fed)
 *   W = Q_scrub · [H⁺]_scrub / (3 · Q_feed · c_feed) (3 mol H⁺ strip 1 mol RE³⁺ from the organic)
 * </pre>
 *
 * @param feedFlow          Q_feed, L/h
 * @param feedConcentration c_feed, total RE in the feed, mol/L
 * @param organicFlow       Q_org, L/h
 * @param organicLoading    c_sat, RE held by the (saponified) organic, mol/L
 * @param scrubFlow         Q_scrub, acid scrub liquor, L/h
 * @param scrubAcidity      [H⁺] of the scrub liquor, mol/L
 */
public record EngineeringFlows(double feedFlow, double feedConcentration, double organicFlow,
                               double organicLoading, double scrubFlow, double scrubAcidity) {
    /** mol H⁺ exchanged per mol RE³⁺. */
    public static final double PROTONS_PER_RE = 3.0;

    public EngineeringFlows {
        InvalidInputException.requirePositive("feed.flow", feedFlow);
        InvalidInputException.requirePositive("feed.concentration", feedConcentration);
        InvalidInputException.requirePositive("flows.organicFlow", organicFlow);
        InvalidInputException.requirePositive("flows.organicLoading", organicLoading);
        InvalidInputException.requirePositive("flows.scrubFlow", scrubFlow);
        InvalidInputException.requirePositive("flows.scrubAcidity", scrubAcidity);
    }

    /** Feed RE flow, mol/h. */
    public double feedRate() {
        return feedFlow * feedConcentration;
    }

    /** S, mol RE per mol RE fed. */
    public double extractant() {
        return organicFlow * organicLoading / feedRate();
    }

    /** W, mol RE per mol RE fed. */
    public double scrub() {
        return scrubFlow * scrubAcidity / (PROTONS_PER_RE * feedRate());
    }

    /** The volumetric flows through each section with the feed in {@code phase}, L/h. */
    public SectionFlows sections(FeedPhase phase) {
        return SectionFlows.of(phase, feedFlow, organicFlow, scrubFlow);
    }
}
