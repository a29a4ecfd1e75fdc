package org.sxcascade.solver;

/**
 * A converged steady state: the component flows leaving every stage in both phases, with how it
 * was reached and how well it balances. Flows are kept as natural logarithms so that trace
 * components far below 1e-308 keep their value; accessors return plain numbers.
 *
 * @param method           "newton" or "rows"
 * @param iterations       Newton iterations (including the outer iterations of the split-shooting
 *                         start, see {@link NewtonCascadeSolver}), or rows for the row-by-row method
 * @param residual         largest relative component imbalance over all stages, |ln(in/out)|
 * @param massBalanceError largest relative error over components of the whole-cascade balance,
 *                         |fed − (raffinate + loaded organic)| / fed
 */
public record SteadyState(String method, int iterations, double residual, double massBalanceError,
                          int stages, int components, double[] lnAqueous, double[] lnOrganic) {

    public SteadyState {
        lnAqueous = lnAqueous.clone();
        lnOrganic = lnOrganic.clone();
    }

    /** Aqueous flow of component j leaving stage {@code stage} (1-based), mol per mol fed. */
    public double aqueousFlow(int stage, int j) {
        return Math.exp(lnAqueous[(stage - 1) * components + j]);
    }

    /** Organic flow of component j leaving stage {@code stage} (1-based), mol per mol fed. */
    public double organicFlow(int stage, int j) {
        return Math.exp(lnOrganic[(stage - 1) * components + j]);
    }

    /** Aqueous mole fraction x_j on stage {@code stage}. */
    public double aqueousFraction(int stage, int j) {
        return fraction(lnAqueous, stage, j);
    }

    /** Organic mole fraction y_j on stage {@code stage}. */
    public double organicFraction(int stage, int j) {
        return fraction(lnOrganic, stage, j);
    }

    /** ln of the aqueous flow of component j leaving a stage (−∞ for an absent component). */
    public double lnAqueousFlow(int stage, int j) {
        return lnAqueous[(stage - 1) * components + j];
    }

    /** ln of the organic flow of component j leaving a stage. */
    public double lnOrganicFlow(int stage, int j) {
        return lnOrganic[(stage - 1) * components + j];
    }

    /**
     * ln of the aqueous flow leaving a stage summed over the components in {@code group} (−∞ for
     * none), from the logarithmic flows, so that trace components keep their digits.
     */
    public double lnAqueousFlow(int stage, Iterable<Integer> group) {
        double sum = Double.NEGATIVE_INFINITY;
        for (int j : group) {
            sum = LogSum.of(sum, lnAqueous[(stage - 1) * components + j]);
        }
        return sum;
    }

    /** Total aqueous flow leaving a stage. */
    public double aqueousTotal(int stage) {
        return Math.exp(LogSum.of(lnAqueous, (stage - 1) * components, components));
    }

    /** Total organic flow leaving a stage. */
    public double organicTotal(int stage) {
        return Math.exp(LogSum.of(lnOrganic, (stage - 1) * components, components));
    }

    private double fraction(double[] ln, int stage, int j) {
        int off = (stage - 1) * components;
        return Math.exp(ln[off + j] - LogSum.of(ln, off, components));
    }

    @Override
    public double[] lnAqueous() {
        return lnAqueous.clone();
    }

    @Override
    public double[] lnOrganic() {
        return lnOrganic.clone();
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
        return "SteadyState[" + method + ", " + stages + " stages, " + iterations + " iterations, residual "
                + residual + ", balance " + massBalanceError + "]";
    }
}
