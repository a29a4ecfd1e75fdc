package org.sxcascade.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of a shake-out fit: parameters with standard errors and 95 % intervals, their
 * correlations, and every point's measured and predicted log10 D.
 *
 * @param model       the model fitted ({@code mass-action})
 * @param selection   the rows and points fitted, and what was left out
 * @param parameters  the fitted parameters, in the order of the covariance
 * @param solution    the least-squares solution
 * @param measured    log10 D measured, per point
 * @param pH          equilibrium pH of each point's experiment, as the fitted model computes it
 * @param freeDimer   equilibrium free extractant of each point's experiment, mol/L as dimer
 * @param reference   the rare earth the separation factors are relative to
 * @param betas       separation factors β = K_j/K_ref with their intervals
 */
public record FitResult(String model, ShakeoutSelection selection, List<Parameter> parameters,
                        WeightedLeastSquares.Solution solution, double[] measured, double[] pH, double[] freeDimer,
                        String reference, List<Parameter> betas) {
    /** {@link Parameter#quantity()} of a fitted cation constant K_M (its estimate is ln K_M). */
    public static final String CATION_CONSTANT = "K_M";
    /** {@link Parameter#quantity()} of a fitted extractant stoichiometry n shared by the rare earths. */
    public static final String STOICHIOMETRY = "n";

    /**
     * A fitted quantity.
     *
     * @param name          e.g. {@code ln K_ex(Nd)}
     * @param element       the rare earth it belongs to; null for a parameter shared by all of them
     *                      ({@link #CATION_CONSTANT}, {@link #STOICHIOMETRY})
     * @param quantity      what it is the logarithm of ({@code K_ex}, {@code beta}) when {@code logarithmic}
     * @param estimate      the estimate (ln of the quantity when {@code logarithmic})
     * @param standardError its standard error
     * @param low           lower end of the 95 % interval
     * @param high          upper end of the 95 % interval
     * @param logarithmic   whether estimate, error and interval are in ln of the quantity
     */
    public record Parameter(String name, String element, String quantity, double estimate, double standardError,
                            double low, double high, boolean logarithmic) {
        /** The quantity itself (exp of the estimate when logarithmic). */
        public double value() {
            return logarithmic ? Math.exp(estimate) : estimate;
        }

        /** Lower end of the 95 % interval of the quantity itself. */
        public double valueLow() {
            return logarithmic ? Math.exp(low) : low;
        }

        /** Upper end of the 95 % interval of the quantity itself. */
        public double valueHigh() {
            return logarithmic ? Math.exp(high) : high;
        }
    }

    /**
     * The parameters of the rare earths (K_ex, D, β or a, b, c), in the order of the covariance;
     * the shared ones ({@link #cationConstant()}, {@link #stoichiometry()}) follow them.
     */
    public List<Parameter> elementParameters() {
        return parameters.stream().filter(p -> p.element() != null).toList();
    }

    /** The fitted K_M (its estimate ln K_M), or null when K_M was given, not fitted. */
    public Parameter cationConstant() {
        return shared(CATION_CONSTANT);
    }

    /** The fitted extractant stoichiometry n shared by the rare earths, or null when it is 3 (mass action). */
    public Parameter stoichiometry() {
        return shared(STOICHIOMETRY);
    }

    private Parameter shared(String quantity) {
        return parameters.stream().filter(p -> p.element() == null && p.quantity().equals(quantity)).findFirst()
                .orElse(null);
    }

    /** A point's residual. */
    public record Residual(String experimentId, int line, String element, double measured, double predicted) {
        /** predicted − measured log10 D. */
        public double residual() {
            return predicted - measured;
        }
    }

    /** Number of points fitted. */
    public int pointCount() {
        return measured.length;
    }

    /** log10 D predicted at point i. */
    public double predicted(int i) {
        return solution.predicted()[i];
    }

    /** The residual of point i. */
    public Residual residual(int i) {
        Shakeout s = selection.rows().get(selection.pointRow()[i]);
        return new Residual(s.experimentId(), s.line(), selection.elements().get(selection.pointElement()[i]),
                measured[i], predicted(i));
    }

    /** The fitted points as measured and predicted, for the RMS per rare earth. */
    public Prediction points() {
        return new Prediction(selection, measured, solution.predicted());
    }

    /** Points fitted of rare earth k. */
    public int count(int k) {
        return points().count(k);
    }

    /** Unweighted RMS of predicted − measured log10 D over the points of rare earth k. */
    public double rmsLog10D(int k) {
        return points().rmsLog10D(k);
    }

    /** Unweighted RMS of predicted − measured log10 D over all points. */
    public double rmsLog10D() {
        return points().rmsLog10D();
    }

    /** The {@code count} points with the largest |residual|, largest first. */
    public List<Residual> largestResiduals(int count) {
        List<Residual> all = new ArrayList<>();
        for (int i = 0; i < measured.length; i++) {
            all.add(residual(i));
        }
        all.sort(Comparator.comparingDouble((Residual r) -> -Math.abs(r.residual())));
        return all.subList(0, Math.min(count, all.size()));
    }
}
