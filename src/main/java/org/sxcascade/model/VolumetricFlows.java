package org.sxcascade.model;

/**
 * Volumetric flows for the constant-distribution-ratio model, in L/h. The organic flows through
 * every stage; the aqueous carries feed plus scrub liquor through the extraction section and the
 * scrub liquor alone through the scrubbing section (an organic feed adds its volume to the organic
 * of the scrubbing section instead).
 *
 * @param feedFlow    feed, L/h
 * @param organicFlow barren organic entering stage 1, L/h
 * @param scrubFlow   barren scrub liquor entering stage N, L/h (0 when there is no scrubbing section)
 */
public record VolumetricFlows(double feedFlow, double organicFlow, double scrubFlow) implements OperatingFlows {
    public VolumetricFlows {
        InvalidInputException.requirePositive("feed.flow", feedFlow);
        InvalidInputException.requirePositive("flows.organicFlow", organicFlow);
        if (!(scrubFlow >= 0) || !Double.isFinite(scrubFlow)) {
            throw new InvalidInputException("flows.scrubFlow", scrubFlow, "a finite number ≥ 0");
        }
    }

    /** The flows through each section with the feed in {@code phase}, L/h. */
    public SectionFlows sections(FeedPhase phase) {
        return SectionFlows.of(phase, feedFlow, organicFlow, scrubFlow);
    }
}
