package org.sxcascade.model;

/**
 * RE flows in Xu's normalisation, in mol RE per mol RE fed (docs/theory.md, Conventions).
 *
 * @param extractant  S, RE carried by the organic through the extraction section
 * @param scrub       W, RE carried by the aqueous through the scrubbing section
 * @param engineering the plant flows S and W were computed from, or {@code null} if they were
 *                    given directly
 */
public record XuFlows(double extractant, double scrub, EngineeringFlows engineering) implements OperatingFlows {
    public XuFlows {
        InvalidInputException.requirePositive("extractant", extractant);
        InvalidInputException.requirePositive("scrub", scrub);
    }

    /** S and W given directly. */
    public XuFlows(double extractant, double scrub) {
        this(extractant, scrub, null);
    }

    /** S and W computed from plant flows (see {@link EngineeringFlows}). */
    public static XuFlows from(EngineeringFlows plant) {
        return new XuFlows(plant.extractant(), plant.scrub(), plant);
    }
}
