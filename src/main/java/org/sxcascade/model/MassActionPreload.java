package org.sxcascade.model;

import java.util.Arrays;

/**
 * RE pre-loaded on the saponified organic before it enters stage 1 (the "RE soap" of plants: the
 * saponified organic is first contacted with RE solution, which replaces its Na⁺/NH₄⁺).
 *
 * <p>Definition: the organic is first saponified to degree s (a fraction s of its HA in the M
 * form, {@link MassActionFlows#saponification()}); pre-loading then exchanges RE for M, three M
 * per RE ({@code RE³⁺ + 3 MA + 1½ (HA)₂ → RE(HA₂)₃ + 3 M⁺}), releasing no acid. Per litre of
 * organic, with Y the pre-loaded RE and C the extractant as dimer: M {@code 2sC − 3Y}, free dimer
 * {@code e = C(1−s) − 1½Y}, exchangeable H {@code 2e + 3Y = 2C(1−s)} (unchanged by the
 * pre-load). So Y may go up to {@code 2sC/3} (all M replaced) as long as e stays above 0, i.e.
 * {@code Y < 2C(1−s)/3}; {@link MassActionCase} checks both.
 *
 * @param concentration Y, RE in the organic entering stage 1, mol/L (≥ 0)
 * @param composition   its RE mole fractions, in the case's rare-earth order, summing to 1
 *                      (renormalised exactly)
 */
public record MassActionPreload(double concentration, double[] composition) {
    public MassActionPreload {
        MassActionFlows.nonNegative("concentration", concentration, "mol/L RE in the organic");
        // the same checks and renormalisation as a feed's composition
        composition = new Feed(FeedPhase.ORGANIC, composition, null, null).composition();
    }

    /** RE concentrations in the organic, mol/L, per rare earth. */
    public double[] rareEarthConcentrations() {
        double[] y = new double[composition.length];
        for (int j = 0; j < y.length; j++) {
            y[j] = composition[j] * concentration;
        }
        return y;
    }

    @Override
    public double[] composition() {
        return composition.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MassActionPreload p && Double.compare(p.concentration, concentration) == 0
                && Arrays.equals(p.composition, composition);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(concentration) + Arrays.hashCode(composition);
    }

    @Override
    public String toString() {
        return "MassActionPreload[" + concentration + " mol/L, " + Arrays.toString(composition) + "]";
    }
}
