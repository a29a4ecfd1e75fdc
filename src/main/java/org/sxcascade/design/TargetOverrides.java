package org.sxcascade.design;

import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.ProductTarget;

/**
 * Purity and recovery targets given on the command line of {@code design} and {@code optimize}
 * ({@code --organic-purity}, {@code --aqueous-purity}, {@code --organic-recovery},
 * {@code --aqueous-recovery}); each {@code null} when not given.
 *
 * @param organicPurity   P_A
 * @param aqueousPurity   P_B
 * @param organicRecovery Y_A
 * @param aqueousRecovery Y_B
 */
public record TargetOverrides(Double organicPurity, Double aqueousPurity, Double organicRecovery,
                              Double aqueousRecovery) {
    /** No target given on the command line. */
    public static final TargetOverrides NONE = new TargetOverrides(null, null, null, null);

    /** Whether any target was given. */
    public boolean given() {
        return organicPurity != null || aqueousPurity != null || organicRecovery != null || aqueousRecovery != null;
    }

    /**
     * The case's targets with these: two or more numbers replace all the case's; a single one
     * replaces its product's, and the other product keeps the case's target (group membership
     * stays).
     */
    public DesignInputs apply(DesignInputs in) {
        if (!given()) {
            return in;
        }
        int given = count(organicPurity) + count(aqueousPurity) + count(organicRecovery) + count(aqueousRecovery);
        boolean all = given >= 2;
        ProductTarget organic = in.organicTarget();
        ProductTarget aqueous = in.aqueousTarget();
        try {
            if (all || organicPurity != null || organicRecovery != null) {
                organic = new ProductTarget(in.organicTarget().components(), organicPurity, organicRecovery);
            }
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--organic-" + e.field(), e.value(), e.allowed());
        }
        try {
            if (all || aqueousPurity != null || aqueousRecovery != null) {
                aqueous = new ProductTarget(in.aqueousTarget().components(), aqueousPurity, aqueousRecovery);
            }
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--aqueous-" + e.field(), e.value(), e.allowed());
        }
        return in.withTargets(organic, aqueous);
    }

    private static int count(Double option) {
        return option == null ? 0 : 1;
    }
}
