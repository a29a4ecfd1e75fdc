package org.sxcascade.dynamics;

import org.sxcascade.solver.BlockTridiagonalSolver;

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
 * block-tridiagonal ({@link CascadeDynamics#iterationMatrix}, {@link BlockTridiagonalSolver}).
 * Every linear invariant of f (what is conserved) is kept: its row of the Jacobian is zero.
 *
 * <p>Error: y_{n+1} − (y_n + h k1) = h/2 (k1 + k2), the difference to the embedded first-order
 * solution, in the maximum norm against {@code atol_i + rtol·|y_i|}; the step follows
 * h_new = h · min(4, max(0.2, 0.8 / √err)). Near a steady state f → 0 and the steps grow without a
 * stability limit (R(∞) = 0), which is what takes a cascade to its steady state in few steps. Dense
 * output: cubic Hermite from the end values and derivatives, as {@link DormandPrince54}.
 * Allocation-free after construction.
 */
final class Rosenbrock2 extends AdaptiveIntegrator {
    private static final double GAMMA = 1 + 1 / Math.sqrt(2);
    private static final double SAFETY = 0.8;
    private static final double MIN_FACTOR = 0.2;
    private static final double MAX_FACTOR = 4;

    private final double[] k1;
    private final double[] k2;
    private final double[] dA;
    private final double[] dO;
    private final BlockTridiagonalSolver solver;
    private CascadeDynamics system;
    private long jacobians;

    /**
     * @param d    the first system (sets the dimensions)
     * @param rtol relative tolerance
     * @param atol absolute tolerance of each component (copied)
     */
    Rosenbrock2(CascadeDynamics d, double rtol, double[] atol) {
        super(rtol, atol);
        k1 = new double[n];
        k2 = new double[n];
        int c = d.components();
        dA = new double[d.stages() * c * c];
        dO = new double[d.stages() * c * c];
        solver = new BlockTridiagonalSolver(d.stages(), c);
    }

    /** Starts at (t0, y0) with first trial step h0. */
    void start(CascadeDynamics d, double t0, double[] y0, double h0) {
        startAt(t0, y0, h0);
        restart(d);
    }

    /** Continues from the current point with a new system (after a step change). */
    void restart(CascadeDynamics d) {
        if (!d.blockTridiagonal()) {
            throw new IllegalArgumentException("the implicit integrator needs equilibrium stages");
        }
        system = d;
        d.derivatives(y, f);
        evaluations++;
    }

    /**
     * Takes one accepted step, not beyond {@code tEnd}, with the Jacobian at its start.
     *
     * @throws DormandPrince54.StepSizeUnderflowException if the step size falls below rounding level
     */
    void step(double tEnd) {
        advance(tEnd);
    }

    @Override
    void beforeStep() {
        system.splitJacobian(y, dA, dO);
        jacobians++;
    }

    @Override
    double acceptedStep(double hs, double err) {
        return hs * (err == 0 ? MAX_FACTOR : Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, SAFETY / Math.sqrt(err))));
    }

    @Override
    double rejectedStep(double hs, double err) {
        return hs * Math.max(MIN_FACTOR, SAFETY / Math.sqrt(err));
    }

    @Override
    void newDerivative() {
        system.derivatives(y, f);
        evaluations++;
    }

    /** One trial step of size hs from (t, y): fills yTrial, returns the scaled error (∞ if singular). */
    @Override
    double attempt(double hs) {
        double gh = GAMMA * hs;
        system.iterationMatrix(gh, dA, dO, solver);
        if (!solver.factor(system.stages())) {
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

    /** Solves (I − γhJ) x = r in place: the stages block-tridiagonally, then the withdrawn amounts. */
    private void solve(double gh, double[] x) {
        solver.solve(system.stages(), x);
        system.withdrawnPart(gh, dA, dO, x);
    }

    /** Jacobian evaluations (each N·C splits). */
    long jacobians() {
        return jacobians;
    }
}
