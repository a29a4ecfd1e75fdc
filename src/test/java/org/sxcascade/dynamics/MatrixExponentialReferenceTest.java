package org.sxcascade.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sxcascade.io.CaseReader;

/**
 * Exact reference for the integrators (issue 19, acceptance "Exact references"): the start-up of a
 * constant-D cascade is a linear ODE, so its solution is a matrix exponential.
 *
 * <p>A single extraction section of N equilibrium stages (barren organic O into stage 1, aqueous
 * feed F into stage N, aqueous flow F down to stage 1), each stage holding V_aq and V_org. With
 * c_org = D c_aq, stage k holds M_k = h c_k with h = V_aq + D V_org, and
 * h dc_k/dt = O D c_{k−1} + F c_{k+1} − (F + O D) c_k (+ F c_feed on stage N). The matrix T of the
 * right-hand side is tridiagonal, and c(t) is a matrix exponential, evaluated in {@link #exact}
 * without cancellation. Here the solutes' stage time constants span
 * three decades (D = 1 with 1000 L of organic per stage, D = 10⁻⁴ with 0.1 L of aqueous), so the
 * problem is stiff.
 */
class MatrixExponentialReferenceTest {
    private static final int N = 12;
    private static final double FEED = 60;            // L/h aqueous
    private static final double ORGANIC = 100;        // L/h organic
    private static final double V_AQ = 0.1;           // L per stage
    private static final double V_ORG = 1000;         // L per stage
    private static final double[] D = {1.0, 1e-4};
    private static final double[] TIMES_H = {0.05, 0.5, 5, 20, 60, 150};

    @TempDir
    Path dir;

    private TransientResult run(String method) throws Exception {
        return run(method, "1.0e-10", 150, 0.05);
    }

    private TransientResult run(String method, String tolerance, double hours, double sampling) throws Exception {
        Path file = dir.resolve("linear.yaml");
        Files.writeString(file, """
                name: stiff linear start-up
                model: distribution-ratios
                components:
                  - {name: A, distributionRatio: 1.0}
                  - {name: B, distributionRatio: 1.0e-4}
                feed:
                  phase: aqueous
                  composition: {A: 0.5, B: 0.5}
                  flow: 60
                  concentration: 0.01
                cascade:
                  extractionStages: 12
                  scrubStages: 0
                flows:
                  organicFlow: 100
                transient:
                  holdUp: {aqueous: 0.1, organic: 1000}
                  simulatedTime: %s h
                  sampling: %s h
                  tolerance: %s
                  method: %s
                """.formatted(hours, sampling, tolerance, method));
        TransientCase tc = new CaseReader().readTransient(file);
        return TransientSolver.forMethod(tc.settings().method()).run(tc);
    }

    /**
     * Exact aqueous concentration on every stage at time t for solute j, from a blank start, per
     * mol/L fed: c(t) is the last column of exp(G t), G = [[T/h, b/h], [0, 0]] with b = F e_N. G is a
     * Metzler matrix (non-negative off the diagonal), so exp(G τ) = e^{−ατ} exp((G + αI) τ) with
     * G + αI ≥ 0 has a Taylor series of non-negative terms, and squaring non-negative matrices
     * adds no cancellation either: every entry is accurate to rounding, however stiff.
     */
    private static double[] exact(int j, double t) {
        double od = ORGANIC * D[j];
        double h = V_AQ + D[j] * V_ORG;
        int n = N + 1;
        double[][] g = new double[n][n];
        for (int k = 0; k < N; k++) {
            g[k][k] = -(FEED + od) / h;
            if (k > 0) {
                g[k][k - 1] = od / h;     // organic from the stage below
                g[k - 1][k] = FEED / h;   // aqueous from the stage above
            }
        }
        g[N - 1][N] = FEED / h;           // the feed, at unit concentration, into stage N
        RealMatrix e = exponential(g, t);
        double[] c = new double[N];
        for (int k = 0; k < N; k++) {
            c[k] = e.getEntry(k, N);
        }
        return c;
    }

    /**
     * exp(G t) of a Metzler matrix G by uniformisation: e^{−αt} exp((G + αI) t), α the largest
     * −G_ii, as a Taylor series of non-negative terms after scaling by 2^s, then squared s times.
     */
    static RealMatrix exponential(double[][] g, double t) {
        int n = g.length;
        double alpha = 0;
        for (int r = 0; r < n; r++) {
            alpha = Math.max(alpha, -g[r][r]);
        }
        int squarings = Math.max(0, (int) Math.ceil(Math.log(2 * alpha * t) / Math.log(2)));
        double tau = t / Math.pow(2, squarings);
        RealMatrix shifted = MatrixUtils.createRealMatrix(g).add(MatrixUtils.createRealIdentityMatrix(n)
                .scalarMultiply(alpha)).scalarMultiply(tau);
        RealMatrix term = MatrixUtils.createRealIdentityMatrix(n);
        RealMatrix sum = term;
        for (int m = 1; m < 60; m++) {
            term = term.multiply(shifted).scalarMultiply(1.0 / m);
            sum = sum.add(term);
        }
        RealMatrix e = sum.scalarMultiply(Math.exp(-alpha * tau));
        for (int q = 0; q < squarings; q++) {
            e = e.multiply(e);
        }
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "implicit", "auto"})
    void theStartUpIsTheMatrixExponential(String method) throws Exception {
        // the stage time constants h / (F + O·D): 6.25 h for A, 12 s for B
        assertThat((V_AQ + D[0] * V_ORG) / (FEED + ORGANIC * D[0])
                / ((V_AQ + D[1] * V_ORG) / (FEED + ORGANIC * D[1]))).isGreaterThan(1000);
        check(run(method), TIMES_H, method);
    }

    @org.junit.jupiter.api.Test
    void theRosenbrockStepsOfALongRunFollowTheMatrixExponential() throws Exception {
        TransientResult r = run("auto", "1.0e-9", 1500, 50);
        // Dormand–Prince for the fill, ROS34PW2 once stiff
        assertThat(r.integrator()).contains("then Rosenbrock-W ROS34PW2");
        check(r, new double[] {50, 300, 700, 1000, 1500}, "auto, 1500 h");
    }

    private static void check(TransientResult r, double[] times, String method) {
        int raffinate = -1;
        int loaded = -1;
        for (int i = 0; i < r.products().size(); i++) {
            TransientResult.Product p = r.products().get(i);
            if (!p.organic() && p.stage() == 1) {
                raffinate = i;
            } else if (p.organic() && p.stage() == N) {
                loaded = i;
            }
        }
        assertThat(raffinate).isNotNegative();
        assertThat(loaded).isNotNegative();
        double worst = 0;
        int checked = 0;
        for (TransientSample sample : r.samples()) {
            for (double t : times) {
                if (Math.abs(sample.hours() - t) > 1e-9) {
                    continue;
                }
                for (int j = 0; j < 2; j++) {
                    double[] c = exact(j, t);
                    double cFeed = 0.01 * 0.5;                        // mol/L of solute j in the feed
                    double raff = FEED * c[0] * cFeed;                 // mol/h in the raffinate
                    double org = ORGANIC * D[j] * c[N - 1] * cFeed;    // mol/h in the loaded organic
                    double fed = FEED * cFeed;
                    // relative, down to flows of 1e-12 of the solute's feed rate (the raffinate's A
                    // starts near 1e-40 of it)
                    worst = Math.max(worst, Math.abs(sample.productFlow(raffinate, j) - raff)
                            / Math.max(raff, 1e-12 * fed));
                    worst = Math.max(worst, Math.abs(sample.productFlow(loaded, j) - org) / Math.max(org, 1e-12 * fed));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(2 * times.length);
        assertThat(worst).as(method).isLessThan(1e-6);
        assertThat(r.maxConservationError()).isLessThan(1e-10);
    }
}
