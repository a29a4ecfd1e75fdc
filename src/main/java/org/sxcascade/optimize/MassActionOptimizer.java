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
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFlows;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.report.MassActionSection;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.NoConvergenceException;
import org.sxcascade.solver.SteadyState;
import org.sxcascade.solver.TwoPhaseNewtonSolver;

/**
 * The plant flows of a {@code model: mass-action} cascade (stages fixed) that meet the purity and
 * recovery targets of both products at the least reagent use (docs/optimize.md).
 *
 * <p><b>Variables.</b> Organic flow O (L/h), saponification s and strip acid flow Q (L/h) are
 * searched by BOBYQA (Powell's bound-constrained quadratic-model method, Commons Math) in the box
 * of {@link MassActionSettings}. The reflux R is not left to it: R decides which product takes the
 * impurities, very sharply, so every (O, s, Q) is evaluated at the R that balances the two
 * products. With margins m = ln(allowance / shortfall) of every target (impurity 1 − purity against
 * 1 − P, loss 1 − recovery against 1 − Y), the raffinate's margin falls and the strip liquor's
 * rises with R; the balancing R is the root of m_raffinate(R) − m_strip(R), bracketed next to the
 * previous point's R and closed by the Pegasus method. At that R the smaller margin is as large as
 * any R makes it.
 *
 * <p><b>Objective.</b> acidPrice × acid + basePrice × base per mol RE fed: base = 2sC·O (the
 * saponifying cation, mol/h), acid = Q·[H⁺]_strip + scrub acid (mol H⁺/h), both divided by the
 * feed's RE flow. The feed's own free acid is not a decision and is not counted.
 *
 * <p><b>Constraints.</b> Both products' targets, RE left on the stripped organic at most
 * {@link MassActionSettings#maxStrippedRareEarth()} and every stage's pH at most
 * {@link MassActionSettings#maxPH()} (an acidic steady state). A point's margin is the smallest of
 * them (the pH one as (pH_max − pH)·ln 10); it is feasible at a margin of at least
 * {@value #FEASIBLE_MARGIN}, a floor that keeps round-off of the verification from missing a
 * target. BOBYQA minimizes the objective plus an exact penalty, the baseline objective times the
 * margin's shortfall; a point whose steady state does not converge is infeasible and gets a large
 * penalty. The result is the cheapest feasible point evaluated, after a last search along the ray
 * that scales saponification and strip acid together (organic flow fixed) for the least feasible
 * scale, where a target holds with equality.
 *
 * <p>Every point is a full mass-action steady state ({@link CascadeNetwork#massAction},
 * {@link TwoPhaseNewtonSolver}), warm-started from the previous point's; the optimum is solved
 * again from a cold start and reported from that solve. Not thread-safe; one search at a time.
 */
public final class MassActionOptimizer {
    /** Margin a point needs to count as feasible, in ln units (about 1e-6 relative in the impurity). */
    public static final double FEASIBLE_MARGIN = 1e-6;
    /** Margins are capped here (an impurity e⁻⁶⁰ below its allowance is as good as none). */
    private static final double MARGIN_CAP = 60;
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
    private double refluxMin;
    private int solves;
    private int failed;
    private int evaluations;
    private Point best;
    private Point closest;
    private final List<Point> feasiblePoints = new ArrayList<>();

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
    public MassActionOptimum optimize(MassActionCase c, MassActionSettings settings) {
        check(c);
        base = c;
        set = settings;
        warm = null;
        solves = 0;
        failed = 0;
        evaluations = 0;
        best = null;
        closest = null;
        feasiblePoints.clear();
        MassActionFlows f = c.flows();
        // a scrubbing section needs liquor: without fresh scrub acid the reflux must stay above 0
        refluxMin = Math.max(set.reflux()[0], f.scrubFlow() > 0 ? 0 : 1e-6);
        lastReflux = clamp(f.reflux(), refluxMin, set.reflux()[1]);
        lastSlope = 0;
        lastBase = 0;

        // the case's own flows at its own reflux: the baseline, and the first warm start
        Point baseline = record(evaluate(f));
        double mu = Math.max(baseline.objective(), 1e-6);

        double[] lo = {set.organicFlow()[0], set.saponification()[0], set.stripFlow()[0]};
        double[] hi = {set.organicFlow()[1], set.saponification()[1], set.stripFlow()[1]};
        double[] x0 = {unit(f.organicFlow(), lo[0], hi[0]), unit(f.saponification(), lo[1], hi[1]),
                unit(f.stripFlow(), lo[2], hi[2])};
        // rounds of BOBYQA, each from the best point so far with a fresh trust region, while a
        // round gains at least 0.1 % and evaluations remain
        double[] start = x0;
        double before = Double.POSITIVE_INFINITY;
        while (evaluations < set.maxEvaluations() - 10) {
            BOBYQAOptimizer bobyqa = new BOBYQAOptimizer(7, INITIAL_RADIUS, FINAL_RADIUS);
            try {
                bobyqa.optimize(new MaxEval(set.maxEvaluations() - evaluations), GoalType.MINIMIZE,
                        new InitialGuess(start), new SimpleBounds(new double[3], new double[] {1, 1, 1}),
                        new ObjectiveFunction(x -> {
                            Point p = balanced(at(x[0], lo[0], hi[0]), at(x[1], lo[1], hi[1]), at(x[2], lo[2], hi[2]));
                            return p.objective() + mu * Math.max(0, FEASIBLE_MARGIN - p.margin());
                        }));
            } catch (TooManyEvaluationsException e) {
                break; // the budget is spent: the cheapest feasible point so far stands
            }
            if (best == null || best.objective() > before * (1 - 1e-3)) {
                break;
            }
            before = best.objective();
            MassActionFlows b = best.flows();
            start = new double[] {unit(b.organicFlow(), lo[0], hi[0]), unit(b.saponification(), lo[1], hi[1]),
                    unit(b.stripFlow(), lo[2], hi[2])};
        }
        if (best == null) {
            throw infeasible(c);
        }
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
            MassActionCase optimized = c.withFlows(candidate.flows());
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
            return new MassActionOptimum(optimized, verified, report, baseline, set, evaluations, solves, failed,
                    rejected.size());
        }
        throw new NoConvergenceException("newton", String.format(Locale.ROOT, "the cheapest %d feasible flow settings "
                + "found converge only by continuation from neighbouring steady states, not from a cold start (as "
                + "simulate solves them); the last: %s", rejected.size(), lastFailure.getMessage()),
                lastFailure.iterations(), lastFailure.residual(), lastFailure.tolerance(), lastFailure.worstStage(),
                lastFailure.worstComponent(), lastFailure.componentName(), lastFailure.limitReached());
    }

    /** Whether two flow settings differ by less than 0.2 % in every variable. */
    private static boolean near(MassActionFlows a, MassActionFlows b) {
        return close(a.organicFlow(), b.organicFlow()) && close(a.saponification(), b.saponification())
                && close(a.stripFlow(), b.stripFlow()) && close(a.reflux(), b.reflux());
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
        return balanced(f.organicFlow(), f.saponification() * t, f.stripFlow() * t);
    }

    /**
     * The point (O, s, Q) at the reflux that balances the two products' margins (the class
     * comment), or at a reflux bound when the balance lies beyond it.
     */
    private Point balanced(double organic, double saponification, double strip) {
        evaluations++;
        MassActionFlows f0 = flows(organic, saponification, strip, predictedReflux(organic, saponification));
        try {
            Point a = evaluate(f0);
            if (a.failure() != null) {
                return record(a);
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
                b = evaluate(flows(organic, saponification, strip, r));
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
                    Point p = evaluate(flows(organic, saponification, strip, r));
                    if (p.failure() != null) {
                        throw new Unconverged(p);
                    }
                    return p.raffinateMargin() - p.stripMargin();
                }, lo, hi);
            } catch (TooManyEvaluationsException e) {
                root = 0.5 * (lo + hi);
            }
            Point p = evaluate(flows(organic, saponification, strip, root));
            // keep the better end of the bracket if round-off left the root behind it
            Point better = a.margin() > b.margin() ? a : b;
            return record(p.failure() == null && p.margin() >= better.margin() ? p : better);
        } catch (Unconverged e) {
            return record(e.point);
        } finally {
            if (progress != null) {
                progress.update(Math.min(1, evaluations / (double) set.maxEvaluations()), evaluations);
            }
        }
    }

    /**
     * The reflux that would send the same RE to the strip product as at the last point, with the
     * strip liquor's RE scaled by the saponifying base (the organic's RE capacity): R = 1 − P/T
     * with P the strip product's RE and T the strip liquor's before the split.
     */
    private double predictedReflux(double organic, double saponification) {
        if (!(lastLiquor > 0) || !(lastBase > 0)) {
            return lastReflux;
        }
        double liquor = lastLiquor * organic * saponification / lastBase;
        return clamp(liquor > lastProduct ? 1 - lastProduct / liquor : lastReflux, refluxMin, set.reflux()[1]);
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

    private MassActionFlows flows(double organic, double saponification, double strip, double reflux) {
        MassActionFlows f = base.flows();
        return new MassActionFlows(organic, saponification, f.scrubFlow(), f.scrubAcidity(), strip, f.stripAcidity(),
                reflux);
    }

    /**
     * One steady state at these flows: Newton from the last steady state; if that fails, a walk
     * from the last point's flows to these in 4 or 16 equal steps, each warm-started from the
     * one before; if that fails too, a cold start.
     */
    private Point evaluate(MassActionFlows f) {
        MassActionCase c = base.withFlows(f);
        CascadeNetwork network = CascadeNetwork.massAction(c);
        SolverSettings s = c.solver();
        SolverSettings search = new SolverSettings(s.method(), s.tolerance(), Math.min(s.maxIterations(),
                SEARCH_ITERATIONS));
        solves++;
        SteadyState state = null;
        if (warm != null) {
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
        return point(f, new SimulationReport(c, network, state), null);
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
                CascadeNetwork net = i == steps ? target : CascadeNetwork.massAction(base.withFlows(new MassActionFlows(
                        mix(from.organicFlow(), to.organicFlow(), t), mix(from.saponification(), to.saponification(), t),
                        to.scrubFlow(), to.scrubAcidity(), mix(from.stripFlow(), to.stripFlow(), t), to.stripAcidity(),
                        mix(from.reflux(), to.reflux(), t))));
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

    private static double mix(double a, double b, double t) {
        return a + t * (b - a);
    }

    private Point point(MassActionFlows f, SimulationReport report, String failure) {
        double feedRate = base.feedRate();
        double baseUse = 2 * f.saponification() * base.equilibrium().extractantConcentration() * f.organicFlow()
                / feedRate;
        double acidUse = (f.stripFlow() * f.stripAcidity() + f.scrubFlow() * f.scrubAcidity()) / feedRate;
        double objective = set.acidPrice() * acidUse + set.basePrice() * baseUse;
        if (report == null) {
            return new Point(f, baseUse, acidUse, objective, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, failure);
        }
        var products = report.products();
        SimulationReport.Product raffinate = products.get(0);
        SimulationReport.Product strip = products.get(1);
        SimulationReport.Product stripped = products.get(2);
        double highestPH = Double.NEGATIVE_INFINITY;
        for (MassActionSection.StageRow row : MassActionSection.of(report).stages()) {
            highestPH = Math.max(highestPH, row.pH());
        }
        double other = Math.min(logMargin(set.maxStrippedRareEarth(), stripped.flow()),
                (set.maxPH() - highestPH) * Math.log(10));
        return new Point(f, baseUse, acidUse, objective, margin(raffinate, base.raffinateTarget()),
                margin(strip, base.stripTarget()), other, raffinate.purity(), strip.purity(), strip.flow(),
                stripped.flow(),
                highestPH, null);
    }

    /** The smallest margin ln(allowance/shortfall) of a product's purity and recovery targets. */
    private static double margin(SimulationReport.Product p, ProductTarget t) {
        double m = MARGIN_CAP;
        if (t.purity() != null) {
            m = Math.min(m, logMargin(1 - t.purity(), 1 - p.purity()));
        }
        if (t.recovery() != null) {
            m = Math.min(m, logMargin(1 - t.recovery(), 1 - p.recovery()));
        }
        return m;
    }

    private static double logMargin(double allowance, double actual) {
        if (!(actual > 0)) {
            return MARGIN_CAP;
        }
        return Math.min(MARGIN_CAP, Math.log(allowance / actual));
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
