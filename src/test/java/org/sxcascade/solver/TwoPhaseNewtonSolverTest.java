package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sxcascade.equilibrium.ConstantDistributionRatios;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.SideDraw;
import org.sxcascade.model.StageFeed;
import org.sxcascade.model.SolverSettings;

class TwoPhaseNewtonSolverTest {
    private final TwoPhaseNewtonSolver solver = new TwoPhaseNewtonSolver();

    /**
     * Four-stage reference case (docs/theory.md): four stages, y = 1.5x (A) and y = 0.5x (B), G/L = 1, equal feed concentrations.
     * Barren organic enters stage 1, the aqueous feed stage 4 (one extraction section).
     */
    private static CascadeNetwork fourStage(double efficiency) {
        int n = 4;
        double[] org = {1, 1, 1, 1};
        double[] aq = {1, 1, 1, 1};
        double[] feed = new double[n * 2];
        feed[3 * 2] = 0.5;
        feed[3 * 2 + 1] = 0.5;
        double[] inlet = {1, 0, 0, 0};
        double[] e = new double[n];
        Arrays.fill(e, efficiency);
        return new CascadeNetwork(new ConstantDistributionRatios(1.5, 0.5), org, aq, feed)
                .withOrganicInlet(inlet, new double[n * 2]).withEfficiency(e);
    }

    @Test
    void textbookFourStageCascadeWithMurphreeEfficiency() {
        SteadyState s = solver.solve(fourStage(0.8), SolverSettings.defaults());
        double recA = s.organicFlow(4, 0) / 0.5;
        double recB = s.organicFlow(4, 1) / 0.5;
        double purity = s.organicFlow(4, 0) / (s.organicFlow(4, 0) + s.organicFlow(4, 1));
        assertThat(recA).isCloseTo(0.8950, within(5e-5));
        assertThat(recB).isCloseTo(0.4654, within(5e-5));
        assertThat(purity).isCloseTo(0.6579, within(5e-5));
        assertThat(s.residual()).isLessThanOrEqualTo(1e-12);
        assertThat(s.massBalanceError()).isLessThan(1e-12);
    }

    @Test
    void fullEfficiencyIsThePlainModel() {
        SteadyState s = solver.solve(fourStage(1.0), SolverSettings.defaults());
        // Kremser for barren solvent, E = 1.5 and 0.5 over 4 stages: extracted 1 − (E−1)/(E^5−1)
        double kA = 1 - (1.5 - 1) / (Math.pow(1.5, 5) - 1);
        double kB = 1 - (0.5 - 1) / (Math.pow(0.5, 5) - 1);
        assertThat(s.organicFlow(4, 0) / 0.5).isCloseTo(kA, within(1e-12));
        assertThat(s.organicFlow(4, 1) / 0.5).isCloseTo(kB, within(1e-12));
        assertThat(kA).isCloseTo(0.9242, within(5e-5));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void equilibriumStagesReproduceTheCmerSolver(int components) {
        var c = components == 2 ? Cases.zhang(FeedPhase.AQUEOUS, 24, 21)
                : Cases.cmer(new double[] {2.2, 1.5, 1}, new double[] {0.3, 0.3, 0.4}, FeedPhase.ORGANIC, 30, 30,
                        1.5, 1.9);
        CascadeNetwork net = CascadeNetwork.of(c);
        SteadyState reference = new NewtonCascadeSolver().solve(net, SolverSettings.defaults());
        SteadyState s = solver.solve(net, SolverSettings.defaults());
        for (int k = 1; k <= net.stages(); k++) {
            for (int j = 0; j < components; j++) {
                assertThat(s.lnAqueousFlow(k, j)).isCloseTo(reference.lnAqueousFlow(k, j), within(1e-9));
                assertThat(s.lnOrganicFlow(k, j)).isCloseTo(reference.lnOrganicFlow(k, j), within(1e-9));
            }
        }
        if (components == 2) {
            assertThat(s.organicFraction(45, 0)).isCloseTo(0.998993, within(5e-7));
            assertThat(s.aqueousFraction(1, 1)).isCloseTo(0.999893, within(5e-7));
        }
    }

    /**
     * A ternary CMER cascade with an aqueous draw (the middle component's outlet of a three-outlet
     * cascade) and an organic draw, equilibrium stages: Xu's row iteration, which takes the draws
     * off between rows and shares nothing with Newton, reaches the same profile.
     */
    @Test
    void cmerSideDrawsMatchTheRowIteration() {
        CascadeNetwork net = CascadeNetwork.cmer(new ConstantSeparationFactors(2.8, 2.0, 1.0), 60, 2.0, 1.759,
                List.of(StageFeed.ofMetal(18, FeedPhase.AQUEOUS, new double[] {0.39, 0.10, 0.51})),
                List.of(new SideDraw(30, FeedPhase.AQUEOUS, 0.25), new SideDraw(10, FeedPhase.ORGANIC, 0.1)));
        SteadyState rows = new RowIterationSolver().solve(net,
                new SolverSettings(SolverSettings.Method.ROWS, 1e-12, SolverSettings.DEFAULT_ROWS));
        SteadyState s = solver.solve(net, SolverSettings.defaults());
        assertThat(s.residual()).isLessThanOrEqualTo(1e-12);
        assertThat(s.massBalanceError()).isLessThan(1e-12);
        assertThat(rows.massBalanceError()).isLessThan(1e-10);
        for (int k = 1; k <= 60; k++) {
            for (int j = 0; j < 3; j++) {
                assertThat(s.lnAqueousFlow(k, j)).as("stage %d, component %d", k, j)
                        .isCloseTo(rows.lnAqueousFlow(k, j), within(1e-8));
                assertThat(s.lnOrganicFlow(k, j)).as("stage %d, component %d", k, j)
                        .isCloseTo(rows.lnOrganicFlow(k, j), within(1e-8));
            }
        }
        // NewtonCascadeSolver hands a network with draws to this solver
        SteadyState viaNewton = new NewtonCascadeSolver().solve(net, SolverSettings.defaults());
        assertThat(viaNewton.aqueousFraction(30, 1)).isEqualTo(s.aqueousFraction(30, 1));
    }

    static IntStream seeds() {
        return IntStream.range(0, 25);
    }

    /**
     * With constant distribution ratios the balances, Murphree relations and side draws are linear
     * in the flows: a dense LU solve of the same equations is an independent oracle.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void linearNetworksWithEfficienciesAndDrawsMatchADenseSolve(int seed) {
        Random rnd = new Random(seed);
        int n = 2 + rnd.nextInt(15);
        int c = 1 + rnd.nextInt(3);
        double[] d = new double[c];
        for (int j = 0; j < c; j++) {
            d[j] = Math.exp(rnd.nextGaussian());
        }
        double[] org = new double[n];
        double[] aq = new double[n];
        double[] feed = new double[n * c];
        double[] orgFeed = new double[n * c];
        double[] inlet = new double[n];
        double[] eff = new double[n];
        double[] dOrg = new double[n];
        double[] dAq = new double[n];
        double[] aqueousFeedVolume = new double[n];
        for (int k = 0; k < n; k++) {
            eff[k] = 0.3 + 0.7 * rnd.nextDouble();
            inlet[k] = k == 0 ? 0.5 + rnd.nextDouble() : rnd.nextInt(4) == 0 ? 0.3 : 0;
            aqueousFeedVolume[k] = k == n - 1 ? 0.5 + rnd.nextDouble() : rnd.nextInt(4) == 0 ? 0.3 : 0;
            if (rnd.nextInt(3) == 0) {
                dOrg[k] = 0.5 * rnd.nextDouble();
            }
            if (rnd.nextInt(3) == 0) {
                dAq[k] = 0.5 * rnd.nextDouble();
            }
        }
        // phase volumes are conserved through the stages: what enters a stage leaves it
        for (int k = 0; k < n; k++) {
            org[k] = inlet[k] + (k > 0 ? (1 - dOrg[k - 1]) * org[k - 1] : 0);
        }
        for (int k = n - 1; k >= 0; k--) {
            aq[k] = aqueousFeedVolume[k] + (k < n - 1 ? (1 - dAq[k + 1]) * aq[k + 1] : 0);
        }
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                if (rnd.nextInt(3) == 0 || k == n / 2) {
                    feed[k * c + j] = rnd.nextDouble();
                    if (inlet[k] > 0 && k > 0) {
                        orgFeed[k * c + j] = feed[k * c + j] * rnd.nextDouble();
                    }
                }
            }
        }
        CascadeNetwork net = new CascadeNetwork(new ConstantDistributionRatios(d), org, aq, feed)
                .withOrganicInlet(inlet, orgFeed).withEfficiency(eff).withSideDraws(dOrg, dAq);
        SteadyState s = solver.solve(net, SolverSettings.defaults());
        assertThat(s.massBalanceError()).isLessThan(1e-12);
        for (int j = 0; j < c; j++) {
            // unknowns l_1, v_1, …, l_n, v_n of component j
            var a = new Array2DRowRealMatrix(2 * n, 2 * n);
            RealVector b = new ArrayRealVector(2 * n);
            for (int k = 0; k < n; k++) {
                a.addToEntry(2 * k, 2 * k, 1);
                a.addToEntry(2 * k, 2 * k + 1, 1);
                if (k > 0) {
                    a.addToEntry(2 * k, 2 * k - 1, -(1 - dOrg[k - 1]));
                }
                if (k < n - 1) {
                    a.addToEntry(2 * k, 2 * k + 2, -(1 - dAq[k + 1]));
                }
                b.setEntry(2 * k, feed[k * c + j]);
                double vin = net.organicInflow(k + 1);
                double e = vin > 0 ? eff[k] : 1;
                double g = vin > 0 ? (1 - e) * org[k] / vin : 0;
                a.addToEntry(2 * k + 1, 2 * k + 1, 1);
                a.addToEntry(2 * k + 1, 2 * k, -e * d[j] * org[k] / aq[k]);
                if (k > 0) {
                    a.addToEntry(2 * k + 1, 2 * k - 1, -g * (1 - dOrg[k - 1]));
                }
                b.setEntry(2 * k + 1, g * orgFeed[k * c + j]);
            }
            RealVector x = new LUDecomposition(a).getSolver().solve(b);
            for (int k = 0; k < n; k++) {
                assertThat(s.aqueousFlow(k + 1, j)).isCloseTo(x.getEntry(2 * k), within(1e-11 * (1 + x.getEntry(2 * k))));
                assertThat(s.organicFlow(k + 1, j)).isCloseTo(x.getEntry(2 * k + 1),
                        within(1e-11 * (1 + x.getEntry(2 * k + 1))));
            }
        }
    }

    /**
     * Cold starts on random feasible binary CMER cascades (the robustness draws of
     * {@link RandomBinaryRobustnessTest}, up to 60 + 60 stages) with each section's Murphree
     * efficiency drawn from 0.5 … 1: every solve converges and closes the whole-cascade balance.
     */
    @Test
    void randomCmerCascadesWithEfficienciesConvergeAndClose() {
        Random rnd = new Random(4242);
        int solved = 0;
        for (var a : RandomBinaryRobustnessTest.randomCases(2718L, 400, 60)) {
            Object[] v = a.get();
            double beta = (double) v[1];
            double za = (double) v[2];
            int n = (int) v[3];
            int m = (int) v[4];
            var c = Cases.cmer(new double[] {beta, 1}, new double[] {za, 1 - za}, (FeedPhase) v[5], n, m,
                    (double) v[6], (double) v[7]);
            CascadeNetwork net = CascadeNetwork.of(c);
            double[] e = new double[n + m];
            double extraction = 0.5 + 0.5 * rnd.nextDouble();
            double scrub = 0.5 + 0.5 * rnd.nextDouble();
            for (int k = 0; k < n + m; k++) {
                e[k] = k < n ? extraction : scrub;
            }
            SteadyState s = solver.solve(net.withEfficiency(e), SolverSettings.defaults());
            assertThat(s.residual()).as("case %s", v[0]).isLessThanOrEqualTo(1e-12);
            assertThat(s.massBalanceError()).as("case %s", v[0]).isLessThan(1e-10);
            solved++;
        }
        assertThat(solved).isGreaterThan(350);
    }
}
