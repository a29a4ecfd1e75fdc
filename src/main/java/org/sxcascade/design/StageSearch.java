package org.sxcascade.design;

/**
 * Finds, with the steady-state solver, the fewest stages n + m at fixed flows that meet both
 * purity targets. It relies on purity rising monotonically with the stage count of either section
 * at fixed flows, so the feasible (n, m) form an up-set whose lower boundary is a staircase: from
 * a feasible point near the estimate (grown until feasible), the smallest m is found by bisection,
 * then the boundary is walked towards fewer and more extraction stages (about one steady state per
 * step) until the total has grown well past the best. The result lies on the boundary, so one
 * stage fewer in either section misses a target.
 */
public final class StageSearch {

    /**
     * Purities of a cascade with n extraction and m scrub stages: {organic product, raffinate}.
     * The search may ask for a point more than once; a simulator that solves keeps its own
     * cache of solved points.
     */
    @FunctionalInterface
    public interface Simulator {
        double[] purities(int extractionStages, int scrubStages);
    }

    /**
     * The verified minimum.
     *
     * @param extractionStages n
     * @param scrubStages      m
     * @param organicPurity    achieved purity of the loaded organic (A product)
     * @param aqueousPurity    achieved purity of the raffinate (B product)
     * @param simulations      distinct steady states solved during the search
     */
    public record Result(int extractionStages, int scrubStages, double organicPurity, double aqueousPurity,
                         int simulations) {
        public int totalStages() {
            return extractionStages + scrubStages;
        }
    }

    /** No configuration within the stage limit meets both targets. */
    public static final class NoFeasibleConfigurationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoFeasibleConfigurationException(String message) {
            super(message);
        }
    }

    private final Simulator simulator;
    private final double organicTarget;
    private final double aqueousTarget;
    private final int maxTotalStages;
    /** The (n, m) asked of the simulator in this search, n &lt;&lt; 32 | m. */
    private final java.util.Set<Long> visited = new java.util.HashSet<>();

    /**
     * @param simulator      solves a cascade of (n, m) stages at the fixed flows
     * @param organicTarget  required purity of the loaded organic
     * @param aqueousTarget  required purity of the raffinate
     * @param maxTotalStages the stage limit
     */
    public StageSearch(Simulator simulator, double organicTarget, double aqueousTarget, int maxTotalStages) {
        this.simulator = simulator;
        this.organicTarget = organicTarget;
        this.aqueousTarget = aqueousTarget;
        this.maxTotalStages = maxTotalStages;
    }

    /**
     * How a cascade that misses a target grows: the stages to add to each section, or why no more
     * are added.
     *
     * @param extraction stages to add to the extraction section (≥ 0)
     * @param scrub      stages to add to the scrubbing section (≥ 0)
     * @param stop       why the growth stops, or {@code null}
     */
    public record Step(int extraction, int scrub, String stop) {
        /** Add these stages. */
        public static Step add(int extraction, int scrub) {
            return new Step(extraction, scrub, null);
        }

        /** Add none: the growth stops, for this reason. */
        public static Step stop(String reason) {
            return new Step(0, 0, reason);
        }
    }

    /** The step after (n, m), whose measures {organic, aqueous} miss a target, the {@code round}-th point tried. */
    @FunctionalInterface
    public interface Growth {
        Step after(int extractionStages, int scrubStages, double[] measures, int round);
    }

    /**
     * Where a growth ended.
     *
     * @param extractionStages n of the last point tried
     * @param scrubStages      m of the last point tried
     * @param measures         its measures {organic, aqueous}
     * @param rounds           points tried
     * @param limitation       why the growth stopped short of both targets, or {@code null} when the
     *                         last point meets them
     */
    public record Grown(int extractionStages, int scrubStages, double[] measures, int rounds, String limitation) {
        public Grown {
            measures = measures.clone();
        }

        @Override
        public double[] measures() {
            return measures.clone();
        }
    }

    /**
     * Grows a cascade from (n, m) until both targets are met, or the growth stops: each point that
     * misses a target is followed by {@code growth}'s step. The shared first step of every stage
     * search: {@link #minimalStages} grows by doubling steps, the mass-action design by Xu's
     * per-stage enrichment (docs/design.md).
     */
    public Grown grow(int n, int m, Growth growth) {
        for (int round = 1; ; round++) {
            // a point outside the limits misses the targets without a solve
            boolean inside = n >= 1 && m >= 1 && n + m <= maxTotalStages;
            double[] p = inside ? purities(n, m) : new double[] {Double.NaN, Double.NaN};
            if (p[0] >= organicTarget && p[1] >= aqueousTarget) {
                return new Grown(n, m, p, round, null);
            }
            Step step = growth.after(n, m, p, round);
            if (step.stop() != null) {
                return new Grown(n, m, p, round, step.stop());
            }
            n += step.extraction();
            m += step.scrub();
        }
    }

    /**
     * @param estimateN estimated extraction stages (a start for the search, ≥ 1)
     * @param estimateM estimated scrub stages (≥ 1)
     * @throws NoFeasibleConfigurationException if nothing within the limit meets both targets
     */
    public Result minimalStages(int estimateN, int estimateM) {
        visited.clear();
        int limit = maxTotalStages;
        // 1. a feasible point: the estimate, grown in both sections (by doubling steps) until both
        //    targets are met
        int n0 = Math.max(1, Math.min(estimateN, limit - 1));
        int[] grow = {1};
        Grown start = grow(n0, Math.max(1, Math.min(estimateM, limit - n0)), (gn, gm, p, round) -> {
            if (gn + gm >= limit) {
                return Step.stop("no cascade of at most " + limit + " stages meets both targets at these flows "
                        + "(tried up to n = " + gn + ", m = " + gm + ")");
            }
            int nn = Math.min(gn + grow[0], limit - 1);
            int mm = Math.min(gm + grow[0], limit - nn);
            grow[0] = Math.min(2 * grow[0], 64);
            return Step.add(nn - gn, mm - gm);
        });
        if (start.limitation() != null) {
            throw new NoFeasibleConfigurationException(start.limitation());
        }
        int n = start.extractionStages();
        int m = start.scrubStages();
        // 2. the fewest scrub stages for this n
        m = smallestScrub(n, m);
        int bestN = n;
        int bestM = m;
        // 3. walk the boundary of the feasible set (an up-set: purity rises with either count) to
        //    fewer extraction stages, where the smallest m can only grow, then to more, where it can
        //    only shrink; stop a walk once its total has grown well past the best
        int slack = 4;
        int mm = m;
        for (int nn = n - 1; nn >= 1; nn--) {
            while (nn + mm <= bestN + bestM + slack && nn + mm <= limit && !meets(nn, mm)) {
                mm++;
            }
            if (nn + mm > bestN + bestM + slack || nn + mm > limit) {
                break;
            }
            if (nn + mm < bestN + bestM) {
                bestN = nn;
                bestM = mm;
            }
        }
        mm = m;
        for (int nn = n + 1; nn + 1 <= limit && nn <= bestN + bestM + slack; nn++) {
            while (mm > 1 && meets(nn, mm - 1)) {
                mm--;
            }
            if (nn + mm < bestN + bestM) {
                bestN = nn;
                bestM = mm;
            }
            if (nn + mm > bestN + bestM + slack || mm == 1) {
                break;
            }
        }
        double[] p = purities(bestN, bestM);
        return new Result(bestN, bestM, p[0], p[1], visited.size());
    }

    /** The smallest m ≤ {@code feasibleM} with (n, m) feasible, by bisection. */
    private int smallestScrub(int n, int feasibleM) {
        return fewest(0, feasibleM, mid -> meets(n, mid));
    }

    /**
     * The least stage count in (infeasible, feasible] that meets the targets, by bisection: the
     * stage-count search of one section for every model (purity rises with a section's count, so
     * the counts that meet form an interval up to {@code feasible}, which meets).
     *
     * @param infeasible a count that misses (or 1 below the least allowed)
     * @param feasible   a count that meets
     * @param meets      whether a count meets the targets
     */
    public static int fewest(int infeasible, int feasible, java.util.function.IntPredicate meets) {
        int lo = infeasible;
        int hi = feasible;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (meets.test(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private boolean meets(int n, int m) {
        if (n < 1 || m < 1 || n + m > maxTotalStages) {
            return false;
        }
        double[] p = purities(n, m);
        return p[0] >= organicTarget && p[1] >= aqueousTarget;
    }

    /** Purities of (n, m), the point counted once per search; a NoConvergenceException propagates. */
    private double[] purities(int n, int m) {
        double[] p = simulator.purities(n, m);
        visited.add((long) n << 32 | m);
        return p;
    }
}
