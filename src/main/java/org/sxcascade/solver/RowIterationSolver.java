package org.sxcascade.solver;

import org.sxcascade.equilibrium.EquilibriumModel;
import org.sxcascade.model.SolverSettings;

/**
 * Xu's row-by-row ("funnel") iteration (docs/theory.md): in each row every stage mixes the organic that
 * left the stage below and the aqueous that left the stage above in the previous row, plus its
 * feed, and splits the mixture between the phases at equilibrium; rows repeat until the
 * stage balances close to the tolerance. This is the physical start-up of a separatory-funnel
 * cascade run to its end: slow (thousands to hundreds of thousands of rows) but independent of
 * Newton, so tests use it as a cross-check and the benchmarks as the baseline.
 *
 * <p>Side draws take their fraction of a stage's outflow before it moves on. Murphree efficiencies
 * are not modelled here (the row iteration mixes and settles to equilibrium).
 *
 * <p>The start is a flat profile at the feed composition with each stage's phase flows, so the
 * metal flows are right from the first row. Flows are plain numbers here (not logarithms):
 * components below about 1e-308 underflow to zero.
 */
public final class RowIterationSolver implements SteadyStateSolver {
    /** Rows between two convergence checks. */
    private static final int CHECK_EVERY = 20;

    private ProgressListener listener;
    private double[] aqueous = new double[0];
    private double[] organic = new double[0];
    private double[] nextAqueous = new double[0];
    private double[] nextOrganic = new double[0];
    private double[] contents = new double[0];
    private double[] lnAqueous = new double[0];
    private double[] lnOrganic = new double[0];

    /** Sets (or, with {@code null}, removes) the listener told of the progress every few rows. */
    public void setProgressListener(ProgressListener listener) {
        this.listener = listener;
    }

    private void ensureCapacity(int size) {
        if (aqueous.length < size) {
            aqueous = new double[size];
            organic = new double[size];
            nextAqueous = new double[size];
            nextOrganic = new double[size];
            contents = new double[size];
            lnAqueous = new double[size];
            lnOrganic = new double[size];
        }
    }

    @Override
    public SteadyState solve(CascadeNetwork net, SolverSettings settings) {
        int n = net.stages();
        int c = net.components();
        for (int k = 1; k <= n; k++) {
            if (net.efficiency(k) < 1) {
                throw new IllegalArgumentException("the row iteration models equilibrium stages only; stage " + k
                        + " has a Murphree efficiency of " + net.efficiency(k));
            }
        }
        int size = n * c;
        ensureCapacity(size);
        double[] org = net.organicFlows();
        double[] aq = net.aqueousFlows();
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                double z = net.totalFeed(j);
                aqueous[k * c + j] = aq[k] * z;
                organic[k * c + j] = org[k] * z;
            }
        }
        int[] worst = new int[2];
        int rows = 0;
        double firstResidual = -1;
        double residual = Double.POSITIVE_INFINITY;
        while (true) {
            // the balances every few rows, and always at the row limit
            if (rows > 0 && (rows % CHECK_EVERY == 0 || rows >= settings.maxIterations())) {
                residual = imbalance(net, worst, size);
                if (residual <= settings.tolerance()) {
                    break;
                }
                if (listener != null && Double.isFinite(residual)) {
                    if (firstResidual < 0) {
                        firstResidual = residual;
                    }
                    double span = Math.log(firstResidual / settings.tolerance());
                    double fraction = span > 0 ? Math.log(firstResidual / residual) / span : 0;
                    listener.progress(Math.max(0, Math.min(1, fraction)), rows, residual);
                }
                if (!Double.isFinite(residual)) {
                    throw new NoConvergenceException("rows", "the stage contents left the range of numbers", rows,
                            residual, settings.tolerance(), worst[0], worst[1], false);
                }
                if (rows >= settings.maxIterations()) {
                    throw new NoConvergenceException("rows", "row limit reached", rows, residual,
                            settings.tolerance(), worst[0], worst[1], true);
                }
            }
            row(net, aqueous, organic, contents, nextAqueous, nextOrganic);
            double[] t = aqueous;
            aqueous = nextAqueous;
            nextAqueous = t;
            t = organic;
            organic = nextOrganic;
            nextOrganic = t;
            rows++;
        }
        double closure = StageBalances.massBalanceError(net, lnAqueous, lnOrganic);
        return new SteadyState("rows", rows, residual, closure, n, c,
                java.util.Arrays.copyOf(lnAqueous, size), java.util.Arrays.copyOf(lnOrganic, size));
    }

    /**
     * One row: every stage, from stage 1 up, mixes its feed, the organic that left the stage below
     * and the aqueous that left the stage above (each less its side draw) and splits the mixture at
     * equilibrium into {@code nextAqueous} and {@code nextOrganic}. Given the current arrays as the
     * next ones, the row runs in place: the organic from below is then this row's and the aqueous
     * from above the last row's (a Gauss-Seidel sweep of the funnel experiment).
     *
     * @param contents work array of at least N·C entries
     */
    static void row(CascadeNetwork net, double[] aqueous, double[] organic, double[] contents, double[] nextAqueous,
                    double[] nextOrganic) {
        int n = net.stages();
        int c = net.components();
        EquilibriumModel eq = net.equilibrium();
        double[] org = net.organicFlows();
        double[] aq = net.aqueousFlows();
        double[] feed = net.feeds();
        for (int k = 0; k < n; k++) {
            int off = k * c;
            for (int j = 0; j < c; j++) {
                double m = feed[off + j];
                if (k > 0) {
                    m += (1 - net.organicDraw(k)) * organic[off - c + j];
                }
                if (k < n - 1) {
                    m += (1 - net.aqueousDraw(k + 2)) * aqueous[off + c + j];
                }
                contents[off + j] = m;
            }
            eq.equilibrate(org[k], aq[k], contents, off, nextAqueous, nextOrganic, off);
        }
    }

    private double imbalance(CascadeNetwork net, int[] worst, int size) {
        for (int i = 0; i < size; i++) {
            lnAqueous[i] = Math.log(aqueous[i]);
            lnOrganic[i] = Math.log(organic[i]);
        }
        return StageBalances.maxRelativeImbalance(net, lnAqueous, lnOrganic, worst);
    }
}
