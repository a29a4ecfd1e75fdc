package org.sxcascade.optimize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.analysis.solvers.AllowedSolution;
import org.apache.commons.math3.analysis.solvers.PegasusSolver;
import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.design.FlowChoice;
import org.sxcascade.design.SeparationProblem;
import org.sxcascade.design.StageSearch;
import org.sxcascade.design.TargetMargin;
import org.sxcascade.design.XuDesign;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.NoConvergenceException;
import org.sxcascade.solver.SteadyState;

/**
 * Finds the configuration (n, m, S, W) that meets both purity targets and minimizes an
 * {@link Objective}, every candidate verified by a steady-state solve.
 *
 * <p><b>Why the search can be exact.</b> At fixed stage counts, all four objectives grow with the
 * scrub flow W (S = W + const, and stage volume, organic, acid and base all grow with the flows).
 * For a given (n, m) the best flows are therefore the least W that meets the targets. At that
 * point both targets are met with equality, so the product split is Xu's f'_A =
 * (P_B − f_B)/(P_A + P_B − 1) (overall balance, docs/design.md): at this split the two targets are
 * equivalent, and the least W is the root of one monotone function, the log of the impurity over
 * its allowance, found by bracketing Brent iteration (Commons Math, solution kept on the
 * feasible side). The optimizer therefore:
 * <ol>
 *   <li>finds the fewest stages N₀ at the largest allowed flows (the staircase search of
 *       {@code design}; purity rises with either section's stage count);</li>
 *   <li>for N = N₀, N₀ + 1, … finds the least W over the splits n + m = N (a discrete descent
 *       from the previous N's best n; the least W is unimodal in n) and the objective there;</li>
 *   <li>stops when a lower bound of the objective for all larger N (the objective at the
 *       minimum flows, which no finite cascade reaches) exceeds the best found, or at the stage
 *       limit.</li>
 * </ol>
 * The search is deterministic: it has no random element, so no seed.
 *
 * <p>Every objective grows with W at fixed n and m only if the product split stays at f'_A; a
 * different split (both targets over-met) needs more reflux for the same stages. The tests check
 * on random cases that no split off f'_A does better.
 */
public final class MetalFlowSearch {

    /** Reports the search's progress: the fraction done (estimated) and the steady states solved. */
    @FunctionalInterface
    public interface Progress {
        void update(double fraction, int steadyStates);
    }

    /**
     * Margin on the log impurity ratio: a point meets the targets only with each impurity at most
     * e^−1e−8 times its allowance. The search decides on the impurities, while the purities
     * reported (and checked against the targets) are summed separately from the same steady
     * state; the margin keeps a point found at the allowance on the meeting side of both.
     */
    static final double IMPURITY_MARGIN = 1e-8;
    /** r(W) of a point whose steady state did not converge: counted as missing the targets. */
    private static final double FAILED = 1.0;
    /**
     * The least W is found to within this window of r(W) (a relative change of the impurity):
     * about 1e-7 relative in W, far below what any plant can set.
     */
    static final double ROOT_WINDOW = 1e-7;

    private final NewtonCascadeSolver solver = new NewtonCascadeSolver();
    private Progress progress;

    /** Where to report progress, or {@code null}. */
    public void setProgress(Progress progress) {
        this.progress = progress;
    }

    /**
     * Optimizes the case.
     *
     * @throws InvalidInputException for targets out of reach within the bounds (the message gives
     *         the bound: Fenske's minimum, S_min, the stage limit), conflicting bounds or fixed values
     */
    public Optimum optimize(DesignInputs in, OptimizerSettings settings) {
        return new Run(in, settings).run();
    }

    /**
     * A point of the search: n, m and the least flows meeting the targets, with the purities and
     * the steady state there.
     */
    private record Point(int n, int m, double s, double w, double organicPurity, double aqueousPurity,
                         SteadyState state) {
        Point(int n, int m, double s, double w, Verdict v) {
            this(n, m, s, w, v.organicPurity(), v.aqueousPurity(), v.state());
        }
    }

    /**
     * The verdict on a solved point: r = max(rA, rB), each the log of a product's impurity over
     * its allowance plus the margin ({@link #FAILED} if the solve did not converge), the purities
     * and the steady state ({@code null} and NaN purities if it did not converge).
     */
    private record Verdict(double r, double ra, double rb, double organicPurity, double aqueousPurity,
                           SteadyState state) {
    }

    /** A solved point of the search. */
    private record Key(int n, int m, double s, double w) {
    }

    /** One optimization: the problem, the bounds and the memo of solved points. */
    private final class Run {
        private final DesignInputs in;
        private final OptimizerSettings set;
        private final SeparationProblem problem;
        private final XuDesign xu;
        private final Economics economics;
        private final double lnAllowA;
        private final double lnAllowB;
        private final boolean binary;
        /** S − W at the product split f'_A. */
        private final double shift;
        private double wBottom;
        private double wTop;
        private String limitedBy;
        private boolean phaseRatioChecked;
        private final Map<Key, Verdict> verdicts = new HashMap<>();
        private int steadyStates;
        private int failedSolves;
        private double fraction;

        Run(DesignInputs in, OptimizerSettings set) {
            this.in = in;
            this.set = set;
            this.problem = SeparationProblem.of(in);
            this.xu = problem.xu(FlowChoice.optimum());
            this.economics = new Economics(in, in.costs(), set.reagentExcess());
            this.lnAllowA = Math.log(1 - problem.purityA());
            this.lnAllowB = Math.log(1 - problem.purityB());
            this.binary = in.components().size() == 2;
            this.shift = problem.extractantMinusScrub();
        }

        Optimum run() {
            if (set.objective() == Objective.REAGENTS) {
                throw new InvalidInputException("--objective", "reagents", "stages, extractant, phi or cost for a "
                        + "case of separation factors or distribution ratios (reagents is an objective of model: "
                        + "mass-action cases)");
            }
            if (set.objective() == Objective.COST && in.costs() == null) {
                throw new InvalidInputException("--objective", "cost",
                        "a costs section in the case file (prices, residence time; see docs/optimize.md)");
            }
            if (set.objective() == Objective.COST && !economics.hasPlantData()) {
                throw new InvalidInputException("--objective", "cost",
                        "plant data in the case file for the cost model: " + Economics.plantFields());
            }
            if (set.phaseRatioGiven() && !economics.hasPlantData()) {
                throw new InvalidInputException(set.minPhaseRatio() != null ? "--min-ratio" : "--max-ratio",
                        set.minPhaseRatio() != null ? set.minPhaseRatio() : set.maxPhaseRatio(),
                        "O/A bounds only with plant data in the case file: " + Economics.plantFields());
            }
            if (binary && set.maxStages() < xu.fenskeMinimum()) {
                throw new InvalidInputException("--max-stages", set.maxStages(), String.format(java.util.Locale.ROOT,
                        "at least Fenske's minimum N_min = lg(ab)/lg β = %.2f: no flows reach the targets with fewer "
                                + "stages (total reflux)", xu.fenskeMinimum()));
            }
            boolean fixedFlows = set.extractant() != null || set.scrub() != null;
            List<Point> scanned = new ArrayList<>();
            Point best;
            int lastN;
            if (fixedFlows) {
                double[] sw = fixedFlows();
                best = fewestStages(sw[0], sw[1]);
                scanned.add(best);
                lastN = best.n() + best.m();
            } else {
                flowRange();
                Point first = fewestStages(wTop + shift, wTop);
                int nLo = first.n() + first.m();
                best = null;
                double bestValue = Double.POSITIVE_INFINITY;
                int guessN = first.n();
                int paretoEnd = Integer.MAX_VALUE;
                int rising = 0;
                double previous = Double.POSITIVE_INFINITY;
                lastN = nLo;
                for (int total = nLo; total <= set.maxStages(); total++) {
                    if (set.objective() == Objective.EXTRACTANT && !set.pareto() && total > nLo) {
                        total = set.maxStages(); // S falls with N: the least S is at the stage limit
                        guessN = (int) Math.round((double) guessN * total / nLo);
                    }
                    Point p = bestSplit(total, guessN, guessW(scanned));
                    lastN = total;
                    if (p != null) {
                        scanned.add(p);
                        guessN = p.n();
                        double value = economics.objective(set.objective(), p.n(), p.m(), p.s(), p.w());
                        if (value < bestValue) {
                            bestValue = value;
                            best = p;
                        }
                        rising = value > previous ? rising + 1 : 0;
                        previous = value;
                    }
                    boolean objectiveDone = switch (set.objective()) {
                        case STAGES -> best != null;
                        case EXTRACTANT, REAGENTS -> total >= set.maxStages();
                        case PHI, COST -> best != null && lowerBound(total + 1) >= bestValue && (binary || rising >= 3);
                    };
                    if (objectiveDone && paretoEnd == Integer.MAX_VALUE) {
                        paretoEnd = !set.pareto() ? total : set.paretoMaxStages() != null ? set.paretoMaxStages()
                                : Math.min(set.maxStages(), Math.max(2 * nLo, total));
                    }
                    report(total, nLo, paretoEnd, bestValue);
                    if (total >= paretoEnd) {
                        break;
                    }
                }
                if (best == null) {
                    throw new IllegalStateException("no split of N = " + nLo + " stages met the targets, although the "
                            + "stage search found one");
                }
            }
            return finish(best, scanned, fixedFlows, lastN);
        }

        /** S and W the user fixed; with one of them fixed, the other follows from the product split. */
        private double[] fixedFlows() {
            double s = set.extractant() != null ? set.extractant() : set.scrub() + shift;
            double w = set.scrub() != null ? set.scrub() : set.extractant() - shift;
            String field = set.extractant() != null && set.scrub() == null ? "--extractant" : "--scrub";
            try {
                problem.cascadeCase(1, 1, s, w);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(field, set.extractant() != null && set.scrub() == null ? s : w,
                        e.allowed() + (set.extractant() == null || set.scrub() == null
                                ? String.format(java.util.Locale.ROOT, " (with the other flow from the product split "
                                + "S − W = %.6f)", shift) : ""));
            }
            if (economics.hasPlantData()) {
                double[] r = economics.phaseRatios(s, w);
                checkRatio(r[0], "extraction");
                checkRatio(r[1], "scrub");
                phaseRatioChecked = true;
            }
            wBottom = w;
            wTop = w;
            limitedBy = "fixed by the user";
            return new double[] {s, w};
        }

        private void checkRatio(double ratio, String section) {
            if (ratio < set.effectiveMinPhaseRatio() || ratio > set.effectiveMaxPhaseRatio()) {
                throw new InvalidInputException(ratio < set.effectiveMinPhaseRatio() ? "--min-ratio" : "--max-ratio",
                        ratio < set.effectiveMinPhaseRatio() ? set.effectiveMinPhaseRatio() : set.effectiveMaxPhaseRatio(),
                        String.format(java.util.Locale.ROOT, "a bound the fixed flows meet: their O/A in the %s "
                                + "section is %.4g", section, ratio));
            }
        }

        /**
         * The range of W at the product split: S and W positive (and S &lt; W + 1 or W &lt; S + 1 as
         * the feed phase needs, which the split guarantees), S at most --max-extractant, and each
         * section's volumetric O/A within the bounds (a linear-fractional function of W, so each
         * bound is a linear inequality).
         */
        private void flowRange() {
            double lo = Math.max(0, -shift);
            double sMax = set.maxExtractant() != null ? set.maxExtractant() : problem.linear()
                    ? 2 * problem.coordinates(problem.linearFlows(FlowChoice.optimum()))[0] : 2 * xu.extractantFlow();
            double hi = sMax - shift;
            limitedBy = set.maxExtractant() != null ? "--max-extractant" : problem.linear()
                    ? "twice the free flow ratio of design's least estimated throughput" : "default --max-extractant (2 × Xu's S)";
            if (economics.hasPlantData()) {
                phaseRatioChecked = true;
                String[] sections = {"extraction", "scrub"};
                for (int section = 0; section < 2; section++) {
                    double[] f = economics.phaseRatioForm(section, shift);
                    // O/A ≥ r_min  ⇔  (a1 − r·b1)·W ≥ r·b0 − a0 (denominator > 0), and O/A ≤ r_max likewise
                    for (int bound = 0; bound < 2; bound++) {
                        double r = bound == 0 ? set.effectiveMinPhaseRatio() : set.effectiveMaxPhaseRatio();
                        double slope = f[1] - r * f[3];
                        double rhs = r * f[2] - f[0];
                        boolean atLeast = bound == 0; // inequality slope·W ≥ rhs (min) or ≤ rhs (max)
                        if (slope == 0) {
                            if (atLeast ? 0 < rhs : 0 > rhs) {
                                lo = Double.POSITIVE_INFINITY;
                            }
                            continue;
                        }
                        double limit = rhs / slope;
                        if (atLeast == slope > 0) {
                            lo = Math.max(lo, limit);
                        } else if (limit < hi) {
                            hi = limit;
                            limitedBy = "O/A " + (bound == 0 ? "≥ " : "≤ ") + fmt(r) + " in the " + sections[section]
                                    + " section";
                        }
                    }
                }
            }
            if (!(lo < hi)) {
                if (!phaseRatioChecked) {
                    throw new InvalidInputException("--max-extractant", sMax, "above S − W = " + fmt(shift)
                            + " at the product split, so that W > 0");
                }
                double[] atMost = economics.phaseRatios(sMax, sMax - shift);
                throw new InvalidInputException("--min-ratio/--max-ratio", fmt(set.effectiveMinPhaseRatio()) + " … "
                        + fmt(set.effectiveMaxPhaseRatio()), "bounds that leave some flows: at the product split S − W = "
                        + fmt(shift) + " no S ≤ " + fmt(sMax) + " keeps both sections' O/A within them (at S = "
                        + fmt(sMax) + " the O/A is " + fmt(atMost[0]) + " in extraction, " + fmt(atMost[1])
                        + " in scrubbing)");
            }
            double wMin = problem.minScrubCoordinate(xu);
            if (problem.linear()) {
                lo = Math.max(lo, wMin); // below it the flows of KremserFlows do not exist
            }
            if (binary && hi <= wMin) {
                throw new InvalidInputException(limitedBy.startsWith("O/A") ? "--min-ratio/--max-ratio" : "--max-extractant",
                        limitedBy.startsWith("O/A") ? "S ≤ " + fmt(hi + shift) + " (" + limitedBy + ")"
                                : (Object) (hi + shift), "flows above the minimum S_min = "
                        + fmt(xu.minExtractantFlow()) + ", W_min = " + fmt(wMin) + " (infinite stages): below it no "
                        + "cascade reaches the targets");
            }
            // strictly inside: at W = 0 (aqueous feed) or S = 0 (organic feed) there is no cascade
            wBottom = lo + 1e-9 * Math.max(1, hi);
            wTop = hi;
        }

        /**
         * The fewest stages meeting the targets at fixed flows, with the user's fixed n or m: the
         * staircase search of {@code design}, or a bisection on the free section.
         */
        private Point fewestStages(double s, double w) {
            StageSearch.Simulator margins = (n, m) -> {
                Verdict v = verdict(n, m, s, w);
                return new double[] {-v.ra(), -v.rb()};
            };
            Integer fixedN = set.extractionStages();
            Integer fixedM = set.scrubStages();
            int limit = set.maxStages();
            int n;
            int m;
            if (fixedN != null && fixedM != null) {
                n = fixedN;
                m = fixedM;
                if (!meets(margins, n, m)) {
                    throw unreachable(s, w, "with n = " + n + " and m = " + m + " fixed");
                }
            } else if (fixedN != null || fixedM != null) {
                int fixed = fixedN != null ? fixedN : fixedM;
                int lo = 0;
                int hi = limit - fixed;
                if (!meets(margins, fixedN != null ? fixed : hi, fixedN != null ? hi : fixed)) {
                    throw unreachable(s, w, (fixedN != null ? "with n = " : "with m = ") + fixed + " fixed");
                }
                hi = StageSearch.fewest(lo, hi, mid -> meets(margins, fixedN != null ? fixed : mid,
                        fixedN != null ? mid : fixed));
                n = fixedN != null ? fixed : hi;
                m = fixedN != null ? hi : fixed;
            } else {
                int[] estimate = estimate(s, w);
                // the search compares −ln(impurity/allowance) with the margin: "meets" ⇔ r(W) ≤ 0
                StageSearch search = new StageSearch(margins, IMPURITY_MARGIN, IMPURITY_MARGIN, limit);
                StageSearch.Result r;
                try {
                    r = search.minimalStages(estimate[0], estimate[1]);
                } catch (StageSearch.NoFeasibleConfigurationException e) {
                    throw unreachable(s, w, "");
                }
                n = r.extractionStages();
                m = r.scrubStages();
            }
            return new Point(n, m, s, w, verdict(n, m, s, w));
        }

        private boolean meets(StageSearch.Simulator margins, int n, int m) {
            double[] p = margins.purities(n, m);
            return p[0] >= IMPURITY_MARGIN && p[1] >= IMPURITY_MARGIN;
        }

        private InvalidInputException unreachable(double s, double w, String fixed) {
            String fenske = String.format(java.util.Locale.ROOT, "Fenske's minimum at total reflux is %.2f stages%s",
                    xu.fenskeMinimum(), binary ? "" : " for the key pair");
            return new InvalidInputException("--max-stages", set.maxStages(), "a larger value (no cascade of at most "
                    + set.maxStages() + " stages " + (fixed.isEmpty() ? "" : fixed + " ") + "meets the targets at the "
                    + "largest allowed flows S = " + fmt(s) + ", W = " + fmt(w) + ", " + limitedBy + "; " + fenske + ")");
        }

        /** Xu's corrected stage estimate at the flows, or at the √β optimum where it does not exist. */
        private int[] estimate(double s, double w) {
            try {
                return problem.linear() ? problem.startEstimate(xu, problem.linearFlows(s, w))
                        : problem.startEstimate(problem.xu(FlowChoice.fixedScrub(w)), null);
            } catch (InvalidInputException e) {
                return problem.startEstimate(xu, null);
            }
        }

        /**
         * The least W over the splits n + m = N, by discrete descent from the guess (the least W
         * is unimodal in n), or {@code null} if no split meets the targets within the flow range.
         */
        private Point bestSplit(int total, int guessN, double guessW) {
            int lo = 1;
            int hi = total - 1;
            if (set.extractionStages() != null) {
                lo = Math.max(lo, set.extractionStages());
                hi = Math.min(hi, set.extractionStages());
            }
            if (set.scrubStages() != null) {
                lo = Math.max(lo, total - set.scrubStages());
                hi = Math.min(hi, total - set.scrubStages());
            }
            if (lo > hi) {
                return null;
            }
            Map<Integer, Point> byN = new HashMap<>();
            double[] guess = {guessW}; // the first root found at this N guides the other splits
            java.util.function.IntFunction<Point> at = n -> byN.computeIfAbsent(n, k -> {
                Point p = leastScrub(k, total - k, guess[0]);
                if (p != null) {
                    guess[0] = p.w();
                }
                return p;
            });
            int g = Math.max(lo, Math.min(hi, guessN));
            Point best = at.apply(g);
            for (int d = 1; best == null && (g - d >= lo || g + d <= hi); d++) {
                best = g + d <= hi ? at.apply(g + d) : null;
                if (best == null && g - d >= lo) {
                    best = at.apply(g - d);
                }
            }
            if (best == null) {
                return null;
            }
            for (int dir : new int[] {1, -1}) {
                while (best.n() + dir >= lo && best.n() + dir <= hi) {
                    int k = best.n() + dir;
                    if (!byN.containsKey(k) && r(k, total - k, best.w()) > 0) {
                        break; // the neighbour misses the targets at this W: it needs more
                    }
                    Point next = at.apply(k);
                    if (next == null || next.w() >= best.w()) {
                        break;
                    }
                    best = next;
                }
            }
            return best;
        }

        /**
         * The least W in the flow range at which (n, m) meets both targets at the product split,
         * or {@code null} if it does not even at the largest flows. Brackets the root of the
         * monotone r(W) (walking down from the last root found) and closes it with Brent's method,
         * keeping the answer on the feasible side.
         */
        private Point leastScrub(int n, int m, double guessW) {
            // bracket the root near the guess (neighbouring cascades need similar flows): a first
            // step of 2 % of the distance to the range's end, then secant steps on r(W), overshot
            // by half, growing at least geometrically
            double tolerance = 1e-12 * Math.max(1, wTop);
            double g = Double.isNaN(guessW) || guessW <= wBottom || guessW >= wTop ? 0.5 * (wBottom + wTop) : guessW;
            double rg = r(n, m, g);
            boolean down = rg <= 0;
            if (!down && r(n, m, wTop) > 0) {
                return null; // not even at the largest flows
            }
            double end = down ? wBottom : wTop;
            double previous = g;
            double rPrevious = rg;
            double step = 0.02 * (end - g);
            double feasible = down ? g : Double.NaN;
            double infeasible = down ? Double.NaN : g;
            while (Double.isNaN(feasible) || Double.isNaN(infeasible)) {
                double next = previous + step;
                if (down ? next - wBottom <= tolerance : next >= wTop) {
                    next = end;
                }
                double rn = r(n, m, next);
                if (rn <= 0) {
                    feasible = next;
                } else {
                    infeasible = next;
                }
                if (!Double.isNaN(feasible) && !Double.isNaN(infeasible)) {
                    break;
                }
                if (next == end) {
                    return down ? point(n, m, wBottom) : null; // the targets hold down to the smallest flows
                }
                double secant = rn != rPrevious ? -rn * (next - previous) / (rn - rPrevious) : Double.NaN;
                double proposed = 1.5 * secant;
                step = Double.isFinite(proposed) && Math.abs(proposed) > 2 * Math.abs(step)
                        && Math.signum(proposed) == Math.signum(step) ? proposed : 2 * step;
                previous = next;
                rPrevious = rn;
            }
            double w = feasible;
            if (Math.abs(feasible - infeasible) > tolerance && r(n, m, feasible) < -ROOT_WINDOW) {
                // Pegasus (a regula falsi with superlinear convergence) on r + window/2: it stops on
                // the feasible side with r in [−window, 0]
                PegasusSolver pegasus = new PegasusSolver(1e-14, tolerance, ROOT_WINDOW / 2);
                w = pegasus.solve(200, x -> r(n, m, x) + ROOT_WINDOW / 2, Math.min(feasible, infeasible),
                        Math.max(feasible, infeasible), AllowedSolution.BELOW_SIDE);
            }
            return point(n, m, w);
        }

        private Point point(int n, int m, double w) {
            return new Point(n, m, w + shift, w, verdict(n, m, w + shift, w));
        }

        /** r(W) = max over the two products of ln(impurity/allowance), plus the margin. */
        private double r(int n, int m, double w) {
            return verdict(n, m, w + shift, w).r();
        }

        /** The verdict on (n, m) at S and W, each point solved once (from a cold start). */
        private Verdict verdict(int n, int m, double s, double w) {
            return verdicts.computeIfAbsent(new Key(n, m, s, w), key -> {
                SteadyState st = solve(n, m, s, w);
                if (st == null) {
                    return new Verdict(FAILED, FAILED, FAILED, Double.NaN, Double.NaN, null);
                }
                double[] imp = problem.impurities(st, n + m);
                double[] pur = problem.purities(st, n + m);
                double ra = TargetMargin.excess(imp[0], lnAllowA) + IMPURITY_MARGIN;
                double rb = TargetMargin.excess(imp[1], lnAllowB) + IMPURITY_MARGIN;
                return new Verdict(Math.max(ra, rb), ra, rb, pur[0], pur[1], st);
            });
        }

        /**
         * A steady state from a cold start, or {@code null} if it does not converge. (The solver's
         * split-shooting start solves these cascades in tens of microseconds; a warm start from a
         * neighbouring profile is slower, because it skips that start.)
         */
        private SteadyState solve(int n, int m, double s, double w) {
            CascadeNetwork net = CascadeNetwork.of(problem.cascadeCase(n, m, s, w));
            try {
                SteadyState st = solver.solve(net, SolverSettings.defaults());
                steadyStates++;
                return st;
            } catch (NoConvergenceException e) {
                failedSolves++;
                return null;
            }
        }

        /** The least W of the next N, extrapolated from the last two (it falls smoothly with N). */
        private double guessW(List<Point> scanned) {
            int k = scanned.size();
            if (k == 0) {
                return Double.NaN;
            }
            double last = scanned.get(k - 1).w();
            if (k == 1) {
                return last;
            }
            double before = scanned.get(k - 2).w();
            int gap = scanned.get(k - 1).n() + scanned.get(k - 1).m() - scanned.get(k - 2).n() - scanned.get(k - 2).m();
            return gap == 1 && last < before ? last * last / before : last;
        }

        /** The objective's lower bound for every N' ≥ N: at the least flows any cascade could run. */
        private double lowerBound(int total) {
            double wMin = problem.minScrubCoordinate(xu);
            double w = binary ? Math.max(wBottom, wMin) : Math.max(wBottom, Math.min(wMin, wTop));
            return economics.lowerBound(set.objective(), total, w + shift, w);
        }

        private void report(int total, int first, int end, double bestValue) {
            if (progress == null) {
                return;
            }
            int estimatedEnd = end;
            if (end == Integer.MAX_VALUE) {
                estimatedEnd = total + 1;
                if (Double.isFinite(bestValue) && (set.objective() == Objective.PHI || set.objective() == Objective.COST)) {
                    while (estimatedEnd < set.maxStages() && lowerBound(estimatedEnd) < bestValue) {
                        estimatedEnd++;
                    }
                } else if (set.objective() == Objective.EXTRACTANT) {
                    estimatedEnd = set.maxStages();
                }
            }
            fraction = Math.max(fraction, Math.min(1, (total - first + 1.0) / (estimatedEnd - first + 1.0)));
            progress.update(fraction, steadyStates);
        }

        private Optimum finish(Point best, List<Point> scanned, boolean fixedFlows, int lastN) {
            int n = best.n();
            int m = best.m();
            double s = best.s();
            double w = best.w();
            CascadeCase verifiedCase = problem.cascadeCase(n, m, s, w);
            Configuration bestConfig = economics.configuration(set.objective(), n, m, s, w, best.organicPurity(),
                    best.aqueousPurity());
            List<Configuration> pareto = new ArrayList<>();
            if (set.pareto()) {
                double leastS = Double.POSITIVE_INFINITY;
                for (Point p : scanned) {
                    if (set.paretoMaxStages() != null && p.n() + p.m() > set.paretoMaxStages()) {
                        break;
                    }
                    if (p.s() < leastS) { // N grows along the scan: a point is non-dominated iff its S is the least so far
                        leastS = p.s();
                        pareto.add(economics.configuration(set.objective(), p.n(), p.m(), p.s(), p.w(),
                                p.organicPurity(), p.aqueousPurity()));
                    }
                }
            }
            Configuration baseline = null;
            String baselineNote = null;
            try {
                CascadeDesigner.Design d = new CascadeDesigner().design(in, FlowChoice.optimum(), set.maxStages(),
                        set.reagentExcess());
                steadyStates += d.verified().simulations();
                baseline = economics.configuration(set.objective(), d.verified().extractionStages(),
                        d.verified().scrubStages(), d.extractantFlow(), d.scrubFlow(),
                        d.verified().organicPurity(), d.verified().aqueousPurity());
                if (d.scrubFlow() > wTop * (1 + 1e-12) || d.scrubFlow() < wBottom * (1 - 1e-12)) {
                    baselineNote = "design's √β-optimum flows lie outside this search's flow bounds (" + limitedBy + ")";
                }
            } catch (InvalidInputException | StageSearch.NoFeasibleConfigurationException e) {
                baselineNote = "design has no verified cascade within " + set.maxStages() + " stages at the √β optimum";
            }
            Optimum.FlowBounds bounds = new Optimum.FlowBounds(wBottom, wTop, wBottom + s - w, wTop + s - w,
                    phaseRatioChecked, fixedFlows, limitedBy);
            int first = scanned.isEmpty() ? n + m : scanned.get(0).n() + scanned.get(0).m();
            return new Optimum(problem, set, xu, bestConfig, verifiedCase, best.state(), baseline, baselineNote, pareto, bounds,
                    first, lastN, steadyStates, failedSolves);
        }
    }

    private static String fmt(double x) {
        return String.format(java.util.Locale.ROOT, "%.6g", x);
    }
}
