package org.sxcascade.dynamics;

/**
 * The two-stage linearly implicit Rosenbrock method ROS2 (J. G. Verwer, E. J. Spee, J. G. Blom,
 * W. Hundsdorfer, "A second-order Rosenbrock method applied to photochemical dispersion problems",
 * SIAM J. Sci. Comput. 20 (1999) 1456–1480), with γ = 1 + 1/√2, for which it is L-stable:
 * <pre>
 *   (I − γhJ) k1 = f(y_n)
 *   (I − γhJ) k2 = f(y_n + h k1) − 2 k1
 *   y_{n+1} = y_n + 3/2 h k1 + 1/2 h k2
 * </pre>
 * It has order 2 for any matrix J (a W-method), so J may be an approximate or older Jacobian;
 * here it is the forward-difference Jacobian of the cascade's stage splits
 * ({@link CascadeDynamics#splitJacobian}), re-evaluated every step, and the linear systems are
 * block-tridiagonal ({@link CascadeDynamics#iterationMatrix}, {@link org.sxcascade.solver.BlockTridiagonalSolver}).
 * Every linear invariant of f (what is conserved) is kept: its row of the Jacobian is zero.
 *
 * <p>Error: y_{n+1} − (y_n + h k1) = h/2 (k1 + k2), the difference to the embedded first-order
 * solution, in the maximum norm against {@code atol_i + rtol·|y_i|}; the step follows
 * h_new = h · min(4, max(0.2, 0.8 / √err)). Near a steady state f → 0 and the steps grow without a
 * stability limit (R(∞) = 0), which is what takes a cascade to its steady state in few steps. Dense
 * output: cubic Hermite from the end values and derivatives, as {@link DormandPrince54}.
 * Allocation-free after construction.
 */
final class Rosenbrock2 extends Rosenbrock {
    private static final double GAMMA = 1 + 1 / Math.sqrt(2);
    private static final double SAFETY = 0.8;

    private final double[] k1;
    private final double[] k2;

    /**
     * @param d    the first system (sets the dimensions)
     * @param rtol relative tolerance
     * @param atol absolute tolerance of each component (copied)
     */
    Rosenbrock2(CascadeDynamics d, double rtol, double[] atol) {
        super(d, rtol, atol);
        k1 = new double[n];
        k2 = new double[n];
    }

    @Override
    double safety() {
        return SAFETY;
    }

    /** The embedded estimate has order 1: the error goes as h^2. */
    @Override
    double errorRoot(double err) {
        return Math.sqrt(err);
    }

    /** One trial step of size hs from (t, y): fills yTrial, returns the scaled error (∞ if singular). */
    @Override
    double attempt(double hs) {
        double gh = GAMMA * hs;
        if (!factor(gh)) {
            return Double.POSITIVE_INFINITY;
        }
        System.arraycopy(f, 0, k1, 0, n);
        solve(gh, k1);
        for (int i = 0; i < n; i++) {
            yTrial[i] = y[i] + hs * k1[i];
        }
        system.derivatives(yTrial, k2);
        evaluations++;
        for (int i = 0; i < n; i++) {
            k2[i] -= 2 * k1[i];
        }
        solve(gh, k2);
        double err = 0;
        for (int i = 0; i < n; i++) {
            yTrial[i] = y[i] + hs * (1.5 * k1[i] + 0.5 * k2[i]);
            err = scaledError(0.5 * hs * (k1[i] + k2[i]), i, err);
        }
        return err;
    }
}
