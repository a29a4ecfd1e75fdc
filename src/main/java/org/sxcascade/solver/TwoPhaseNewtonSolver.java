package org.sxcascade.solver;

import java.util.Arrays;
import java.util.function.DoubleFunction;
import org.sxcascade.equilibrium.EquilibriumModel;
import org.sxcascade.model.SolverSettings;

/**
 * Steady state of any {@link CascadeNetwork}, including Murphree efficiencies and side draws, by
 * Newton's method with both phases' component flows as unknowns.
 *
 * <p><b>Variables and equations.</b> Stage k carries 2C unknowns, a = ln l_k (aqueous component
 * flows leaving it) and b = ln v_k (organic), and 2C equations: the component balances in relative
 * form {@code ln(in) − ln(out) = 0}, in = (1 − d^o_{k−1}) v_{k−1} + (1 − d^a_{k+1}) l_{k+1} + f_k
 * with side-draw fractions d, out = l_k + v_k (docs/theory.md, Stage balances: each component judged against
 * its own outflow); and the organic-phase Murphree relation {@code ln v_k = ln(E v*(l_k) + (1 − E)
 * (V_k / V_in) v_in)}, v* the equilibrium model's organic flows for the stage's aqueous and v_in
 * the organic entering the stage (the undrawn part of v_{k−1} plus organic feed), which at E = 1
 * is plain equilibrium. The Jacobian is block-tridiagonal with 2C×2C blocks, solved by
 * {@link BlockTridiagonalSolver}. Convergence: every balance and every Murphree relation holds to
 * the tolerance in ln, i.e. relatively.
 *
 * <p><b>Start.</b> Picard sweeps: with each component's partition v* ÷ l on every stage frozen, the
 * balances and Murphree relations are linear in that component's flows (a 2×2 block-tridiagonal
 * system per component, solved exactly); the partitions are then re-evaluated from the model. For
 * the linear model one sweep is the solution.
 *
 * <p><b>Globalisation.</b> Pseudo-transient continuation (Kelley and Keyes, SIAM J. Numer. Anal.
 * 35 (1998) 508): each balance row gets an inventory term, as if the stage had hold-up and were
 * integrated by implicit Euler with step Δt, the physical start-up of Xu's rows (docs/theory.md) in Newton's clothes.
 * Δt grows as the residual falls (switched evolution relaxation) until the iteration is Newton's;
 * a step that makes the residual grow is refused and Δt cut. Steps are capped in ln.
 *
 * <p>Instances are not thread-safe. Work arrays are sized for the largest network seen and
 * reused: an iteration allocates nothing.
 */
public final class TwoPhaseNewtonSolver implements SteadyStateSolver {
    private static final int PICARD_SWEEPS = 30;
    /** Longest mass-action network started by Picard sweeps; longer ones start from a shortened copy. */
    private static final int PICARD_LONGEST = 2 * 25;
    /** Largest residual after the Picard start that Newton is trusted with; above it rows run first. */
    private static final double ROW_START_THRESHOLD = 1.0;
    /** Rows of the row start stop when the largest stage imbalance is below this. */
    private static final double ROW_START_STOP = 1e-1;
    /** If Newton fails from there, the rows go on to this imbalance and Newton tries again. */
    private static final double ROW_RETRY_STOP = 1e-4;
    /** Flows below this fraction of a component's feed are judged absolutely by the row start. */
    private static final double ROW_TRACE = 1e-8;
    private static final int ROW_START_LIMIT = 50_000;
    /**
     * Work budget of the row start in stage-rows (rows × stages): about 5 s of rows on a laptop
     * core for any cascade length, so that a case the rows cannot settle fails in seconds.
     */
    private static final long ROW_START_WORK = 1_500_000;
    /** Newton iterations without a tenfold fall of the residual after which a solve stops as stalled. */
    private static final int STALL_ITERATIONS = 40;
    /**
     * Work budget of one solve ({@link #work}): a few seconds of a laptop core. The costliest
     * converged case of the convergence survey's first 2000 needs 3.5e7 of it; a case the solver
     * cannot settle stops with its reason in seconds instead of running on through every fallback.
     */
    private static final long WORK_BUDGET = 80_000_000L;
    /**
     * Flows below this fraction of their component's feed, before and after a Newton step, are not
     * held to {@link #MAX_LOG_STEP}: such a minor flow hardly acts on the others, and a long cascade
     * moves its impurities by hundreds in ln between a shortened start and the solution.
     */
    private static final double LN_TRACE = Math.log(1e-4);
    /** Networks at most this long are started directly (rows), not from a shortened copy. */
    private static final int SHORTEST = 10;
    /** Up to this length a network whose shortened start fails goes on to the rows. */
    private static final int ROWS_AFTER_SHORTER_FAILS = 150;
    /**
     * Tolerance of the shortened network's solve: a start needs no more. It may stop sooner, see
     * {@link #SETTLED_RESIDUAL}.
     */
    private static final double SHORTER_TOLERANCE = 1e-5;
    /**
     * A shortened copy's solve also ends, as a start, after a full Newton step that leaves every
     * balance within this and whose simplified correction J⁻¹F(u + δ) (Deuflhard's estimate of the
     * error left, in ln) is at most {@link #SETTLED_ERROR} on every flow above the trace level.
     * Stretching a solution to the next length leaves larger residuals anyway (about 0.15 in ln on
     * the 5 × 100 benchmark case, {@link #keptEndsPosition}), so the copy's last quadratic steps
     * (1e-2 to 1e-5) buy its stretched start little: they were about a fifth of a 100-stage solve
     * when the stretch still left 2–4. The error test
     * keeps a state whose small residual hides a large error along the cascade's slow inventory
     * mode (ill conditioned near a knife-edge reflux) from ending the solve early: such a start
     * sent the next length into hundreds of pseudo-time steps.
     */
    private static final double SETTLED_RESIDUAL = 1e-2;
    /** See {@link #SETTLED_RESIDUAL}: largest simplified correction, in ln, of a settled copy. */
    private static final double SETTLED_ERROR = 3e-2;
    /** Fraction of each run of repeated stages the shortened network keeps. */
    private static final double SHRINK = 0.7;
    /** The same for the one retry of a level whose first shortened start failed. */
    private static final double MILD_SHRINK = 0.9;
    /** Stalls are looked for only below this residual, where what is left is rounding (a tolerance set too tight). */
    private static final double STALL_LEVEL = 1e-8;
    private static final double PICARD_STOP = 1e-6;
    private static final double MAX_LOG_STEP = 3.0;
    private static final double FIRST_TIME_STEP = 1.0;
    /** Beyond this Δt the inventory term is dropped: plain Newton. */
    private static final double NEWTON_TIME_STEP = 1e14;
    private static final double SMALLEST_TIME_STEP = 1e-10;
    /** Iterations of the first attempt on a network that is not plain, before the homotopy. */
    private static final int DIRECT_BUDGET = 200;
    /**
     * Iterations of Newton from a stretched start ({@link #fromShorterCascade}): more than from
     * the Picard start, since near a knife-edge reflux the slow inventory mode takes a few hundred
     * pseudo-time steps to settle.
     */
    private static final int STRETCHED_BUDGET = 600;
    /*
     * Continuation from a neighbouring network (fromNeighbour), the last resort of a strongly
     * coupled network the direct ways did not solve: a solve may spend MAIN_SHARE of the work
     * budget on the direct ways and CONTINUATION_BUDGET more on this (3.2e8 in all, at most about
     * 7 s of one core: a front that walks a pinch of several hundred stages at a fold needs most
     * of it, see arclength).
     */
    private static final double MAIN_SHARE = 0.5;
    /** What a failure message adds when the continuations from neighbours ran too. */
    private static final String NEIGHBOURS_TRIED = " (and continuations from neighbouring cascades, with 10 % more or "
            + "less organic or another reflux, did not reach this one)";
    private static final long CONTINUATION_BUDGET = 7 * WORK_BUDGET / 2;
    /** Work of the cold start of a neighbour, at most. */
    private static final long COLD_START_BUDGET = WORK_BUDGET / 10;
    /** Organic flow of the neighbours with more (less) organic, per the network's: 1 + (−) this. */
    private static final double ORGANIC_STEP = 0.1;
    /** The range of the organic flow factor and of the reflux along a continuation. */
    private static final double LEAST_ORGANIC = 0.25;
    private static final double MOST_ORGANIC = 4;
    private static final double HIGHEST_REFLUX = 0.999;
    /** Reflux of the neighbour below the network's R, as a fraction of R. */
    private static final double REFLUX_BELOW = 0.95;
    /** Reflux of the neighbour above the network's R: R + this·(1 − R). */
    private static final double REFLUX_ABOVE = 0.1;
    /** Residual to which the neighbour and the points along the continuation are solved. */
    private static final double MEMBER_TOLERANCE = 1e-6;
    /** Newton iterations on the network itself from the state interpolated where the branch passes it. */
    private static final int CROSSING_BUDGET = 160;
    /** Pseudo-arclength continuation: first and largest step (normalised length), smallest before giving up. */
    private static final double ARC_FIRST_STEP = 0.05;
    private static final double ARC_LARGEST_STEP = 0.5;
    private static final double ARC_SMALLEST_STEP = 1e-4;
    /** Pseudo-arclength continuation: steps, corrector iterations per step, largest ln-flow change per step. */
    private static final int ARC_STEPS = 400;
    private static final int ARC_CORRECTIONS = 8;
    private static final double ARC_LOG_STEP = MAX_LOG_STEP;
    /** Iterations per homotopy step before the step is cut. */
    private static final int STEP_BUDGET = 30;
    private static final double FIRST_HOMOTOPY_STEP = 0.25;
    private static final double SMALLEST_HOMOTOPY_STEP = 1e-4;
    /** A pseudo-time step is refused when it multiplies the residual norm by more than this. */
    private static final double GROWTH = 1.2;
    /** Halvings of a step before Δt is cut. */
    private static final int BACKTRACKS = 5;
    /** ln of a flow treated as zero: exp of it is 0 in double precision. */
    private static final double LN_ZERO = -800;

    private int capStages = -1;
    private int capComponents = -1;
    private BlockTridiagonalSolver linear;
    private BlockTridiagonalSolver pair;
    private double[] u;
    private double[] uTrial;
    private double[] res;
    private double[] resTrial;
    private double[] step;
    private double[] simplified;
    private double[] lnStar;
    private double[] lnStarTrial;
    private double[] jacStar;
    private double[] jacStarTrial;
    private double[] lnIn;
    private double[] lnInTrial;
    private double[] lnTarget;
    private double[] lnTargetTrial;
    private double[] contents;
    /** Plain equilibrium split of the Picard start; ln flows of the row start's state. */
    private double[] splitAq;
    private double[] splitOrg;
    private double[] rhs;
    private final RowSweep rowSweep = new RowSweep();
    private double[] totalFeed;
    /** ln of each stage's feed and of its organic part, stage-major (−∞ for none). */
    private double[] lnFeed;
    private double[] lnOrganicFeed;
    /**
     * Per stage k (0-based), under the current {@link #homotopy}: the fractions of the organic from
     * stage k − 1 and of the aqueous from stage k + 1 that enter it (0 where none does), its
     * Murphree efficiency (1 where no organic enters in the model's basis) and
     * g = (1 − E) V_k / V_in, the weight of the entering organic in the Murphree relation.
     */
    private double[] passOrg;
    private double[] passAq;
    private double[] stageEfficiency;
    private double[] rest;
    /**
     * ln of {@link #passOrg} (0 on the first stage), of {@link #passAq} (0 on the last), of
     * {@link #stageEfficiency} and of {@link #rest} (0 where E = 1), set with them by
     * {@link #setHomotopy}: the residual, Jacobian and row-imbalance loops take no logarithms of
     * their own.
     */
    private double[] lnPassOrg;
    private double[] lnPassAq;
    private double[] lnEfficiency;
    private double[] lnRest;
    /** Whether every stage is ideal (E = 1) at the current homotopy: Newton then uses {@link #reduced}. */
    private boolean allIdeal;
    /**
     * The Newton system with the organic unknowns eliminated (C×C blocks), for networks of ideal
     * stages: there a stage's organic flows are functions of its aqueous ones alone,
     * δb_k = M_k δa_k + g_k (M_k the equilibrium's Jacobian), so the balances alone, in δa, form a
     * block-tridiagonal system of half the width: an eighth of the work of the full one.
     */
    private BlockTridiagonalSolver reduced;
    /**
     * Whether the last factored system was {@link #reduced}: {@link #solveLinear} follows the
     * factors, not {@link #allIdeal}, which a later {@link #setHomotopy} may have changed.
     */
    private boolean factoredReduced;
    /**
     * Whether the factors held are Newton's (no inventory term) at a state of the current network,
     * so that a shortened copy's {@link #polish} may reuse them (a chord step).
     */
    private boolean newtonFactors;
    /** M_k of {@link #reduced}, C×C per stage: ∂ ln v*_j / ∂ ln a_i at stage k, active components only. */
    private double[] organicResponse;
    /** Coefficient of δb_{k−1,j} in balance (k, j) of the Newton system. */
    private double[] balanceFromBelow;
    /** Coefficient of δb_{k,j} in balance (k, j) of the Newton system. */
    private double[] balanceOrganicOut;
    private double[] reducedRhs;
    private double[] lnAq;
    private double[] lnOrg;
    private boolean[] active;
    /** ln of the flow below which a component's flow is exempt from the step cap ({@link #LN_TRACE}). */
    private double[] lnTraceLevel;
    private final int[] worst = new int[2];
    private int iterations;
    /** Whether the last {@link #iterate} stopped because Newton steps no longer reduced the residual. */
    private boolean stalled;
    /**
     * Work done by this solve and the shortened copies it started, in stage-iterations weighted by
     * the square of the number of components (a Newton iteration, each trial step of it and a row
     * over n stages of c components count n·c² each).
     */
    private long work;
    /** Work this solve may do ({@link #WORK_BUDGET} for a solve the caller started). */
    private long workBudget;
    /** Whether the solve stopped because {@link #work} reached {@link #workBudget}. */
    private boolean outOfWork;
    /** Whether the current solve needed the row start (here or in a shortened copy). */
    private boolean rowsRun;
    private double residual;
    private double firstResidual;
    /** Homotopy parameter: efficiencies and side draws are scaled in by it (1 = the network as given). */
    private double homotopy = 1;
    private NewtonCascadeSolver plainSolver;
    /** Whether a level may retry from a copy shortened less ({@link #MILD_SHRINK}). */
    private boolean mildRetryAllowed = true;
    /** Why the shortened copy of the current network did not converge, or {@code null}. */
    private NoConvergenceException shorterFailure;
    /** Whether this solver solves the shortened copies of another's networks (it skips the Picard start). */
    private boolean shortenedCopy;
    /** Solver of the shortened network ({@link #fromShorterCascade}), one per level. */
    private TwoPhaseNewtonSolver shorterSolver;
    /** Solver of the first member of a continuation ({@link #fromNeighbour}). */
    private TwoPhaseNewtonSolver neighbourSolver;
    /** Work budget of a solve this solver starts for its caller ({@link #WORK_BUDGET} unless a
     * continuation lends it a part of its own). */
    private long ownBudget = WORK_BUDGET;
    /** Whether this solver solves the first member of another's continuation (it starts none). */
    private boolean neighbourMember;
    /** The caller's iteration limit of the current solve. */
    private int limitOfSolve;
    private double[] saved;
    /** Bordered solve: ∂F/∂p, then J⁻¹∂F/∂p; ∂g/∂u; the state unpacked for the condition. */
    private double[] sensitivity;
    private double[] gradient;
    private double[] conditionAq;
    private double[] conditionOrg;
    private ProgressListener listener;

    /** Sets (or, with {@code null}, removes) the listener told of each iteration. */
    public void setProgressListener(ProgressListener listener) {
        this.listener = listener;
    }

    private void ensureCapacity(int n, int c) {
        if (n <= capStages && c == capComponents) {
            return;
        }
        capStages = c == capComponents ? Math.max(n, capStages + capStages / 2) : n;
        capComponents = c;
        int cap = capStages;
        int w = 2 * c;
        linear = new BlockTridiagonalSolver(cap, w);
        reduced = new BlockTridiagonalSolver(cap, c);
        organicResponse = new double[cap * c * c];
        balanceFromBelow = new double[cap * c];
        balanceOrganicOut = new double[cap * c];
        reducedRhs = new double[cap * c];
        pair = new BlockTridiagonalSolver(cap, 2);
        u = new double[cap * w];
        uTrial = new double[cap * w];
        res = new double[cap * w];
        resTrial = new double[cap * w];
        step = new double[cap * w];
        simplified = new double[cap * w];
        saved = new double[cap * w];
        sensitivity = new double[cap * w];
        gradient = new double[cap * w];
        conditionAq = new double[cap * c];
        conditionOrg = new double[cap * c];
        lnStar = new double[cap * c];
        lnStarTrial = new double[cap * c];
        jacStar = new double[cap * c * c];
        jacStarTrial = new double[cap * c * c];
        lnIn = new double[cap * c];
        lnInTrial = new double[cap * c];
        lnTarget = new double[cap * c];
        lnTargetTrial = new double[cap * c];
        contents = new double[cap * c];
        splitAq = new double[cap * c];
        splitOrg = new double[cap * c];
        rhs = new double[cap * 2];
        totalFeed = new double[c];
        lnFeed = new double[cap * c];
        lnOrganicFeed = new double[cap * c];
        passOrg = new double[cap];
        passAq = new double[cap];
        stageEfficiency = new double[cap];
        rest = new double[cap];
        lnPassOrg = new double[cap];
        lnPassAq = new double[cap];
        lnEfficiency = new double[cap];
        lnRest = new double[cap];
        lnAq = new double[cap * c];
        lnOrg = new double[cap * c];
        active = new boolean[c];
        lnTraceLevel = new double[c];
    }

    @Override
    public SteadyState solve(CascadeNetwork net, SolverSettings settings) {
        prepare(net);
        double tol = settings.tolerance();
        int limit = settings.maxIterations();
        limitOfSolve = limit;
        iterations = 0;
        startWork();
        if (continuationAllowed(net)) {
            // a strongly coupled network keeps part of its budget for the continuations
            workBudget = (long) (workBudget * MAIN_SHARE);
        }
        setHomotopy(net, 1);
        boolean converged = false;
        // a shortened copy of a network the Picard start left far off; and a long network of a
        // strongly coupled model (mass action), which the Picard start leaves far off in 97 % of
        // the convergence survey's cases and costs as much as the continuation that follows it
        boolean farOff = shortenedCopy || (!net.equilibrium().phaseFlowIsComponentSum() && net.stages() > PICARD_LONGEST);
        if (!farOff) {
            picardStart(net);
            farOff = evaluate(net, u, res, lnStar, jacStar, lnIn, lnTarget) > ROW_START_THRESHOLD;
        }
        rowsRun = false;
        if (!farOff) {
            // Newton from the Picard start (CMER and linear networks with efficiencies or draws,
            // mass action that starts near), then the homotopy from the plain network
            firstResidual = -1;
            converged = iterate(net, tol, net.isPlain() ? limit : Math.min(limit, iterations + DIRECT_BUDGET));
            if (!converged && !net.isPlain() && !stalled && !outOfWork && iterations < limit
                    && net.equilibrium().phaseFlowIsComponentSum()) {
                // (CMER only: the plain version of a mass-action cascade, whose strip product is a
                // draw, is another problem, not a neighbour)
                converged = fromPlainNetwork(net, settings);
            }
        }
        if (!converged && !stalled && !outOfWork && iterations < limit) {
            // a start from a shortened copy of the cascade, or from Xu's rows: the way for
            // strongly coupled models (mass action, where the acid couples every component), and
            // for CMER networks the homotopy did not settle (an aqueous draw on the last stage).
            // A CMER failure here leaves the caller's own row fallback to run
            boolean strong = !net.equilibrium().phaseFlowIsComponentSum();
            rowsRun = strong;
            boolean neighbours = false;
            try {
                converged = fromShorterCascadeOrRows(net, settings);
                if (!converged && continuationAllowed(net)) {
                    neighbours = true;
                    converged = fromNeighbour(net, settings);
                }
            } catch (NoConvergenceException e) {
                if (!strong && !shortenedCopy) {
                    return result(net, false, tol, limit, "");
                }
                neighbours = continuationAllowed(net);
                if (neighbours && fromNeighbour(net, settings)) {
                    polish(net);
                    return result(net, true, tol, limit, "");
                }
                // a failure deep in the continuation carries its copy's loose tolerance: the
                // caller's is the one to report
                if (shortenedCopy || e.tolerance() == tol && !neighbours) {
                    throw e;
                }
                throw new NoConvergenceException(e.method(), e.reason() + (neighbours ? NEIGHBOURS_TRIED : ""),
                        Math.max(iterations, e.iterations()), e.residual(), tol, e.worstStage(), e.worstComponent(),
                        e.componentName(), e.limitReached()).markRowsTried();
            }
            if (!converged && neighbours) {
                return result(net, false, tol, limit, NEIGHBOURS_TRIED);
            }
        }
        if (converged) {
            // one more Newton step tightens the whole-cascade closure well below the tolerance
            polish(net);
        }
        return result(net, converged, tol, limit, "");
    }

    /**
     * Start and solve for networks the Picard start leaves far off: from a shortened copy of the
     * cascade ({@link #fromShorterCascade}), once more from a copy shortened less, and for networks
     * of at most {@link #ROWS_AFTER_SHORTER_FAILS} stages from Xu's rows.
     *
     * @return whether Newton converged
     * @throws NoConvergenceException when the shortened copy of a longer network does not converge
     */
    private boolean fromShorterCascadeOrRows(CascadeNetwork net, SolverSettings settings) {
        int n = net.stages();
        double tol = settings.tolerance();
        int limit = settings.maxIterations();
        // (half the iterations at most where a continuation may follow)
        int rowLimit = (int) Math.min(Math.min(continuationAllowed(net) ? limit / 2 : limit, ROW_START_LIMIT),
                Math.max(1000, ROW_START_WORK / n));
        boolean converged = false;
        shorterFailure = null;
        boolean shortened = fromShorterCascade(net, settings, SHRINK);
        if (shortened) {
            // the same cascade with its sections shortened, solved first (recursively), stretched
            // back to this length: a start with the inventories and fronts in place
            firstResidual = -1;
            converged = iterate(net, tol, Math.min(limit, iterations + STRETCHED_BUDGET));
        }
        if (!converged && outOfWork) {
            if (shorterFailure != null) {
                throw shorterFailure;
            }
            return false;
        }
        if (!converged && n > ROWS_AFTER_SHORTER_FAILS && (shortened || shorterFailure != null) && mildRetryAllowed) {
            // once more from a copy shortened less (the failures come at particular lengths)
            shorterFailure = null;
            shortened = fromShorterCascade(net, settings, MILD_SHRINK);
            if (shortened) {
                firstResidual = -1;
                converged = iterate(net, tol, Math.min(limit, iterations + STRETCHED_BUDGET));
            }
        }
        if (converged) {
            return true;
        }
        if (shorterFailure != null && n > ROWS_AFTER_SHORTER_FAILS) {
            throw shorterFailure;
        }
        if (shortened && n > ROWS_AFTER_SHORTER_FAILS) {
            // rows seldom settle a long cascade that Newton could not from a stretched solution
            return false;
        }
        // Xu's rows, the physical start-up, until the balances are roughly right; Newton from there
        startRows(net);
        runRows(net, rowLimit, ROW_START_STOP);
        firstResidual = -1;
        converged = iterate(net, tol, Math.min(limit, iterations + DIRECT_BUDGET));
        if (!converged && iterations < rowLimit) {
            // Newton did not converge from the rough row state: go on with the rows (they kept
            // their own state) to a closer one and try once more
            runRows(net, rowLimit, ROW_RETRY_STOP);
            converged = iterate(net, tol, Math.min(limit, iterations + DIRECT_BUDGET));
        }
        return converged;
    }

    /**
     * Whether a failed solve may go on with a continuation from a neighbouring network
     * ({@link #fromNeighbour}): a solve the caller started (not a shortened copy, whose caller has
     * its own ways, nor a first member of a continuation) of a network whose phase flows are volumes
     * (mass action; a constant-D network is linear and never needs one), with iterations left, and
     * not stalled (a stall is a tolerance below the rounding level, which no other start mends).
     */
    private boolean continuationAllowed(CascadeNetwork net) {
        return !shortenedCopy && !neighbourMember && !stalled && iterations < limitOfSolve
                && !net.equilibrium().phaseFlowIsComponentSum();
    }

    /**
     * The last resort for the cascades that neither a start from a shortened copy nor rows bring to
     * a steady state. Most of them run near a knife-edge reflux or near saturation of the
     * extractant, where a long run of stages sits in a pinch (the same compositions stage after
     * stage) and the steady state hangs on exponentially small differences along it; the reflux or
     * organic flow may then admit several steady states, on branches that end at folds. Their
     * neighbours, the same cascade with a little more or less organic ({@link
     * CascadeNetwork#withOrganicScaled}) or another reflux ({@link CascadeNetwork#withReflux}), are
     * often solved directly, and the branch from a neighbour's steady state is followed to this
     * network by pseudo-arclength continuation, around any fold ({@link #arclength}). The neighbours
     * are tried in turn: for a network with a reflux R, R below, 10 % more organic, R above and 10 %
     * less organic; without, more and then less organic. It spends up to
     * {@link #CONTINUATION_BUDGET} of work beyond what the solve had spent, so a failure still stops
     * within seconds.
     *
     * @return whether the network converged; the steady state is then in {@link #u}
     */
    private boolean fromNeighbour(CascadeNetwork net, SolverSettings settings) {
        long end = work + CONTINUATION_BUDGET;
        workBudget = end;
        if (neighbourSolver == null) {
            neighbourSolver = new TwoPhaseNewtonSolver();
            neighbourSolver.neighbourMember = true;
        }
        boolean reflux = net.refluxStage() != 0 && net.reflux() > 0;
        double r = reflux ? net.reflux() : Double.NaN;
        int attempts = reflux ? 4 : 2;
        for (int attempt = 0; attempt < attempts && work < end && iterations < settings.maxIterations(); attempt++) {
            outOfWork = false;
            stalled = false;
            // with a reflux: below it, more organic, above it, less organic; else more, then less organic
            int kind = reflux ? attempt : 2 * attempt + 1;
            boolean done = kind % 2 == 1
                    ? fromNeighbour(net, settings, net::withOrganicScaled, kind == 1 ? 1 + ORGANIC_STEP : 1 - ORGANIC_STEP,
                    1, LEAST_ORGANIC, MOST_ORGANIC)
                    : fromNeighbour(net, settings, net::withReflux, kind == 0 ? REFLUX_BELOW * r
                    : r + REFLUX_ABOVE * (1 - r), r, 0, HIGHEST_REFLUX);
            if (done) {
                return true;
            }
        }
        outOfWork = work >= end;
        return false;
    }

    /**
     * One continuation in a parameter p of the network: a cold solve of the neighbour
     * {@code family.apply(from)} by a solver of its own, then {@link #arclength} to p = {@code target},
     * where the family's member is this network itself. Leaves the work arrays describing {@code net}.
     *
     * @return whether the network converged (its steady state then in {@link #u})
     */
    private boolean fromNeighbour(CascadeNetwork net, SolverSettings settings, DoubleFunction<CascadeNetwork> family,
                                  double from, double target, double lo, double hi) {
        double tol = settings.tolerance();
        int limit = settings.maxIterations();
        neighbourSolver.ownBudget = Math.max(0, Math.min(COLD_START_BUDGET, workBudget - work));
        SteadyState start;
        try {
            start = neighbourSolver.solve(family.apply(from), new SolverSettings(settings.method(),
                    Math.max(tol, MEMBER_TOLERANCE), Math.max(1, limit - iterations)));
        } catch (NoConvergenceException e) {
            iterations += e.iterations();
            work += neighbourSolver.work;
            use(net);
            return false;
        } finally {
            neighbourSolver.ownBudget = WORK_BUDGET;
        }
        iterations += start.iterations();
        work += neighbourSolver.work;
        CascadeNetwork neighbour = family.apply(from);
        use(neighbour);
        load(start, net.stages(), net.components());
        boolean done = arclength(net, family, from, target, lo, hi, settings, workBudget);
        use(net);
        return done;
    }

    /**
     * Pseudo-arclength continuation (H. B. Keller, "Numerical solution of bifurcation and nonlinear
     * eigenvalue problems", 1977) of the steady states of {@code family.apply(p)} from the one in
     * {@link #u} at {@code p} until p passes {@code target}, where {@code family.apply(target)} is
     * {@code net}. Unlike steps in p, it follows the branch around a fold, where the steady state
     * turns back in p (a reflux or organic flow near a knife edge can admit several steady states,
     * and the one at the target may lie on the branch between two folds). Each step predicts along
     * the tangent (J t_u = −∂F/∂p t_p) and corrects by Newton on the bordered system of the stage
     * balances and the hyperplane orthogonal to the tangent, the length measured in the ln flows
     * above the trace level (RMS) and in p relative to the span. When p passes the target, Newton on
     * {@code net} starts from the state interpolated at the target.
     *
     * @return whether {@code net} converged (its steady state then in {@link #u})
     */
    private boolean arclength(CascadeNetwork net, DoubleFunction<CascadeNetwork> family, double p, double target,
                              double lo, double hi, SolverSettings settings, long end) {
        int n = net.stages();
        int c = net.components();
        int w = 2 * c;
        int size = n * w;
        double tol = settings.tolerance();
        int limit = settings.maxIterations();
        double span = Math.abs(target - p);
        double ds = ARC_FIRST_STEP;
        double tp = 0; // the tangent's p part; its u part in gradient
        double[] tu = gradient;
        for (int stepCount = 0; stepCount < ARC_STEPS && work < end && iterations < limit; stepCount++) {
            System.arraycopy(u, 0, saved, 0, size);
            // tangent at (u, p): J z = −∂F/∂p, t ∝ (z, 1), continuing the previous direction
            double hp = 1e-7 * Math.max(1, Math.abs(p));
            if (p + hp > hi) {
                return false;
            }
            CascadeNetwork at = family.apply(p);
            CascadeNetwork shifted = family.apply(p + hp);
            use(shifted);
            evaluate(shifted, u, resTrial, lnStarTrial, jacStarTrial, lnInTrial, lnTargetTrial);
            use(at);
            evaluate(at, u, res, lnStar, jacStar, lnIn, lnTarget);
            for (int i = 0; i < size; i++) {
                sensitivity[i] = -(resTrial[i] - res[i]) / hp;
            }
            assemble(at, 0);
            work += 2L * n * c * c;
            if (!factor(n)) {
                return false;
            }
            solveLinear(n, c, sensitivity);
            int counted = 0;
            double zz = 0;
            for (int i = 0; i < size; i++) {
                if (counts(i, w, c)) {
                    counted++;
                    zz += sensitivity[i] * sensitivity[i];
                }
            }
            arcWu = 1.0 / Math.max(1, counted);
            arcWp = 1.0 / (span * span);
            double norm = Math.sqrt(arcWu * zz + arcWp);
            double sign;
            if (stepCount == 0) {
                sign = target > p ? 1 : -1;
            } else {
                double dot = arcWp * tp / norm;
                for (int i = 0; i < size; i++) {
                    if (counts(i, w, c)) {
                        dot += arcWu * tu[i] * sensitivity[i] / norm;
                    }
                }
                sign = dot >= 0 ? 1 : -1;
            }
            tp = sign / norm;
            for (int i = 0; i < size; i++) {
                tu[i] = active[(i % w) % c] ? sign * sensitivity[i] / norm : 0;
            }
            double p0 = p;
            boolean accepted = false;
            while (!accepted && ds >= ARC_SMALLEST_STEP && work < end) {
                // predictor along the tangent, then the corrector
                double biggest = 0;
                for (int i = 0; i < size; i++) {
                    if (counts(i, w, c)) {
                        biggest = Math.max(biggest, Math.abs(ds * tu[i]));
                    }
                }
                if (biggest > ARC_LOG_STEP) {
                    ds *= ARC_LOG_STEP / biggest;
                }
                for (int i = 0; i < size; i++) {
                    u[i] = saved[i] + ds * tu[i];
                }
                double pPred = p0 + ds * tp;
                boolean converged = correct(family, pPred, pPred, lo, hi, tp, tu, size, n, c, end);
                if (converged) {
                    accepted = true;
                    p = arcP;
                    ds = Math.min(ds * 1.5, ARC_LARGEST_STEP);
                } else {
                    ds /= 2;
                    System.arraycopy(saved, 0, u, 0, size);
                }
            }
            if (!accepted) {
                use(net);
                return false;
            }
            if ((p - target) * (p0 - target) <= 0) {
                // passed the target: Newton on the network itself from the state interpolated there
                double theta = p == p0 ? 1 : (target - p0) / (p - p0);
                System.arraycopy(u, 0, uTrial, 0, size);
                for (int i = 0; i < size; i++) {
                    u[i] = saved[i] + theta * (uTrial[i] - saved[i]);
                }
                use(net);
                firstResidual = -1;
                long budget = workBudget;
                workBudget = end;
                boolean done = iterate(net, tol, Math.min(limit, iterations + CROSSING_BUDGET));
                workBudget = budget;
                if (done) {
                    return true;
                }
                System.arraycopy(uTrial, 0, u, 0, size);
            }
        }
        use(net);
        return false;
    }

    /** Weights of the ln flows and of the parameter in the arclength, and p where the corrector ended. */
    private double arcWu;
    private double arcWp;
    private double arcP;

    /**
     * The corrector of {@link #arclength}: Newton from (u, p) on the stage balances of
     * {@code family.apply(p)} and ⟨t, x − x_pred⟩ = 0, the hyperplane through the predicted point
     * (x_pred: {@link #u} as given, copied to {@link #simplified}, and {@code pPred}) orthogonal to
     * the tangent (tp, tu). The bordered system is solved by block elimination with one
     * factorisation (as in {@link #solveBordered}). Like {@link #solveBordered}, it builds the
     * family's networks at p and p + h on every step (O(N) arrays against the O(N·C³) of the
     * factorisation); this runs only on the last-resort path, never in a solve that converged the
     * direct ways.
     *
     * @return whether it converged, p then in {@link #arcP} and the state in {@link #u}
     */
    private boolean correct(DoubleFunction<CascadeNetwork> family, double pStart, double pPred, double lo, double hi,
                            double tp, double[] tu, int size, int n, int c, long end) {
        int w = 2 * c;
        System.arraycopy(u, 0, simplified, 0, size);
        double pc = pStart;
        arcP = pc;
        for (int it = 0; it < ARC_CORRECTIONS && work < end; it++) {
            iterations++;
            work += 2L * n * c * c;
            double hp = 1e-7 * Math.max(1, Math.abs(pc));
            if (!(pc >= lo && pc + hp <= hi)) {
                return false; // out of the family's range
            }
            CascadeNetwork member = family.apply(pc);
            CascadeNetwork memberShifted = family.apply(pc + hp);
            use(memberShifted);
            evaluate(memberShifted, u, resTrial, lnStarTrial, jacStarTrial, lnInTrial, lnTargetTrial);
            use(member);
            double r = evaluate(member, u, res, lnStar, jacStar, lnIn, lnTarget);
            double g = arcWp * tp * (pc - pPred);
            for (int i = 0; i < size; i++) {
                if (counts(i, w, c)) {
                    g += arcWu * tu[i] * (u[i] - simplified[i]);
                }
            }
            if (!Double.isFinite(r)) {
                return false;
            }
            if (r <= MEMBER_TOLERANCE && Math.abs(g) <= 1e-10) {
                arcP = pc;
                return true;
            }
            for (int i = 0; i < size; i++) {
                sensitivity[i] = -(resTrial[i] - res[i]) / hp;
                step[i] = -res[i];
            }
            assemble(member, 0);
            if (!factor(n)) {
                return false;
            }
            solveLinear(n, c, step);
            solveLinear(n, c, sensitivity);
            double num = g;
            double den = arcWp * tp;
            for (int i = 0; i < size; i++) {
                if (counts(i, w, c)) {
                    num += arcWu * tu[i] * step[i];
                    den += arcWu * tu[i] * sensitivity[i];
                }
            }
            double dp = -num / den;
            if (!Double.isFinite(dp)) {
                return false;
            }
            double big = 0;
            for (int i = 0; i < size; i++) {
                step[i] += dp * sensitivity[i];
                if (counts(i, w, c)) {
                    big = Math.max(big, Math.abs(step[i]));
                }
            }
            if (big > ARC_LOG_STEP) {
                return false; // the corrector wanders off: a shorter step
            }
            for (int i = 0; i < size; i++) {
                u[i] += step[i];
            }
            pc += dp;
        }
        return false;
    }


    /** Whether entry i of the state counts in the arclength: an active component's ln flow above its trace level. */
    private boolean counts(int i, int w, int c) {
        int j = (i % w) % c;
        return active[j] && saved[i] > lnTraceLevel[j];
    }

    /**
     * Continuation in the number of stages. Every run of {@link CascadeNetwork#isRepeatedStage
     * repeated stages} (the inside of a section) is cut to {@code ratio} of its length, the shorter
     * cascade is solved by a solver of its own (which may shorten it again), and its profile is
     * stretched back over this network with the ends of every run kept ({@link #keptEndsPosition}) and the traces' slopes
     * continued over the stages added ({@link #continueTraceSlope}); the stages kept as they are
     * (ends, feed and draw stages, stages where the flows change) take theirs. Leaves the start in
     * {@link #u}.
     *
     * @param ratio the fraction of each run kept
     * @return whether a start was made: false for networks at most {@link #SHORTEST} long or with no
     *         repeated stages, and when the shortened copy did not converge ({@link #shorterFailure}
     *         then says why)
     */
    private boolean fromShorterCascade(CascadeNetwork net, SolverSettings settings, double ratio) {
        int n = net.stages();
        int c = net.components();
        int w = 2 * c;
        if (n <= SHORTEST) {
            return false;
        }
        int[] kept = new int[n];
        double[] position = new double[n]; // of every stage in the shorter network (0-based)
        // each run: its first stage here (0-based), its length, the same in the shorter network
        int[] runs = new int[4 * n];
        int runCount = 0;
        int m = 0;
        int k = 1;
        while (k <= n) {
            if (!net.isRepeatedStage(k)) {
                position[k - 1] = m;
                kept[m++] = k;
                k++;
                continue;
            }
            int first = k;
            while (k <= n && net.isRepeatedStage(k)) {
                k++;
            }
            int length = k - first;
            int shorter = (int) Math.ceil(length * ratio);
            for (int i = 0; i < shorter; i++) {
                kept[m + i] = first + i;
            }
            // the stage before the run is at m − 1 and the one after it at m + shorter
            for (int t = 1; t <= length; t++) {
                position[first + t - 2] = keptEndsPosition(m - 1, t, length, shorter);
            }
            runs[4 * runCount] = first - 1;
            runs[4 * runCount + 1] = length;
            runs[4 * runCount + 2] = m;
            runs[4 * runCount + 3] = shorter;
            runCount++;
            m += shorter;
        }
        if (m == n) {
            return false;
        }
        CascadeNetwork shorter = net.ofStages(Arrays.copyOf(kept, m));
        if (shorterSolver == null) {
            shorterSolver = new TwoPhaseNewtonSolver();
            shorterSolver.shortenedCopy = true;
        }
        SteadyState start;
        // a copy shortened less gets no retry of its own (at most two copies per level)
        shorterSolver.mildRetryAllowed = mildRetryAllowed && ratio == SHRINK;
        shorterSolver.workBudget = workBudget - work;
        try {
            start = shorterSolver.solve(shorter, new SolverSettings(settings.method(),
                    Math.max(settings.tolerance(), SHORTER_TOLERANCE), Math.max(1, shorterLimit(net, settings))));
        } catch (NoConvergenceException e) {
            iterations += e.iterations();
            work += shorterSolver.work;
            outOfWork = shorterSolver.outOfWork;
            // up to ROWS_AFTER_SHORTER_FAILS stages the caller runs the rows; beyond, it retries or
            // fails with this, saying at which length (the stage named is one of that cascade)
            // a failure of a still shorter copy is passed on as it is (it names its own length)
            shorterFailure = e == shorterSolver.shorterFailure ? e
                    : new NoConvergenceException("newton", "in the cascade shortened to " + m + " stages, the start "
                    + "of this " + n + "-stage solve: " + e.reason(), iterations, e.residual(), settings.tolerance(),
                    e.worstStage(), e.worstComponent(), e.componentName(), false).markRowsTried();
            return false;
        }
        iterations += start.iterations();
        work += shorterSolver.work;
        double[] shift = new double[n];
        for (int j = 0; j < c; j++) {
            Arrays.fill(shift, 0);
            for (int r = 0; active[j] && r < runCount; r++) {
                continueTraceSlope(start, j, runs[4 * r], runs[4 * r + 1], runs[4 * r + 2], runs[4 * r + 3],
                        position, shift);
            }
            for (int s = 0; s < n; s++) {
                u[s * w + j] = active[j] ? interpolated(start, position[s], j, false) + shift[s] : LN_ZERO;
                u[s * w + c + j] = active[j] ? interpolated(start, position[s], j, true) + shift[s] : LN_ZERO;
            }
        }
        return true;
    }

    /**
     * Where the t-th of {@code length} repeated stages (1-based) takes its flows from in a shorter
     * run of {@code shortLength} stages, the stage before the run at index {@code before} (0-based):
     * the stages of the first half of the run from the shorter run's stage at the same distance
     * from the run's start, those of the second half from the one at the same distance from its
     * end, and the stages added between them from the shorter run's middle. A front or the fall of
     * a trace next to an end of a section keeps its shape (it is set by the stages next to it, not
     * by the section's length); the stages added are pinched ones. Stretching the whole run by the
     * ratio of the lengths instead widened every front and flattened every trace's slope, which
     * left residuals of 2–4 in ln on every stage of the run.
     */
    private static double keptEndsPosition(int before, int t, int length, int shortLength) {
        double half = (shortLength + 1) / 2.0;
        int added = length - shortLength;
        if (t <= half) {
            return before + t;
        }
        return t >= half + added ? before + t - added : before + half;
    }

    /**
     * The fall of a trace along a run ({@link #keptEndsPosition}): where component j's ln flows fall
     * from one end of the run (its source) to below its trace level ({@link #lnTraceLevel}) at the
     * other, they fall on a straight line along the run's middle (each stage multiplies a trace by
     * the same factor, set by the major components), so the stages added in the middle continue
     * that line: they are lowered by the slope per stage times their distance from the first half,
     * and the second half of the run and the stages beyond its end (as long as j stays a trace
     * there: a trace is linear in what reaches it) by the slope times the stages added.
     *
     * @param first      the run's first stage here (0-based) and {@code length} its length
     * @param shortFirst the same in the shorter network, {@code shortLength} its length
     * @param position   every stage's position in the shorter network
     * @param shift      updated: what is added to component j's ln flows on each stage
     */
    private void continueTraceSlope(SteadyState start, int j, int first, int length, int shortFirst,
            int shortLength, double[] position, double[] shift) {
        int added = length - shortLength;
        if (added <= 0) {
            return;
        }
        double half = (shortLength + 1) / 2.0;
        double before = shortFirst - 1;
        double after = shortFirst + shortLength;
        double lnTrace = lnTraceLevel[j];
        boolean fromLow = lnSum(start, before, j) >= lnSum(start, after, j);
        double farEnd = fromLow ? after : before;
        if (interpolated(start, farEnd, j, false) >= lnTrace || interpolated(start, farEnd, j, true) >= lnTrace) {
            return;
        }
        // slope per stage away from the source over the middle half of the shorter run, both phases
        double near = fromLow ? before + half / 2 : after - half / 2;
        double far = fromLow ? after - half / 2 : before + half / 2;
        double slope = (lnSum(start, far, j) - lnSum(start, near, j)) / (2 * Math.abs(far - near));
        if (!(slope < 0)) {
            return;
        }
        for (int t = 1; t <= length; t++) {
            int d = fromLow ? t : length + 1 - t; // stages from the source
            if (d >= half + added) {
                shift[first + t - 1] += slope * added;
            } else if (d > half) {
                shift[first + t - 1] += slope * (d - half);
            }
        }
        int n = position.length;
        for (int s = fromLow ? first + length : first - 1; s >= 0 && s < n; s += fromLow ? 1 : -1) {
            if (interpolated(start, position[s], j, false) >= lnTrace
                    || interpolated(start, position[s], j, true) >= lnTrace) {
                break;
            }
            shift[s] += slope * added;
        }
    }

    /** ln of component j's aqueous flow plus ln of its organic flow at a fractional stage index x of {@code state}. */
    private static double lnSum(SteadyState state, double x, int j) {
        return interpolated(state, x, j, false) + interpolated(state, x, j, true);
    }

    /**
     * Iterations the shortened copy may take: what is left of the caller's limit, or half of it
     * where this solve may still go on from a neighbouring cascade (whose continuation needs
     * iterations of its own: a copy that runs its rows to the limit would leave none).
     */
    private int shorterLimit(CascadeNetwork net, SolverSettings settings) {
        int left = settings.maxIterations() - iterations;
        return continuationAllowed(net) ? left / 2 : left;
    }

    /**
     * Where the t-th of {@code length} repeated stages (1-based) lies in a cascade whose run has
     * {@code otherLength} stages, the stage before the run at index {@code before} (0-based): the
     * same relative position along the run.
     */
    private static double runPosition(int before, int t, int length, int otherLength) {
        return before + t * (otherLength + 1.0) / (length + 1.0);
    }

    /** The ln flow of component j of {@code state} at a fractional stage index x (0-based), linearly interpolated. */
    private static double interpolated(SteadyState state, double x, int j, boolean organic) {
        int last = state.stages() - 1;
        int i0 = Math.min((int) Math.floor(x), last);
        int i1 = Math.min(i0 + 1, last);
        double f = x - i0;
        return organic ? (1 - f) * state.lnOrganicFlow(i0 + 1, j) + f * state.lnOrganicFlow(i1 + 1, j)
                : (1 - f) * state.lnAqueousFlow(i0 + 1, j) + f * state.lnAqueousFlow(i1 + 1, j);
    }

    /**
     * A start for {@code net} from the steady state {@code state} of {@code from}, the same
     * cascade with runs of repeated stages ({@link CascadeNetwork#isRepeatedStage}) of other
     * lengths, for example other section stage counts: as in the start from a shorter cascade,
     * each stage of a run takes the ln flows at the same relative position along the other
     * network's run, interpolated linearly, and the stages that are not repeated take theirs.
     *
     * @return the start, or {@code null} when the two networks' sequences of runs and single
     *         stages do not correspond (a run of one is missing from the other) or their
     *         components differ
     */
    public static SteadyState stretched(CascadeNetwork net, CascadeNetwork from, SteadyState state) {
        int c = net.components();
        if (from.components() != c || state.stages() != from.stages() || state.components() != c) {
            return null;
        }
        int[] runs = runs(net);
        int[] otherRuns = runs(from);
        if (runs.length != otherRuns.length) {
            return null;
        }
        int n = net.stages();
        double[] position = new double[n];
        int k = 0; // stage index in net, 0-based
        int other = 0; // in from
        for (int r = 0; r < runs.length; r++) {
            if ((runs[r] < 0) != (otherRuns[r] < 0)) {
                return null;
            }
            if (runs[r] < 0) { // a single stage
                position[k++] = other++;
                continue;
            }
            for (int t = 1; t <= runs[r]; t++) {
                position[k++] = runPosition(other - 1, t, runs[r], otherRuns[r]);
            }
            other += otherRuns[r];
        }
        double[] aqueous = new double[n * c];
        double[] organic = new double[n * c];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < c; j++) {
                aqueous[s * c + j] = interpolated(state, position[s], j, false);
                organic[s * c + j] = interpolated(state, position[s], j, true);
            }
        }
        return new SteadyState(state.method(), 0, Double.NaN, Double.NaN, n, c, aqueous, organic);
    }

    /** The network's stages as a sequence: −1 for a stage that is not repeated, L for a run of L repeated stages. */
    private static int[] runs(CascadeNetwork net) {
        int n = net.stages();
        int[] out = new int[n];
        int count = 0;
        int k = 1;
        while (k <= n) {
            if (!net.isRepeatedStage(k)) {
                out[count++] = -1;
                k++;
                continue;
            }
            int first = k;
            while (k <= n && net.isRepeatedStage(k)) {
                k++;
            }
            out[count++] = k - first;
        }
        return Arrays.copyOf(out, count);
    }

    /**
     * Newton with pseudo-transient continuation from the steady state of a neighbouring network
     * (same stages and components), at most 200 iterations, without a cold-start fallback.
     *
     * @throws NoConvergenceException if it does not converge from there
     * @throws IllegalArgumentException if the start's size differs from the network's
     */
    public SteadyState solveFrom(CascadeNetwork net, SolverSettings settings, SteadyState start) {
        int n = net.stages();
        int c = net.components();
        if (start.stages() != n || start.components() != c) {
            throw new IllegalArgumentException("start has " + start.stages() + " stages and " + start.components()
                    + " components, the network " + n + " and " + c);
        }
        prepare(net);
        load(start, n, c);
        rowsRun = false;
        iterations = 0;
        startWork();
        firstResidual = -1;
        setHomotopy(net, 1);
        double tol = settings.tolerance();
        int limit = Math.min(settings.maxIterations(), DIRECT_BUDGET);
        boolean converged = iterate(net, tol, limit);
        if (converged) {
            polish(net);
        }
        return result(net, converged, tol, limit, " (warm start)");
    }

    /**
     * A solve begins with no work done and, unless it is a shortened copy (whose budget its caller
     * sets), the whole {@link #WORK_BUDGET}, and not stalled: a solve on a solver that has solved
     * before must not inherit the work or the stall of earlier solves (a reused solver answers as a
     * fresh one).
     */
    private void startWork() {
        work = 0;
        outOfWork = false;
        stalled = false;
        if (!shortenedCopy) {
            workBudget = ownBudget;
        }
    }

    /** Puts a start's ln flows into {@link #u}; {@link #prepare} must have run for its network. */
    private void load(SteadyState start, int n, int c) {
        double[] aq = start.lnAqueous();
        double[] org = start.lnOrganic();
        int w = 2 * c;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                // a component this network feeds but the start lacks begins at a negligible flow
                u[k * w + j] = active[j] ? finiteOr(aq[k * c + j], LN_ZERO / 2) : LN_ZERO;
                u[k * w + c + j] = active[j] ? finiteOr(org[k * c + j], LN_ZERO / 2) : LN_ZERO;
            }
        }
    }

    /**
     * A scalar condition g(state, p) = 0 that fixes a parameter p of a family of networks along
     * with their steady state, for {@link #solveBordered}.
     */
    public interface Condition {
        /**
         * g at these ln flows (stage-major, index (k − 1)·C + j as in {@link SteadyState}) and
         * parameter; called several hundred times per iteration, so it should be cheap and must not
         * keep the arrays.
         */
        double value(double[] lnAqueous, double[] lnOrganic, double parameter);
    }

    /**
     * A steady state with the parameter that satisfies the condition.
     *
     * @param state     the steady state of {@code family.apply(parameter)}
     * @param parameter p with g(state, p) = 0 to the condition's tolerance
     */
    public record Bordered(SteadyState state, double parameter) {
    }

    /**
     * The steady state of the network {@code family.apply(p)} together with the parameter p that
     * makes {@code condition} vanish, by Newton's method on the bordered system
     * <pre>
     *   [ J    ∂F/∂p ] [δu]     [F]
     *   [ ∂g/∂u ∂g/∂p ] [δp] = − [g]
     * </pre>
     * solved by block elimination with one factorisation of J: z₁ = −J⁻¹F, z₂ = −J⁻¹∂F/∂p,
     * δp = −(g + ∂g/∂u·z₁)/(∂g/∂p + ∂g/∂u·z₂), δu = z₁ + δp z₂ (Keller's bordering algorithm,
     * H. B. Keller, "Numerical solution of bifurcation and nonlinear eigenvalue problems", 1977).
     * ∂F/∂p and ∂g/∂p are forward differences, ∂g/∂u central differences; steps are capped in ln
     * as in {@link #solve} and halved until the combined norm ‖(F, g)‖ or the simplified correction
     * of the bordered system (Deuflhard's test) falls, with p inside [lo, hi]. The family's
     * networks are built by the caller, three per iteration (at p, p + h and each trial p): the
     * solver's own work arrays are reused. When g fixes a quantity the steady state is
     * very sensitive to (an outlet purity against a reflux), the bordered system is well
     * conditioned where the plain one at fixed p is not, and a neighbouring steady state is a start
     * Newton converges from in a few steps. There is no globalisation: on failure the caller falls
     * back to solves at fixed p.
     *
     * @param family             the networks, all of the start's size
     * @param p0                 first parameter
     * @param lo                 smallest parameter allowed
     * @param hi                 largest parameter allowed
     * @param condition          g(state, p)
     * @param conditionTolerance |g| allowed at convergence
     * @param settings           tolerance of the stage balances and iteration limit (at most 200 used)
     * @param start              a steady state of a neighbouring network
     * @throws NoConvergenceException if Newton fails or p would leave [lo, hi]
     */
    public Bordered solveBordered(DoubleFunction<CascadeNetwork> family, double p0, double lo, double hi,
                                  Condition condition, double conditionTolerance, SolverSettings settings,
                                  SteadyState start) {
        CascadeNetwork net = family.apply(p0);
        int n = net.stages();
        int c = net.components();
        if (start.stages() != n || start.components() != c) {
            throw new IllegalArgumentException("start has " + start.stages() + " stages and " + start.components()
                    + " components, the network " + n + " and " + c);
        }
        int w = 2 * c;
        int size = n * w;
        use(net);
        load(start, n, c);
        rowsRun = false;
        stalled = false;
        iterations = 0;
        double tol = settings.tolerance();
        int limit = Math.min(settings.maxIterations(), DIRECT_BUDGET);
        double p = p0;
        double r = evaluate(net, u, res, lnStar, jacStar, lnIn, lnTarget);
        double g = condition(condition, u, p, n, c);
        double merit = Math.hypot(norm(res, size), g);
        firstResidual = r;
        String failure = null;
        while (!(r <= tol && Math.abs(g) <= conditionTolerance)) {
            if (iterations >= limit) {
                failure = "iteration limit reached";
                break;
            }
            iterations++;
            // ∂F/∂p and ∂g/∂p by a forward difference (into the trial arrays, then back to net)
            double h = 1e-7 * Math.max(1, Math.abs(p));
            if (p + h > hi) {
                h = -h;
            }
            CascadeNetwork shifted = family.apply(p + h);
            use(shifted);
            evaluate(shifted, u, resTrial, lnStarTrial, jacStarTrial, lnInTrial, lnTargetTrial);
            for (int i = 0; i < size; i++) {
                sensitivity[i] = -(resTrial[i] - res[i]) / h;
            }
            double gp = (condition(condition, u, p + h, n, c) - g) / h;
            use(net);
            // ∂g/∂u by central differences in each ln flow (g reads a few outlet flows only)
            condition(condition, u, p, n, c);
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < c; j++) {
                    gradient[k * w + j] = active[j] ? partial(condition, conditionAq, k * c + j, p) : 0;
                    gradient[k * w + c + j] = active[j] ? partial(condition, conditionOrg, k * c + j, p) : 0;
                }
            }
            assemble(net, 0);
            if (!factor(n)) {
                failure = "singular Jacobian";
                break;
            }
            for (int i = 0; i < size; i++) {
                step[i] = -res[i];
            }
            solveLinear(n, c, step);
            solveLinear(n, c, sensitivity);
            double num = g;
            double den = gp;
            for (int i = 0; i < size; i++) {
                num += gradient[i] * step[i];
                den += gradient[i] * sensitivity[i];
            }
            double dp = -num / den;
            if (!Double.isFinite(dp)) {
                failure = "the condition does not depend on the parameter";
                break;
            }
            double biggest = 0;
            for (int i = 0; i < size; i++) {
                step[i] += dp * sensitivity[i];
                double lnTrace = lnTraceLevel[(i % w) % c];
                if (!(u[i] < lnTrace && u[i] + step[i] < lnTrace)) {
                    biggest = Math.max(biggest, Math.abs(step[i]));
                }
            }
            double lambda = biggest > MAX_LOG_STEP ? MAX_LOG_STEP / biggest : 1;
            double stepNorm = Math.hypot(norm(step, size), dp);
            boolean accepted = false;
            for (int attempt = 0; attempt < BACKTRACKS && !accepted; attempt++, lambda *= 0.5) {
                double pTrial = p + lambda * dp;
                if (!(pTrial >= lo && pTrial <= hi)) {
                    continue;
                }
                for (int i = 0; i < size; i++) {
                    uTrial[i] = u[i] + lambda * step[i];
                }
                CascadeNetwork trial = family.apply(pTrial);
                use(trial);
                double rTrial = evaluate(trial, uTrial, resTrial, lnStarTrial, jacStarTrial, lnInTrial,
                        lnTargetTrial);
                double gTrial = condition(condition, uTrial, pTrial, n, c);
                double meritTrial = Math.hypot(norm(resTrial, size), gTrial);
                boolean accept = Double.isFinite(rTrial) && Double.isFinite(gTrial);
                if (accept && !(rTrial <= tol && Math.abs(gTrial) <= conditionTolerance)
                        && !(meritTrial <= (1 - lambda / 4) * merit)) {
                    // Deuflhard's restricted monotonicity test on the simplified correction of the
                    // bordered system, as in iterate: the combined norm alone refuses good steps
                    // along the cascade's slow inventory mode
                    for (int i = 0; i < size; i++) {
                        simplified[i] = -resTrial[i];
                    }
                    solveLinear(n, c, simplified);
                    double sNum = gTrial;
                    for (int i = 0; i < size; i++) {
                        sNum += gradient[i] * simplified[i];
                    }
                    double sp = -sNum / den;
                    double s2 = sp * sp;
                    for (int i = 0; i < size; i++) {
                        double si = simplified[i] + sp * sensitivity[i];
                        s2 += si * si;
                    }
                    accept = Math.sqrt(s2) <= (1 - lambda / 4) * stepNorm;
                }
                if (accept) {
                    accepted = true;
                    swap();
                    net = trial;
                    p = pTrial;
                    r = rTrial;
                    g = gTrial;
                    merit = meritTrial;
                } else {
                    use(net);
                }
            }
            if (!accepted) {
                failure = "no step within the parameter's bounds reduced the residuals";
                break;
            }
        }
        residual = r;
        if (failure != null) {
            unpack(n, c);
            double imbalance = StageBalances.maxRelativeImbalance(net, lnAq, lnOrg, worst);
            throw new NoConvergenceException("newton", String.format(java.util.Locale.ROOT, "%s (bordered solve, "
                    + "condition %.1e at parameter %.9g)", failure, g, p), iterations, Math.max(imbalance, r), tol,
                    worst[0], worst[1], net.componentName(worst[1]), iterations >= limit);
        }
        return new Bordered(result(net, true, tol, limit, ""), p);
    }

    /** Makes {@code net} the network the work arrays describe (feeds, passes, efficiencies). */
    private void use(CascadeNetwork net) {
        prepare(net);
        setHomotopy(net, 1);
    }

    /** ∂g/∂x[i] by a central difference, x one of the unpacked arrays of {@link #condition}. */
    private double partial(Condition condition, double[] x, int i, double p) {
        double keep = x[i];
        x[i] = keep + 1e-6;
        double up = condition.value(conditionAq, conditionOrg, p);
        x[i] = keep - 1e-6;
        double down = condition.value(conditionAq, conditionOrg, p);
        x[i] = keep;
        return (up - down) / 2e-6;
    }

    private double condition(Condition condition, double[] x, double p, int n, int c) {
        int w = 2 * c;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                conditionAq[k * c + j] = active[j] ? x[k * w + j] : Double.NEGATIVE_INFINITY;
                conditionOrg[k * c + j] = active[j] ? x[k * w + c + j] : Double.NEGATIVE_INFINITY;
            }
        }
        return condition.value(conditionAq, conditionOrg, p);
    }

    /** Per-solve set-up: work arrays for the network's size, which components are fed, ln feeds. */
    private void prepare(CascadeNetwork net) {
        int n = net.stages();
        int c = net.components();
        ensureCapacity(n, c);
        newtonFactors = false;
        for (int j = 0; j < c; j++) {
            totalFeed[j] = net.totalFeed(j);
            active[j] = totalFeed[j] > 0;
            lnTraceLevel[j] = Math.log(totalFeed[j]) + LN_TRACE;
        }
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                lnFeed[k * c + j] = Math.log(net.feed(k + 1, j));
                lnOrganicFeed[k * c + j] = Math.log(net.organicFeed(k + 1, j));
            }
        }
    }

    /**
     * The steady state of the current solution, or the failure with what was reached;
     * {@code how} is appended to the failure reason (e.g. " (warm start)").
     */
    private SteadyState result(CascadeNetwork net, boolean converged, double tol, int limit, String how) {
        int n = net.stages();
        int c = net.components();
        unpack(n, c);
        if (!converged) {
            double imbalance = StageBalances.maxRelativeImbalance(net, lnAq, lnOrg, worst);
            if (!(imbalance >= residual)) {
                locateWorstResidual(n, c); // the Murphree or draw equations, not the balances, are worst
            }
            String why = stalled
                    ? String.format(java.util.Locale.ROOT, "the residual stalled at %.1e, %d iterations without a "
                            + "tenfold fall: the rounding level of these balances is above the tolerance", residual,
                            STALL_ITERATIONS)
                    : outOfWork ? String.format(java.util.Locale.ROOT, "the work budget of one solve was spent "
                            + "(%.1e stage-iterations × components², a few seconds of computing)", (double) work)
                    : iterations >= limit ? "iteration limit reached" : "no step reduced the stage residuals";
            // what the chemistry says of the state reached, where Newton ran out of steps (after
            // an iteration limit or a stall the state says little)
            String chemistry = iterations < limit && !stalled ? diagnosis(net) : null;
            NoConvergenceException e = new NoConvergenceException("newton",
                    why + how + (chemistry == null ? "" : "; " + chemistry), iterations, Math.max(imbalance, residual),
                    tol, worst[0], worst[1], net.componentName(worst[1]), iterations >= limit && !stalled);
            // a spent work budget ends the solve: no row fallback after it either
            throw rowsRun || outOfWork ? e.markRowsTried() : e;
        }
        double closure = StageBalances.massBalanceError(net, lnAq, lnOrg);
        return new SteadyState("newton", iterations, residual, closure, n, c, Arrays.copyOf(lnAq, n * c),
                Arrays.copyOf(lnOrg, n * c));
    }

    /**
     * Puts into {@link #worst} the stage (1-based) and component of the largest entry of the
     * residual vector {@link #res} (rows k·2c + j: balance, k·2c + c + j: Murphree equation); a
     * NaN entry counts as the largest.
     */
    private void locateWorstResidual(int n, int c) {
        double largest = -1;
        for (int i = 0; i < n * 2 * c; i++) {
            double a = Double.isNaN(res[i]) ? Double.POSITIVE_INFINITY : Math.abs(res[i]);
            if (a > largest) {
                largest = a;
                worst[0] = i / (2 * c) + 1;
                worst[1] = i % (2 * c) % c;
            }
        }
    }

    /**
     * What the equilibrium model says is wrong with the reached state (e.g. acid used up, extractant
     * full), at the first stage where it says anything, or {@code null}.
     */
    private String diagnosis(CascadeNetwork net) {
        int n = net.stages();
        int c = net.components();
        EquilibriumModel eq = net.equilibrium();
        for (int k = 0; k < n; k++) {
            String d = eq.stageDiagnosis(net.organicFlow(k + 1), net.aqueousFlow(k + 1), lnAq, k * c);
            if (d != null) {
                return "in the state reached, stage " + (k + 1) + ": " + d;
            }
        }
        return null;
    }

    private static double finiteOr(double x, double fallback) {
        return Double.isFinite(x) ? x : fallback;
    }

    /**
     * The second globalisation: the network without efficiencies and side draws is solved by
     * {@link NewtonCascadeSolver} (whose start is built for plain cascades), then efficiencies and
     * draws are switched on along a homotopy t from 0 to 1 (E = 1 − t(1 − E_k), d = t d_k), each
     * step a warm-started solve of this solver.
     */
    private boolean fromPlainNetwork(CascadeNetwork net, SolverSettings settings) {
        int n = net.stages();
        int c = net.components();
        int w = 2 * c;
        SteadyState plain;
        try {
            if (plainSolver == null) {
                plainSolver = new NewtonCascadeSolver();
            }
            plain = plainSolver.solve(net.plainVersion(), new SolverSettings(SolverSettings.Method.NEWTON,
                    settings.tolerance(), Math.max(1, settings.maxIterations() - iterations)));
        } catch (NoConvergenceException e) {
            return false;
        }
        iterations += plain.iterations();
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                u[k * w + j] = active[j] ? plain.lnAqueousFlow(k + 1, j) : LN_ZERO;
                u[k * w + c + j] = active[j] ? plain.lnOrganicFlow(k + 1, j) : LN_ZERO;
            }
        }
        double t = 0;
        double h = FIRST_HOMOTOPY_STEP;
        int limit = settings.maxIterations();
        while (t < 1 && iterations < limit) {
            double next = Math.min(1, t + h);
            setHomotopy(net, next);
            System.arraycopy(u, 0, saved, 0, n * w);
            double stepTol = next == 1 ? settings.tolerance() : Math.max(settings.tolerance(), 1e-9);
            if (iterate(net, stepTol, Math.min(limit, iterations + (next == 1 ? DIRECT_BUDGET : STEP_BUDGET)))) {
                t = next;
                h = Math.min(1, 2 * h);
            } else {
                System.arraycopy(saved, 0, u, 0, n * w);
                h /= 4;
                if (h < SMALLEST_HOMOTOPY_STEP) {
                    break;
                }
            }
        }
        setHomotopy(net, 1);
        return t == 1;
    }

    /** A full Newton step from a converged state, kept if it lowers the largest residual. */
    private void polish(CascadeNetwork net) {
        int n = net.stages();
        int size = n * 2 * net.components();
        // a shortened copy's solve is only a start: its last Newton factors serve (a chord step)
        if (!(shortenedCopy && newtonFactors)) {
            assemble(net, 0);
            if (!factor(n)) {
                return;
            }
        }
        for (int i = 0; i < size; i++) {
            step[i] = -res[i];
        }
        solveLinear(n, net.components(), step);
        for (int i = 0; i < size; i++) {
            uTrial[i] = u[i] + step[i];
        }
        double r = evaluate(net, uTrial, resTrial, lnStarTrial, jacStarTrial, lnInTrial, lnTargetTrial);
        if (r < residual) {
            swap();
            residual = r;
        }
    }

    /**
     * Newton iterations with pseudo-transient continuation from the current state {@link #u} until
     * the largest residual is at most {@code tol} or {@code maxIterations} (counted over the whole
     * solve) is reached; leaves the residual in {@link #residual}.
     */
    private boolean iterate(CascadeNetwork net, double tol, int maxIterations) {
        int n = net.stages();
        int size = n * 2 * net.components();
        // Newton first (the start is often close); the first refused step starts the
        // pseudo-time stepping at a small Δt
        double dt = 10 * NEWTON_TIME_STEP;
        double r = evaluate(net, u, res, lnStar, jacStar, lnIn, lnTarget);
        double norm = norm(res, size);
        if (firstResidual < 0) {
            firstResidual = r;
        }
        boolean converged = r <= tol;
        // a shortened copy's start settled before the tolerance (SETTLED_RESIDUAL)
        boolean settled = false;
        stalled = false;
        double best = r;
        int sinceBest = 0;
        while (!converged && iterations < maxIterations) {
            if (work >= workBudget) {
                outOfWork = true;
                break;
            }
            work += (long) n * net.components() * net.components();
            if (r < 0.1 * best) {
                best = r;
                sinceBest = 0;
            } else if (++sinceBest > STALL_ITERATIONS && best < STALL_LEVEL) {
                stalled = true;
                break;
            }
            iterations++;
            assemble(net, dt >= NEWTON_TIME_STEP ? 0 : 1 / dt);
            boolean accepted = false;
            if (factor(n)) {
                newtonFactors = dt >= NEWTON_TIME_STEP;
                for (int i = 0; i < size; i++) {
                    step[i] = -res[i];
                }
                solveLinear(n, net.components(), step);
                double biggest = 0;
                int cc = net.components();
                for (int i = 0; i < size; ) {
                    // a flow that is a trace before and after the step may move any distance: it
                    // hardly acts on the others (a trace's ln flow falls on a straight line along a
                    // section, so Newton is near exact for it), and capping every step by its moves
                    // would make long cascades crawl. (Entry i is component j of stage i ÷ 2C's
                    // aqueous, then organic, flows: two loops over the components, no division.)
                    for (int phase = 0; phase < 2; phase++) {
                        for (int j = 0; j < cc; j++, i++) {
                            double lnTrace = lnTraceLevel[j];
                            if (!(u[i] < lnTrace && u[i] + step[i] < lnTrace)) {
                                biggest = Math.max(biggest, Math.abs(step[i]));
                            }
                        }
                    }
                }
                double lambda = biggest > MAX_LOG_STEP ? MAX_LOG_STEP / biggest : Double.isNaN(biggest) ? 0 : 1;
                double stepNorm = norm(step, size);
                for (int attempt = 0; attempt < BACKTRACKS && lambda > 0 && !accepted; attempt++, lambda *= 0.5) {
                    for (int i = 0; i < size; i++) {
                        uTrial[i] = u[i] + lambda * step[i];
                    }
                    double rTrial = evaluate(net, uTrial, resTrial, lnStarTrial, jacStarTrial, lnInTrial, lnTargetTrial);
                    work += (long) n * net.components() * net.components(); // a trial costs as much again
                    if (!Double.isFinite(rTrial)) {
                        continue;
                    }
                    double normTrial = norm(resTrial, size);
                    if (dt < NEWTON_TIME_STEP) {
                        // a pseudo-time step: accepted unless the residual grows markedly;
                        // switched evolution relaxation lets Δt grow as the residual falls
                        if (normTrial <= GROWTH * norm) {
                            accepted = true;
                            dt *= Math.max(1.25, Math.min(4, norm / Math.max(normTrial, 1e-300)));
                        }
                    } else {
                        // Deuflhard's restricted monotonicity test on the simplified Newton
                        // correction J⁻¹F(u + λδ): affine invariant, so the bad conditioning of
                        // cascades (their slow inventory mode) does not refuse good steps. Near a
                        // knife-edge reflux that same mode can make the simplified correction grow
                        // while the residuals fall; such a step is taken too (monotone in ‖F‖).
                        // The correction costs a block solve: formed only where a test reads it
                        accepted = rTrial <= tol || normTrial <= (1 - lambda / 4) * norm;
                        boolean settling = shortenedCopy && lambda == 1 && rTrial <= SETTLED_RESIDUAL;
                        if (!accepted || settling) {
                            for (int i = 0; i < size; i++) {
                                simplified[i] = -resTrial[i];
                            }
                            solveLinear(n, cc, simplified);
                            accepted = accepted || norm(simplified, size) <= (1 - lambda / 4) * stepNorm;
                        }
                        settled = accepted && settling && settledError(size, cc) <= SETTLED_ERROR;
                    }
                    if (accepted) {
                        swap();
                        r = rTrial;
                        norm = normTrial;
                    }
                }
            }
            if (!accepted) {
                dt = dt >= NEWTON_TIME_STEP ? FIRST_TIME_STEP : dt * 0.1;
                if (dt < SMALLEST_TIME_STEP) {
                    break;
                }
            }
            converged = r <= tol || settled;
            if (listener != null && Double.isFinite(r) && firstResidual > tol && homotopy == 1) {
                double span = Math.log(firstResidual / tol);
                listener.progress(Math.max(0, Math.min(1, Math.log(firstResidual / r) / span)), iterations, r);
            }
        }
        residual = r;
        return converged;
    }

    /**
     * Largest |simplified correction| ({@link #simplified}) over the flows above their trace level
     * before or after the step ({@link #u}, {@link #uTrial}): the error estimate of
     * {@link #SETTLED_RESIDUAL}.
     */
    private double settledError(int size, int c) {
        double largest = 0;
        for (int i = 0; i < size; ) {
            for (int phase = 0; phase < 2; phase++) {
                for (int j = 0; j < c; j++, i++) {
                    double lnTrace = lnTraceLevel[j];
                    if (!(u[i] < lnTrace && uTrial[i] < lnTrace)) {
                        double a = Math.abs(simplified[i]);
                        largest = a > largest || Double.isNaN(a) ? a : largest;
                    }
                }
            }
        }
        return largest;
    }

    private void unpack(int n, int c) {
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                boolean on = active[j];
                lnAq[k * c + j] = on ? u[k * 2 * c + j] : Double.NEGATIVE_INFINITY;
                lnOrg[k * c + j] = on ? u[k * 2 * c + c + j] : Double.NEGATIVE_INFINITY;
            }
        }
    }

    private void swap() {
        double[] t = u;
        u = uTrial;
        uTrial = t;
        t = res;
        res = resTrial;
        resTrial = t;
        t = lnStar;
        lnStar = lnStarTrial;
        lnStarTrial = t;
        t = jacStar;
        jacStar = jacStarTrial;
        jacStarTrial = t;
        t = lnIn;
        lnIn = lnInTrial;
        lnInTrial = t;
        t = lnTarget;
        lnTarget = lnTargetTrial;
        lnTargetTrial = t;
    }

    /**
     * Sets the homotopy parameter t (efficiencies E = 1 − t(1 − E_k), draw fractions t·d_k) and the
     * stage coefficients that follow from it: {@link #passOrg}, {@link #passAq},
     * {@link #stageEfficiency} and {@link #rest}.
     */
    private void setHomotopy(CascadeNetwork net, double t) {
        homotopy = t;
        int n = net.stages();
        allIdeal = true;
        for (int k = 0; k < n; k++) {
            passOrg[k] = k > 0 ? 1 - t * net.organicDraw(k) : 0;
            passAq[k] = k < n - 1 ? 1 - t * net.aqueousDraw(k + 2) : 0;
            // the organic entering: what is not drawn off below (all of it at t = 0) and any organic feed
            double inflow = net.organicInflow(k + 1);
            if (k > 0) {
                inflow += (1 - t) * net.organicDraw(k) * net.organicFlow(k);
            }
            double e = 1 - t * (1 - net.efficiency(k + 1));
            e = e < 1 && inflow > 0 ? e : 1.0;
            stageEfficiency[k] = e;
            allIdeal &= e == 1;
            rest[k] = e < 1 ? (1 - e) * net.organicFlow(k + 1) / inflow : 0;
            lnPassOrg[k] = k > 0 ? Math.log(passOrg[k]) : 0;
            lnPassAq[k] = k < n - 1 ? Math.log(passAq[k]) : 0;
            lnEfficiency[k] = Math.log(e);
            lnRest[k] = e < 1 ? Math.log(rest[k]) : 0;
        }
    }

    /**
     * Residuals of state {@code x}; returns the largest |residual| over active rows. Fills the
     * equilibrium organic flows and their Jacobian, ln(in) of every balance and ln of every
     * Murphree target for the Jacobian.
     */
    private double evaluate(CascadeNetwork net, double[] x, double[] r, double[] star, double[] jac, double[] in,
                            double[] target) {
        int n = net.stages();
        int c = net.components();
        int w = 2 * c;
        EquilibriumModel eq = net.equilibrium();
        double worstResidual = 0;
        for (int k = 0; k < n; k++) {
            eq.organicFlows(net.organicFlow(k + 1), net.aqueousFlow(k + 1), x, k * w, star, k * c, jac, k * c * c);
        }
        for (int k = 0; k < n; k++) {
            double lnPassOrg = this.lnPassOrg[k];
            double lnPassAq = this.lnPassAq[k];
            double e = stageEfficiency[k];
            double lnE = lnEfficiency[k];
            double lnRest = this.lnRest[k];
            for (int j = 0; j < c; j++) {
                int row = k * w + j;
                if (!active[j]) {
                    r[row] = 0;
                    r[row + c] = 0;
                    continue;
                }
                double fromBelow = k > 0 ? x[row - w + c] + lnPassOrg : Double.NEGATIVE_INFINITY;
                double fromAbove = k < n - 1 ? x[row + w] + lnPassAq : Double.NEGATIVE_INFINITY;
                double lnInflow = LogSum.of(fromBelow, fromAbove, lnFeed[k * c + j]);
                double lnOutflow = LogSum.of(x[row], x[row + c]);
                in[k * c + j] = lnInflow;
                double balance = lnInflow - lnOutflow;
                double t = lnE + star[k * c + j];
                if (e < 1) {
                    double vin = LogSum.of(fromBelow, lnOrganicFeed[k * c + j]);
                    t = LogSum.of(t, lnRest + vin);
                }
                target[k * c + j] = t;
                double murphree = x[row + c] - t;
                r[row] = balance;
                r[row + c] = murphree;
                double a = Math.max(Math.abs(balance), Math.abs(murphree));
                if (!(a <= worstResidual)) {
                    worstResidual = Double.isNaN(a) ? Double.POSITIVE_INFINITY : a;
                }
            }
        }
        return worstResidual;
    }

    /** Fills the Jacobian blocks at the current state; {@code inventory} = 1/Δt. */
    private void assemble(CascadeNetwork net, double inventory) {
        if (allIdeal) {
            assembleReduced(net, inventory);
            return;
        }
        int n = net.stages();
        int c = net.components();
        int w = 2 * c;
        int ww = w * w;
        linear.clear(n);
        double[] lower = linear.lower();
        double[] diag = linear.diagonal();
        double[] upper = linear.upper();
        double keep = 1 + inventory;
        for (int k = 0; k < n; k++) {
            int off = k * ww;
            double lnPassOrg = this.lnPassOrg[k];
            double lnPassAq = this.lnPassAq[k];
            double e = stageEfficiency[k];
            double lnE = lnEfficiency[k];
            double lnRest = this.lnRest[k];
            for (int j = 0; j < c; j++) {
                int bal = j;
                int mur = c + j;
                if (!active[j]) {
                    diag[off + bal * w + bal] = 1;
                    diag[off + mur * w + mur] = 1;
                    continue;
                }
                int row = k * w + j;
                double lnInflow = lnIn[k * c + j];
                double lnOutflow = LogSum.of(u[row], u[row + c]);
                // balance: ∂/∂b_{k−1}, ∂/∂a_{k+1} (share of the inflow), ∂/∂a_k, ∂/∂b_k (share of the outflow)
                if (k > 0) {
                    lower[off + bal * w + (c + j)] = Math.exp(u[row - w + c] + lnPassOrg - lnInflow);
                }
                if (k < n - 1) {
                    upper[off + bal * w + j] = Math.exp(u[row + w] + lnPassAq - lnInflow);
                }
                diag[off + bal * w + j] = -keep * Math.exp(u[row] - lnOutflow);
                diag[off + bal * w + c + j] = -keep * Math.exp(u[row + c] - lnOutflow);
                // Murphree: b_j − ln(E v*_j(a) + (1 − E) g v_in,j)
                double t = lnTarget[k * c + j];
                double share = Math.exp(lnE + lnStar[k * c + j] - t);
                diag[off + mur * w + c + j] = 1;
                int jo = k * c * c + j * c;
                for (int i = 0; i < c; i++) {
                    if (active[i]) {
                        diag[off + mur * w + i] -= share * jacStar[jo + i];
                    }
                }
                if (e < 1 && k > 0) {
                    lower[off + mur * w + c + j] = -Math.exp(lnRest + u[row - w + c] + lnPassOrg - t);
                }
            }
        }
    }

    /**
     * The Newton system of a network of ideal stages with the organic unknowns eliminated
     * ({@link #reduced}). Balance (k, j) of the full system reads
     * λ_j δb_{k−1,j} + P_j δa_{k,j} + Q_j δb_{k,j} + μ_j δa_{k+1,j} = g, and the equilibrium row
     * δb_k − M_k δa_k = h_k; substituting δb gives the rows
     * λ⊙M_{k−1} δa_{k−1} + (diag P + diag Q · M_k) δa_k + diag μ δa_{k+1} = g − λ⊙h_{k−1} − Q⊙h_k
     * ({@link #solveLinear}). The same Newton step as the full system, exactly.
     */
    private void assembleReduced(CascadeNetwork net, double inventory) {
        int n = net.stages();
        int c = net.components();
        int w = 2 * c;
        int cc = c * c;
        // every entry that the factorisation reads is written below (U_k off its diagonal is not
        // read), so the blocks need no clearing first
        double[] lower = reduced.lower();
        double[] diag = reduced.diagonal();
        double[] upper = reduced.upper();
        double keep = 1 + inventory;
        for (int k = 0; k < n; k++) {
            int off = k * cc;
            double lnPassOrg = this.lnPassOrg[k];
            double lnPassAq = this.lnPassAq[k];
            for (int j = 0; j < c; j++) {
                int row = k * w + j;
                int jo = off + j * c;
                if (!active[j]) {
                    for (int i = 0; i < c; i++) {
                        organicResponse[jo + i] = 0;
                        diag[jo + i] = 0;
                    }
                    diag[jo + j] = 1;
                    upper[jo + j] = 0;
                    balanceFromBelow[k * c + j] = 0;
                    balanceOrganicOut[k * c + j] = 0;
                    continue;
                }
                double lnInflow = lnIn[k * c + j];
                // the outflow's aqueous and organic shares, from one exponential t = e^−|ln a − ln b|
                double d = u[row] - u[row + c];
                double t = Math.exp(-Math.abs(d));
                double larger = 1 / (1 + t);
                double smaller = t * larger;
                double aqueousShare = d > 0 ? larger : smaller;
                double organicShare = d > 0 ? smaller : larger;
                // M_k row j: the equilibrium organic flow's response (E = 1: lnTarget = lnStar)
                for (int i = 0; i < c; i++) {
                    organicResponse[jo + i] = active[i] ? jacStar[jo + i] : 0;
                }
                double q = -keep * organicShare;
                balanceOrganicOut[k * c + j] = q;
                balanceFromBelow[k * c + j] = k > 0 ? Math.exp(u[row - w + c] + lnPassOrg - lnInflow) : 0;
                upper[jo + j] = k < n - 1 ? Math.exp(u[row + w] + lnPassAq - lnInflow) : 0;
                for (int i = 0; i < c; i++) {
                    diag[jo + i] = q * organicResponse[jo + i];
                }
                diag[jo + j] -= keep * aqueousShare;
            }
            if (k > 0) {
                int prev = off - cc;
                for (int j = 0; j < c; j++) {
                    double below = balanceFromBelow[k * c + j];
                    for (int i = 0; i < c; i++) {
                        lower[off + j * c + i] = below == 0 ? 0 : below * organicResponse[prev + j * c + i];
                    }
                }
            }
        }
    }

    /**
     * Factors the Newton system last assembled ({@link #reduced}, whose super-diagonal blocks diag μ
     * are diagonal, or {@link #linear}).
     */
    private boolean factor(int n) {
        factoredReduced = allIdeal;
        newtonFactors = false;
        return allIdeal ? reduced.factorDiagonalUpper(n) : linear.factor(n);
    }

    /**
     * Solves the factored Newton system in place: {@code g} (balance and equilibrium rows of every
     * stage, 2C per stage) is replaced by the step (δa, δb).
     */
    private void solveLinear(int n, int c, double[] g) {
        if (!factoredReduced) {
            linear.solve(n, g);
            return;
        }
        int w = 2 * c;
        int cc = c * c;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                double x = g[k * w + j] - balanceOrganicOut[k * c + j] * g[k * w + c + j];
                if (k > 0) {
                    x -= balanceFromBelow[k * c + j] * g[(k - 1) * w + c + j];
                }
                reducedRhs[k * c + j] = x;
            }
        }
        reduced.solve(n, reducedRhs);
        for (int k = 0; k < n; k++) {
            int off = k * cc;
            for (int j = 0; j < c; j++) {
                double b = g[k * w + c + j];
                for (int i = 0; i < c; i++) {
                    b += organicResponse[off + j * c + i] * reducedRhs[k * c + i];
                }
                g[k * w + c + j] = b;
            }
            for (int j = 0; j < c; j++) {
                g[k * w + j] = reducedRhs[k * c + j];
            }
        }
    }

    private static double norm(double[] r, int size) {
        double s = 0;
        for (int i = 0; i < size; i++) {
            s += r[i] * r[i];
        }
        return Math.sqrt(s);
    }

    /**
     * Picard start: each component's partitions frozen, its balances and Murphree relations solved
     * exactly as a linear 2×2 block-tridiagonal system; repeated until the partitions settle.
     */
    private void picardStart(CascadeNetwork net) {
        int n = net.stages();
        int c = net.components();
        int w = 2 * c;
        EquilibriumModel eq = net.equilibrium();
        double fed = 0;
        for (int j = 0; j < c; j++) {
            fed += totalFeed[j];
        }
        for (int k = 0; k < n; k++) {
            // the feed composition at the stage's total phase flow (a rough start outside the CMER
            // basis; for mass action the row start takes over)
            for (int j = 0; j < c; j++) {
                contents[k * c + j] = (net.organicFlow(k + 1) + net.aqueousFlow(k + 1)) * totalFeed[j] / fed;
            }
            eq.equilibrate(net.organicFlow(k + 1), net.aqueousFlow(k + 1), contents, k * c, splitAq, splitOrg, k * c);
            for (int j = 0; j < c; j++) {
                u[k * w + j] = floorLn(splitAq[k * c + j], j);
                u[k * w + c + j] = floorLn(splitOrg[k * c + j], j);
            }
        }
        for (int sweep = 0; sweep < PICARD_SWEEPS; sweep++) {
            for (int k = 0; k < n; k++) {
                eq.organicFlows(net.organicFlow(k + 1), net.aqueousFlow(k + 1), u, k * w, lnStar, k * c, null, 0);
            }
            double change = 0;
            for (int j = 0; j < c; j++) {
                if (!active[j]) {
                    for (int k = 0; k < n; k++) {
                        u[k * w + j] = LN_ZERO;
                        u[k * w + c + j] = LN_ZERO;
                    }
                    continue;
                }
                if (!solveComponent(net, j)) {
                    return;
                }
                for (int k = 0; k < n; k++) {
                    double a = floorLn(rhs[2 * k], j);
                    double b = floorLn(rhs[2 * k + 1], j);
                    change = Math.max(change, Math.max(Math.abs(a - u[k * w + j]), Math.abs(b - u[k * w + c + j])));
                    u[k * w + j] = a;
                    u[k * w + c + j] = b;
                }
            }
            if (eq.phaseFlowIsComponentSum()) {
                // with frozen partitions nothing holds the phase totals (CMER metal flows) to the
                // network's: rescale each stage's compositions to them, or the sweeps run away
                for (int k = 0; k < n; k++) {
                    double lnL = LogSum.of(u, k * w, c);
                    double lnV = LogSum.of(u, k * w + c, c);
                    double sa = Math.log(net.aqueousFlow(k + 1)) - lnL;
                    double so = Math.log(net.organicFlow(k + 1)) - lnV;
                    for (int j = 0; j < c; j++) {
                        if (active[j]) {
                            u[k * w + j] += sa;
                            u[k * w + c + j] += so;
                        }
                    }
                }
            }
            if (!(change > PICARD_STOP)) {
                return;
            }
        }
    }

    /**
     * The state the row start begins from, as ln flows in {@link #splitAq} and {@link #splitOrg}:
     * for CMER the Picard state, which already has the network's metal flows; for other models
     * (mass action) the empty cascade, as a battery is filled. The Picard state can hold
     * inventories of acid and cation that no steady state has (the feed's make-up spread over every
     * stage), which rows flush out slowly or, with the acid used up on some stage, not at all.
     */
    private void startRows(CascadeNetwork net) {
        int n = net.stages();
        int c = net.components();
        int w = 2 * c;
        boolean picard = net.equilibrium().phaseFlowIsComponentSum();
        if (picard) {
            // afresh: a failed Newton solve or a shortened copy's solver may have left anything in u
            picardStart(net);
        }
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                boolean on = picard && active[j];
                splitAq[k * c + j] = on ? u[k * w + j] : Double.NEGATIVE_INFINITY;
                splitOrg[k * c + j] = on ? u[k * w + c + j] : Double.NEGATIVE_INFINITY;
            }
        }
        rowSweep.prepare(net);
        rowSweep.load(splitAq, splitOrg);
    }

    /**
     * Rows of Xu's row-by-row iteration (each stage mixes what reaches it and splits it at
     * equilibrium; side draws taken before the phases move on), going on from the row state
     * ({@link #rowSweep}; its ln flows in {@link #splitAq} and {@link #splitOrg} at each check), until the largest relative stage imbalance of that
     * state is below {@code stop} or the solve has counted {@code maxIterations}; leaves the state
     * in {@link #u} (floored for Newton). The rows honour the Murphree efficiencies as Newton does
     * ({@link RowSweep}). Rows count as iterations.
     */
    private void runRows(CascadeNetwork net, int maxIterations, double stop) {
        int n = net.stages();
        int c = net.components();
        int w = 2 * c;
        double[] aq = splitAq;
        double[] org = splitOrg;
        for (int row = 1; iterations < maxIterations; row++) {
            if (work >= workBudget) {
                outOfWork = true;
                return;
            }
            // in place: a Gauss-Seidel sweep of the funnel experiment
            rowSweep.rowInPlace();
            iterations++;
            work += (long) n * c * c;
            if (row % 20 == 0 || iterations == maxIterations) {
                rowSweep.lnFlows(aq, org);
                for (int k = 0; k < n; k++) {
                    for (int j = 0; j < c; j++) {
                        u[k * w + j] = active[j] ? floorOfLn(aq[k * c + j], j) : LN_ZERO;
                        u[k * w + c + j] = active[j] ? floorOfLn(org[k * c + j], j) : LN_ZERO;
                    }
                }
                unpack(n, c);
                // judged on the row state itself: the floor would unbalance traces below it
                if (rowImbalance(net, aq, org) < stop) {
                    return;
                }
            }
        }
    }

    /**
     * Largest stage imbalance of a row state (ln flows), each relative to the component's outflow
     * but to no less than {@link #ROW_TRACE} of its feed. Trace flows (the cation at the top of a
     * long cascade, the heavy rare earths in a raffinate) are so judged absolutely: a start needs
     * the main flows right, and the traces settle slowly in rows but at once in Newton.
     */
    private double rowImbalance(CascadeNetwork net, double[] lnAq, double[] lnOrg) {
        int n = net.stages();
        int c = net.components();
        double largest = 0;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                if (!active[j]) {
                    continue;
                }
                int i = k * c + j;
                double in = LogSum.of(k > 0 ? lnOrg[i - c] + lnPassOrg[k] : Double.NEGATIVE_INFINITY,
                        k < n - 1 ? lnAq[i + c] + lnPassAq[k] : Double.NEGATIVE_INFINITY, lnFeed[i]);
                double out = LogSum.of(lnAq[i], lnOrg[i]);
                double scale = Math.max(out, Math.log(ROW_TRACE * totalFeed[j]));
                double e = Math.abs(Math.exp(in - scale) - Math.exp(out - scale));
                if (!(e <= largest)) {
                    largest = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
                }
            }
        }
        return largest;
    }

    /** ln of a flow given as its ln, no lower than ln(fed) − 690 (Newton's state stays finite). */
    private double floorOfLn(double lnFlow, int j) {
        double lnFloor = Math.log(totalFeed[j]) - 690;
        return !(lnFlow > lnFloor) ? lnFloor : lnFlow;
    }

    private double floorLn(double flow, int j) {
        return floorOfLn(flow > 0 ? Math.log(flow) : Double.NEGATIVE_INFINITY, j);
    }

    /** One component's flows with frozen partitions λ = v* ÷ l; result (l_k, v_k) in {@link #rhs}. */
    private boolean solveComponent(CascadeNetwork net, int j) {
        int n = net.stages();
        int c = net.components();
        int w = 2 * c;
        double[] lo = pair.lower();
        double[] di = pair.diagonal();
        double[] up = pair.upper();
        for (int k = 0; k < n; k++) {
            int off = 4 * k;
            double lambda = Math.exp(lnStar[k * c + j] - u[k * w + j]);
            if (!Double.isFinite(lambda)) {
                lambda = lambda > 0 ? 1e300 : 0;
            }
            double e = stageEfficiency[k];
            double g = rest[k];
            // row 0: l_k + v_k − passOrg v_{k−1} − passAq l_{k+1} = f_k
            di[off] = 1;
            di[off + 1] = 1;
            lo[off + 1] = -passOrg[k];
            lo[off] = 0;
            up[off] = -passAq[k];
            up[off + 1] = 0;
            // row 1: v_k − E λ l_k − g passOrg v_{k−1} = g f^o_k
            di[off + 2] = -e * lambda;
            di[off + 3] = 1;
            lo[off + 2] = 0;
            lo[off + 3] = -g * passOrg[k];
            up[off + 2] = 0;
            up[off + 3] = 0;
            rhs[2 * k] = net.feed(k + 1, j);
            rhs[2 * k + 1] = g * net.organicFeed(k + 1, j);
        }
        if (!pair.factor(n)) {
            return false;
        }
        pair.solve(n, rhs);
        return true;
    }
}


