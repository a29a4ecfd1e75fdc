package org.sxcascade.flowsheet;

import java.util.Arrays;
import org.sxcascade.model.InvalidInputException;

/**
 * A fresh feed of a flowsheet: RE entering from outside.
 *
 * @param name        its name, used as {@code from:} in inlets
 * @param composition mole fractions, one per component, each in [0, 1] and summing to 1 within
 *                    1e-6 (then renormalised exactly)
 * @param amount      RE flow in mol per unit time (any unit: the flowsheet normalises the amounts
 *                    by their sum, so only ratios matter)
 */
public record FreshFeed(String name, double[] composition, double amount) {
    /** How far the given fractions may sum from 1 before the feed is rejected. */
    public static final double SUM_TOLERANCE = 1e-6;

    public FreshFeed {
        Flowsheet.checkName("name", name);
        if (composition == null || composition.length == 0) {
            throw new InvalidInputException("composition", "(empty)", "one mole fraction per component");
        }
        double sum = 0;
        for (int j = 0; j < composition.length; j++) {
            if (!(composition[j] >= 0 && composition[j] <= 1)) {
                throw new InvalidInputException("composition[" + j + "]", composition[j], "a mole fraction from 0 to 1");
            }
            sum += composition[j];
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new InvalidInputException("composition",
                    "fractions summing to " + String.format(java.util.Locale.ROOT, "%.9g", sum),
                    "fractions summing to 1 within " + SUM_TOLERANCE);
        }
        double[] z = new double[composition.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = composition[j] / sum;
        }
        composition = z;
        InvalidInputException.requirePositive("amount", amount, "mol RE per unit time");
    }

    @Override
    public double[] composition() {
        return composition.clone();
    }

    /** Mole fraction of component j. */
    public double fraction(int j) {
        return composition[j];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FreshFeed f && f.name.equals(name) && Arrays.equals(f.composition, composition)
                && Double.compare(f.amount, amount) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, Arrays.hashCode(composition), amount);
    }

    @Override
    public String toString() {
        return "FreshFeed[" + name + ", " + Arrays.toString(composition) + ", " + amount + "]";
    }
}
