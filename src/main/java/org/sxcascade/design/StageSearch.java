package org.sxcascade.design;

/**
 * Finds, with the steady-state solver, the fewest stages n + m at fixed flows that meet both
 * purity targets. It relies on purity rising monotonically with the stage count of either section
 * at fixed flows, so the feasible (n, m) form an up-set: for each n the smallest feasible m is
 * found by bisection, n is scanned upward from below the estimate, and the scan stops once n alone
 * cannot beat the best total. The minimum found has the property that one stage fewer in either
 * section misses a target.
 */
public final class StageSearch {

    /** Purities of a cascade with n extraction and m scrub stages: {organic product, raffinate}. */
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
     * @param simulations      steady states solved during the search
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
    private int simulations;

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
     * @param estimateN estimated extraction stages (a start for the scan, ≥ 1)
     * @param estimateM estimated scrub stages (≥ 1)
     * @throws NoFeasibleConfigurationException if nothing within the limit meets both targets
     */
    public Result minimalStages(int estimateN, int estimateM) {
        simulations = 0;
        int limit = maxTotalStages;
        // the largest cascade the scan may need: generous around the estimates, within the limit
        int best = Integer.MAX_VALUE;
        int bestN = -1;
        int bestM = -1;
        double[] bestP = null;
        int startN = Math.max(1, Math.min(estimateN, limit - 1) - 10);
        // if the estimate is generous, walk n down while a wide scrub section still meets both
        while (startN > 1 && meets(startN - 1, Math.min(limit - startN + 1, Math.max(3 * estimateM, estimateM + 30)))) {
            startN = Math.max(1, startN - 10);
        }
        for (int n = startN; n < limit && n + 1 < best; n++) {
            int mHigh = Math.min(limit - n, Math.max(3 * estimateM, estimateM + 30));
            if (mHigh < 1 || !meets(n, mHigh)) {
                if (n > estimateN + 3 * Math.max(estimateN, 10) && bestN < 0) {
                    break; // far beyond the estimate with nothing feasible
                }
                continue;
            }
            int lo = 0; // m = lo fails (m = 0 is not a cascade)
            int hi = mHigh; // m = hi meets
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (meets(n, mid)) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            if (n + hi < best) {
                best = n + hi;
                bestN = n;
                bestM = hi;
                bestP = simulator.purities(n, hi);
                simulations++;
            }
        }
        if (bestN < 0) {
            throw new NoFeasibleConfigurationException("no cascade of at most " + limit
                    + " stages meets both targets at these flows (searched up to n = "
                    + Math.min(limit - 1, estimateN + 3 * Math.max(estimateN, 10)) + ")");
        }
        return new Result(bestN, bestM, bestP[0], bestP[1], simulations);
    }

    private boolean meets(int n, int m) {
        if (n < 1 || m < 1 || n + m > maxTotalStages) {
            return false;
        }
        simulations++;
        double[] p = simulator.purities(n, m); // a NoConvergenceException propagates: never guess
        return p[0] >= organicTarget && p[1] >= aqueousTarget;
    }
}
