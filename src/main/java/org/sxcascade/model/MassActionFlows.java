package org.sxcascade.model;

/**
 * Plant flows of a mass-action cascade (all volumetric, L/h; acidities in mol/L H⁺).
 *
 * @param organicFlow    organic (extractant solution) flow entering stage 1
 * @param saponification degree of saponification of that organic: fraction of the extractant's
 *                       acidic H exchanged for the saponifying cation, from 0 to below 1
 * @param scrubFlow      fresh acid scrub entering stage n + m (0 when the refluxed strip liquor
 *                       alone scrubs)
 * @param scrubAcidity   its acidity
 * @param stripFlow      strip acid entering stage N (0 without a strip section)
 * @param stripAcidity   its acidity
 * @param reflux         fraction of the strip liquor leaving stage n + m + 1 that flows on into
 *                       the scrubbing section as RE-bearing scrub liquor; the rest is the strip
 *                       product. From 0 to below 1
 */
public record MassActionFlows(double organicFlow, double saponification, double scrubFlow, double scrubAcidity,
                              double stripFlow, double stripAcidity, double reflux) {
    public MassActionFlows {
        InvalidInputException.requirePositive("flows.organicFlow", organicFlow, "L/h");
        if (!(saponification >= 0 && saponification < 1)) {
            throw new InvalidInputException("flows.saponification", saponification,
                    "a fraction from 0 to below 1 (of the extractant's H exchanged for the cation)");
        }
        nonNegative("flows.scrubFlow", scrubFlow, "L/h");
        nonNegative("flows.scrubAcidity", scrubAcidity, "mol/L");
        nonNegative("flows.stripFlow", stripFlow, "L/h");
        nonNegative("flows.stripAcidity", stripAcidity, "mol/L");
        if (!(reflux >= 0 && reflux < 1)) {
            throw new InvalidInputException("flows.reflux", reflux,
                    "a fraction from 0 to below 1 of the strip liquor returned as scrub liquor");
        }
        if (scrubFlow > 0 && !(scrubAcidity > 0)) {
            throw new InvalidInputException("flows.scrubAcidity", scrubAcidity, "greater than 0 mol/L with a scrub flow");
        }
        if (stripFlow > 0 && !(stripAcidity > 0)) {
            throw new InvalidInputException("flows.stripAcidity", stripAcidity, "greater than 0 mol/L with a strip flow");
        }
    }

    /** Throws unless {@code value} is finite and ≥ 0, naming its unit. */
    static void nonNegative(String field, double value, String unit) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new InvalidInputException(field, value, "a finite number ≥ 0 " + unit);
        }
    }
}
