package org.sxcascade.dynamics;

/**
 * A mass-action cascade at one time of a run. Products are in the order of
 * {@link MassActionTransientResult#products()}; component arrays are in solver order (the rare
 * earths, then the cation M, then H).
 *
 * @param hours                 time since the start, h
 * @param productFlows          component flows of each product, mol/h
 * @param purity                each product's purity: the summed RE fraction of its purity group
 *                              (NaN while it carries no RE)
 * @param acidity               free acid of each aqueous product, mol/L H⁺ (NaN for organic products)
 * @param loading               fraction of the extractant bound to RE, 3 Σ y_RE / C, of each organic
 *                              product (NaN for aqueous products)
 * @param sectionInventories    amount held by the extraction, scrubbing and stripping stages, per
 *                              component, mol (row 2 is zero without a strip section)
 * @param distanceToSteadyState largest deviation of any stage's content from the final steady
 *                              state, max_kj |M_kj − M*_kj| / Σ_j q_j M*_kj (q_j = 3 for a rare
 *                              earth, 1 for M and H: the stage's exchangeable equivalents)
 * @param conservationError     largest relative error over components of accumulated = fed − withdrawn
 */
public record MassActionSample(double hours, double[][] productFlows, double[] purity, double[] acidity,
                               double[] loading, double[][] sectionInventories, double distanceToSteadyState,
                               double conservationError) {
    public MassActionSample {
        productFlows = deepCopy(productFlows);
        purity = purity.clone();
        acidity = acidity.clone();
        loading = loading.clone();
        sectionInventories = deepCopy(sectionInventories);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Override
    public double[][] productFlows() {
        return deepCopy(productFlows);
    }

    @Override
    public double[] purity() {
        return purity.clone();
    }

    @Override
    public double[] acidity() {
        return acidity.clone();
    }

    @Override
    public double[] loading() {
        return loading.clone();
    }

    @Override
    public double[][] sectionInventories() {
        return deepCopy(sectionInventories);
    }

    /** Component flow j of product i, mol/h. */
    public double productFlow(int i, int j) {
        return productFlows[i][j];
    }

    /** pH of product i (NaN for organic products). */
    public double pH(int i) {
        return -Math.log10(acidity[i]);
    }

    /** Time since the start, days. */
    public double days() {
        return hours / Times.HOURS_PER_DAY;
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
        return String.format(java.util.Locale.ROOT, "MassActionSample[t = %.6g h, distance %.3g]", hours,
                distanceToSteadyState);
    }
}
