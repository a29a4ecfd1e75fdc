package org.sxcascade.dynamics;

import org.sxcascade.solver.BlockTridiagonalSolver;

/**
 * What the linearly implicit (Rosenbrock) integrators of a transient run share ({@link Rosenbrock2},
 * {@link RosenbrockW3}): the forward-difference Jacobian of the cascade's stage splits
 * ({@link CascadeDynamics#splitJacobian}), evaluated once at the start of every step, and the
 * solution of (I − γhJ) x = r, block-tridiagonal in the stages ({@link CascadeDynamics#iterationMatrix},
 * {@link BlockTridiagonalSolver}) and then the withdrawn amounts ({@link CascadeDynamics#withdrawnPart}).
 * Allocation-free after construction.
 */
abstract class Rosenbrock extends AdaptiveIntegrator {
    /** Bounds of the step-size factor after a step. */
    private static final double MIN_FACTOR = 0.2;
    private static final double MAX_FACTOR = 4;

    final double[] dA;
    final double[] dO;
    final BlockTridiagonalSolver solver;
    CascadeDynamics system;
    long jacobians;

    /**
     * @param d    the first system (sets the dimensions)
     * @param rtol relative tolerance
     * @param atol absolute tolerance of each component (copied)
     */
    Rosenbrock(CascadeDynamics d, double rtol, double[] atol) {
        super(rtol, atol);
        int c = d.components();
        dA = new double[d.stages() * c * c];
        dO = new double[d.stages() * c * c];
        solver = new BlockTridiagonalSolver(d.stages(), c);
    }

    /** The safety factor of the step-size controller. */
    abstract double safety();

    /**
     * The controller's root of the scaled error: err^(1/q), q the order of the embedded error
     * estimate plus one (the local error goes as h^q).
     */
    abstract double errorRoot(double err);

    @Override
    final double acceptedStep(double hs, double err) {
        return hs * (err == 0 ? MAX_FACTOR : Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, safety() / errorRoot(err))));
    }

    @Override
    final double rejectedStep(double hs, double err) {
        return hs * Math.max(MIN_FACTOR, safety() / errorRoot(err));
    }

    /** Starts at (t0, y0) with first trial step h0. */
    final void start(CascadeDynamics d, double t0, double[] y0, double h0) {
        startAt(t0, y0, h0);
        restart(d);
    }

    /** Continues from the current point with a new system (after a step change). */
    final void restart(CascadeDynamics d) {
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
    final void step(double tEnd) {
        advance(tEnd);
    }

    @Override
    final void beforeStep() {
        system.splitJacobian(y, dA, dO);
        jacobians++;
    }

    @Override
    final void newDerivative() {
        system.derivatives(y, f);
        evaluations++;
    }

    /** Factors I − γhJ at γh = {@code gh}; false if it is singular. */
    final boolean factor(double gh) {
        system.iterationMatrix(gh, dA, dO, solver);
        return solver.factor(system.stages());
    }

    /** Solves (I − γhJ) x = r in place (after {@link #factor}): the stages, then the withdrawn amounts. */
    final void solve(double gh, double[] x) {
        solver.solve(system.stages(), x);
        system.withdrawnPart(gh, dA, dO, x);
    }

    /** Jacobian evaluations (each N·C splits). */
    final long jacobians() {
        return jacobians;
    }
}
