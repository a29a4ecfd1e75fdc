package org.sxcascade.flowsheet;

import java.util.Arrays;
import java.util.Objects;
import org.sxcascade.model.Feed;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionFeed;

/**
 * A fresh feed of a flowsheet: RE entering from outside.
 *
 * @param name        its name, used as {@code from:} in inlets
 * @param composition mole fractions, one per component, each in [0, 1] and summing to 1 within
 *                    {@link Feed#SUM_TOLERANCE} (then renormalised exactly, as a case file's feed)
 * @param amount      RE flow in mol per unit time (CMER flowsheets: any unit, only ratios matter;
 *                    mass-action flowsheets: mol/h, the solution's flow × concentration)
 * @param solution    the aqueous solution it comes in (mass-action flowsheets), or {@code null} (CMER)
 */
public record FreshFeed(String name, double[] composition, double amount, Solution solution) {
    /**
     * The aqueous solution of a mass-action flowsheet's fresh feed, as a mass-action case's feed.
     *
     * @param flow          L/h
     * @param concentration RE, mol/L
     * @param acidity       free acid, mol/L H⁺
     */
    public record Solution(double flow, double concentration, double acidity) {
        public Solution {
            // the checks of a mass-action case's feed
            new MassActionFeed(new Feed(FeedPhase.AQUEOUS, new double[] {1}, flow, concentration), acidity);
        }
    }

    public FreshFeed {
        Flowsheet.checkName("name", name);
        // the checks and renormalisation of a case file's feed (the phase is the inlets' business)
        composition = new Feed(FeedPhase.AQUEOUS, composition, null, null).composition();
        InvalidInputException.requirePositive("amount", amount, "mol RE per unit time");
    }

    /** A fresh feed of a CMER flowsheet: an amount of RE. */
    public FreshFeed(String name, double[] composition, double amount) {
        this(name, composition, amount, null);
    }

    /** A fresh feed of a mass-action flowsheet: an aqueous RE chloride solution; amount = flow × concentration (mol/h). */
    public static FreshFeed ofSolution(String name, double[] composition, Solution solution) {
        return new FreshFeed(name, composition, solution.flow() * solution.concentration(), solution);
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
                && Double.compare(f.amount, amount) == 0 && Objects.equals(f.solution, solution);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(composition), amount, solution);
    }

    @Override
    public String toString() {
        return "FreshFeed[" + name + ", " + Arrays.toString(composition) + ", " + amount
                + (solution == null ? "" : ", " + solution) + "]";
    }
}
