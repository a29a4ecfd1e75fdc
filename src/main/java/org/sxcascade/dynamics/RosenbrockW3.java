package org.sxcascade.dynamics;

/**
 * The four-stage linearly implicit Rosenbrock–W method ROS34PW2 of J. Rang and L. Angermann ("New
 * Rosenbrock W-methods of order 3 for partial differential algebraic equations of index 1", BIT
 * Numer. Math. 45 (2005) 761–787): order 3 for any matrix J in place of the Jacobian (a W-method),
 * L-stable (R(∞) = 0) and stiffly accurate, with an embedded solution of order 2. With
 * γ = 0.435866521508459 and the tableau (α_ij, γ_ij, b_i, b̂_i) of the paper, in the transformed
 * variables u_i = h Σ_{j≤i} γ_ij k_j that need no product with J (E. Hairer, G. Wanner, Solving
 * Ordinary Differential Equations II, 2nd ed., §IV.7, (7.25)), for an autonomous f:
 * <pre>
 *   (I − γhJ) u_i = γh f(y_n + Σ_{j&lt;i} a_ij u_j) + γ Σ_{j&lt;i} c_ij u_j,   i = 1..4
 *   y_{n+1} = y_n + Σ m_i u_i,   error estimate Σ (m_i − m̂_i) u_i
 * </pre>
 * with (a_ij) = (α_ij) Γ⁻¹, (c_ij) = diag(1/γ) − Γ⁻¹, m = b Γ⁻¹, m̂ = b̂ Γ⁻¹, Γ = (γ_ij); the
 * coefficients below are those products in double precision (ConvergenceTest checks the order).
 * Stiffly accurate: the last stage point plus u_4 is the solution. Stage 1 is f(y_n), which the
 * previous step left, so a step costs one Jacobian of the stage splits, one block-tridiagonal
 * factorisation, four solves and three evaluations of f (plus one at the new point for the next
 * step and the dense output).
 *
 * <p>The Jacobian is the forward-difference one of the stage splits, so it is not exact: a
 * W-method keeps its order with it. Every linear invariant of f (what is conserved) is kept, since
 * its row of J is zero. Step control h_new = h · min(4, max(0.2, 0.9 / err^{1/3})). Dense output
 * cubic Hermite from the end values and derivatives, as {@link DormandPrince54}. Allocation-free
 * after construction.
 */
final class RosenbrockW3 extends Rosenbrock {
    static final double GAMMA = 0.435866521508459;
    private static final double A21 = 2.0;
    private static final double A31 = 1.4192173174557652;
    private static final double A32 = -0.25923221167296978;
    private static final double A41 = 4.1847604823191613;
    private static final double A42 = -0.28519201735549599;
    private static final double A43 = 2.2942803602790423;
    private static final double C21 = -4.5885607205580836;
    private static final double C31 = -4.1847604823191613;
    private static final double C32 = 0.28519201735549599;
    private static final double C41 = -6.3681792001283597;
    private static final double C42 = -6.7956209444668367;
    private static final double C43 = 2.8700986043310550;
    /** m_i − m̂_i: the difference of the third- and the second-order solution. */
    private static final double E1 = 0.27774994764797034;
    private static final double E2 = -1.4032398951759986;
    private static final double E3 = 1.7726301276675511;
    private static final double E4 = 0.5;
    private static final double SAFETY = 0.9;

    private final double[] u1;
    private final double[] u2;
    private final double[] u3;
    private final double[] u4;

    /**
     * @param d    the first system (sets the dimensions)
     * @param rtol relative tolerance
     * @param atol absolute tolerance of each component (copied)
     */
    RosenbrockW3(CascadeDynamics d, double rtol, double[] atol) {
        super(d, rtol, atol);
        u1 = new double[n];
        u2 = new double[n];
        u3 = new double[n];
        u4 = new double[n];
    }

    @Override
    double safety() {
        return SAFETY;
    }

    /** The embedded estimate has order 2: the error goes as h^3. */
    @Override
    double errorRoot(double err) {
        return Math.cbrt(err);
    }

    /** One trial step of size hs from (t, y): fills yTrial, returns the scaled error (∞ if singular). */
    @Override
    double attempt(double hs) {
        double gh = GAMMA * hs;
        if (!factor(gh)) {
            return Double.POSITIVE_INFINITY;
        }
        // stage 1: f(y_n)
        for (int i = 0; i < n; i++) {
            u1[i] = gh * f[i];
        }
        solve(gh, u1);
        // stage 2; yTrial holds the stage points
        for (int i = 0; i < n; i++) {
            yTrial[i] = y[i] + A21 * u1[i];
        }
        system.derivatives(yTrial, u2);
        evaluations++;
        for (int i = 0; i < n; i++) {
            u2[i] = gh * u2[i] + GAMMA * C21 * u1[i];
        }
        solve(gh, u2);
        // stage 3
        for (int i = 0; i < n; i++) {
            yTrial[i] = y[i] + A31 * u1[i] + A32 * u2[i];
        }
        system.derivatives(yTrial, u3);
        evaluations++;
        for (int i = 0; i < n; i++) {
            u3[i] = gh * u3[i] + GAMMA * (C31 * u1[i] + C32 * u2[i]);
        }
        solve(gh, u3);
        // stage 4, at the point the solution builds on (stiffly accurate: m_j = a_4j, m_4 = 1)
        for (int i = 0; i < n; i++) {
            yTrial[i] = y[i] + A41 * u1[i] + A42 * u2[i] + A43 * u3[i];
        }
        system.derivatives(yTrial, u4);
        evaluations++;
        for (int i = 0; i < n; i++) {
            u4[i] = gh * u4[i] + GAMMA * (C41 * u1[i] + C42 * u2[i] + C43 * u3[i]);
        }
        solve(gh, u4);
        double err = 0;
        for (int i = 0; i < n; i++) {
            yTrial[i] += u4[i];
            err = scaledError(E1 * u1[i] + E2 * u2[i] + E3 * u3[i] + E4 * u4[i], i, err);
        }
        return err;
    }
}
