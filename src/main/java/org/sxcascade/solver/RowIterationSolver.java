package org.sxcascade.solver;

import org.sxcascade.model.SolverSettings;

/**
 * Xu's row-by-row ("funnel") iteration (docs/theory.md): in each row every stage mixes the organic that
 * left the stage below and the aqueous that left the stage above in the previous row, plus its
 * feed, and splits the mixture between the phases at equilibrium; rows repeat until the
 * stage balances close to the tolerance. This is the physical start-up of a separatory-funnel
 * cascade run to its end: slow (thousands to hundreds of thousands of rows) but independent of
 * Newton, so tests use it as a cross-check and the benchmarks as the baseline.
 *
 * <p>Side draws take their fraction of a stage's outflow before it moves on. A stage with a
 * Murphree efficiency below 1 lets its organic leave short of equilibrium by exactly the relation
 * the Newton solvers use ({@link RowSweep}), so both converge to the same steady state.
 *
 * <p>The start is a flat profile at the feed composition with each stage's phase flows, so the
 * metal flows are right from the first row. The flows are held as scaled numbers
 * ({@link RowSweep}), so traces far below double's range (long cascades, generous flows) keep
 * their values and their relative balances.
 */
public final class RowIterationSolver implements SteadyStateSolver {
    /** Rows between two convergence checks. */
    private static final int CHECK_EVERY = 20;

    private ProgressListener listener;
    private final RowSweep sweep = new RowSweep();
    /** ln component flows leaving every stage, N×C stage-major, at the last check. */
    private double[] lnAqueous = new double[0];
    private double[] lnOrganic = new double[0];

    /** Sets (or, with {@code null}, removes) the listener told of the progress every few rows. */
    public void setProgressListener(ProgressListener listener) {
        this.listener = listener;
    }

    private void ensureCapacity(int size) {
        if (lnAqueous.length < size) {
            lnAqueous = new double[size];
            lnOrganic = new double[size];
        }
    }

    @Override
    public SteadyState solve(CascadeNetwork net, SolverSettings settings) {
        int n = net.stages();
        int c = net.components();
        int size = n * c;
        ensureCapacity(size);
        double[] org = net.organicFlows();
        double[] aq = net.aqueousFlows();
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                double lnZ = Math.log(net.totalFeed(j));
                lnAqueous[k * c + j] = Math.log(aq[k]) + lnZ;
                lnOrganic[k * c + j] = Math.log(org[k]) + lnZ;
            }
        }
        sweep.prepare(net);
        sweep.load(lnAqueous, lnOrganic);
        int[] worst = new int[2];
        int rows = 0;
        double firstResidual = -1;
        double residual = Double.POSITIVE_INFINITY;
        while (true) {
            // the balances every few rows, and always at the row limit
            if (rows > 0 && (rows % CHECK_EVERY == 0 || rows >= settings.maxIterations())) {
                sweep.lnFlows(lnAqueous, lnOrganic);
                residual = StageBalances.maxRelativeImbalance(net, lnAqueous, lnOrganic, worst);
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
                    throw new NoConvergenceException("rows", "a stage balance became undefined (not a number)", rows,
                            residual, settings.tolerance(), worst[0], worst[1], net.componentName(worst[1]), false);
                }
                if (rows >= settings.maxIterations()) {
                    throw new NoConvergenceException("rows", "row limit reached", rows, residual,
                            settings.tolerance(), worst[0], worst[1], net.componentName(worst[1]), true);
                }
            }
            sweep.row();
            rows++;
        }
        double closure = StageBalances.massBalanceError(net, lnAqueous, lnOrganic);
        return new SteadyState("rows", rows, residual, closure, n, c,
                java.util.Arrays.copyOf(lnAqueous, size), java.util.Arrays.copyOf(lnOrganic, size));
    }
}
