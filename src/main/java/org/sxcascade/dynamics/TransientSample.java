package org.sxcascade.dynamics;

/**
 * The cascade at one time of a run. Amounts are in the run's {@link TransientResult#amountUnit()},
 * flows in its {@link TransientResult#flowUnit()}; arrays are per component in the case's order.
 *
 * @param hours               time since the start, h
 * @param organicFlow         loaded organic (A product) leaving stage N, per component
 * @param aqueousFlow         raffinate (B product) leaving stage 1, per component
 * @param organicPurity       summed mole fraction of the organic product's purity group (NaN while nothing leaves)
 * @param aqueousPurity       the same for the raffinate
 * @param extractionInventory amount held by stages 1 … n, per component
 * @param scrubInventory      amount held by stages n+1 … N, per component
 * @param distanceToSteadyState largest relative deviation of any stage's content from the steady state
 *                            of the configuration in effect at the end of the run,
 *                            max_kj |M_kj − M*_kj| / Σ_j M*_kj
 * @param conservationError   largest relative error over components of accumulated = fed − withdrawn
 */
public record TransientSample(double hours, double[] organicFlow, double[] aqueousFlow, double organicPurity,
                              double aqueousPurity, double[] extractionInventory, double[] scrubInventory,
                              double distanceToSteadyState, double conservationError) {
    public TransientSample {
        organicFlow = organicFlow.clone();
        aqueousFlow = aqueousFlow.clone();
        extractionInventory = extractionInventory.clone();
        scrubInventory = scrubInventory.clone();
    }

    /** Time since the start, days. */
    public double days() {
        return hours / Times.HOURS_PER_DAY;
    }

    @Override
    public double[] organicFlow() {
        return organicFlow.clone();
    }

    @Override
    public double[] aqueousFlow() {
        return aqueousFlow.clone();
    }

    @Override
    public double[] extractionInventory() {
        return extractionInventory.clone();
    }

    @Override
    public double[] scrubInventory() {
        return scrubInventory.clone();
    }

    /** Total of an array (a product's total flow, a section's total inventory). */
    public static double total(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "TransientSample[t = %.6g h, purities %.6f / %.6f, distance %.3g]",
                hours, organicPurity, aqueousPurity, distanceToSteadyState);
    }
}
