package org.sxcascade.solver;

import java.util.Arrays;
import org.sxcascade.equilibrium.ConstantDistributionRatios;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.equilibrium.EquilibriumModel;
import org.sxcascade.model.SolverSettings;

/**
 * Steady state by Newton's method on the coupled stage balances.
 *
 * <p><b>Variables and equations.</b> The state is u = ln l, the natural logarithms of the aqueous
 * component flows leaving every stage (so trace components far below 1e-308 keep their value);
 * the organic flows follow from the equilibrium model. Stage k, component j contributes
 * {@code F = in/out − 1} with in = v_{k−1} + l_{k+1} + f_k and out = v_k + l_k: the component
 * balance relative to its own stage outflow (docs/theory.md), so a trace component weighs as much as a
 * main one. Newton works on these balances with the row scale 1/out frozen, in relative unknowns
 * δ = Δl/l: the balances are then linear in the flows and the only nonlinearity is the
 * stage-local equilibrium (the idea of Naphtali and Sandholm's component-flow formulation), while
 * the relative unknowns keep every component's accuracy. The update is u ← u + ln(1 + δ),
 * continued so that flows stay positive. The Jacobian is block-tridiagonal with C×C blocks and is
 * solved by {@link BlockTridiagonalSolver}. Convergence: max |in/out − 1| ≤ tolerance.
 *
 * <p><b>Start.</b> For a CMER cascade with one feed stage (every case built from a case file) the
 * cold start is {@link SplitShooting}: the product split is found first, as the root of C − 1
 * matching equations between two cancellation-free stage-by-stage marches from the ends of the
 * cascade to the feed stage, and the two marches are the start profile. It is usually the steady
 * state to rounding already, so Newton only confirms it; its outer iterations count as iterations
 * of the solve. This takes the cascade's slow "inventory" mode (how the products share the
 * components) out of the Newton iteration, which is what made near-minimum-flow and long
 * cascades fail or crawl.
 *
 * <p><b>Globalisation.</b> Steps are capped and damped by Deuflhard's natural monotonicity test,
 * which is affine invariant and so not misled by the bad conditioning of cascades near minimum
 * flows. Without the shooting start (other models, several feed stages, a split iteration that
 * does not match, or a Newton polish that fails), the first attempt starts from a profile built by
 * a few Picard sweeps (extraction factors frozen, each component's Kremser-type tridiagonal system
 * solved exactly in log space). If that attempt does not converge within a small budget, the
 * solver continues in the model's homotopy parameter ({@link EquilibriumModel#relaxed(double)};
 * for CMER the separation factors β^t): at t = 0 the flat feed-composition profile is exact, and t
 * is raised to 1 in adaptive steps with a secant predictor, each step a short warm-started Newton
 * solve.
 *
 * <p>A network with Murphree efficiencies or side draws, or with another equilibrium model than
 * the CMER and linear ones (mass action), is handed to {@link TwoPhaseNewtonSolver}.
 *
 * <p>Instances are not thread-safe; each thread uses its own. Work arrays grow (geometrically in
 * the stage count) to hold the largest network seen and are reused: a Newton iteration allocates
 * nothing.
 */
public final class NewtonCascadeSolver implements SteadyStateSolver {
    /** Largest relative change δ = Δl/l of any flow in one step of the relative formulation. */
    private static final double MAX_RELATIVE_STEP = 4.0;
    /** Largest change of any ln flow in one step of the logarithmic formulation. */
    private static final double MAX_LOG_STEP = 20.0;
    private static final int MAX_PICARD_SWEEPS = 12;
    private static final double PICARD_STOP = 1e-3;
    /** Halvings of a Newton step before the attempt is abandoned. */
    private static final int NEWTON_BACKTRACKS = 6;
    /** Newton iterations for the direct attempt before continuation takes over. */
    private static final int DIRECT_BUDGET = 40;
    /** Newton iterations per continuation step before the step is cut. */
    private static final int STEP_BUDGET = 10;
    private static final double FIRST_CONTINUATION_STEP = 0.25;
    private static final int CONTINUATION_SWEEPS = 4;
    private static final double SMALLEST_CONTINUATION_STEP = 1e-5;
    private static final double LN_HALF = Math.log(0.5);

    private int capStages;
    private int capComponents;
    private BlockTridiagonalSolver linear;
    private double[] u;
    private double[] uTrial;
    private double[] lnFeed;
    private double[] lnOrg;
    private double[] lnOrgTrial;
    private double[] lnIn;
    private double[] lnInTrial;
    private double[] lnOut;
    private double[] lnOutTrial;
    private double[] res;
    private double[] resTrial;
    private double[] phi;
    private double[] phiTrial;
    private double[] step;
    private double[] simplified;
    private double[] saved;
    private double[] previous;
    /** The Picard start profile, kept for the second globalisation strategy. */
    private double[] picardProfile;
    private double[] pivot;
    private double[] gain;
    private boolean[] active;
    private final int[] worst = new int[2];
    private int iterations;
    private int lastPicardSweeps;
    private int lastContinuationSteps;
    private int lastShootingIterations;
    private final SplitShooting shooting = new SplitShooting();
    /** Whether the current attempt uses the hybrid relative/logarithmic step. */
    private boolean hybrid;

    private ProgressListener listener;
    /** Solves the networks this solver's formulation does not cover (efficiencies, side draws). */
    private TwoPhaseNewtonSolver twoPhase;
    private double progressFraction;

    /** Sets (or, with {@code null}, removes) the listener told of each iteration. */
    public void setProgressListener(ProgressListener listener) {
        this.listener = listener;
    }

    /** A solver whose work arrays are sized on first use. */
    public NewtonCascadeSolver() {
    }

    /** A solver with work arrays sized in advance for networks up to this size. */
    public NewtonCascadeSolver(int maxStages, int components) {
        ensureCapacity(maxStages, components);
    }

    private void ensureCapacity(int stages, int comps) {
        if (linear != null && stages <= capStages && comps == capComponents) {
            return;
        }
        // grow geometrically, so that a search over ever longer cascades reallocates only a few
        // times; everything below works on the network's stage count, never on array lengths
        capStages = linear != null && comps == capComponents ? Math.max(stages, capStages + capStages / 2) : stages;
        capComponents = comps;
        int nc = capStages * comps;
        int ncc = nc * comps;
        linear = new BlockTridiagonalSolver(capStages, comps);
        u = new double[nc];
        uTrial = new double[nc];
        lnFeed = new double[nc];
        lnOrg = new double[nc];
        lnOrgTrial = new double[nc];
        lnIn = new double[nc];
        lnInTrial = new double[nc];
        lnOut = new double[nc];
        lnOutTrial = new double[nc];
        res = new double[nc];
        resTrial = new double[nc];
        phi = new double[ncc];
        phiTrial = new double[ncc];
        step = new double[nc];
        simplified = new double[nc];
        saved = new double[nc];
        previous = new double[nc];
        picardProfile = new double[nc];
        pivot = new double[capStages];
        gain = new double[capStages];
        active = new boolean[comps];
    }

    /** Picard sweeps spent building start profiles in the last solve. */
    public int lastStartSweeps() {
        return lastPicardSweeps;
    }

    /** Outer iterations of the split-shooting start in the last solve (0 if it did not apply). */
    public int lastShootingIterations() {
        return lastShootingIterations;
    }

    /** Continuation steps taken in the last solve (0 when the direct attempt converged). */
    public int lastContinuationSteps() {
        return lastContinuationSteps;
    }

    @Override
    public SteadyState solve(CascadeNetwork net, SolverSettings settings) {
        return solve(net, settings, null);
    }

    /**
     * Solves from a given start profile (a warm start, e.g. the steady state of a neighbouring
     * case with the same number of stages and components) instead of the Picard start.
     *
     * @param lnAqueousStart ln aqueous component flows, N×C stage-major, or {@code null} for a cold start
     * @throws NoConvergenceException with the residual reached if the tolerance is not met
     */
    public SteadyState solve(CascadeNetwork net, SolverSettings settings, double[] lnAqueousStart) {
        if (!net.isPlain() || !(net.equilibrium() instanceof ConstantSeparationFactors
                || net.equilibrium() instanceof ConstantDistributionRatios)) {
            // efficiencies, side draws or a model this formulation's start and continuation are
            // not built for (mass action): the organic flows are unknowns of their own
            if (twoPhase == null) {
                twoPhase = new TwoPhaseNewtonSolver();
            }
            twoPhase.setProgressListener(listener);
            return twoPhase.solve(net, settings);
        }
        int n = net.stages();
        int c = net.components();
        ensureCapacity(n, c);
        if (lnAqueousStart != null && lnAqueousStart.length != n * c) {
            throw new IllegalArgumentException("start profile has " + lnAqueousStart.length + " entries, needs " + n * c);
        }
        EquilibriumModel eq = net.equilibrium();
        double[] org = net.organicFlows();
        double[] aq = net.aqueousFlows();
        double[] feed = net.feeds();
        for (int j = 0; j < c; j++) {
            active[j] = net.totalFeed(j) > 0;
        }
        for (int i = 0; i < n * c; i++) {
            lnFeed[i] = feed[i] == 0 ? Double.NEGATIVE_INFINITY : Math.log(feed[i]); // ln 0 = −∞, without the call
        }
        double tol = settings.tolerance();
        int limit = settings.maxIterations();
        iterations = 0;
        lastContinuationSteps = 0;
        lastPicardSweeps = 0;
        lastShootingIterations = 0;
        boolean converged = false;
        progressFraction = 0;
        int feedStage = lnAqueousStart == null ? SplitShooting.feedStage(net) : -1;
        boolean matched = false;
        if (feedStage >= 0) {
            matched = shooting.solve(net, feedStage, active, u, limit);
            lastShootingIterations = shooting.iterations();
            // the outer split iterations count as iterations of the solve (and against its limit)
            iterations += lastShootingIterations;
            if (matched) {
                hybrid = false;
                converged = newton(eq, org, aq, n, c, tol, Math.min(limit, iterations + DIRECT_BUDGET));
            }
        }
        if (!matched) {
            // u always holds a whole profile of this network: should the limit be used up before any
            // start is built, the failure reports the flat start's imbalance, not one of whatever
            // this solver solved before (the split iteration writes u, all of it, only when it
            // matches; so a matched start needs no flat profile under it, which saves N·C logarithms)
            flatStart(net, aq);
        }
        // Two globalisations, tried in turn under one iteration limit: the relative step alone,
        // then the hybrid relative/logarithmic step. Each solves cases the other cannot (see the
        // class comment); the first that converges wins, and every result passes the same checks.
        for (int strategy = 0; strategy < 2 && !converged && iterations < limit; strategy++) {
            hybrid = strategy == 1;
            if (lnAqueousStart != null) {
                for (int i = 0; i < n * c; i++) {
                    u[i] = active[i % c] ? lnAqueousStart[i] : Double.NEGATIVE_INFINITY;
                }
                converged = newton(eq, org, aq, n, c, tol, limit);
            } else {
                if (strategy == 0) {
                    flatStart(net, aq);
                    lastPicardSweeps += picardStart(net, eq, org, aq, MAX_PICARD_SWEEPS);
                    System.arraycopy(u, 0, picardProfile, 0, n * c);
                } else {
                    // the same start as the first strategy's: Picard sweeps from the flat profile
                    System.arraycopy(picardProfile, 0, u, 0, n * c);
                }
                converged = newton(eq, org, aq, n, c, tol, Math.min(limit, iterations + DIRECT_BUDGET));
            }
            if (!converged && eq.relaxed(1.0) != null) {
                converged = continuation(net, eq, org, aq, tol, limit);
            }
        }
        if (!converged) {
            // report the imbalance of the real model (continuation may have stopped at t < 1)
            evaluate(eq, org, aq, n, c, u, lnOrg, lnIn, lnOut, res, phi);
            double r = StageBalances.maxRelativeImbalance(net, u, lnOrg, worst);
            throw new NoConvergenceException("newton",
                    iterations >= limit ? "iteration limit reached" : "no Newton step reduced the stage imbalances",
                    iterations, r, tol, worst[0], worst[1], net.componentName(worst[1]), iterations >= limit);
        }
        // |ln(in/out)| from the last evaluation of u: the same sums StageBalances forms, not redone
        double residual = 0;
        for (int i = 0; i < n * c; i++) {
            double r = Math.abs(lnIn[i] - lnOut[i]);
            residual = r <= residual ? residual : Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
        }
        double closure = StageBalances.massBalanceError(net, u, lnOrg);
        return new SteadyState("newton", iterations, residual, closure, n, c,
                exact(u, n * c), exact(lnOrg, n * c));
    }

    /**
     * The first {@code size} entries for a {@link SteadyState}, which copies its arrays itself: the
     * work array as it is when it has exactly that size (one copy per solve, not two), else a copy.
     */
    private static double[] exact(double[] work, int size) {
        return work.length == size ? work : Arrays.copyOf(work, size);
    }

    /** Every stage's aqueous at the feed composition: exact when nothing separates. */
    private void flatStart(CascadeNetwork net, double[] aq) {
        int n = net.stages();
        int c = net.components();
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                u[k * c + j] = active[j] ? Math.log(aq[k] * net.totalFeed(j)) : Double.NEGATIVE_INFINITY;
            }
        }
    }

    /**
     * Continuation from t = 0 (no separation, flat profile exact) to t = 1 along
     * {@link EquilibriumModel#relaxed(double)}. Each step predicts the new profile by secant
     * extrapolation from the last two solutions and corrects it with a short Newton solve; a
     * step that fails is cut, one that converges quickly lets the next grow.
     */
    private boolean continuation(CascadeNetwork net, EquilibriumModel eq, double[] org, double[] aq,
                                 double tol, int limit) {
        int n = net.stages();
        int c = net.components();
        int size = n * c;
        flatStart(net, aq);
        progressFraction = 0;
        double t = 0;
        double tPrevious = Double.NaN;
        double dt = FIRST_CONTINUATION_STEP;
        while (t < 1) {
            if (iterations >= limit) {
                return false;
            }
            double next = Math.min(1.0, t + dt);
            System.arraycopy(u, 0, saved, 0, size);
            if (!Double.isNaN(tPrevious)) {
                double ratio = (next - t) / (t - tPrevious);
                for (int i = 0; i < size; i++) {
                    if (active[i % c]) {
                        u[i] += ratio * (u[i] - previous[i]);
                    }
                }
            }
            int before = iterations;
            EquilibriumModel stepModel = next == 1.0 ? eq : eq.relaxed(next);
            // Picard sweeps put the deep traces' geometric profiles in place at the new t (one
            // Newton step in relative unknowns can shrink a trace only by a bounded factor)
            lastPicardSweeps += picardStart(net, stepModel, org, aq, CONTINUATION_SWEEPS);
            double stepTol = next == 1.0 ? tol : Math.max(tol, 1e-8);
            boolean ok = newton(stepModel, org, aq, n, c, stepTol, Math.min(limit, iterations + STEP_BUDGET));
            if (ok) {
                progressFraction = next;
                lastContinuationSteps++;
                System.arraycopy(saved, 0, previous, 0, size);
                tPrevious = t;
                t = next;
                if (iterations - before <= 6) {
                    dt = Math.min(2 * dt, 0.5);
                }
            } else {
                System.arraycopy(saved, 0, u, 0, size);
                dt /= 4;
                if (dt < SMALLEST_CONTINUATION_STEP) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Newton iterations from the current {@code u} until max |F| ≤ tol (true), or until the
     * iteration count reaches {@code limit} or no damped step passes the monotonicity test (false).
     *
     * <p>Each iteration first tries the step in relative unknowns on F = in/out − 1 (linear
     * balances: good for the mass-balance "inventory" mode that makes cascades ill-conditioned),
     * and if the monotonicity test rejects it, the step in logarithmic unknowns on
     * R = ln(in/out) (good where fronts move and deep traces must change by many decades, which a
     * step in relative unknowns can only do a bounded factor at a time). Each step is judged by
     * the monotonicity test of its own formulation; the one that worked is tried first next time.
     */
    private boolean newton(EquilibriumModel eq, double[] org, double[] aq, int n, int c, double tol, int limit) {
        int size = n * c;
        // the Jacobian blocks are filled only once a step is needed: a start that is already
        // converged (the usual case after the split-shooting start) is only evaluated
        evaluate(eq, org, aq, n, c, u, lnOrg, lnIn, lnOut, res, null);
        boolean jacobianCurrent = false;
        boolean logFirst = false;
        while (true) {
            double maxAbs = maxAbs(res, size);
            if (maxAbs <= tol) {
                return true;
            }
            if (iterations >= limit || !Double.isFinite(maxAbs)) {
                return false;
            }
            if (!jacobianCurrent) {
                int cc = c * c;
                for (int k = 0; k < n; k++) {
                    eq.organicFlows(org[k], aq[k], u, k * c, lnOrg, k * c, phi, k * cc);
                }
                jacobianCurrent = true; // from here on every accepted trial point brings its own
            }
            iterations++;
            if (listener != null) {
                listener.progress(progressFraction, iterations, maxAbs);
            }
            if (attempt(eq, org, aq, n, c, tol, logFirst)) {
                continue;
            }
            if (hybrid && attempt(eq, org, aq, n, c, tol, !logFirst)) {
                logFirst = !logFirst;
                continue;
            }
            return false;
        }
    }

    /**
     * One damped Newton step in the relative ({@code logForm} false) or logarithmic formulation.
     * On success the trial point becomes the current point.
     */
    private boolean attempt(EquilibriumModel eq, double[] org, double[] aq, int n, int c, double tol, boolean logForm) {
        int size = n * c;
        assemble(n, c, logForm);
        if (!linear.factor(n)) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            step[i] = logForm ? lnOut[i] - lnIn[i] : -res[i];
        }
        linear.solve(n, step);
        double big = 0;
        for (int i = 0; i < size; i++) {
            big = Math.max(big, Math.abs(step[i]));
        }
        if (!Double.isFinite(big)) {
            return false;
        }
        // Natural monotonicity test (Deuflhard, Newton Methods for Nonlinear Problems, 2004,
        // §3.3): the simplified Newton correction at the trial point, computed with the same
        // factorisation, must come out smaller than the Newton correction.
        // Corrections are compared in ln units, the state's own: a relative step δ moves ln l by
        // ln(1 + δ), so a deep trace's legitimate δ = 1e100 counts as 230, not as 1e100.
        double cap = logForm ? MAX_LOG_STEP : MAX_RELATIVE_STEP;
        double alpha = big > cap ? cap / big : 1.0;
        double stepNorm = hybrid ? lnNorm(step, size, logForm) : norm2(step, size);
        for (int bt = 0; bt <= NEWTON_BACKTRACKS; bt++) {
            if (tryStep(eq, org, aq, n, c, alpha, logForm)) {
                boolean accepted;
                if (maxAbs(resTrial, size) <= tol) {
                    accepted = true;
                } else {
                    for (int i = 0; i < size; i++) {
                        simplified[i] = logForm ? lnOutTrial[i] - lnInTrial[i] : -resTrial[i];
                    }
                    linear.solve(n, simplified);
                    double simplifiedNorm = hybrid ? lnNorm(simplified, size, logForm) : norm2(simplified, size);
                    accepted = simplifiedNorm <= (1 - alpha / 4) * stepNorm;
                }
                if (accepted) {
                    swapTrial();
                    return true;
                }
            }
            alpha *= 0.5;
        }
        return false;
    }

    /** Evaluates u + α·step into the trial arrays; false if a balance is undefined there. */
    private boolean tryStep(EquilibriumModel eq, double[] org, double[] aq, int n, int c, double alpha, boolean logForm) {
        for (int i = 0; i < n * c; i++) {
            // −∞ + 0 stays −∞ for absent components
            uTrial[i] = u[i] + (logForm ? alpha * step[i] : logUpdate(alpha * step[i]));
        }
        return Double.isFinite(evaluate(eq, org, aq, n, c, uTrial, lnOrgTrial, lnInTrial, lnOutTrial, resTrial, phiTrial));
    }

    /**
     * ln of the new flow over the old for a relative change δ = Δl/l: ln(1 + δ), the flow the
     * linearised balances predict, where that is safe; continued linearly below δ = −1/2 and
     * bounded by e^−20 per step so that flows stay positive (a trace may fall by many decades over
     * a few steps, never to zero or below).
     */
    static double logUpdate(double delta) {
        if (delta >= -0.5) {
            return Math.log(1 + delta);
        }
        return Math.max(LN_HALF + 2 * (delta + 0.5), -MAX_LOG_STEP);
    }

    /** ‖·‖₂ of a correction measured as the change of ln l it makes. */
    private static double lnNorm(double[] x, int len, boolean logForm) {
        double sum = 0;
        for (int i = 0; i < len; i++) {
            double d = logForm ? x[i] : logUpdate(x[i]);
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    private void swapTrial() {
        double[] t = u;
        u = uTrial;
        uTrial = t;
        t = lnOrg;
        lnOrg = lnOrgTrial;
        lnOrgTrial = t;
        t = lnIn;
        lnIn = lnInTrial;
        lnInTrial = t;
        t = lnOut;
        lnOut = lnOutTrial;
        lnOutTrial = t;
        t = res;
        res = resTrial;
        resTrial = t;
        t = phi;
        phi = phiTrial;
        phiTrial = t;
    }

    /**
     * Builds the start profile by Picard sweeps (see class comment). Each sweep freezes
     * E_{k,j} = v_{k,j}/l_{k,j} and solves, per component, the M-matrix system
     * −E_{k−1} l_{k−1} + (1 + E_k) l_k − l_{k+1} = f_k by the Thomas algorithm. All its
     * multipliers and right-hand sides are positive, so it runs in logarithms without cancellation:
     * pivots d_k = 1 + E_k − E_{k−1}/d_{k−1} are O(1) numbers, the flows are carried as logs.
     */
    private int picardStart(CascadeNetwork net, EquilibriumModel eq, double[] org, double[] aq, int maxSweeps) {
        int n = net.stages();
        int c = net.components();
        int sweeps = 0;
        for (; sweeps < maxSweeps; sweeps++) {
            // Extraction factors at each stage's composition scaled to its known aqueous flow:
            // for CMER E_j = V β_j / (L Σ β x). Left to float (E = V β_j / Σ β l), the total
            // flow is free to collapse sweep after sweep. At the fixed point Σ l_k = L_k anyway,
            // since the total-flow balances form a nonsingular M-matrix system.
            for (int k = 0; k < n; k++) {
                int off = k * c;
                double shift = Math.log(aq[k]) - LogSum.of(u, off, c);
                for (int j = 0; j < c; j++) {
                    uTrial[off + j] = u[off + j] + shift;
                }
                eq.organicFlows(org[k], aq[k], uTrial, off, lnOrg, off, null, 0);
                for (int j = 0; j < c; j++) {
                    lnOrg[off + j] -= uTrial[off + j]; // now ln E_{k,j}
                }
            }
            double change = 0;
            for (int j = 0; j < c; j++) {
                if (!active[j]) {
                    continue;
                }
                // forward: pivot[k] = d_k, gain[k] = ln g_k
                double prevE = 0;
                for (int k = 0; k < n; k++) {
                    int i = k * c + j;
                    double e = Math.exp(lnOrg[i]);
                    double d = 1 + e;
                    double g = lnFeed[i];
                    if (k > 0) {
                        d -= prevE / pivot[k - 1];
                        g = LogSum.of(g, Math.log(prevE) + gain[k - 1] - Math.log(pivot[k - 1]));
                    }
                    pivot[k] = Math.max(d, 1e-300);
                    gain[k] = g;
                    prevE = e;
                }
                // back substitution into uTrial (used as scratch)
                double next = Double.NEGATIVE_INFINITY;
                for (int k = n - 1; k >= 0; k--) {
                    double lnL = LogSum.of(gain[k], next) - Math.log(pivot[k]);
                    uTrial[k * c + j] = lnL;
                    next = lnL;
                }
            }
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < c; j++) {
                    int i = k * c + j;
                    if (active[j]) {
                        double nu = uTrial[i];
                        if (Double.isFinite(nu)) {
                            change = Math.max(change, Math.abs(nu - u[i]));
                            u[i] = nu;
                        }
                    }
                }
            }
            if (change < PICARD_STOP) {
                sweeps++;
                break;
            }
        }
        return sweeps;
    }

    private double evaluate(EquilibriumModel eq, double[] org, double[] aq, int n, int c, double[] uu,
                            double[] lnV, double[] in, double[] out, double[] r, double[] jac) {
        int cc = c * c;
        for (int k = 0; k < n; k++) {
            eq.organicFlows(org[k], aq[k], uu, k * c, lnV, k * c, jac, k * cc);
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                int i = k * c + j;
                if (!active[j]) {
                    r[i] = 0;
                    in[i] = 0;
                    out[i] = 0;
                    continue;
                }
                double lnIn = LogSum.of(k > 0 ? lnV[i - c] : Double.NEGATIVE_INFINITY,
                        k < n - 1 ? uu[i + c] : Double.NEGATIVE_INFINITY, lnFeed[i]);
                double lnOut = LogSum.of(lnV[i], uu[i]);
                in[i] = lnIn;
                out[i] = lnOut;
                // F = in/out − 1: the component balance relative to the stage outflow. Linear in
                // the component flows, so the only nonlinearity left is the stage-local equilibrium.
                double ri = Math.exp(lnIn - lnOut) - 1; // expm1 is not an intrinsic on JDK 17
                r[i] = ri;
                sum += ri * ri;
            }
        }
        return Double.isFinite(sum) ? Math.sqrt(sum) : Double.POSITIVE_INFINITY;
    }

    /**
     * Fills the block-tridiagonal Jacobian at the current point: of F = in/out − 1 with the row
     * scale frozen (relative unknowns δ = Δl/l), or of R = ln(in/out) (unknowns ln l). The two
     * differ only in the weights of the inflow terms: 1/out or 1/in.
     */
    private void assemble(int n, int c, boolean logForm) {
        int cc = c * c;
        double[] lo = linear.lower();
        double[] di = linear.diagonal();
        double[] up = linear.upper();
        for (int k = 0; k < n; k++) {
            int b = k * cc;
            for (int j = 0; j < c; j++) {
                int i = k * c + j;
                int row = b + j * c;
                if (!active[j]) {
                    for (int q = 0; q < c; q++) {
                        lo[row + q] = 0;
                        di[row + q] = q == j ? -1 : 0;
                        up[row + q] = 0;
                    }
                    continue;
                }
                // Newton on (in − out)/out with the row scale 1/out frozen, in relative unknowns
                // δ = Δl/l (so the columns are ∂/∂ln l):
                // ∂/∂δ_{k−1}: (v_{k−1,j}/out) ∂ln v_{k−1,j}/∂ln l_{k−1}
                double wPrev = k > 0 ? Math.exp(lnOrg[i - c] - (logForm ? lnIn[i] : lnOut[i])) : 0;
                // ∂/∂δ_k: −(v_{k,j}/out) ∂ln v_{k,j}/∂ln l_k − (l_{k,j}/out) e_j
                double wOrg = Math.exp(lnOrg[i] - lnOut[i]);
                double wAq = Math.exp(u[i] - lnOut[i]);
                // ∂/∂δ_{k+1}: (l_{k+1,j}/out) e_j
                double wNext = k < n - 1 ? Math.exp(u[i + c] - (logForm ? lnIn[i] : lnOut[i])) : 0;
                int pj = b + j * c;
                for (int q = 0; q < c; q++) {
                    lo[row + q] = k > 0 && active[q] ? wPrev * phi[pj - cc + q] : 0;
                    di[row + q] = active[q] ? -wOrg * phi[pj + q] : 0;
                    up[row + q] = 0;
                }
                di[row + j] -= wAq;
                up[row + j] = wNext;
            }
        }
    }

    private static double norm2(double[] x, int len) {
        double sum = 0;
        for (int i = 0; i < len; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum);
    }

    private static double maxAbs(double[] x, int len) {
        double m = 0;
        for (int i = 0; i < len; i++) {
            double a = Math.abs(x[i]);
            if (!(a <= m)) {
                m = Double.isNaN(a) ? Double.POSITIVE_INFINITY : a;
            }
        }
        return m;
    }
}
