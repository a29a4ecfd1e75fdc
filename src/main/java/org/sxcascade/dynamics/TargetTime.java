package org.sxcascade.dynamics;

import java.util.List;

/**
 * When a product reached its purity target for good.
 *
 * @param product  {@code organic} (loaded organic, A product) or {@code aqueous} (raffinate, B product)
 * @param purityOf the components whose summed mole fraction is the purity
 * @param target   the purity target (from the case's targets)
 * @param hours    the time after which the product stayed on target until the end of the run, h:
 *                 purity at or above the target with its RE flow within 1 % of its steady flow (the
 *                 first traces out of a blank cascade are very pure but are no product); located by
 *                 bisection on the integrator's dense output within the step (rows: linear
 *                 interpolation between rows); {@code null} if not on target at the end
 * @param finalPurity the purity at the end of the run
 */
public record TargetTime(String product, List<String> purityOf, double target, Double hours, double finalPurity) {
    public TargetTime {
        purityOf = List.copyOf(purityOf);
    }

    /** Whether the target was reached (and held to the end). */
    public boolean reached() {
        return hours != null;
    }
}
