package org.sxcascade.flowsheet;

import java.util.Arrays;
import org.sxcascade.model.Feed;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;

/**
 * A fresh feed of a flowsheet: RE entering from outside.
 *
 * @param name        its name, used as {@code from:} in inlets
 * @param composition mole fractions, one per component, each in [0, 1] and summing to 1 within
 *                    {@link Feed#SUM_TOLERANCE} (then renormalised exactly, as a case file's feed)
 * @param amount      RE flow in mol per unit time (any unit: the flowsheet normalises the amounts
 *                    by their sum, so only ratios matter)
 */
public record FreshFeed(String name, double[] composition, double amount) {
    public FreshFeed {
        Flowsheet.checkName("name", name);
        // the checks and renormalisation of a case file's feed (the phase is the inlets' business)
        composition = new Feed(FeedPhase.AQUEOUS, composition, null, null).composition();
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
