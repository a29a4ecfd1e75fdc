package org.sxcascade.fit;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.util.Pair;
import org.sxcascade.model.InvalidInputException;

/**
 * Weighted nonlinear least squares shared by every model that {@code sxcascade fit} fits:
 * minimises {@code Σ_i w_i (f_i(p) − t_i)²} with Commons Math's Levenberg–Marquardt optimizer, the
 * Jacobian by central differences, and gives the parameters' covariance
 * {@code σ̂² (JᵀWJ)⁻¹} with {@code σ̂² = Σ w r² / (n − p)} and the two-sided 95 % Student t quantile
 * on n − p degrees of freedom (the usual linearised intervals, e.g. Bates &amp; Watts, Nonlinear
 * Regression Analysis and Its Applications, Wiley 1988, ch. 2).
 */
public final class WeightedLeastSquares {
    /** Central-difference step in the parameters (they are logarithms or slopes of order 1). */
    private static final double STEP = 1e-5;
    /** A condition number of √W·J above this makes the parameters not identifiable from the data. */
    private static final double MAX_CONDITION = 1e10;

    /** The predictions f(p) of a model. */
    @FunctionalInterface
    public interface Model {
        /** Writes the n predictions at parameters p into {@code out}. */
        void predict(double[] p, double[] out);
    }

    /**
     * A least-squares solution.
     *
     * @param parameters  the estimates
     * @param predicted   f at the estimates
     * @param covariance  σ̂² (JᵀWJ)⁻¹
     * @param sigma       σ̂, the residual standard deviation for weight 1
     * @param dof         n − p (less the nuisance parameters eliminated, if any)
     * @param t975        the 97.5 % quantile of Student's t with n − p degrees of freedom
     * @param iterations  Levenberg–Marquardt iterations
     * @param evaluations model evaluations by the optimizer (each Jacobian costs 2p more)
     */
    public record Solution(double[] parameters, double[] predicted, double[][] covariance, double sigma, int dof,
                           double t975, int iterations, int evaluations) {
        /** Standard error of parameter k. */
        public double standardError(int k) {
            return Math.sqrt(covariance[k][k]);
        }

        /** Correlation of parameters k and l. */
        public double correlation(int k, int l) {
            return covariance[k][l] / Math.sqrt(covariance[k][k] * covariance[l][l]);
        }
    }

    private WeightedLeastSquares() {
    }

    /**
     * Fits the model to the targets.
     *
     * @param model   the predictions
     * @param target  the measured values t_i
     * @param weight  w_i &gt; 0
     * @param start   the starting parameters
     * @param names   parameter names, for the message when they cannot be told apart
     * @throws InvalidInputException if there are no more points than parameters, or the parameters
     *         are not identifiable from the data (the message gives the most correlated pair)
     */
    public static Solution fit(Model model, double[] target, double[] weight, double[] start, String[] names) {
        return fit(model, target, weight, start, names, 0);
    }

    /**
     * Fits a model that has, besides its parameters, {@code nuisance} linear parameters eliminated
     * inside {@link Model#predict} (variable projection: for each trial of the parameters the model
     * sets the nuisance ones to their weighted least-squares values). For a model linear in the
     * nuisance parameters the Jacobian of the projected predictions gives the parameters' exact
     * covariance (the Frisch–Waugh–Lovell theorem); the nuisance parameters still use up degrees of
     * freedom: n − p − nuisance.
     */
    public static Solution fit(Model model, double[] target, double[] weight, double[] start, String[] names,
                               int nuisance) {
        int n = target.length;
        int p = start.length;
        if (n <= p + nuisance) {
            throw new InvalidInputException("points", n + " point" + (n == 1 ? "" : "s") + " for " + (p + nuisance)
                    + " parameter" + (p + nuisance == 1 ? "" : "s") + " (" + String.join(", ", names)
                    + (nuisance > 0 ? " and " + nuisance + " experiment level" + (nuisance == 1 ? "" : "s") : "")
                    + ")", "more points than parameters, so that the scatter and the intervals can be estimated");
        }
        double[] root = new double[n];
        double[] scaledTarget = new double[n];
        for (int i = 0; i < n; i++) {
            root[i] = Math.sqrt(weight[i]);
            scaledTarget[i] = root[i] * target[i];
        }
        double[] value = new double[n];
        double[] plus = new double[n];
        double[] minus = new double[n];
        double[] shifted = new double[p];
        LeastSquaresBuilder builder = new LeastSquaresBuilder()
                .start(start)
                .target(scaledTarget)
                .maxEvaluations(10_000)
                .maxIterations(10_000)
                .lazyEvaluation(false)
                .model(point -> {
                    double[] x = point.toArray();
                    model.predict(x, value);
                    double[][] jac = jacobian(model, x, root, plus, minus, shifted);
                    double[] f = new double[n];
                    for (int i = 0; i < n; i++) {
                        f[i] = root[i] * value[i];
                    }
                    return new Pair<>(new ArrayRealVector(f, false), new Array2DRowRealMatrix(jac, false));
                });
        LeastSquaresOptimizer.Optimum optimum;
        try {
            optimum = new LevenbergMarquardtOptimizer()
                    .withCostRelativeTolerance(1e-14)
                    .withParameterRelativeTolerance(1e-12)
                    .withOrthoTolerance(1e-14)
                    .optimize(builder.build());
        } catch (TooManyEvaluationsException | TooManyIterationsException | ConvergenceException e) {
            throw new FitFailedException("the Levenberg–Marquardt iteration did not converge (" + e.getMessage()
                    + ")");
        } catch (InvalidInputException e) {
            // a trial point the model refuses (e.g. a constant that overflows): the data are not at fault
            throw new FitFailedException("the Levenberg–Marquardt iteration left the range the model accepts ("
                    + e.getMessage() + "): the data ask for what the model cannot give at any parameters, e.g. "
                    + "more RE in the organic than its extractant holds (a sixth of the monomer concentration)");
        }
        double[] est = optimum.getPoint().toArray();
        double[] predicted = new double[n];
        model.predict(est, predicted);
        SingularValueDecomposition svd = conditioned(optimum.getJacobian(), names);
        RealMatrix inv = svd.getSolver().getInverse(); // pseudo-inverse of √W·J
        double[][] cov = inv.multiply(inv.transpose()).getData(); // (JᵀWJ)⁻¹
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double r = predicted[i] - target[i];
            ss += weight[i] * r * r;
        }
        int dof = n - p - nuisance;
        double s2 = ss / dof;
        for (double[] row : cov) {
            for (int l = 0; l < p; l++) {
                row[l] *= s2;
            }
        }
        double t = new TDistribution(null, dof).inverseCumulativeProbability(0.975);
        return new Solution(est, predicted, cov, Math.sqrt(s2), dof, t, optimum.getIterations(),
                optimum.getEvaluations());
    }

    /** √W·J by central differences at x (n × p), with the given scratch arrays. */
    private static double[][] jacobian(Model model, double[] x, double[] root, double[] plus, double[] minus,
                                       double[] shifted) {
        int n = root.length;
        int p = x.length;
        double[][] jac = new double[n][p];
        for (int k = 0; k < p; k++) {
            System.arraycopy(x, 0, shifted, 0, p);
            shifted[k] = x[k] + STEP;
            model.predict(shifted, plus);
            shifted[k] = x[k] - STEP;
            model.predict(shifted, minus);
            for (int i = 0; i < n; i++) {
                jac[i][k] = root[i] * (plus[i] - minus[i]) / (2 * STEP);
            }
        }
        return jac;
    }

    /**
     * Refuses, before a fit, parameters the data cannot tell apart at the point {@code at} (e.g. the
     * start): the estimates' correlation matrix from (JᵀWJ)⁻¹, with the Jacobian by central
     * differences there, must have no entry between parameter k ≥ {@code from} and another beyond
     * ±{@code maxCorrelation}; a singular Jacobian is refused as in {@link #fit}.
     *
     * @throws InvalidInputException naming the most correlated pair and their correlation
     */
    public static void requireDistinguishable(Model model, double[] weight, double[] at, String[] names, int from,
                                              double maxCorrelation) {
        int n = weight.length;
        double[] root = new double[n];
        for (int i = 0; i < n; i++) {
            root[i] = Math.sqrt(weight[i]);
        }
        RealMatrix inv = conditioned(new Array2DRowRealMatrix(jacobian(model, at, root, new double[n], new double[n],
                new double[at.length]), false), names).getSolver().getInverse();
        requireDistinguishable(inv.multiply(inv.transpose()).getData(), names, from, maxCorrelation);
    }

    /**
     * Refuses estimates the data cannot tell apart: an entry of the correlation matrix of the
     * covariance {@code cov} between parameter k ≥ {@code from} and another beyond ±{@code maxCorrelation}.
     * The condition number of {@link #fit} catches exactly collinear columns; this catches a
     * parameter that the others nearly mimic (e.g. a slope on a variable that hardly varies).
     *
     * @throws InvalidInputException naming the most correlated pair and their correlation
     */
    public static void requireDistinguishable(double[][] cov, String[] names, int from, double maxCorrelation) {
        int[] pair = null;
        double worst = 0;
        for (int k = from; k < cov.length; k++) {
            for (int l = 0; l < cov.length; l++) {
                double c = l == k ? 0 : cov[k][l] / Math.sqrt(cov[k][k] * cov[l][l]);
                if (!(Math.abs(c) <= Math.abs(worst))) {
                    worst = c;
                    pair = new int[] {Math.min(k, l), Math.max(k, l)};
                }
            }
        }
        if (pair != null && !(Math.abs(worst) <= maxCorrelation)) {
            throw new InvalidInputException("parameters", names[pair[0]] + " and " + names[pair[1]],
                    "parameters the data can tell apart: " + names[pair[0]] + " and " + names[pair[1]] + " move "
                            + "together (correlation of their estimates " + String.format(java.util.Locale.ROOT,
                            "%.6f", worst) + ", beyond ±" + maxCorrelation + "): the data do not vary what tells "
                            + "them apart");
        }
    }

    /** The SVD of √W·J, refused if its condition number makes the parameters not identifiable. */
    private static SingularValueDecomposition conditioned(RealMatrix j, String[] names) {
        SingularValueDecomposition svd = new SingularValueDecomposition(j);
        if (!(svd.getConditionNumber() < MAX_CONDITION)) {
            RealMatrix jtj = j.transpose().multiply(j);
            int flat = flatColumn(jtj);
            if (flat >= 0) {
                throw new InvalidInputException("parameters", names[flat], "parameters the data can tell apart: "
                        + names[flat] + " has no effect on the predictions at the optimum (a slope held at the edge "
                        + "of its allowed range, or points that do not depend on it)");
            }
            int[] pair = mostCorrelated(jtj);
            throw new InvalidInputException("parameters", pair == null ? String.join(", ", names)
                    : names[pair[0]] + " and " + names[pair[1]],
                    "parameters the data can tell apart: the Jacobian has condition number "
                            + String.format(java.util.Locale.ROOT, "%.3g", svd.getConditionNumber())
                            + (pair == null ? "" : "; " + names[pair[0]] + " and " + names[pair[1]]
                            + " move together (correlation of their columns " + String.format(java.util.Locale.ROOT,
                            "%.6f", jtj.getEntry(pair[0], pair[1])
                                    / Math.sqrt(jtj.getEntry(pair[0], pair[0]) * jtj.getEntry(pair[1], pair[1])))
                            + ")") + " (e.g. a rare earth whose points are all at full loading)");
        }
        return svd;
    }

    /** A parameter whose Jacobian column is zero next to the largest one (1e-12 in the norm), or −1. */
    private static int flatColumn(RealMatrix jtj) {
        double largest = 0;
        for (int k = 0; k < jtj.getRowDimension(); k++) {
            largest = Math.max(largest, jtj.getEntry(k, k));
        }
        for (int k = 0; k < jtj.getRowDimension(); k++) {
            if (!(jtj.getEntry(k, k) > 1e-24 * largest)) {
                return k;
            }
        }
        return -1;
    }

    /** The pair of parameters with the largest |cosine| between their Jacobian columns, or null for one parameter. */
    private static int[] mostCorrelated(RealMatrix jtj) {
        int p = jtj.getRowDimension();
        int[] best = null;
        double worst = -1;
        for (int k = 0; k < p; k++) {
            for (int l = k + 1; l < p; l++) {
                double c = Math.abs(jtj.getEntry(k, l) / Math.sqrt(jtj.getEntry(k, k) * jtj.getEntry(l, l)));
                if (!(c <= worst)) {
                    worst = c;
                    best = new int[] {k, l};
                }
            }
        }
        return best;
    }
}
