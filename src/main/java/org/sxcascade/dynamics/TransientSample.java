package org.sxcascade.dynamics;

/**
 * The cascade at one time of a run. Products are in the order of {@link TransientResult#products()};
 * component arrays are in the state's order ({@link TransientModel#components()}: the case's
 * components, or the rare earths, the cation M and H of a mass-action case). Flows are in the run's
 * {@link TransientResult#flowUnit()}, amounts in its {@link TransientResult#amountUnit()}.
 *
 * @param hours                 time since the start, h
 * @param productFlows          component flows of each product
 * @param purity                each product's purity: the summed fraction of its purity group among
 *                              the graded components (the rare earths; NaN while it carries none)
 * @param acidity               free acid of each aqueous product, mol/L H⁺ (NaN for organic products
 *                              and for models without acidity)
 * @param loading               fraction of the extractant bound to RE, 3 Σ y_RE / C, of each organic
 *                              product (NaN for aqueous products and for models without extractant)
 * @param sectionInventories    amount held by the extraction, scrubbing and stripping stages, per
 *                              component (row 2 is zero without a strip section)
 * @param distanceToSteadyState largest deviation of any stage's content from the final steady
 *                              state, max_kj |M_kj − M*_kj| / Σ_j q_j M*_kj (q_j = 1, or for a mass-action
 *                              state 3 for a rare earth and 1 for M and H: the stage's exchangeable equivalents)
 * @param conservationError     largest relative error over components of accumulated = fed − withdrawn
 */
public record TransientSample(double hours, double[][] productFlows, double[] purity, double[] acidity,
                              double[] loading, double[][] sectionInventories, double distanceToSteadyState,
                              double conservationError) {
    public TransientSample {
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

    /** Component flow j of product i. */
    public double productFlow(int i, int j) {
        return productFlows[i][j];
    }

    /** Component flows of product i. */
    public double[] productFlow(int i) {
        return productFlows[i].clone();
    }

    /** Purity of product i (NaN while it carries nothing graded). */
    public double purity(int i) {
        return purity[i];
    }

    /** pH of product i (NaN for organic products and models without acidity). */
    public double pH(int i) {
        return -Math.log10(acidity[i]);
    }

    /** Time since the start, days. */
    public double days() {
        return hours / Times.HOURS_PER_DAY;
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
        return String.format(java.util.Locale.ROOT, "TransientSample[t = %.6g h, distance %.3g]", hours,
                distanceToSteadyState);
    }
}
