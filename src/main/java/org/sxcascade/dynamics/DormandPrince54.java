package org.sxcascade.dynamics;

/**
 * The explicit Runge–Kutta pair of Dormand and Prince, order 5 with an embedded order-4 error
 * estimate, first-same-as-last (J. R. Dormand, P. J. Prince, "A family of embedded Runge–Kutta
 * formulae", J. Comput. Appl. Math. 6 (1980) 19–26; coefficients and step-size control as in
 * Hairer, Nørsett &amp; Wanner, <i>Solving Ordinary Differential Equations I</i>, 2nd ed.,
 * Springer 1993, §II.5 and the code DOPRI5). The step size follows a PI controller
 * (exponents 0.2 − 0.75β and β = 0.04, HNW I §II.4), which keeps the step steady where
 * stability rather than accuracy limits it, as on the approach to steady state here.
 *
 * <p>Local errors are measured in the maximum norm against {@code atol_i + rtol·|y_i|}. Between
 * the last two step points the solution is available by cubic Hermite interpolation
 * ({@link #interpolate}), which reproduces linear invariants exactly. Allocation-free after
 * construction; one instance integrates one system at a time.
 */
public final class DormandPrince54 extends AdaptiveIntegrator {
    /** The right-hand side of an autonomous system y' = f(y). */
    @FunctionalInterface
    public interface OdeSystem {
        void derivatives(double[] y, double[] dydt);
    }

    private static final double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private static final double A21 = 1.0 / 5;
    private static final double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private static final double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private static final double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561,
            A54 = -212.0 / 729;
    private static final double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176,
            A65 = -5103.0 / 18656;
    private static final double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784,
            B6 = 11.0 / 84;
    // b − b̂ (fifth- minus fourth-order weights)
    private static final double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200,
            E6 = 22.0 / 525, E7 = -1.0 / 40;

    private static final double SAFETY = 0.9;
    private static final double BETA = 0.04;
    private static final double EXPONENT = 0.2 - 0.75 * BETA;
    private static final double MIN_FACTOR = 0.2;
    private static final double MAX_FACTOR = 10;

    private final double[] stage;
    private final double[] k2;
    private final double[] k3;
    private final double[] k4;
    private final double[] k5;
    private final double[] k6;
    private final double[] k7;

    private OdeSystem system;
    private double errorPrevious = 1e-4;

    /**
     * @param rtol relative tolerance
     * @param atol absolute tolerance of each component (copied)
     */
    public DormandPrince54(double rtol, double[] atol) {
        super(rtol, atol);
        stage = new double[n];
        k2 = new double[n];
        k3 = new double[n];
        k4 = new double[n];
        k5 = new double[n];
        k6 = new double[n];
        k7 = new double[n];
    }

    /** Starts at (t0, y0) with first trial step h0. */
    public void start(OdeSystem system, double t0, double[] y0, double h0) {
        startAt(t0, y0, h0);
        restart(system);
    }

    /** Continues from the current point with a new right-hand side (after a step change of the system). */
    public void restart(OdeSystem system) {
        this.system = system;
        system.derivatives(y, f);
        evaluations++;
        errorPrevious = 1e-4; // (fPrevious belongs to the last step's interval; the next step sets it)
    }

    /**
     * Takes one accepted step, not beyond {@code tEnd} (a step that would pass it is shortened to
     * end on it exactly).
     *
     * @throws StepSizeUnderflowException if the step size falls below rounding level
     */
    public void step(double tEnd) {
        advance(tEnd);
    }

    /** PI step-size control (Gustafsson; HNW I §II.4, as in DOPRI5). */
    @Override
    double acceptedStep(double hs, double err) {
        double factor = Math.pow(err, EXPONENT) / Math.pow(errorPrevious, BETA) / SAFETY;
        factor = Math.max(1 / MAX_FACTOR, Math.min(1 / MIN_FACTOR, factor));
        errorPrevious = Math.max(err, 1e-4);
        return hs / factor;
    }

    @Override
    double rejectedStep(double hs, double err) {
        double factor = Math.min(1 / MIN_FACTOR, Math.pow(err, EXPONENT) / SAFETY);
        return hs / factor;
    }

    /** First same as last: f at the new point is the last stage. */
    @Override
    void newDerivative() {
        System.arraycopy(k7, 0, f, 0, n);
    }

    /** One trial step of size hs from (t, y): fills yTrial and k7, returns the scaled error. */
    @Override
    double attempt(double hs) {
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + hs * A21 * f[i];
        }
        system.derivatives(stage, k2);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + hs * (A31 * f[i] + A32 * k2[i]);
        }
        system.derivatives(stage, k3);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + hs * (A41 * f[i] + A42 * k2[i] + A43 * k3[i]);
        }
        system.derivatives(stage, k4);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + hs * (A51 * f[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
        }
        system.derivatives(stage, k5);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + hs * (A61 * f[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
        }
        system.derivatives(stage, k6);
        for (int i = 0; i < n; i++) {
            yTrial[i] = y[i] + hs * (B1 * f[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
        }
        system.derivatives(yTrial, k7);
        evaluations += 6;
        double err = 0;
        for (int i = 0; i < n; i++) {
            double e = hs * (E1 * f[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
            err = scaledError(e, i, err);
        }
        return err;
    }

    /** The step size fell to rounding level: the system cannot be integrated further. */
    public static final class StepSizeUnderflowException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepSizeUnderflowException(double t, double h) {
            super(String.format(java.util.Locale.ROOT,
                    "the integration step fell to %.3g h at t = %.6g h (rounding level): the system cannot be "
                            + "integrated further with this tolerance", h, t));
        }
    }
}
