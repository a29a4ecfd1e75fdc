package org.sxcascade.solver;

import org.sxcascade.equilibrium.ConstantSeparationFactors;

/**
 * Start profile for CMER cascades with one feed stage: the product split found first, by shooting
 * from both ends of the cascade towards the feed stage (the stage-by-stage McCabe–Thiele march of
 * Xu's theory), then the whole profile from the two marches.
 *
 * <p><b>The marches.</b> With r_j the raffinate (aqueous leaving stage 1) and p_j = z_j − r_j the
 * loaded-organic flow of component j (z_j its total feed), summing the balances of stages 1 … k
 * below the feed stage f gives {@code l_{k+1} = v_k + r}, and summing those of stages k+1 … N above
 * it gives {@code v_k = l_{k+1} + p} (docs/theory.md; net flow in each section equals the product it
 * feeds). So the bottom march l_1 = r, v_k = CMER(l_k) (v_j = V β_j l_j / Σ β l), l_{k+1} = v_k + r
 * and the top march v_N = p, l_k = CMER⁻¹(v_k) (l_j = L (v_j/β_j) / Σ v/β), v_{k−1} = l_k + p reach
 * the feed stage from either side; the steady state is the split at which both give the same
 * aqueous l_f. Both marches add positive numbers only (no cancellation, unlike shooting from one
 * end through the feed, which needs extended precision: the BigDecimal oracle of the tests), and
 * each step contracts relative errors (∂ln l_{k+1}/∂ln l_k = (v/l_{k+1})(1 − y) ≤ 1), so they run in
 * double precision: on plain numbers when every product flow is above about 1e-282, otherwise in
 * logarithms (traces far below 1e-308 included).
 *
 * <p><b>The outer problem.</b> Unknowns φ_j = ln(r_j/p_j) − λ, one per present component, with λ
 * fixed by the raffinate total Σ r_j = L_1 (so C − 1 independent unknowns; φ of the first present
 * component is held). Both marches give l_f with the same phase total, so the C − 1 composition
 * log-ratios e_j = g_j − g_d, g_j = ln l_{f,j}(bottom) − ln l_{f,j}(top), d the component that
 * dominates l_f, are the equations. Their Jacobian comes from forward sensitivities carried along
 * both marches; the step is a damped Newton step on max |g|. For a binary the equation is
 * monotone in the one unknown (more A in the raffinate raises A everywhere in the bottom march and
 * lowers it in the top one), so a bracket is kept and a step that leaves it is replaced by
 * bisection. The first guess is Kremser's closed form ({@link #kremserGuess}); if the iteration
 * from there stalls (for several components, flat pinch plateaus can trap it), a continuation in
 * β^t from the unseparated split takes over ({@link #continuation}). This is the slow "inventory"
 * mode of the full Newton system (how the products share the components, hence where the
 * composition fronts sit; what makes Picard and plain Newton crawl near the pinch) solved as the
 * low-dimensional problem it is.
 *
 * <p>Allocation-free after the first call for a given size.
 */
final class SplitShooting {
    /** Stop when max |g| (ln units) is below this. */
    private static final double MATCH_TOLERANCE = 1e-14;
    /** Below this, an outer step that does not halve max |g| is taken as rounding noise. */
    private static final double NOISE_MATCH = 1e-10;
    /** A start that matches to this is handed to Newton even if the outer iteration stalled. */
    private static final double USEFUL_MATCH = 1e-3;
    /** Outer iterations from the Kremser guess before the continuation in β takes over. */
    private static final int DIRECT_BUDGET = 60;
    /** Outer iterations per continuation step, and the match each intermediate step needs. */
    private static final int STEP_BUDGET = 15;
    private static final double STEP_MATCH = 1e-8;
    private static final double SMALLEST_STEP = 1e-4;
    /** Largest change of any φ per step (ln units). */
    private static final double MAX_STEP = 40;
    private static final int BACKTRACKS = 30;
    /** Product flows above e^−650 ≈ 1e-282 let the marches run on plain numbers ... */
    private static final double LINEAR_FLOOR = -650;
    /** ... as long as no flow along them falls below this (else they rerun in logarithms). */
    private static final double LINEAR_SMALLEST = 1e-295;

    /** Tests: always march in logarithms (to check the two paths against each other). */
    boolean logOnly;
    /** Tests: march a pair of components by the general loops too (to check {@link #marchLinearPair}). */
    boolean generalOnly;
    private int capStages = -1;
    private int capComponents = -1;
    /** N×C aqueous flows of the marches (bottom up to f, top above): plain if {@link #linear}, else ln. */
    private double[] profile;
    private boolean linear;
    private double[] beta;
    private double[] r;
    private double[] p;
    private double[] vTop;     // C, running organic flow of the top march
    private double[] weight;   // C, y or x of the current stage
    private double[] lnTopF;   // C, ln l_f from the top march
    private double[] lnBeta;
    private double[] lnBetaFull;
    private double[] saved;
    private double[] previousPhi;
    /** Whether the march arrays belong to the current φ. */
    private boolean current;
    private double[] lnZ;
    private double[] phi;
    private double[] phiTrial;
    private double[] delta;
    private double[] g;
    private double[] lnR;
    private double[] lnP;
    private double[] dRho;     // C×C, ∂ ln r_j / ∂ φ_i (row j)
    private double[] dPi;      // C×C, ∂ ln p_j / ∂ φ_i
    private double[] sens;     // C×C, running ∂ ln (flow) / ∂ φ along a march
    private double[] mix;      // C, scratch (ln w_j, then w_j/Σw, in split)
    private double[] jac;      // C×C, ∂ g_j / ∂ φ_i
    private double[] lu;       // (C−1)² scratch
    private int[] rows;
    private int[] cols;
    private int[] present;
    private int count;         // number of present components
    private int iterations;
    /** λ of the last split (warm start of the next). */
    private double lambda;
    /** d/dλ of the last {@link #balanceGap}. */
    private double gapSlope;
    private double[] z;
    /** {@link #balanceGap}'s running sums, see {@link #addTerm}. */
    private final double[] organicSum = new double[2];
    private final double[] aqueousSum = new double[2];

    private void ensureCapacity(int n, int c) {
        if (capStages >= n && capComponents == c) {
            return;
        }
        capStages = capComponents == c ? Math.max(n, capStages + capStages / 2) : n; // geometric growth
        capComponents = c;
        profile = new double[capStages * c];
        beta = new double[c];
        r = new double[c];
        p = new double[c];
        vTop = new double[c];
        weight = new double[c];
        lnTopF = new double[c];
        lnBeta = new double[c];
        lnBetaFull = new double[c];
        saved = new double[c];
        previousPhi = new double[c];
        lnZ = new double[c];
        z = new double[c];
        phi = new double[c];
        phiTrial = new double[c];
        delta = new double[c];
        g = new double[c];
        lnR = new double[c];
        lnP = new double[c];
        dRho = new double[c * c];
        dPi = new double[c * c];
        sens = new double[c * c];
        mix = new double[c];
        jac = new double[c * c];
        lu = new double[c * c];
        rows = new int[c];
        cols = new int[c];
        present = new int[c];
    }

    /** Outer (split) iterations of the last {@link #solve}. */
    int iterations() {
        return iterations;
    }

    /**
     * The single feed stage (0-based) of a CMER network whose phase totals are consistent with the
     * section balances, or −1 if the shooting start does not apply.
     */
    static int feedStage(CascadeNetwork net) {
        if (!(net.equilibrium() instanceof ConstantSeparationFactors)) {
            return -1;
        }
        int n = net.stages();
        int c = net.components();
        double[] feed = net.feeds();
        double[] org = net.organicFlows();
        double[] aq = net.aqueousFlows();
        int f = -1;
        double total = 0;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                if (feed[k * c + j] > 0) {
                    if (f >= 0 && f != k) {
                        return -1;
                    }
                    f = k;
                    total += feed[k * c + j];
                }
            }
        }
        if (f < 0) {
            return -1;
        }
        // the marches fix the phase totals: L_{k+1} = V_k + L_1 below the feed, V_k = L_{k+1} + V_N
        // above it, and L_1 + V_N = fed; otherwise the network is not of the section form
        double scale = total + aq[0] + org[n - 1];
        if (Math.abs(aq[0] + org[n - 1] - total) > 1e-12 * scale) {
            return -1;
        }
        for (int k = 0; k < n - 1; k++) {
            double mismatch = k < f ? aq[k + 1] - org[k] - aq[0] : org[k] - aq[k + 1] - org[n - 1];
            if (Math.abs(mismatch) > 1e-12 * (aq[k + 1] + org[k] + scale)) {
                return -1;
            }
        }
        return f;
    }

    /**
     * Finds the split and writes the profile (ln aqueous component flows, N×C stage-major, −∞ for
     * absent components) into {@code u}.
     *
     * @param f the feed stage from {@link #feedStage}
     * @param maxIterations at most this many outer iterations (they count against the solve's limit)
     * @return whether the two marches matched well enough to start Newton from the profile
     */
    boolean solve(CascadeNetwork net, int f, boolean[] active, double[] u, int maxIterations) {
        int n = net.stages();
        int c = net.components();
        ensureCapacity(n, c);
        ConstantSeparationFactors eq = (ConstantSeparationFactors) net.equilibrium();
        double[] feed = net.feeds();
        count = 0;
        for (int j = 0; j < c; j++) {
            lnBetaFull[j] = Math.log(eq.separationFactor(j));
            z[j] = feed[f * c + j];
            lnZ[j] = Math.log(z[j]);
            if (active[j]) {
                present[count++] = j;
            }
        }
        iterations = 0;
        lambda = Double.NaN;
        relax(1);
        kremserGuess(net, f, c);
        double merit = outerNewton(net, f, MATCH_TOLERANCE, Math.min(DIRECT_BUDGET, maxIterations));
        if (!(merit <= USEFUL_MATCH) && iterations < maxIterations) {
            merit = continuation(net, f, maxIterations);
        }
        if (!(merit <= USEFUL_MATCH)) {
            return false;
        }
        if (!current) {
            march(net, f, phi, false);
        }
        // profile: the bottom march up to the feed stage, the top march above it
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                int i = k * c + j;
                u[i] = !active[j] ? Double.NEGATIVE_INFINITY : linear ? Math.log(profile[i]) : profile[i];
            }
        }
        return true;
    }

    /**
     * Damped Newton iterations on the matching equations from the current φ until max |g| ≤
     * {@code tolerance}, rounding noise, or {@code budget} more iterations; returns max |g| at φ.
     */
    private double outerNewton(CascadeNetwork net, int f, double tolerance, int budget) {
        int c = net.components();
        int stop = iterations + budget;
        double merit = march(net, f, phi, true);
        current = true;
        double lo = Double.NEGATIVE_INFINITY; // binary bracket on the free φ
        double hi = Double.POSITIVE_INFINITY;
        double previous = Double.POSITIVE_INFINITY;
        while (merit > tolerance && iterations < stop && Double.isFinite(merit)) {
            if (merit <= NOISE_MATCH && merit > 0.5 * previous) {
                break; // at the rounding level of the marches: Newton on the stages finishes
            }
            previous = merit;
            iterations++;
            if (!newtonStep(c)) {
                break;
            }
            double cap = 0;
            for (int q = 0; q < count; q++) {
                cap = Math.max(cap, Math.abs(delta[present[q]]));
            }
            double alpha = cap > MAX_STEP ? MAX_STEP / cap : 1;
            if (count == 2) {
                // g of the free component is monotone increasing in its φ (class comment)
                int free = present[1];
                if (g[free] > 0) {
                    hi = Math.min(hi, phi[free]);
                } else {
                    lo = Math.max(lo, phi[free]);
                }
                double next = phi[free] + alpha * delta[free];
                if (!(next > lo && next < hi)) {
                    // outside the bracket: bisect it (or step out by the cap while it is open)
                    next = Double.isInfinite(lo) ? hi - MAX_STEP : Double.isInfinite(hi) ? lo + MAX_STEP : 0.5 * (lo + hi);
                }
                System.arraycopy(phi, 0, phiTrial, 0, c);
                phiTrial[free] = next;
                double trial = march(net, f, phiTrial, true);
                if (!Double.isFinite(trial)) {
                    current = false;
                    break;
                }
                System.arraycopy(phiTrial, 0, phi, 0, c);
                merit = trial;
                if (collapsed(lo, hi)) {
                    break;
                }
                continue;
            }
            boolean accepted = false;
            for (int bt = 0; bt < BACKTRACKS; bt++) {
                for (int j = 0; j < c; j++) {
                    phiTrial[j] = phi[j] + alpha * delta[j];
                }
                // the full step (usually accepted) marches with derivatives, so they need no second march
                double trial = march(net, f, phiTrial, bt == 0);
                // sufficient decrease: a Newton step of length α cuts max |g| by about α
                if (trial <= (1 - alpha / 8) * merit) {
                    System.arraycopy(phiTrial, 0, phi, 0, c);
                    merit = bt == 0 ? trial : march(net, f, phi, true);
                    accepted = true;
                    break;
                }
                alpha *= 0.5;
            }
            if (!accepted) {
                current = false;
                break;
            }
        }
        return merit;
    }

    /**
     * Continuation of the outer problem in the separation factors β^t (for when the outer Newton
     * iteration from the Kremser guess stalls, e.g. on flat pinch plateaus of several components):
     * at t = 0 nothing separates and φ = 0 is exact (r_j ∝ z_j); t is raised to 1 in adaptive steps,
     * each predicted by secant extrapolation and corrected by the outer Newton iteration. Where the
     * path turns steep (in long cascades a middle component can change sides over a small range of
     * t), a failed step first tries t = 1 directly from the last point reached, whose basin is often
     * wide, before the step is cut. All of it runs on the marches, so a step costs a few marches,
     * not a Newton solve of the whole cascade; every outer iteration counts against the limit.
     */
    private double continuation(CascadeNetwork net, int f, int maxIterations) {
        int c = net.components();
        for (int j = 0; j < c; j++) {
            phi[j] = 0;
        }
        lambda = Double.NaN;
        double t = 0;
        double tPrevious = Double.NaN;
        double dt = 0.25;
        double merit = Double.POSITIVE_INFINITY;
        while (t < 1) {
            if (iterations >= maxIterations) {
                return Double.POSITIVE_INFINITY;
            }
            double next = Math.min(1, t + dt);
            System.arraycopy(phi, 0, saved, 0, c);
            if (!Double.isNaN(tPrevious)) {
                double ratio = (next - t) / (t - tPrevious);
                for (int q = 0; q < count; q++) {
                    int j = present[q];
                    phi[j] += ratio * (phi[j] - previousPhi[j]);
                }
            }
            relax(next);
            int before = iterations;
            double tolerance = next == 1 ? MATCH_TOLERANCE : STEP_MATCH;
            merit = outerNewton(net, f, tolerance, Math.min(STEP_BUDGET, maxIterations - iterations));
            if (merit <= tolerance || merit <= NOISE_MATCH) {
                System.arraycopy(saved, 0, previousPhi, 0, c);
                tPrevious = t;
                t = next;
                if (iterations - before <= 4) {
                    dt = Math.min(2 * dt, 0.5);
                }
            } else {
                System.arraycopy(saved, 0, phi, 0, c);
                if (next < 1) {
                    // the path may be steep here while t = 1 is within reach: try it from φ(t)
                    relax(1);
                    merit = outerNewton(net, f, MATCH_TOLERANCE, Math.min(STEP_BUDGET, maxIterations - iterations));
                    if (merit <= MATCH_TOLERANCE || merit <= NOISE_MATCH) {
                        return merit;
                    }
                    System.arraycopy(saved, 0, phi, 0, c);
                }
                dt /= 4;
                if (dt < SMALLEST_STEP) {
                    relax(1);
                    return Double.POSITIVE_INFINITY;
                }
            }
        }
        return merit;
    }

    /** Separation factors β^t (ln β_j = t ln β_j of the model). */
    private void relax(double t) {
        for (int q = 0; q < count; q++) {
            int j = present[q];
            lnBeta[j] = t * lnBetaFull[j];
            beta[j] = Math.exp(lnBeta[j]);
        }
    }

    /**
     * First guess of φ from Kremser's closed form: with each section's extraction factors frozen,
     * E_j = V β_j / (L Σ β x), the bottom march gives l_f = r_j Σ_{i=0}^{f} E_j^i and the top one
     * l_f = p_j Σ_{i=0}^{N−1−f} E'_j^{−i} / E'_j, so φ_j = ln(r_j/p_j) = ln of their ratio. Σ β x of
     * each section is taken at its product end for the sharp split (the most extractable
     * components fill the loaded organic). That overestimates how fast the impurities fall
     * (Σ β x is smallest at the raffinate end, where A is extracted fastest, and largest at the
     * organic end, where B is scrubbed fastest), so the guess lies on the over-separated side of
     * the root, where the matching equations are nearly linear in φ; on the other side they are
     * flat over the pinch of a near-minimum-flow cascade, and Newton steps from there overshoot.
     */
    private void kremserGuess(CascadeNetwork net, int f, int c) {
        int n = net.stages();
        double[] org = net.organicFlows();
        double[] aq = net.aqueousFlows();
        double room = org[n - 1];
        double organicInverse = 0; // Σ (p_j/V_N)/β_j: 1/Σ β x of the aqueous at stage N
        double raffinateMix = 0;   // Σ β_j r_j / L_1
        for (int q = 0; q < count; q++) {
            weight[present[q]] = 0; // 1 once placed
        }
        for (int placed = 0; placed < count; placed++) {
            int best = -1;
            for (int q = 0; q < count; q++) {
                int j = present[q];
                if (weight[j] == 0 && (best < 0 || beta[j] > beta[best])) {
                    best = j;
                }
            }
            weight[best] = 1;
            double pj = Math.min(z[best], Math.max(room, 0));
            room -= pj;
            organicInverse += pj / org[n - 1] / beta[best];
            raffinateMix += beta[best] * (z[best] - pj) / aq[0];
        }
        double lnExtraction = Math.log(org[0] / aq[f] / raffinateMix);
        double lnScrub = Math.log(org[f] / aq[n - 1] * organicInverse);
        for (int q = 0; q < count; q++) {
            int j = present[q];
            double lnE = lnBeta[j] + lnExtraction;
            double lnEs = lnBeta[j] + lnScrub;
            phi[j] = -lnEs + lnGeometricSum(-lnEs, n - f) - lnGeometricSum(lnE, f + 1);
        }
    }

    /** ln Σ_{i=0}^{terms−1} e^{i·lnQ}, stable for any q = e^{lnQ}. */
    static double lnGeometricSum(double lnQ, int terms) {
        if (Math.abs(lnQ) < 1e-12) {
            return Math.log(terms);
        }
        double big = terms * lnQ;
        if (lnQ > 0) {
            // (q^terms − 1)/(q − 1) = q^terms (1 − q^−terms)/(q − 1)
            return big + Math.log(-Math.expm1(-big)) - Math.log(Math.expm1(lnQ));
        }
        return Math.log(-Math.expm1(big)) - Math.log(-Math.expm1(lnQ));
    }

    /**
     * The Newton step on the reduced system: columns without the held φ, rows without the
     * component that dominates l_f. False if the reduced Jacobian is singular.
     */
    private boolean newtonStep(int c) {
        int dominant = present[0];
        for (int q = 1; q < count; q++) {
            if (lnTopF[present[q]] > lnTopF[dominant]) {
                dominant = present[q];
            }
        }
        int m = 0;
        int rc = 0;
        for (int q = 0; q < count; q++) {
            int j = present[q];
            if (j != dominant) {
                rows[m++] = j;
            }
            if (q > 0) {
                cols[rc++] = j;
            }
        }
        for (int j = 0; j < c; j++) {
            delta[j] = 0;
        }
        if (m == 0) {
            return false;
        }
        // dense Gaussian elimination with partial pivoting on [J | −g], m ≤ 14
        int w = m + 1;
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                lu[a * w + b] = jac[rows[a] * c + cols[b]] - jac[dominant * c + cols[b]];
            }
            lu[a * w + m] = g[dominant] - g[rows[a]];
        }
        for (int p = 0; p < m; p++) {
            int best = p;
            for (int a = p + 1; a < m; a++) {
                if (Math.abs(lu[a * w + p]) > Math.abs(lu[best * w + p])) {
                    best = a;
                }
            }
            if (!(Math.abs(lu[best * w + p]) > 0)) {
                return false;
            }
            if (best != p) {
                for (int b = 0; b < w; b++) {
                    double t = lu[p * w + b];
                    lu[p * w + b] = lu[best * w + b];
                    lu[best * w + b] = t;
                }
            }
            for (int a = p + 1; a < m; a++) {
                double factor = lu[a * w + p] / lu[p * w + p];
                if (factor != 0) {
                    for (int b = p; b < w; b++) {
                        lu[a * w + b] -= factor * lu[p * w + b];
                    }
                }
            }
        }
        for (int p = m - 1; p >= 0; p--) {
            double s = lu[p * w + m];
            for (int b = p + 1; b < m; b++) {
                s -= lu[p * w + b] * delta[cols[b]];
            }
            delta[cols[p]] = s / lu[p * w + p];
        }
        for (int q = 0; q < m; q++) {
            if (!Double.isFinite(delta[cols[q]])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs both marches for the split given by {@code ph}; fills {@code g} (and, if asked, its
     * Jacobian {@code jac}) and returns max |g| over present components. The marches run on plain
     * numbers when every product flow is far enough above the smallest double for no flow along the
     * march to leave the normal range (checked as they go), else in logarithms.
     */
    private double march(CascadeNetwork net, int f, double[] ph, boolean withJacobian) {
        int n = net.stages();
        int c = net.components();
        double[] org = net.organicFlows();
        double[] aq = net.aqueousFlows();
        if (!split(ph, aq[0], org[n - 1], c, withJacobian)) {
            return Double.POSITIVE_INFINITY;
        }
        linear = !logOnly;
        for (int q = 0; q < count; q++) {
            int j = present[q];
            linear &= lnR[j] > LINEAR_FLOOR && lnP[j] > LINEAR_FLOOR;
        }
        if (!linear || !marchLinear(n, c, f, org, aq, withJacobian)) {
            linear = false;
            marchLog(n, c, f, org, aq, withJacobian);
        }
        double worst = 0;
        int off = f * c;
        for (int q = 0; q < count; q++) {
            int j = present[q];
            double gj = (linear ? Math.log(profile[off + j]) : profile[off + j]) - lnTopF[j];
            g[j] = gj;
            double a = Math.abs(gj);
            if (!(a <= worst)) {
                worst = Double.isNaN(a) ? Double.POSITIVE_INFINITY : a;
            }
            if (withJacobian) {
                for (int b = 1; b < count; b++) { // the held φ's column is never used (newtonStep)
                    int col = present[b];
                    jac[j * c + col] -= sens[j * c + col];
                }
            }
        }
        return worst;
    }

    /**
     * Both marches on plain flows into {@code profile}; false (nothing usable) if a flow left the
     * normal range of doubles. Leaves ln l_f of the top march in {@code lnTopF}.
     */
    private boolean marchLinear(int n, int c, int f, double[] org, double[] aq, boolean withJacobian) {
        for (int q = 0; q < count; q++) {
            int j = present[q];
            r[j] = Math.exp(lnR[j]);
            p[j] = Math.exp(lnP[j]);
            profile[j] = r[j];
        }
        if (withJacobian) {
            System.arraycopy(dRho, 0, sens, 0, c * c);
        }
        if (count == 2 && !generalOnly) {
            return marchLinearPair(n, c, f, org, aq, withJacobian);
        }
        // bottom march: l_1 = r; v_k = V β l_k / Σ β l_k; l_{k+1} = v_k + r (every l ≥ r: no underflow)
        for (int k = 0; k < f; k++) {
            int off = k * c;
            double sum = 0;
            for (int q = 0; q < count; q++) {
                int j = present[q];
                double e = beta[j] * profile[off + j];
                weight[j] = e;
                sum += e;
            }
            normaliseWeights(sum); // y_j
            if (withJacobian) {
                subtractWeightedMean(c);
            }
            for (int q = 0; q < count; q++) {
                int j = present[q];
                double v = org[k] * weight[j];
                double next = v + r[j];
                profile[off + c + j] = next;
                if (withJacobian) {
                    blend(j, c, v / next, dRho);
                }
            }
        }
        if (withJacobian) {
            System.arraycopy(sens, 0, jac, 0, c * c);
            System.arraycopy(dPi, 0, sens, 0, c * c);
        }
        // top march: v_N = p; l_k = L (v_k/β) / Σ v_k/β; v_{k−1} = l_k + p
        for (int q = 0; q < count; q++) {
            int j = present[q];
            vTop[j] = p[j];
        }
        double smallest = Double.POSITIVE_INFINITY;
        for (int k = n - 1; k >= f; k--) {
            int off = k * c;
            double sum = 0;
            for (int q = 0; q < count; q++) {
                int j = present[q];
                double e = vTop[j] / beta[j];
                weight[j] = e;
                sum += e;
            }
            normaliseWeights(sum); // x_j
            if (withJacobian) {
                subtractWeightedMean(c);
            }
            for (int q = 0; q < count; q++) {
                int j = present[q];
                double l = aq[k] * weight[j];
                smallest = Math.min(smallest, l);
                if (k > f) {
                    profile[off + j] = l;
                    double v = l + p[j];
                    vTop[j] = v;
                    if (withJacobian) {
                        blend(j, c, l / v, dPi);
                    }
                } else {
                    lnTopF[j] = Math.log(l);
                }
            }
        }
        return smallest >= LINEAR_SMALLEST;
    }

    /**
     * {@link #marchLinear} for two present components (binaries, the common case): the same
     * operations in the same order, so the same bits, with the stage's flows, weights and the one
     * free sensitivity column in locals instead of arrays (the march is a chain of dependent
     * steps, and the loads and stores of the general loops lengthen every link).
     */
    private boolean marchLinearPair(int n, int c, int f, double[] org, double[] aq, boolean withJacobian) {
        int j0 = present[0];
        int j1 = present[1];
        int col = j1; // the free φ's column (newtonStep)
        double b0 = beta[j0];
        double b1 = beta[j1];
        double r0 = r[j0];
        double r1 = r[j1];
        double l0 = r0;
        double l1 = r1;
        double s0 = sens[j0 * c + col];
        double s1 = sens[j1 * c + col];
        double d0 = dRho[j0 * c + col];
        double d1 = dRho[j1 * c + col];
        for (int k = 0; k < f; k++) {
            int next = (k + 1) * c;
            double e0 = b0 * l0;
            double e1 = b1 * l1;
            double inverse = 1 / (0.0 + e0 + e1); // the general loop's running sum from 0
            double w0 = e0 * inverse; // y_j
            double w1 = e1 * inverse;
            if (withJacobian) {
                double mean = meanOfPair(w0, s0, w1, s1);
                s0 -= mean;
                s1 -= mean;
            }
            double v0 = org[k] * w0;
            l0 = v0 + r0;
            profile[next + j0] = l0;
            if (withJacobian) {
                double a = v0 / l0;
                s0 = a * s0 + (1 - a) * d0;
            }
            double v1 = org[k] * w1;
            l1 = v1 + r1;
            profile[next + j1] = l1;
            if (withJacobian) {
                double a = v1 / l1;
                s1 = a * s1 + (1 - a) * d1;
            }
        }
        if (withJacobian) {
            sens[j0 * c + col] = s0;
            sens[j1 * c + col] = s1;
            System.arraycopy(sens, 0, jac, 0, c * c);
            System.arraycopy(dPi, 0, sens, 0, c * c);
            s0 = sens[j0 * c + col];
            s1 = sens[j1 * c + col];
        }
        double p0 = p[j0];
        double p1 = p[j1];
        d0 = dPi[j0 * c + col];
        d1 = dPi[j1 * c + col];
        double v0 = p0;
        double v1 = p1;
        double smallest = Double.POSITIVE_INFINITY;
        for (int k = n - 1; k >= f; k--) {
            int off = k * c;
            double e0 = v0 / b0;
            double e1 = v1 / b1;
            double inverse = 1 / (0.0 + e0 + e1); // the general loop's running sum from 0
            double w0 = e0 * inverse; // x_j
            double w1 = e1 * inverse;
            if (withJacobian) {
                double mean = meanOfPair(w0, s0, w1, s1);
                s0 -= mean;
                s1 -= mean;
            }
            double la = aq[k] * w0;
            smallest = Math.min(smallest, la);
            double lb = aq[k] * w1;
            if (k > f) {
                profile[off + j0] = la;
                v0 = la + p0;
                if (withJacobian) {
                    double a = la / v0;
                    s0 = a * s0 + (1 - a) * d0;
                }
            } else {
                lnTopF[j0] = Math.log(la);
            }
            smallest = Math.min(smallest, lb);
            if (k > f) {
                profile[off + j1] = lb;
                v1 = lb + p1;
                if (withJacobian) {
                    double a = lb / v1;
                    s1 = a * s1 + (1 - a) * d1;
                }
            } else {
                lnTopF[j1] = Math.log(lb);
            }
        }
        vTop[j0] = v0;
        vTop[j1] = v1;
        if (withJacobian) {
            sens[j0 * c + col] = s0;
            sens[j1 * c + col] = s1;
        }
        return smallest >= LINEAR_SMALLEST;
    }

    /** Σ w s over the pair, summed from 0 in the order of {@link #subtractWeightedMean}. */
    private static double meanOfPair(double w0, double s0, double w1, double s1) {
        return 0.0 + w0 * s0 + w1 * s1;
    }

    /** Both marches in logarithms (any flows, traces far below 1e-308 included) into {@code profile}. */
    private void marchLog(int n, int c, int f, double[] org, double[] aq, boolean withJacobian) {
        for (int q = 0; q < count; q++) {
            int j = present[q];
            profile[j] = lnR[j];
        }
        if (withJacobian) {
            System.arraycopy(dRho, 0, sens, 0, c * c);
        }
        for (int k = 0; k < f; k++) {
            int off = k * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int q = 0; q < count; q++) {
                int j = present[q];
                max = Math.max(max, lnBeta[j] + profile[off + j]);
            }
            double sum = 0;
            for (int q = 0; q < count; q++) {
                int j = present[q];
                double e = Math.exp(lnBeta[j] + profile[off + j] - max);
                weight[j] = e;
                sum += e;
            }
            normaliseWeights(sum);
            double lnDen = max + Math.log(sum) - Math.log(org[k]);
            if (withJacobian) {
                subtractWeightedMean(c);
            }
            for (int q = 0; q < count; q++) {
                int j = present[q];
                double lnV = lnBeta[j] + profile[off + j] - lnDen;
                double lnNext = LogSum.of(lnV, lnR[j]);
                profile[off + c + j] = lnNext;
                if (withJacobian) {
                    blend(j, c, Math.exp(lnV - lnNext), dRho);
                }
            }
        }
        if (withJacobian) {
            System.arraycopy(sens, 0, jac, 0, c * c);
            System.arraycopy(dPi, 0, sens, 0, c * c);
        }
        for (int q = 0; q < count; q++) {
            int j = present[q];
            vTop[j] = lnP[j]; // running ln v_k
        }
        for (int k = n - 1; k >= f; k--) {
            int off = k * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int q = 0; q < count; q++) {
                int j = present[q];
                max = Math.max(max, vTop[j] - lnBeta[j]);
            }
            double sum = 0;
            for (int q = 0; q < count; q++) {
                int j = present[q];
                double e = Math.exp(vTop[j] - lnBeta[j] - max);
                weight[j] = e;
                sum += e;
            }
            normaliseWeights(sum);
            double lnDen = max + Math.log(sum) - Math.log(aq[k]);
            if (withJacobian) {
                subtractWeightedMean(c);
            }
            for (int q = 0; q < count; q++) {
                int j = present[q];
                double lnl = vTop[j] - lnBeta[j] - lnDen;
                if (k > f) {
                    profile[off + j] = lnl;
                    double lnv = LogSum.of(lnl, lnP[j]);
                    vTop[j] = lnv;
                    if (withJacobian) {
                        blend(j, c, Math.exp(lnl - lnv), dPi);
                    }
                } else {
                    lnTopF[j] = lnl;
                }
            }
        }
    }

    /** Scales the stage's weights to fractions (y or x), given their sum. */
    private void normaliseWeights(double sum) {
        double inverse = 1 / sum;
        for (int q = 0; q < count; q++) {
            weight[present[q]] *= inverse;
        }
    }

    /**
     * Sensitivities through one equilibrium step: ∂ ln v_j = ∂ ln l_j − Σ_i y_i ∂ ln l_i (CMER,
     * bottom march; {@code weight} = y) or ∂ ln l_j = ∂ ln v_j − Σ_i x_i ∂ ln v_i (its inverse, top
     * march; {@code weight} = x).
     */
    private void subtractWeightedMean(int c) {
        for (int b = 1; b < count; b++) { // the held φ (column present[0]) is not an unknown
            int col = present[b];
            double mean = 0;
            for (int q = 0; q < count; q++) {
                int i = present[q];
                mean += weight[i] * sens[i * c + col];
            }
            for (int q = 0; q < count; q++) {
                sens[present[q] * c + col] -= mean;
            }
        }
    }

    /**
     * Sensitivities through one section balance, flow = carried + product:
     * ∂ ln flow_j = a ∂ ln carried_j + (1 − a) ∂ ln product_j with a = carried_j / flow_j.
     */
    private void blend(int j, int c, double a, double[] product) {
        for (int b = 1; b < count; b++) { // the held φ (column present[0]) is not an unknown
            int col = present[b];
            sens[j * c + col] = a * sens[j * c + col] + (1 - a) * product[j * c + col];
        }
    }

    /**
     * ln r_j and ln p_j for r_j/p_j = e^{φ_j + λ}, λ chosen so that Σ r_j = {@code raffinate}
     * (then Σ p_j = fed − raffinate = {@code loaded}), and their derivatives in φ: with
     * t_j = φ_j + λ, ∂ ln r_j/∂t_j = p_j/z_j, ∂ ln p_j/∂t_j = −r_j/z_j and
     * ∂λ/∂φ_i = −w_i/Σ w, w_i = r_i p_i / z_i.
     */
    private boolean split(double[] ph, double raffinate, double loaded, int c, boolean withJacobian) {
        // bracket from σ(t) ≤ e^t and 1 − σ(t) ≤ e^−t: Σ r < L_1 below lo, Σ p < V_N above hi
        double up = Double.NEGATIVE_INFINITY;
        double down = Double.NEGATIVE_INFINITY;
        for (int q = 0; q < count; q++) {
            int j = present[q];
            up = LogSum.of(up, lnZ[j] + ph[j]);
            down = LogSum.of(down, lnZ[j] - ph[j]);
        }
        double lo = Math.log(raffinate) - up;
        double hi = down - Math.log(loaded);
        if (!(lo <= hi)) {
            return false;
        }
        // warm start from the last split: φ changes little between outer iterations
        if (!(lambda > lo && lambda < hi)) {
            lambda = 0.5 * (lo + hi);
        }
        for (int it = 0; it < 200; it++) {
            double h = balanceGap(ph, raffinate);
            if (h == 0) {
                break;
            }
            if (h > 0) {
                hi = lambda;
            } else {
                lo = lambda;
            }
            double next = lambda - h / gapSlope;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            boolean done = Math.abs(next - lambda) <= 1e-15 * Math.max(1, Math.abs(lambda));
            lambda = next;
            if (done || collapsed(lo, hi)) {
                break;
            }
        }
        double lnW = Double.NEGATIVE_INFINITY;
        for (int q = 0; q < count; q++) {
            int j = present[q];
            double t = ph[j] + lambda;
            // ln σ(t) = −softplus(−t), ln(1 − σ(t)) = −softplus(t), softplus(x) = ln(1 + e^x) =
            // max(x, 0) + ln(1 + e^−|x|): one logarithm for both, the bits of LogSum.of(0, ±t)
            double tail = Math.log(1 + Math.exp(-Math.abs(t)));
            lnR[j] = lnZ[j] - (t < 0 ? -t + tail : tail);
            lnP[j] = lnZ[j] - (t > 0 ? t + tail : tail);
            mix[j] = lnR[j] + lnP[j] - lnZ[j]; // ln w_j
            lnW = LogSum.of(lnW, mix[j]);
        }
        if (!withJacobian) {
            return true;
        }
        for (int q = 0; q < count; q++) {
            int j = present[q];
            mix[j] = Math.exp(mix[j] - lnW); // w_j / Σ w
        }
        for (int q = 0; q < count; q++) {
            int j = present[q];
            double pz = Math.exp(lnP[j] - lnZ[j]);
            double rz = Math.exp(lnR[j] - lnZ[j]);
            for (int a = 1; a < count; a++) { // columns of the free φ only (newtonStep)
                int i = present[a];
                double dt = (i == j ? 1 : 0) - mix[i];
                dRho[j * c + i] = pz * dt;
                dPi[j * c + i] = -rz * dt;
            }
        }
        return true;
    }

    /**
     * The raffinate-total equation h(λ) = Σ r_j − L_1 at the current λ, in a form that keeps its
     * sign and its root exact when the split is sharp (every component nearly all in one product,
     * impurities far below the rounding of L_1, even below 1e-308): with O = {t_j &lt; 0} (mostly
     * to the organic) and its complement A, h = K + Σ_O r_j − Σ_A p_j with the data constant
     * K = Σ_A z_j − L_1, returned as ln(K + Σ_O r) − ln Σ_A p (K ≥ 0) or ln Σ_O r − ln(Σ_A p − K)
     * (K &lt; 0), increasing in λ. Sets {@link #gapSlope} to its derivative.
     */
    private double balanceGap(double[] ph, double raffinate) {
        double k = -raffinate;
        // running sums {ln Σ, weighted mean}: Σ_O r with Σ_O r_j (1 − σ_j) / Σ_O r, and Σ_A p with
        // Σ_A p_j σ_j / Σ_A p (d ln Σ_A p / dλ = −dAq)
        organicSum[0] = Double.NEGATIVE_INFINITY;
        organicSum[1] = 0;
        aqueousSum[0] = Double.NEGATIVE_INFINITY;
        aqueousSum[1] = 0;
        for (int q = 0; q < count; q++) {
            int j = present[q];
            double t = ph[j] + lambda;
            // ln σ(t) and 1 − σ(t) from one exponential: for t < 0, LogSum.of(0, −t) is
            // −t + ln(1 + e^t), for t ≥ 0 LogSum.of(0, t) is t + ln(1 + e^−t) (the same bits)
            if (t < 0) {
                double e = Math.exp(t);
                addTerm(organicSum, lnZ[j] - (-t + Math.log(1 + e)), 1 / (1 + e));
            } else {
                k += z[j];
                double e = Math.exp(-t);
                addTerm(aqueousSum, lnZ[j] - (t + Math.log(1 + e)), 1 / (1 + e));
            }
        }
        double lnOrg = organicSum[0]; // ln Σ_O r
        double dOrg = organicSum[1];
        double lnAq = aqueousSum[0];  // ln Σ_A p
        double dAq = aqueousSum[1];
        double left;
        double right;
        if (k >= 0) {
            // ln(K + Σ_O r) − ln Σ_A p
            left = LogSum.of(k > 0 ? Math.log(k) : Double.NEGATIVE_INFINITY, lnOrg);
            right = lnAq;
            gapSlope = (lnOrg == Double.NEGATIVE_INFINITY ? 0 : Math.exp(lnOrg - left) * dOrg) + dAq;
        } else {
            // ln Σ_O r − ln(Σ_A p − K)
            left = lnOrg;
            right = LogSum.of(Math.log(-k), lnAq);
            gapSlope = dOrg + (lnAq == Double.NEGATIVE_INFINITY ? 0 : Math.exp(lnAq - right) * dAq);
        }
        if (left == Double.NEGATIVE_INFINITY) {
            return right == Double.NEGATIVE_INFINITY ? 0 : -1;
        }
        return right == Double.NEGATIVE_INFINITY ? 1 : left - right;
    }

    /** Whether a closed bracket has shrunk to rounding (never an open one). */
    private static boolean collapsed(double lo, double hi) {
        return Double.isFinite(lo) && Double.isFinite(hi) && hi - lo <= 1e-15 * Math.max(1, Math.max(Math.abs(lo), Math.abs(hi)));
    }

    /**
     * Adds a term e^{ln} carrying the value {@code d} to the running {@code sum} = {ln Σ e^{ln},
     * mean of the d weighted by e^{ln}}, without leaving the logarithms.
     */
    private static void addTerm(double[] sum, double ln, double d) {
        double old = sum[0];
        if (old == Double.NEGATIVE_INFINITY && Double.isFinite(ln)) {
            sum[0] = ln; // the first term (the general form gives these same bits)
            sum[1] = d;
            return;
        }
        // e^0 = 1 exactly: only the smaller term needs its exponential
        double m = Math.max(old, ln);
        double wOld = old >= ln ? 1 : Math.exp(old - m);
        double wNew = old >= ln ? Math.exp(ln - m) : 1;
        sum[1] = (sum[1] * wOld + d * wNew) / (wOld + wNew);
        sum[0] = m + Math.log(wOld + wNew);
    }
}
