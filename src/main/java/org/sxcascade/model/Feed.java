package org.sxcascade.model;

import java.util.Arrays;

/**
 * The feed stream.
 *
 * @param phase         aqueous (enters stage n) or organic (enters stage n+1)
 * @param composition   mole fractions of the components, in the case's component order; each in
 *                      [0, 1], summing to 1 within 1e-6 (they are then renormalised exactly)
 * @param volumetricFlow feed flow in L/h, or {@code null} when flows are given per unit feed
 * @param concentration total RE (solute) concentration of the feed in mol/L, or {@code null}
 */
public record Feed(FeedPhase phase, double[] composition, Double volumetricFlow, Double concentration) {
    /** How far the given fractions may sum from 1 before the feed is rejected. */
    public static final double SUM_TOLERANCE = 1e-6;

    public Feed {
        if (phase == null) {
            throw new InvalidInputException("phase", null, "aqueous or organic");
        }
        if (composition == null || composition.length == 0) {
            throw new InvalidInputException("composition", "(empty)", "one mole fraction per component");
        }
        double sum = 0;
        for (int j = 0; j < composition.length; j++) {
            double z = composition[j];
            if (!(z >= 0 && z <= 1)) {
                throw new InvalidInputException("composition[" + j + "]", z, "a mole fraction from 0 to 1");
            }
            sum += z;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new InvalidInputException("composition",
                    "fractions summing to " + String.format(java.util.Locale.ROOT, "%.9g", sum),
                    "fractions summing to 1 within " + SUM_TOLERANCE);
        }
        double[] normalised = new double[composition.length];
        for (int j = 0; j < composition.length; j++) {
            normalised[j] = composition[j] / sum;
        }
        composition = normalised;
        if (volumetricFlow != null) {
            InvalidInputException.requirePositive("flow", volumetricFlow);
        }
        if (concentration != null) {
            InvalidInputException.requirePositive("concentration", concentration);
        }
    }

    /** Mole fraction of component j in the feed. */
    public double fraction(int j) {
        return composition[j];
    }

    @Override
    public double[] composition() {
        return composition.clone();
    }

    /** Feed RE (solute) flow in mol/h, when both volumetric flow and concentration are known. */
    public Double molarFlow() {
        return volumetricFlow == null || concentration == null ? null : volumetricFlow * concentration;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Feed f && f.phase == phase && Arrays.equals(f.composition, composition)
                && java.util.Objects.equals(f.volumetricFlow, volumetricFlow)
                && java.util.Objects.equals(f.concentration, concentration);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(phase, Arrays.hashCode(composition), volumetricFlow, concentration);
    }

    @Override
    public String toString() {
        return "Feed[" + phase.label() + ", " + Arrays.toString(composition) + "]";
    }
}
