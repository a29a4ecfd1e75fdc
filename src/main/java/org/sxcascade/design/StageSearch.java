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
     * @param estimateN estimated extraction stages (a start for the search, ≥ 1)
     * @param estimateM estimated scrub stages (≥ 1)
     * @throws NoFeasibleConfigurationException if nothing within the limit meets both targets
     */
    public Result minimalStages(int estimateN, int estimateM) {
        visited.clear();
        int limit = maxTotalStages;
        // 1. a feasible point: the estimate, grown in both sections until both targets are met
        int n = Math.max(1, Math.min(estimateN, limit - 1));
        int m = Math.max(1, Math.min(estimateM, limit - n));
        int grow = 1;
        while (!meets(n, m)) {
            if (n + m >= limit) {
                throw new NoFeasibleConfigurationException("no cascade of at most " + limit
                        + " stages meets both targets at these flows (tried up to n = " + n + ", m = " + m + ")");
            }
            n = Math.min(n + grow, limit - 1);
            m = Math.min(m + grow, limit - n);
            grow = Math.min(2 * grow, 64);
        }
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
        int lo = 0;
        int hi = feasibleM;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (meets(n, mid)) {
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
