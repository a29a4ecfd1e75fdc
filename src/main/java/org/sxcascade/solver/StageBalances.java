package org.sxcascade.solver;

/**
 * Balance checks on a cascade state given as ln component flows (N×C, stage-major), shared by
 * the solvers and usable by anyone holding a state.
 */
public final class StageBalances {
    private StageBalances() {
    }

    /**
     * Largest relative imbalance |ln(in/out)| over stages and present components, where for stage k
     * in = v_{k−1} + l_{k+1} + f_k and out = v_k + l_k (docs/theory.md component balance; with side
     * draws only the part of v_{k−1} and l_{k+1} not drawn off enters). A component absent from
     * the feed (zero everywhere) is skipped.
     *
     * @param where if not null and of length ≥ 2, receives {stage (1-based), component} of the maximum
     */
    public static double maxRelativeImbalance(CascadeNetwork net, double[] lnAqueous, double[] lnOrganic, int[] where) {
        return largest(net, lnAqueous, lnOrganic, 0, net.components(), where);
    }

    /** {@link #maxRelativeImbalance(CascadeNetwork, double[], double[], int[])} of component j alone. */
    public static double maxRelativeImbalance(CascadeNetwork net, double[] lnAqueous, double[] lnOrganic, int j) {
        return largest(net, lnAqueous, lnOrganic, j, j + 1, null);
    }

    private static double largest(CascadeNetwork net, double[] lnAqueous, double[] lnOrganic, int from, int to,
                                  int[] where) {
        int n = net.stages();
        int c = net.components();
        double[] feed = net.feeds();
        double worst = 0;
        for (int k = 0; k < n; k++) {
            for (int j = from; j < to; j++) {
                int i = k * c + j;
                double in = LogSum.of(k > 0 ? lnOrganic[i - c] + Math.log1p(-net.organicDraw(k)) : Double.NEGATIVE_INFINITY,
                        k < n - 1 ? lnAqueous[i + c] + Math.log1p(-net.aqueousDraw(k + 2)) : Double.NEGATIVE_INFINITY,
                        Math.log(feed[i]));
                double out = LogSum.of(lnOrganic[i], lnAqueous[i]);
                if (in == Double.NEGATIVE_INFINITY && out == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                double r = Math.abs(in - out);
                if (!(r <= worst)) { // also catches NaN
                    worst = Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
                    if (where != null && where.length >= 2) {
                        where[0] = k + 1;
                        where[1] = j;
                    }
                }
            }
        }
        return worst;
    }

    /**
     * Whole-cascade closure: max over fed components of |fed − raffinate − loaded organic − side
     * draws| / fed.
     */
    public static double massBalanceError(CascadeNetwork net, double[] lnAqueous, double[] lnOrganic) {
        int n = net.stages();
        int c = net.components();
        double worst = 0;
        for (int j = 0; j < c; j++) {
            double fed = net.totalFeed(j);
            if (fed <= 0) {
                continue;
            }
            double out = Math.exp(lnAqueous[j]) + Math.exp(lnOrganic[(n - 1) * c + j]);
            if (!net.isPlain()) {
                for (int k = 1; k < n; k++) {
                    out += net.organicDraw(k) * Math.exp(lnOrganic[(k - 1) * c + j]);
                }
                for (int k = 2; k <= n; k++) {
                    out += net.aqueousDraw(k) * Math.exp(lnAqueous[(k - 1) * c + j]);
                }
            }
            worst = Math.max(worst, Math.abs(fed - out) / fed);
        }
        return worst;
    }
}
