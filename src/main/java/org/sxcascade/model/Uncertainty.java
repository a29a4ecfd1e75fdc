package org.sxcascade.model;

import java.util.List;

/**
 * The {@code uncertainty} section of a case file (docs/design.md, "Uncertainty"): the relative
 * standard deviations of a Monte Carlo of the case, and optionally the covariance of the ln of the
 * named components' constants (separation factors, distribution ratios or exchange constants), as
 * {@code fit --case-out} writes it from a fit.
 *
 * @param chemistry  relative σ of each constant not in the covariance
 * @param feed       relative σ of each feed fraction
 * @param flow       relative σ of each controlled flow
 * @param components the components of the covariance (empty for none)
 * @param covariance the covariance of their ln constants, symmetric and positive semi-definite
 * @param box        the half-width δ of the box of the constants for the worst case ({@code box.chemistry}):
 *                   each constant x anywhere in [x/(1 + δ), x·(1 + δ)], i.e. ±ln(1 + δ) in its ln; 0 for none
 * @param feedBox    the box's half-width on each feed fraction ({@code box.feed}, renormalised); 0 for none
 * @param flowBox    the box's half-width on each controlled flow ({@code box.flows}); 0 for none
 */
public record Uncertainty(double chemistry, double feed, double flow, List<String> components,
                          double[][] covariance, double box, double feedBox, double flowBox) {
    /** Largest variance of a ln constant in the covariance: σ of ln 1, a factor e, as the largest σ. */
    public static final double MAX_VARIANCE = 1;

    /** Largest half-width of a box: a factor 2 either way. */
    public static final double MAX_BOX = 1;

    /** Without a box. */
    public Uncertainty(double chemistry, double feed, double flow, List<String> components, double[][] covariance) {
        this(chemistry, feed, flow, components, covariance, 0);
    }

    /** With a box of the constants only. */
    public Uncertainty(double chemistry, double feed, double flow, List<String> components, double[][] covariance,
                       double box) {
        this(chemistry, feed, flow, components, covariance, box, 0, 0);
    }

    public Uncertainty {
        checkBox("uncertainty.box.chemistry", box);
        checkBox("uncertainty.box.feed", feedBox);
        checkBox("uncertainty.box.flows", flowBox);
        components = List.copyOf(components);
        int n = components.size();
        if (covariance.length != n) {
            throw new InvalidInputException("uncertainty.covariance.matrix", covariance.length + " rows",
                    "one row per component of uncertainty.covariance.components (" + n + ")");
        }
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            if (covariance[i].length != n) {
                throw new InvalidInputException("uncertainty.covariance.matrix[" + i + "]", covariance[i].length
                        + " numbers", n + " numbers: the matrix is square");
            }
            copy[i] = covariance[i].clone();
        }
        for (int i = 0; i < n; i++) {
            if (!(copy[i][i] >= 0 && copy[i][i] <= MAX_VARIANCE)) {
                throw new InvalidInputException("uncertainty.covariance.matrix[" + i + "][" + i + "]", copy[i][i],
                        "a variance of the ln constant from 0 to " + MAX_VARIANCE + " (σ of ln up to 1, a factor e, "
                                + "as the largest relative σ)");
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double a = copy[i][j];
                double b = copy[j][i];
                if (!Double.isFinite(a) || Math.abs(a - b) > 1e-9 * Math.max(1e-300, Math.abs(a) + Math.abs(b))) {
                    throw new InvalidInputException("uncertainty.covariance.matrix[" + i + "][" + j + "]", a,
                            "a finite number equal to matrix[" + j + "][" + i + "] (a covariance is symmetric)");
                }
            }
        }
        if (cholesky(copy) == null) {
            throw new InvalidInputException("uncertainty.covariance.matrix", "not positive semi-definite",
                    "a covariance matrix (every variance ≥ 0, correlations within ±1)");
        }
        covariance = copy;
    }

    /** Checks a box's half-width δ: 0 … {@link #MAX_BOX} (exit 2 naming the field otherwise). */
    public static void checkBox(String field, double delta) {
        if (!(delta >= 0 && delta <= MAX_BOX)) {
            throw new InvalidInputException(field, delta, "a relative half-width from 0 to 1 (0.05: each constant "
                    + "anywhere from x/1.05 to 1.05·x)");
        }
    }

    /** Whether the section scatters anything for a Monte Carlo: a σ above 0 or a covariance. */
    public boolean scatters() {
        return chemistry > 0 || feed > 0 || flow > 0 || !components.isEmpty();
    }

    /** Whether the section has a box (of the constants, the feed or the flows). */
    public boolean hasBox() {
        return box > 0 || feedBox > 0 || flowBox > 0;
    }

    /** No uncertainty section: all σ 0, no covariance. */
    public static final Uncertainty NONE = new Uncertainty(0, 0, 0, List.of(), new double[0][]);

    @Override
    public double[][] covariance() {
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariance[i].clone();
        }
        return c;
    }

    /** The lower-triangular L with L Lᵀ = the covariance (zero pivots allowed), or null if not PSD. */
    public double[][] cholesky() {
        return cholesky(covariance);
    }

    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            double scale = Math.max(1e-300, Math.abs(a[j][j]));
            if (d < -1e-12 * scale) {
                return null;
            }
            l[j][j] = Math.sqrt(Math.max(0, d));
            for (int i = j + 1; i < n; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = l[j][j] == 0 ? 0 : s / l[j][j];
            }
        }
        return l;
    }
}
