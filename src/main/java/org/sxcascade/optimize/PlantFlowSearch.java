package org.sxcascade.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.analysis.solvers.AllowedSolution;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.analysis.solvers.PegasusSolver;
import org.apache.commons.math3.exception.NoBracketingException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.sxcascade.design.StageSearch;
import org.sxcascade.design.TargetMargin;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.CostModel;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFlows;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.model.MassActionCaseView;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.NoConvergenceException;
import org.sxcascade.solver.SteadyState;
import org.sxcascade.solver.TwoPhaseNewtonSolver;

/**
 * The plant flows of a {@code model: mass-action} cascade, and where the settings bound them its
 * stage counts, that meet the purity and recovery targets of both products at the least reagent
 * use, the fewest stages or the least annual cost (docs/optimize.md; the stage search is described
 * at {@link #optimize(MassActionCase, MassActionSettings, Objective, CostModel)}).
 *
 * <p><b>Variables.</b> Organic flow O (L/h), saponification s and strip acid flow Q (L/h), and
 * where the settings give them bounds the scrub acid flow and the strip acidity, are searched by
 * BOBYQA (Powell's bound-constrained quadratic-model method, Commons Math) in the box of
 * {@link MassActionSettings}. The reflux R is not left to it: R decides which product takes the
 * impurities, very sharply, so every flow setting is evaluated at the R that balances the two
 * products. With margins m = ln(allowance / shortfall) of every target (impurity 1 − purity against
 * 1 − P, loss 1 − recovery against 1 − Y), the raffinate's margin falls and the strip liquor's
 * rises with R; the balancing R is the root of m_raffinate(R) − m_strip(R). It is found together
 * with the steady state by one bordered Newton solve ({@link TwoPhaseNewtonSolver#solveBordered}),
 * from the previous point's steady state; only if that fails is it bracketed next to the previous
 * point's R and closed by Brent's method over solves at fixed R. At that R the smaller margin is as
 * large as any R makes it.
 *
 * <p><b>Objective of the flows.</b> For {@link Objective#COST} the annual cost of the cost model;
 * otherwise acidPrice × acid + basePrice × base per mol RE fed: base = 2sC·O (the
 * saponifying cation, mol/h), acid = Q·[H⁺]_strip + scrub acid (mol H⁺/h), both divided by the
 * feed's RE flow. The feed's own free acid is not a decision and is not counted.
 *
 * <p><b>Constraints.</b> Both products' targets, RE left on the stripped organic at most
 * {@link MassActionSettings#maxStrippedRareEarth()} and every stage's pH at most
 * {@link MassActionSettings#maxPH()} (an acidic steady state). A point's margin is the smallest of
 * them (the pH one as (pH_max − pH)·ln 10); it is feasible at a margin of at least
 * {@value #FEASIBLE_MARGIN}, a floor that keeps round-off of the verification from missing a
 * target. From a feasible start BOBYQA searches on the targets' surface (the saponification
 * eliminated as the root of the balanced margin, so that the objective it sees
 * is smooth); without one it first minimizes the objective plus an exact penalty, the baseline
 * objective times the margin's shortfall (a point whose steady state does not converge is
 * infeasible and gets a large penalty). The result is the cheapest feasible point evaluated, after
 * a last search along the ray that scales saponification and strip acid together (organic flow
 * fixed) for the least feasible scale, where a target holds with equality.
 *
 * <p>Every point is a full mass-action steady state ({@link CascadeNetwork#massAction},
 * {@link TwoPhaseNewtonSolver}), warm-started from the previous point's (docs/optimize.md,
 * "Solves"); the optimum is solved again from a cold start and reported from that solve. Not
 * thread-safe; one search at a time.
 */
public final class PlantFlowSearch {
    /** Margin a point needs to count as feasible, in ln units (about 1e-6 relative in the impurity). */
    public static final double FEASIBLE_MARGIN = 1e-6;
    /** Penalty margin of a point whose steady state did not converge. */
    private static final double FAILED_MARGIN = -20;
    private static final double FIRST_REFLUX_STEP = 1e-4;
    /** BOBYQA's first and last trust-region radius, as fractions of each variable's range. */
    private static final double INITIAL_RADIUS = 0.04;
    private static final double FINAL_RADIUS = 1e-5;
    /** Feasible points tried, cheapest first, for a cold-start verification before giving up. */
    private static final int MAX_VERIFICATIONS = 6;
    /** Iteration limit of the search's solves: a cold start of a 100-stage case takes about 1 500. */
    private static final int SEARCH_ITERATIONS = 2500;
    /** Margin aimed at by the surface search's secant in the saponification, and the largest accepted. */
    private static final double SURFACE_MARGIN = 1e-3;
    private static final double SURFACE_TOLERANCE = 1e-2;
    /** |m_raffinate − m_strip| at which a bordered solve has balanced the products, ln units. */
    private static final double BALANCE_TOLERANCE = 1e-9;

    /** Told after each evaluated point: fraction of the evaluation budget used, points evaluated. */
    public interface Progress {
        void update(double fraction, int evaluations);
    }

    /**
     * One evaluated flow setting.
     *
     * @param flows            the flows, reflux included
     * @param base             saponifying base, mol per mol RE fed
     * @param acid             strip and scrub acid, mol H⁺ per mol RE fed
     * @param objective        acidPrice × acid + basePrice × base
     * @param raffinateMargin  smallest margin of the raffinate's targets, ln units
     * @param stripMargin      smallest margin of the strip liquor's targets
     * @param otherMargin      smallest margin of the stripped-organic and pH constraints
     * @param raffinatePurity  purity of the raffinate (its target's components)
     * @param stripPurity      purity of the strip liquor
     * @param stripRareEarth   RE in the strip liquor product, mol per mol RE fed
     * @param strippedRareEarth RE left on the stripped organic, mol per mol RE fed
     * @param highestPH        largest aqueous pH over the stages
     * @param failure          why the steady state was not reached, or {@code null}
     */
    public record Point(MassActionFlows flows, double base, double acid, double objective, double raffinateMargin,
                        double stripMargin, double otherMargin, double raffinatePurity, double stripPurity,
                        double stripRareEarth, double strippedRareEarth, double highestPH, String failure) {
        /** The smallest margin; negative when a target or constraint is missed. */
        public double margin() {
            return failure != null ? FAILED_MARGIN : Math.min(raffinateMargin, Math.min(stripMargin, otherMargin));
        }

        /** Converged with every margin at least {@link #FEASIBLE_MARGIN}. */
        public boolean feasible() {
            return failure == null && margin() >= FEASIBLE_MARGIN;
        }
    }

    private final TwoPhaseNewtonSolver solver = new TwoPhaseNewtonSolver();
    private Progress progress;
    private Objective objective = Objective.REAGENTS;
    private CostModel costs;
    /** Penalty weight of a margin's shortfall: the baseline's objective. */
    private double mu;
    /** Flow settings the whole search may evaluate (for the progress fraction). */
    private int budget;
    /** Stage counts whose flows were searched, by n &lt;&lt; 40 | m &lt;&lt; 20 | k. */
    private final java.util.Map<Long, Tried> tried = new java.util.HashMap<>();
    private int stageCounts;
    private boolean stageBudgetSpent;
    private MassActionCase base;
    private MassActionSettings set;
    private SteadyState warm;
    private MassActionFlows warmFlows;
    private double lastReflux;
    /** At the last converged point: O·s, the strip product's RE and the strip liquor's RE before the split. */
    private double lastBase;
    private double lastProduct;
    private double lastLiquor;
    /** dφ/dR of the last reflux bracket, φ = raffinate margin − strip margin (negative), or 0. */
    private double lastSlope;
    /** Bounds of the searched variables ({@link #setting}). */
    private double[] lo;
    private double[] hi;
    private int solves;
    /** The surface search's last saponification root and margin slope dm/ds. */
    private double surfaceS;
    private double surfaceSlope;
    /** The last steady state on the surface and its flows: the warm start after an excursion off it. */
    private SteadyState surfaceState;
    private MassActionFlows surfaceFlows;
    private int failed;
    private int evaluations;
    private Point best;
    private Point closest;
    private final List<Point> feasiblePoints = new ArrayList<>();
    /** Converged states of the current flow setting, by reflux: the secant predictor's data. */
    private final List<Double> alongR = new ArrayList<>();
    private final List<SteadyState> alongStates = new ArrayList<>();
    private MassActionFlows alongFlows;
    /** Each rare earth's inflow (network units), the ln-flow stride of a stage and the strip liquor's stage. */
    private double[] fed;
    private int stateComponents;
    private int stripLiquorStage;
    /** Whether each rare earth counts toward the raffinate's and the strip liquor's purity. */
    private boolean[] raffinateGroup;
    private boolean[] stripGroup;

    /** Sets (or, with {@code null}, removes) the listener told of each evaluated point. */
    public void setProgress(Progress progress) {
        this.progress = progress;
    }

    /**
     * Searches the flows.
     *
     * @throws InvalidInputException if the case cannot be optimized (no strip section, a target
     *                               missing) or no flows within the bounds meet the targets; the
     *                               message gives the best point reached
     * @throws NoConvergenceException if the optimum's cold-start verification does not converge
     */
    public PlantFlowOptimum optimize(MassActionCase c, MassActionSettings settings) {
        return optimize(c, settings, Objective.REAGENTS, null);
    }

    /**
     * Searches the flows, and the stage counts where the settings bound them, for an objective:
     * {@link Objective#REAGENTS} (the weighted reagent use), {@link Objective#STAGES} (the fewest
     * total stages n + m + k that meet the targets, its flows then the least reagent use) or
     * {@link Objective#COST} (the annual cost of {@code costModel}, capital on the stage volume and
     * organic plus reagents; {@link Economics#annualCost}).
     *
     * <p><b>Stage counts</b> (docs/optimize.md, "Stage counts"). Without stage bounds in the
     * settings the case's counts are kept. With them, each stage count tried has its flows
     * searched afresh (the optimum sits on the targets, which move with the counts), with a budget
     * of {@link MassActionSettings#stageEvaluations()} flow settings, starting from the flows of the
     * nearest count already tried; at most {@link MassActionSettings#maxStageCounts()} counts are
     * tried. For {@code stages} the counts' feasibility is what matters: the strip count by
     * bisection at the largest n and m, then n and m by {@link StageSearch}'s staircase (a count is
     * feasible when the largest balanced margin its flows reach is at least {@link #FEASIBLE_MARGIN}).
     * For {@code reagents} and {@code cost} a descent on the counts from the case's, in steps of a
     * quarter of each range halved down to 1. The flows of the chosen count are then searched as
     * without stage bounds (on the targets' surface from a feasible start, within
     * {@link MassActionSettings#maxEvaluations()}) and verified.
     *
     * @param costModel the case's {@code costs} section; required for {@link Objective#COST}
     * @throws InvalidInputException if the objective does not apply, or as {@link #optimize(MassActionCase, MassActionSettings)}
     */
    public PlantFlowOptimum optimize(MassActionCase c, MassActionSettings settings, Objective objective,
                                      CostModel costModel) {
        check(c);
        if (objective != Objective.REAGENTS && objective != Objective.STAGES && objective != Objective.COST) {
            throw new InvalidInputException("--objective", objective.label(), "reagents, stages or cost for a "
                    + "mass-action case");
        }
        if (objective == Objective.COST && costModel == null) {
            throw new InvalidInputException("costs", "(missing)", "a costs section in the case file for --objective "
                    + "cost (docs/optimize.md, Cost model)");
        }
        set = settings;
        this.objective = objective;
        this.costs = costModel;
        warm = null;
        solves = 0;
        failed = 0;
        evaluations = 0;
        stageCounts = 0;
        stageBudgetSpent = false;
        tried.clear();
        lastSlope = 0;
        lastBase = 0;
        prepare(c);
        lastReflux = clamp(c.flows().reflux(), refluxMin(c.flows()), set.reflux()[1]);
        budget = set.maxEvaluations() + (set.searchesStages() ? set.maxStageCounts() * set.stageEvaluations() : 0);

        // the case's own flows at its own reflux: the baseline, and the first warm start
        Point baseline = record(evaluate(c.flows()));
        mu = Math.max(baseline.objective(), 1e-6);
        box();
        MassActionCase chosen = c;
        MassActionFlows start = c.flows();
        if (set.searchesStages()) {
            int[] counts = searchStages(c);
            chosen = atCounts(c, counts);
            start = startFlows(counts);
            Tried near = nearest(counts);
            prepare(chosen);
            stretchedStart(near);
        }
        // a feasible start goes straight to the search on the targets' surface; else a third of
        // the budget to the penalised search (and, without a feasible point, the feasibility one)
        if (!balanced(start).feasible()) {
            searchFeasibleFirst(start, Math.max(10, set.maxEvaluations() / 3));
        }
        if (best == null) {
            throw infeasible(chosen);
        }
        searchSurface(Math.max(10, set.maxEvaluations() / 2));
        polish();
        // verify from a cold start, as simulate solves the written case; a point whose cold start
        // fails (it was reached only by continuation) is passed over for the next cheapest
        // feasible point that is not a near neighbour of one passed over
        feasiblePoints.sort(java.util.Comparator.comparingDouble(Point::objective));
        List<Point> rejected = new ArrayList<>();
        NoConvergenceException lastFailure = null;
        for (Point candidate : feasiblePoints) {
            if (rejected.size() >= MAX_VERIFICATIONS) {
                break;
            }
            if (rejected.stream().anyMatch(r -> near(r.flows(), candidate.flows()))) {
                continue;
            }
            MassActionCase optimized = chosen.withFlows(candidate.flows());
            CascadeNetwork network = CascadeNetwork.massAction(optimized);
            SteadyState cold;
            try {
                cold = new NewtonCascadeSolver().solve(network, optimized.solver());
            } catch (NoConvergenceException e) {
                rejected.add(candidate);
                lastFailure = e;
                continue;
            }
            SimulationReport report = new SimulationReport(optimized, network, cold);
            Point verified = point(candidate.flows(), report, null);
            if (!verified.feasible()) {
                throw new IllegalStateException("the optimum's cold-start verification misses a target (margin "
                        + verified.margin() + "), although the search met it (margin " + candidate.margin() + ")");
            }
            return new PlantFlowOptimum(c, optimized, verified, report, baseline, set, evaluations, solves, failed,
                    rejected.size(), objective, costs == null ? null : cost(optimized, network, verified),
                    set.searchesStages(), stageCounts, stageBudgetSpent, null);
        }
        throw new NoConvergenceException("newton", String.format(Locale.ROOT, "the cheapest %d feasible flow settings "
                + "found converge only by continuation from neighbouring steady states, not from a cold start (as "
                + "simulate solves them); the last: %s", rejected.size(), lastFailure.getMessage()),
                lastFailure.iterations(), lastFailure.residual(), lastFailure.tolerance(), lastFailure.worstStage(),
                lastFailure.worstComponent(), lastFailure.componentName(), lastFailure.limitReached());
    }

    /**
     * Makes {@code c} (the case at one stage count) the case the flow search evaluates: its
     * inflows, target groups and strip liquor stage; forgets the points of the count before.
     */
    private void prepare(MassActionCase c) {
        base = c;
        best = null;
        closest = null;
        feasiblePoints.clear();
        alongFlows = null;
        CascadeNetwork network0 = CascadeNetwork.massAction(c);
        fed = new double[c.equilibrium().rareEarthCount()];
        for (int j = 0; j < fed.length; j++) {
            fed[j] = network0.totalFeed(j);
        }
        stateComponents = network0.components();
        raffinateGroup = group(c.raffinateTarget(), fed.length);
        stripGroup = group(c.stripTarget(), fed.length);
        stripLiquorStage = c.cascade().extractionStages() + c.cascade().scrubStages() + 1;
    }

    /** The bounds of the searched flow variables ({@link #setting}). */
    private void box() {
        List<double[]> ranges = new ArrayList<>(List.of(set.organicFlow(), set.saponification(), set.stripFlow()));
        if (set.scrubFlow() != null) {
            ranges.add(set.scrubFlow());
        }
        if (set.stripAcidity() != null) {
            ranges.add(set.stripAcidity());
        }
        int d = ranges.size();
        lo = new double[d];
        hi = new double[d];
        for (int i = 0; i < d; i++) {
            lo[i] = ranges.get(i)[0];
            hi[i] = ranges.get(i)[1];
        }
    }

    /** Thrown out of BOBYQA's objective when a feasibility search has found a feasible point. */
    private static final class Found extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Found() {
            super(null, null, false, false);
        }
    }

    /**
     * The flow search at the current stage count from {@code start}, spending at most
     * {@code budget} more flow settings: rounds of BOBYQA, each from the best point so far with a
     * fresh trust region, while a round gains at least 0.1 % and evaluations remain. BOBYQA
     * minimizes the objective plus the exact penalty; with {@code feasibility} it maximizes the
     * smallest margin instead and stops at the first feasible point.
     */
    private void searchFlows(MassActionFlows start, int budget, boolean feasibility) {
        int d = lo.length;
        int end = evaluations + budget;
        double[] ones = new double[d];
        java.util.Arrays.fill(ones, 1);
        double[] x = unit(start);
        double before = Double.POSITIVE_INFINITY;
        while (evaluations < end - 10 || (feasibility && evaluations < end - 2 * d - 1)) {
            BOBYQAOptimizer bobyqa = new BOBYQAOptimizer(2 * d + 1, INITIAL_RADIUS, FINAL_RADIUS);
            try {
                bobyqa.optimize(new MaxEval(end - evaluations), GoalType.MINIMIZE, new InitialGuess(x),
                        new SimpleBounds(new double[d], ones), new ObjectiveFunction(u -> {
                            Point p = balanced(setting(u));
                            if (feasibility) {
                                if (p.feasible()) {
                                    throw new Found();
                                }
                                return shortfall(p);
                            }
                            return p.objective() + mu * Math.max(0, FEASIBLE_MARGIN - p.margin());
                        }));
            } catch (TooManyEvaluationsException e) {
                break; // the budget is spent: the cheapest feasible point so far stands
            } catch (Found e) {
                return;
            }
            if (feasibility) {
                // the next round from the largest margin reached, while a round still raises it
                if (closest == null || closest.failure() != null || shortfall(closest) > before * (1 - 1e-2)) {
                    break;
                }
                before = shortfall(closest);
                x = unit(closest.flows());
                continue;
            }
            if (best == null || best.objective() > before * (1 - 1e-3)) {
                break;
            }
            before = best.objective();
            x = unit(best.flows());
        }
    }

    /**
     * The least-objective search from {@code start} with {@code budget} flow settings; if it finds
     * no feasible point (the penalised search can settle on a slightly infeasible one when meeting
     * the targets costs more than the penalty), a feasibility search from the largest margin it
     * reached, and from a feasible point found there the least-objective search again: at most
     * three times {@code budget}.
     */
    private void searchFeasibleFirst(MassActionFlows start, int budget) {
        searchFlows(start, budget, false);
        if (best != null) {
            return;
        }
        searchFlows(closest != null && closest.failure() == null ? closest.flows() : start, budget, true);
        if (best != null) {
            searchFlows(best.flows(), budget, false);
        }
    }

    /**
     * What a feasibility search minimizes: the squared shortfalls of the products' balanced margin
     * and of the stripped-organic and pH margin below twice {@link #FEASIBLE_MARGIN}, summed. Unlike
     * the smallest margin, whose kink where two margins cross stalls BOBYQA's quadratic models, it
     * is continuously differentiable where the margins are.
     */
    private static double shortfall(Point p) {
        if (p.failure() != null) {
            return FAILED_MARGIN * FAILED_MARGIN;
        }
        double target = 2 * FEASIBLE_MARGIN;
        double products = Math.max(0, target - Math.min(p.raffinateMargin(), p.stripMargin()));
        double other = Math.max(0, target - p.otherMargin());
        return products * products + other * other;
    }

    /** The case at stage counts {n, m, k}. */
    private static MassActionCase atCounts(MassActionCase c, int[] counts) {
        return c.withStages(new Cascade(counts[0], counts[1]), counts[2]);
    }

    /**
     * A stage count tried by the stage search: the best point its flow search found (or null), and
     * the last steady state solved there with its case (the next count's stretched start).
     */
    private record Tried(int[] counts, Point best, Point closest, double value, MassActionCase state,
                         SteadyState lastState) {
    }

    /**
     * The stage counts {n, m, k} that minimize the objective within the settings' bounds (the
     * method of {@link #optimize(MassActionCase, MassActionSettings, Objective, CostModel)}).
     */
    private int[] searchStages(MassActionCase c) {
        int[][] range = new int[3][];
        int[] caseCounts = {c.cascade().extractionStages(), c.cascade().scrubStages(), c.stripStages()};
        for (int s = 0; s < 3; s++) {
            int[] r = set.stageRange(s);
            range[s] = r != null ? r : new int[] {caseCounts[s], caseCounts[s]};
        }
        // every layout of the range's corners must be a valid case (a feed on a fixed stage, …)
        atCounts(c, new int[] {range[0][0], range[1][0], range[2][0]});
        int[] top = {range[0][1], range[1][1], range[2][1]};
        int[] result;
        if (objective == Objective.STAGES) {
            if (!(value(c, top) < Double.POSITIVE_INFINITY)) {
                throw infeasible(atCounts(c, top));
            }
            // the strip count first, at the most stages of the other two sections (bisection:
            // feasibility rises with every section's count)
            int k = StageSearch.fewest(range[2][0] - 1, top[2],
                    mid -> value(c, new int[] {top[0], top[1], mid}) < Double.POSITIVE_INFINITY);
            // n and m by the staircase of StageSearch: a count is "pure" (1, 1) when feasible;
            // counts outside the bounds are not (the search keeps n, m ≥ 1 and n + m ≤ the largest)
            StageSearch.Result r = new StageSearch((n, m) -> {
                boolean inside = n >= range[0][0] && n <= range[0][1] && m >= range[1][0] && m <= range[1][1];
                boolean feasible = inside && value(c, new int[] {n, m, k}) < Double.POSITIVE_INFINITY;
                return feasible ? new double[] {1, 1} : new double[] {0, 0};
            }, 1, 1, top[0] + top[1]).minimalStages(top[0], top[1]);
            int kk = k;
            while (kk > range[2][0] && value(c, new int[] {r.extractionStages(), r.scrubStages(), kk - 1})
                    < Double.POSITIVE_INFINITY) {
                kk--;
            }
            result = new int[] {r.extractionStages(), r.scrubStages(), kk};
        } else {
            result = descend(c, range, caseCounts);
        }
        return result;
    }

    /**
     * The counts of least coarse objective by a descent from the case's counts (clamped into the
     * bounds; the largest counts if those miss the targets): each searched section's count moved
     * by ± its step, the best move taken, the steps (a quarter of each range) halved when no move
     * gains, down to 1.
     */
    private int[] descend(MassActionCase c, int[][] range, int[] caseCounts) {
        int[] cur = new int[3];
        int[] step = new int[3];
        for (int s = 0; s < 3; s++) {
            cur[s] = Math.max(range[s][0], Math.min(range[s][1], caseCounts[s]));
            step[s] = range[s][1] > range[s][0] ? Math.max(1, (range[s][1] - range[s][0]) / 4) : 0;
        }
        double value = value(c, cur);
        if (!(value < Double.POSITIVE_INFINITY)) {
            int[] top = {range[0][1], range[1][1], range[2][1]};
            value = value(c, top);
            if (!(value < Double.POSITIVE_INFINITY)) {
                throw infeasible(atCounts(c, top));
            }
            cur = top;
        }
        while (!stageBudgetSpent) {
            int[] move = null;
            double moveValue = value;
            for (int s = 0; s < 3; s++) {
                for (int sign = -1; sign <= 1 && step[s] > 0; sign += 2) {
                    int[] next = cur.clone();
                    next[s] = Math.max(range[s][0], Math.min(range[s][1], cur[s] + sign * step[s]));
                    if (next[s] == cur[s]) {
                        continue;
                    }
                    double v = value(c, next);
                    if (v < moveValue * (1 - 1e-9)) {
                        move = next;
                        moveValue = v;
                    }
                }
            }
            if (move != null) {
                cur = move;
                value = moveValue;
                continue;
            }
            boolean refined = false;
            for (int s = 0; s < 3; s++) {
                if (step[s] > 1) {
                    step[s] /= 2;
                    refined = true;
                }
            }
            if (!refined) {
                break;
            }
        }
        return cur;
    }

    /**
     * The coarse objective of stage counts {n, m, k}: its flows searched with
     * {@link MassActionSettings#stageEvaluations()} flow settings from those of the nearest count
     * tried; for {@code stages} n + m + k if a feasible point is found, else the cheapest feasible
     * point's objective; infinity when none is found or the budget of counts is spent.
     */
    private double value(MassActionCase c, int[] counts) {
        long key = (long) counts[0] << 40 | (long) counts[1] << 20 | counts[2];
        Tried t = tried.get(key);
        if (t != null) {
            return t.value();
        }
        if (stageCounts >= set.maxStageCounts()) {
            stageBudgetSpent = true;
            return Double.POSITIVE_INFINITY;
        }
        stageCounts++;
        Tried near = nearest(counts);
        // a feasibility search starts where the neighbour's margin was largest, a cost search
        // where its objective was least
        MassActionFlows start = near == null ? base.flows() : objective == Objective.STAGES
                ? near.closest().flows() : startFlows(counts);
        prepare(atCounts(c, counts));
        stretchedStart(near);
        boolean feasibility = objective == Objective.STAGES;
        if (feasibility) {
            searchFlows(start, set.maxEvaluations(), true);
        } else {
            searchFeasibleFirst(start, set.stageEvaluations());
        }
        double v = best == null ? Double.POSITIVE_INFINITY
                : objective == Objective.STAGES ? counts[0] + counts[1] + counts[2] : best.objective();
        tried.put(key, new Tried(counts.clone(), best, closest, v, warm == null ? null : base.withFlows(warmFlows),
                warm));
        return v;
    }

    /**
     * The warm start of the current count from the last steady state of a count tried before,
     * stretched to this count's stages ({@link TwoPhaseNewtonSolver#stretched}) at that state's
     * flows; none (the first point then solved from a cold start) when there is no such state or
     * the two cascades' runs of stages do not correspond.
     */
    private void stretchedStart(Tried near) {
        warm = null;
        if (near == null || near.lastState() == null) {
            return;
        }
        MassActionFlows f = near.state().flows();
        SteadyState s = TwoPhaseNewtonSolver.stretched(CascadeNetwork.massAction(base.withFlows(f)),
                CascadeNetwork.massAction(near.state()), near.lastState());
        if (s != null) {
            warm = s;
            warmFlows = f;
        }
    }

    /**
     * The flows to start a count's search from: the best (else the closest to feasible) point of
     * the nearest count tried, else the case's.
     */
    private MassActionFlows startFlows(int[] counts) {
        Tried nearest = nearest(counts);
        if (nearest == null) {
            return base.flows();
        }
        return (nearest.best() != null ? nearest.best() : nearest.closest()).flows();
    }

    /** The count tried nearest to {@code counts} (fewest stages apart) with a converged point, or null. */
    private Tried nearest(int[] counts) {
        Tried nearest = null;
        int distance = Integer.MAX_VALUE;
        for (Tried t : tried.values()) {
            int dist = Math.abs(t.counts()[0] - counts[0]) + Math.abs(t.counts()[1] - counts[1])
                    + Math.abs(t.counts()[2] - counts[2]);
            boolean better = nearest == null || dist < distance
                    || dist == distance && nearest.best() == null && t.best() != null;
            if (better && (t.best() != null || t.closest() != null && t.closest().failure() == null)) {
                nearest = t;
                distance = dist;
            }
        }
        return nearest;
    }

    /** The cost model at a verified point of {@code c}: stage throughput from the network's flows (L/h). */
    private Configuration.CostBreakdown cost(MassActionCase c, CascadeNetwork network, Point p) {
        double stages = 0;
        double organic = 0;
        for (int k = 1; k <= network.stages(); k++) {
            stages += network.organicFlow(k) + network.aqueousFlow(k);
            organic += network.organicFlow(k);
        }
        return Economics.annualCost(costs, stages, organic, p.acid() * c.feedRate(), p.base() * c.feedRate());
    }

    /** Whether two flow settings differ by less than 0.2 % in every variable. */
    private static boolean near(MassActionFlows a, MassActionFlows b) {
        return close(a.organicFlow(), b.organicFlow()) && close(a.saponification(), b.saponification())
                && close(a.stripFlow(), b.stripFlow()) && close(a.reflux(), b.reflux())
                && close(a.scrubFlow(), b.scrubFlow()) && close(a.stripAcidity(), b.stripAcidity());
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 0.002 * Math.max(Math.abs(a), Math.abs(b));
    }

    /**
     * Throws unless the case can be optimized: it needs a strip section (the reflux balances the
     * products), a target for both products and no side draws.
     */
    public static void check(MassActionCase c) {
        if (!c.sideDraws().isEmpty()) {
            throw new InvalidInputException("sideDraws", c.sideDraws().size() + (c.sideDraws().size() == 1 ? " draw"
                    : " draws"), "none for optimize (the search balances the raffinate against the strip liquor "
                    + "only; simulate or sweep a case with side draws)");
        }
        if (c.stripStages() == 0) {
            throw new InvalidInputException("cascade.stripStages", 0, "at least 1 for optimize: the reflux of the "
                    + "strip liquor is what balances the two products");
        }
        for (var t : new Object[][] {{"targets.aqueous", c.raffinateTarget()}, {"targets.strip", c.stripTarget()}}) {
            if (t[1] == null) {
                throw new InvalidInputException((String) t[0], "(missing)", "a purity or recovery target for both "
                        + "products (raffinate and strip liquor): optimize balances one against the other");
            }
        }
    }

    /**
     * The search on the targets' surface, after the penalised one: BOBYQA over the other flow
     * variables with the saponification eliminated, each point's saponification the root of
     * margin(s) = {@link #SURFACE_MARGIN} by the secant method (the balanced margin rises steeply
     * and smoothly with s: more saponification, more organic capacity, more reflux). On that
     * surface the objective is smooth, where the penalised objective has a kink along the targets
     * that stalls BOBYQA's quadratic models while a variable the targets hardly depend on (the
     * strip acid) could still fall far. At most {@code budget} more flow settings.
     */
    private void searchSurface(int budget) {
        if (best == null) {
            return;
        }
        int d = lo.length - 1;
        int end = evaluations + budget;
        double[] full = unit(best.flows());
        double[] x = new double[d];
        for (int i = 0, k = 0; i <= d; i++) {
            if (i != 1) {
                x[k++] = full[i];
            }
        }
        surfaceS = best.flows().saponification();
        surfaceSlope = Double.NaN;
        surfaceState = warm;
        surfaceFlows = warmFlows;
        double before = Double.POSITIVE_INFINITY;
        double[] ones = new double[d];
        java.util.Arrays.fill(ones, 1);
        while (evaluations < end - 10 && best.objective() < before * (1 - 1e-4)) {
            before = best.objective();
            BOBYQAOptimizer bobyqa = new BOBYQAOptimizer(Math.max(2 * d + 1, 3), INITIAL_RADIUS, FINAL_RADIUS);
            try {
                bobyqa.optimize(new MaxEval(Integer.MAX_VALUE), GoalType.MINIMIZE, new InitialGuess(x),
                        new SimpleBounds(new double[d], ones), new ObjectiveFunction(v -> onSurface(v, end)));
            } catch (Found e) {
                break; // the budget is spent: the cheapest feasible point so far stands
            }
            full = unit(best.flows());
            for (int i = 0, k = 0; i <= d; i++) {
                if (i != 1) {
                    x[k++] = full[i];
                }
            }
            surfaceS = best.flows().saponification();
        }
    }

    /**
     * The objective at the point of the targets' surface over {@code v} (the unit-box coordinates
     * without the saponification's), extrapolated along the last secant step to the exact root so
     * that it is smooth in {@code v}; the penalised objective where the root is not found.
     */
    private double onSurface(double[] v, int end) {
        double[] u = new double[v.length + 1];
        for (int i = 0, k = 0; i < u.length; i++) {
            u[i] = i == 1 ? 0 : v[k++];
        }
        MassActionFlows at = setting(u);
        double s = surfaceS;
        Point p = null;
        double sPrev = Double.NaN;
        double mPrev = Double.NaN;
        for (int iteration = 0; iteration < 8; iteration++) {
            if (evaluations >= end) {
                throw new Found();
            }
            p = balanced(withSaponification(at, s));
            if (p.failure() != null) {
                break;
            }
            double m = p.margin();
            if (Math.abs(p.raffinateMargin() - p.stripMargin()) > 1e-3
                    || p.otherMargin() < Math.min(p.raffinateMargin(), p.stripMargin())) {
                // the reflux at a bound, or the stripped-organic or pH limit: not s's to mend; the
                // next point starts from the last state on the surface, not from this one
                warm = surfaceState;
                warmFlows = surfaceFlows;
                lastReflux = surfaceFlows.reflux();
                lastSlope = 0;
                lastLiquor = 0;
                break;
            }
            if (!Double.isNaN(sPrev) && s != sPrev) {
                double slope = (m - mPrev) / (s - sPrev);
                if (slope > 0 && Double.isFinite(slope)) {
                    surfaceSlope = slope;
                }
            }
            if (m >= FEASIBLE_MARGIN && m <= SURFACE_TOLERANCE) {
                surfaceS = s;
                surfaceState = warm;
                surfaceFlows = warmFlows;
                if (objective == Objective.COST || !(surfaceSlope > 0)) {
                    return p.objective();
                }
                // the base, basePrice × base ∝ s, at the exact root: m − SURFACE_MARGIN = slope·Δs
                return p.objective() - set.basePrice() * p.base() / s * (m - SURFACE_MARGIN) / surfaceSlope;
            }
            double range = hi[1] - lo[1];
            double step = surfaceSlope > 0 ? -(m - SURFACE_MARGIN) / surfaceSlope
                    : Math.signum(SURFACE_MARGIN - m) * 2e-3 * range;
            double next = clamp(s + Math.max(-0.05 * range, Math.min(0.05 * range, step)), lo[1], hi[1]);
            if (next == s) {
                break;
            }
            sPrev = s;
            mPrev = m;
            s = next;
        }
        return p == null ? Double.MAX_VALUE : p.objective() + mu * Math.max(0, FEASIBLE_MARGIN - p.margin());
    }

    private static MassActionFlows withSaponification(MassActionFlows f, double s) {
        return new MassActionFlows(f.organicFlow(), s, f.scrubFlow(), f.scrubAcidity(), f.stripFlow(),
                f.stripAcidity(), f.reflux());
    }

    /**
     * Scales saponification and strip acid together (organic flow fixed) from the best point down
     * to the least scale that is still feasible: a bracket walked down in doubling steps, closed by
     * the Pegasus method on the feasible side.
     */
    private void polish() {
        Point start = best;
        MassActionFlows f = start.flows();
        double tLow = Math.max(set.saponification()[0] / f.saponification(), set.stripFlow()[0] / f.stripFlow());
        if (!(tLow < 1)) {
            return;
        }
        double feasible = 1;
        double infeasible = Double.NaN;
        double step = 0.005;
        while (Double.isNaN(infeasible)) {
            double t = Math.max(tLow, feasible - step);
            if (t >= feasible) {
                return;
            }
            if (scaled(f, t).feasible()) {
                feasible = t;
                step *= 2;
            } else {
                infeasible = t;
            }
        }
        if (feasible - infeasible < 1e-7) {
            return;
        }
        try {
            new PegasusSolver(1e-12, 1e-7, FEASIBLE_MARGIN).solve(40,
                    t -> scaled(f, t).margin() - 2 * FEASIBLE_MARGIN, infeasible, feasible, AllowedSolution.ABOVE_SIDE);
        } catch (TooManyEvaluationsException | NoBracketingException e) {
            // the best feasible scale found stands (no bracket: even the feasible end is within the
            // margin, as with Murphree stages near the balance; nothing to polish)
        }
        // every feasible point evaluated updated the best point
    }

    private Point scaled(MassActionFlows f, double t) {
        return balanced(new MassActionFlows(f.organicFlow(), f.saponification() * t, f.scrubFlow(), f.scrubAcidity(),
                f.stripFlow() * t, f.stripAcidity(), 0));
    }

    /**
     * The flows at a point x of the search's unit box: organic flow, saponification, strip acid
     * flow, then the scrub acid flow and the strip acidity where they are searched (else the
     * case's); reflux 0, a placeholder that {@link #balanced} replaces.
     */
    private MassActionFlows setting(double[] x) {
        MassActionFlows f = base.flows();
        int i = 3;
        double scrub = set.scrubFlow() != null ? at(x[i++], lo[3], hi[3]) : f.scrubFlow();
        double acidity = set.stripAcidity() != null ? at(x[i], lo[i], hi[i]) : f.stripAcidity();
        return new MassActionFlows(at(x[0], lo[0], hi[0]), at(x[1], lo[1], hi[1]), scrub,
                set.scrubFlow() != null ? set.scrubAcidity() : f.scrubAcidity(), at(x[2], lo[2], hi[2]), acidity, 0);
    }

    /** The point of the search's unit box of these flows (the inverse of {@link #setting}). */
    private double[] unit(MassActionFlows f) {
        double[] x = new double[lo.length];
        x[0] = unit(f.organicFlow(), lo[0], hi[0]);
        x[1] = unit(f.saponification(), lo[1], hi[1]);
        x[2] = unit(f.stripFlow(), lo[2], hi[2]);
        int i = 3;
        if (set.scrubFlow() != null) {
            x[i] = unit(f.scrubFlow(), lo[i], hi[i]);
            i++;
        }
        if (set.stripAcidity() != null) {
            x[i] = unit(f.stripAcidity(), lo[i], hi[i]);
        }
        return x;
    }

    /** Least reflux of these flows: a scrubbing section needs liquor, so without fresh scrub acid R > 0. */
    private double refluxMin(MassActionFlows f) {
        return Math.max(set.reflux()[0], f.scrubFlow() > 0 ? 0 : 1e-6);
    }

    /**
     * The flow setting (its reflux ignored) at the reflux that balances the two products' margins
     * (the class comment), or at a reflux bound when the balance lies beyond it.
     */
    private Point balanced(MassActionFlows setting) {
        evaluations++;
        double refluxMin = refluxMin(setting);
        MassActionFlows f0 = withReflux(setting, predictedReflux(setting));
        try {
            Point direct = borderedBalance(f0);
            if (direct != null) {
                return record(direct);
            }
            Point a = evaluate(f0, false);
            if (a.failure() != null) {
                return record(a);
            }
            // the bordered solve again, from this flow setting's own steady state
            direct = borderedBalance(f0);
            if (direct != null) {
                return record(direct);
            }
            double phiA = a.raffinateMargin() - a.stripMargin();
            if (phiA == 0) {
                return record(a);
            }
            // the raffinate's margin falls with the reflux: raise R while it is the larger one
            double dir = phiA > 0 ? 1 : -1;
            // the first step aims a little past the root by the last bracket's slope dφ/dR
            double step = lastSlope < 0 ? Math.max(1e-6, Math.min(0.05, Math.abs(1.3 * phiA / lastSlope)))
                    : FIRST_REFLUX_STEP;
            Point b;
            while (true) {
                double r = clamp(a.flows().reflux() + dir * step, refluxMin, set.reflux()[1]);
                if (r == a.flows().reflux()) {
                    return record(a); // the balance lies beyond the reflux bound
                }
                b = evaluate(withReflux(setting, r));
                if (b.failure() != null) {
                    return record(b);
                }
                double phiB = b.raffinateMargin() - b.stripMargin();
                if (Math.signum(phiB) != Math.signum(phiA)) {
                    break;
                }
                a = b;
                phiA = phiB;
                step *= 2;
            }
            double slope = (b.raffinateMargin() - b.stripMargin() - phiA) / (b.flows().reflux() - a.flows().reflux());
            lastSlope = slope < 0 && Double.isFinite(slope) ? slope : lastSlope;
            double lo = Math.min(a.flows().reflux(), b.flows().reflux());
            double hi = Math.max(a.flows().reflux(), b.flows().reflux());
            double root;
            try {
                root = new BrentSolver(1e-14, 1e-9, 1e-4).solve(60, r -> {
                    Point p = evaluate(withReflux(setting, r));
                    if (p.failure() != null) {
                        throw new Unconverged(p);
                    }
                    return p.raffinateMargin() - p.stripMargin();
                }, lo, hi);
            } catch (TooManyEvaluationsException e) {
                root = 0.5 * (lo + hi);
            }
            Point p = evaluate(withReflux(setting, root));
            // keep the better end of the bracket if round-off left the root behind it
            Point better = a.margin() > b.margin() ? a : b;
            return record(p.failure() == null && p.margin() >= better.margin() ? p : better);
        } catch (Unconverged e) {
            return record(e.point);
        } finally {
            if (progress != null) {
                progress.update(Math.min(1, evaluations / (double) budget), evaluations);
            }
        }
    }

    /**
     * The balanced point of the flow setting of {@code f} by bordered Newton solves
     * ({@link TwoPhaseNewtonSolver#solveBordered}): the steady state and the reflux together, with
     * the condition m_raffinate − m_strip = 0, from the last steady state, the reflux starting at
     * {@code f.reflux()}. If the direct solve fails, the way from the last flow setting to this one
     * is walked in 4, then 16 equal steps, each a bordered solve from the one before. {@code null} when there
     * is no last state or that fails too (the caller then brackets the reflux with solves at fixed
     * reflux).
     */
    private Point borderedBalance(MassActionFlows f) {
        if (warm == null) {
            return null;
        }
        MassActionFlows from = warmFlows;
        // from this setting's own state only the direct solve: the walk's steps would all be at f
        int most = sameSetting(f, from) ? 1 : 16;
        for (int steps = 1; steps <= most; steps *= 4) {
            SteadyState state = warm;
            double reflux = steps == 1 ? f.reflux() : from.reflux();
            for (int i = 1; i <= steps && state != null; i++) {
                double t = i / (double) steps;
                MassActionFlows at = i == steps ? f : withReflux(between(from, f, t), reflux);
                try {
                    TwoPhaseNewtonSolver.Bordered b = solver.solveBordered(r -> CascadeNetwork.massAction(
                                    base.withFlows(withReflux(at, r))), i == steps && steps == 1 ? f.reflux() : reflux,
                            refluxMin(at), set.reflux()[1], this::imbalance, BALANCE_TOLERANCE, searchSettings(), state);
                    solves++;
                    state = b.state();
                    reflux = b.parameter();
                } catch (NoConvergenceException e) {
                    state = null;
                }
            }
            if (state != null) {
                MassActionFlows balanced = withReflux(f, reflux);
                MassActionCase c = base.withFlows(balanced);
                warm = state;
                warmFlows = balanced;
                remember(balanced, warm);
                return point(balanced, new SimulationReport(c, CascadeNetwork.massAction(c), warm), null);
            }
        }
        return null;
    }

    private static boolean[] group(ProductTarget t, int components) {
        boolean[] in = new boolean[components];
        for (int j : t.components()) {
            in[j] = true;
        }
        return in;
    }

    private static MassActionFlows withReflux(MassActionFlows f, double reflux) {
        return new MassActionFlows(f.organicFlow(), f.saponification(), f.scrubFlow(), f.scrubAcidity(),
                f.stripFlow(), f.stripAcidity(), reflux);
    }

    /**
     * m_raffinate − m_strip at these ln flows and reflux R (the strip liquor product is the part
     * 1 − R of the liquor leaving stage n + m + 1): the condition of {@link #borderedBalance}.
     */
    private double imbalance(double[] lnAqueous, double[] lnOrganic, double reflux) {
        return outletMargin(lnAqueous, 1, 1, base.raffinateTarget(), raffinateGroup)
                - outletMargin(lnAqueous, stripLiquorStage, 1 - reflux, base.stripTarget(), stripGroup);
    }

    /** The smallest margin of an aqueous outlet's targets from its ln flows and drawn share. */
    private double outletMargin(double[] lnAqueous, int stage, double share, ProductTarget t, boolean[] inGroup) {
        int components = fed.length;
        int offset = (stage - 1) * stateComponents;
        double group = 0;
        double other = 0;
        double groupFed = 0;
        for (int j = 0; j < components; j++) {
            double flow = share * Math.exp(lnAqueous[offset + j]);
            if (inGroup[j]) {
                group += flow;
                groupFed += fed[j];
            } else {
                other += flow;
            }
        }
        return TargetMargin.of(t, other / (group + other), (groupFed - group) / groupFed);
    }

    /**
     * The reflux that would send the same RE to the strip product as at the last point, with the
     * strip liquor's RE scaled by the saponifying base (the organic's RE capacity): R = 1 − P/T
     * with P the strip product's RE and T the strip liquor's before the split.
     */
    private double predictedReflux(MassActionFlows f) {
        if (!(lastLiquor > 0) || !(lastBase > 0)) {
            return clamp(lastReflux, refluxMin(f), set.reflux()[1]);
        }
        double liquor = lastLiquor * f.organicFlow() * f.saponification() / lastBase;
        return clamp(liquor > lastProduct ? 1 - lastProduct / liquor : lastReflux, refluxMin(f), set.reflux()[1]);
    }

    /** A solve inside the root finder that did not converge: the point is infeasible. */
    private static final class Unconverged extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Point point;

        Unconverged(Point point) {
            super(null, null, false, false);
            this.point = point;
        }
    }

    /** Keeps the cheapest feasible point and the one with the largest margin. */
    private Point record(Point p) {
        if (p.failure() == null) {
            MassActionFlows f = p.flows();
            lastReflux = f.reflux();
            lastBase = f.organicFlow() * f.saponification();
            lastProduct = p.stripRareEarth();
            lastLiquor = lastProduct / (1 - f.reflux());
        }
        if (p.feasible()) {
            feasiblePoints.add(p);
            if (best == null || p.objective() < best.objective()) {
                best = p;
            }
        }
        if (closest == null || p.margin() > closest.margin()) {
            closest = p;
        }
        return p;
    }

    /**
     * One steady state at these flows: Newton from the secant prediction ({@link #predict}) or
     * else from the last steady state; if that fails, a walk from the last point's flows to these
     * in 4 or 16 equal steps, each warm-started from the one before; if that fails too, a cold
     * start.
     */
    private Point evaluate(MassActionFlows f) {
        return evaluate(f, true);
    }

    /**
     * The same; without {@code warmFirst} straight to the cold start when there is no secant
     * prediction: at a flow setting where the bordered solve has failed from the last state, the
     * warm starts at a fixed reflux near the knife edge fail too, after up to 21 solves.
     */
    private Point evaluate(MassActionFlows f, boolean warmFirst) {
        MassActionCase c = base.withFlows(f);
        CascadeNetwork network = CascadeNetwork.massAction(c);
        SolverSettings search = searchSettings();
        solves++;
        SteadyState state = null;
        SteadyState predicted = predict(f);
        if (predicted != null) {
            try {
                state = solver.solveFrom(network, search, predicted);
            } catch (NoConvergenceException e) {
                state = null;
            }
        }
        if (state == null && warm != null && warmFirst) {
            state = walk(warmFlows, f, network, warm, search);
        }
        if (state == null) {
            try {
                state = solver.solve(network, search);
            } catch (NoConvergenceException e) {
                failed++;
                return point(f, null, e.getMessage());
            }
        }
        warm = state;
        warmFlows = f;
        remember(f, state);
        return point(f, new SimulationReport(c, network, state), null);
    }

    /** The case's solver settings with at most {@link #SEARCH_ITERATIONS} iterations. */
    private SolverSettings searchSettings() {
        SolverSettings s = base.solver();
        return new SolverSettings(s.method(), s.tolerance(), Math.min(s.maxIterations(), SEARCH_ITERATIONS));
    }

    /** Remembers a converged state of the current flow setting (organic, saponification, strip acid). */
    private void remember(MassActionFlows f, SteadyState state) {
        if (!sameSetting(f, alongFlows)) {
            alongR.clear();
            alongStates.clear();
            alongFlows = f;
        }
        alongR.add(f.reflux());
        alongStates.add(state);
    }

    private static boolean sameSetting(MassActionFlows a, MassActionFlows b) {
        return b != null && a.organicFlow() == b.organicFlow() && a.saponification() == b.saponification()
                && a.stripFlow() == b.stripFlow() && a.scrubFlow() == b.scrubFlow()
                && a.stripAcidity() == b.stripAcidity();
    }

    /**
     * A start for the steady state at {@code f} from two converged states of the same flow
     * setting at other refluxes: their ln flows interpolated (or extrapolated) linearly in the
     * reflux, the secant predictor of continuation. Near the balancing reflux the state moves
     * sharply but smoothly with R (the slow inventory mode of the cascade), so the neighbour's own
     * state is a poor start and the secant one a good one. {@code null} without two such states.
     */
    private SteadyState predict(MassActionFlows f) {
        if (!sameSetting(f, alongFlows) || alongR.size() < 2) {
            return null;
        }
        double r = f.reflux();
        // the two nearest refluxes evaluated, preferring a pair that brackets r
        int a = -1;
        int b = -1;
        for (int i = 0; i < alongR.size(); i++) {
            double d = Math.abs(alongR.get(i) - r);
            if (a < 0 || d < Math.abs(alongR.get(a) - r)) {
                a = i;
            }
        }
        for (int i = 0; i < alongR.size(); i++) {
            if (i == a || alongR.get(i).doubleValue() == alongR.get(a).doubleValue()) {
                continue;
            }
            boolean brackets = (alongR.get(i) - r) * (alongR.get(a) - r) < 0;
            boolean bBrackets = b >= 0 && (alongR.get(b) - r) * (alongR.get(a) - r) < 0;
            double d = Math.abs(alongR.get(i) - r);
            if (b < 0 || (brackets && !bBrackets) || (brackets == bBrackets && d < Math.abs(alongR.get(b) - r))) {
                b = i;
            }
        }
        if (b < 0) {
            return null;
        }
        double ra = alongR.get(a);
        double t = (r - ra) / (alongR.get(b) - ra);
        SteadyState sa = alongStates.get(a);
        SteadyState sb = alongStates.get(b);
        return new SteadyState(sa.method(), 0, Double.NaN, Double.NaN, sa.stages(), sa.components(),
                secant(sa.lnAqueous(), sb.lnAqueous(), t), secant(sa.lnOrganic(), sb.lnOrganic(), t));
    }

    private static double[] secant(double[] a, double[] b, double t) {
        double[] x = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            x[i] = Double.isFinite(a[i]) && Double.isFinite(b[i]) ? a[i] + t * (b[i] - a[i]) : a[i];
        }
        return x;
    }

    /**
     * The steady state at {@code to} (whose network is {@code target}) by warm-started steps from
     * the one at {@code from}, or {@code null}.
     */
    private SteadyState walk(MassActionFlows from, MassActionFlows to, CascadeNetwork target, SteadyState start,
                             SolverSettings search) {
        for (int steps = 1; steps <= 16; steps *= 4) {
            SteadyState state = start;
            for (int i = 1; i <= steps && state != null; i++) {
                double t = i / (double) steps;
                CascadeNetwork net = i == steps ? target : CascadeNetwork.massAction(base.withFlows(withReflux(
                        between(from, to, t), mix(from.reflux(), to.reflux(), t))));
                try {
                    state = solver.solveFrom(net, search, state);
                } catch (NoConvergenceException e) {
                    state = null;
                }
            }
            if (state != null) {
                return state;
            }
        }
        return null;
    }

    /**
     * The flow setting a fraction t of the way from {@code a} to {@code b} (reflux 0, a
     * placeholder); the scrub acid's acidity is b's, which a search keeps constant.
     */
    private static MassActionFlows between(MassActionFlows a, MassActionFlows b, double t) {
        return new MassActionFlows(mix(a.organicFlow(), b.organicFlow(), t), mix(a.saponification(),
                b.saponification(), t), mix(a.scrubFlow(), b.scrubFlow(), t), b.scrubAcidity(), mix(a.stripFlow(),
                b.stripFlow(), t), mix(a.stripAcidity(), b.stripAcidity(), t), 0);
    }

    private static double mix(double a, double b, double t) {
        return a + t * (b - a);
    }

    private Point point(MassActionFlows f, SimulationReport report, String failure) {
        double feedRate = base.feedRate();
        double baseUse = 2 * f.saponification() * base.equilibrium().extractantConcentration() * f.organicFlow()
                / feedRate;
        double acidUse = (f.stripFlow() * f.stripAcidity() + f.scrubFlow() * f.scrubAcidity()) / feedRate;
        double objective = this.objective == Objective.COST
                ? cost(base, report != null ? report.network() : CascadeNetwork.massAction(base.withFlows(f)),
                new Point(f, baseUse, acidUse, 0, 0, 0, 0, 0, 0, 0, 0, 0, null)).total()
                : set.acidPrice() * acidUse + set.basePrice() * baseUse;
        if (report == null) {
            return new Point(f, baseUse, acidUse, objective, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, failure);
        }
        var products = report.products();
        SimulationReport.Product raffinate = products.get(0);
        SimulationReport.Product strip = products.get(1);
        SimulationReport.Product stripped = products.get(2);
        double highestPH = Double.NEGATIVE_INFINITY;
        for (MassActionCaseView.StageRow row : MassActionCaseView.of(report.view()).stages()) {
            highestPH = Math.max(highestPH, row.pH());
        }
        double other = Math.min(TargetMargin.capped(set.maxStrippedRareEarth(), stripped.flow()),
                (set.maxPH() - highestPH) * Math.log(10));
        return new Point(f, baseUse, acidUse, objective, margin(raffinate, base.raffinateTarget()),
                margin(strip, base.stripTarget()), other, raffinate.purity(), strip.purity(), strip.flow(),
                stripped.flow(),
                highestPH, null);
    }

    /** The smallest margin ln(allowance/shortfall) of a product's purity and recovery targets. */
    private static double margin(SimulationReport.Product p, ProductTarget t) {
        return TargetMargin.of(t, 1 - p.purity(), 1 - p.recovery());
    }

    private InvalidInputException infeasible(MassActionCase c) {
        String targets = describe("raffinate", c.raffinateTarget(), c) + ", " + describe("strip liquor",
                c.stripTarget(), c);
        String reached;
        if (closest == null || closest.failure() != null) {
            reached = "no steady state converged";
        } else {
            MassActionFlows f = closest.flows();
            reached = String.format(Locale.ROOT, "raffinate purity %.4f %%, strip liquor purity %.4f %%, RE on the "
                            + "stripped organic %.2g mol per mol RE fed, highest stage pH %.2f at organic %.4g L/h, "
                            + "saponification %.4f, strip acid %.4g L/h, reflux %.6f",
                    100 * closest.raffinatePurity(), 100 * closest.stripPurity(), closest.strippedRareEarth(),
                    closest.highestPH(), f.organicFlow(), f.saponification(), f.stripFlow(), f.reflux());
        }
        return new InvalidInputException("targets", targets, String.format(Locale.ROOT, "targets that flows within "
                + "the optimize bounds reach with %d + %d + %d stages (no feasible point in %d evaluations, %d steady "
                + "states, %d not converged); the best reached: %s. Add stages or widen the bounds in the case's "
                + "optimize section", c.cascade().extractionStages(), c.cascade().scrubStages(), c.stripStages(),
                evaluations, solves, failed, reached));
    }

    private static String describe(String product, ProductTarget t, MassActionCase c) {
        String names = String.join("+", t.components().stream().map(c.rareEarths()::get).toList());
        StringBuilder b = new StringBuilder(product).append(' ').append(names);
        if (t.purity() != null) {
            b.append(String.format(Locale.ROOT, " purity ≥ %s", t.purity()));
        }
        if (t.recovery() != null) {
            b.append(String.format(Locale.ROOT, " recovery ≥ %s", t.recovery()));
        }
        return b.toString();
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    private static double unit(double x, double lo, double hi) {
        return clamp((x - lo) / (hi - lo), 0, 1);
    }

    private static double at(double u, double lo, double hi) {
        return lo + clamp(u, 0, 1) * (hi - lo);
    }
}
