package org.sxcascade.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.io.CaseReader;

/**
 * The order of the Rosenbrock methods (docs/theory.md, Implicit integrator), on a linear system with
 * a known solution: the start-up of a constant-D extraction section (as in
 * {@link MatrixExponentialReferenceTest}, here not stiff, so that the classical order shows), whose
 * right-hand side is affine, f(y) = f(y0) + J (y − y0), and whose solution is a matrix exponential.
 * Both methods are run with fixed steps T/N (tolerances so loose that every step is accepted); the
 * error at T must fall by 2³ per halving for ROS34PW2 (order 3) and 2² for ROS2 (order 2).
 */
class RosenbrockConvergenceTest {
    private static final double T = 3;   // h

    @TempDir
    Path dir;

    private CascadeDynamics dynamics;
    private double[] y0;

    private void setUp() throws Exception {
        Path file = dir.resolve("linear.yaml");
        Files.writeString(file, """
                name: linear start-up
                model: distribution-ratios
                components:
                  - {name: A, distributionRatio: 1.5}
                  - {name: B, distributionRatio: 0.4}
                feed:
                  phase: aqueous
                  composition: {A: 0.5, B: 0.5}
                  flow: 10
                  concentration: 0.1
                cascade:
                  extractionStages: 5
                  scrubStages: 0
                flows:
                  organicFlow: 10
                transient:
                  holdUp: {aqueous: 10, organic: 20}
                  simulatedTime: 10 h
                """);
        TransientCase tc = new CaseReader().readTransient(file);
        dynamics = tc.model().dynamics(0, tc.settings().holdUp(), Double.NaN);
        y0 = tc.model().blank(dynamics);
    }

    /** y(T) = y0 + z(T), z' = J z + f(y0), by the exponential of the augmented (Metzler) matrix, uniformised. */
    private double[] exact() {
        int n = y0.length;
        double[] f0 = new double[n];
        dynamics.derivatives(y0, f0);
        double[][] g = new double[n + 1][n + 1];
        double[] yp = new double[n];
        double[] fp = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(y0, 0, yp, 0, n);
            yp[i] += 1;
            dynamics.derivatives(yp, fp);
            for (int r = 0; r < n; r++) {
                g[r][i] = fp[r] - f0[r];
            }
        }
        for (int r = 0; r < n; r++) {
            g[r][n] = f0[r];
        }
        RealMatrix e = MatrixExponentialReferenceTest.exponential(g, T);
        double[] y = new double[n];
        for (int r = 0; r < n; r++) {
            y[r] = y0[r] + e.getEntry(r, n);
        }
        return y;
    }

    /** The largest error at T after N fixed steps. */
    private double error(Rosenbrock method, int steps, double[] reference) {
        double hs = T / steps;
        method.start(dynamics, 0, y0, hs);
        for (int i = 1; i <= steps; i++) {
            method.step(i == steps ? T : i * hs);
        }
        assertThat(method.time()).isEqualTo(T);
        assertThat(method.acceptedSteps()).isEqualTo(steps);
        double worst = 0;
        for (int r = 0; r < reference.length; r++) {
            worst = Math.max(worst, Math.abs(method.state()[r] - reference[r]));
        }
        return worst;
    }

    private double[] orders(boolean third) {
        double[] atol = new double[y0.length];
        java.util.Arrays.fill(atol, 1e6);   // every step accepted: fixed steps
        double[] reference = exact();
        double[] errors = new double[6];
        for (int k = 0; k < errors.length; k++) {
            Rosenbrock m = third ? new RosenbrockW3(dynamics, 1e-3, atol) : new Rosenbrock2(dynamics, 1e-3, atol);
            errors[k] = error(m, 4 << k, reference);
        }
        double[] orders = new double[errors.length - 1];
        for (int k = 0; k < orders.length; k++) {
            orders[k] = Math.log(errors[k] / errors[k + 1]) / Math.log(2);
        }
        return orders;
    }

    @Test
    void ros34pw2HasOrderThree() throws Exception {
        setUp();
        double[] p = orders(true);
        assertThat(p[p.length - 1]).as("observed orders %s", java.util.Arrays.toString(p)).isBetween(2.8, 3.3);
    }

    @Test
    void ros2HasOrderTwo() throws Exception {
        setUp();
        double[] p = orders(false);
        assertThat(p[p.length - 1]).as("observed orders %s", java.util.Arrays.toString(p)).isBetween(1.8, 2.3);
    }

    @Test
    void ros34pw2KeepsEveryComponentsInventory() throws Exception {
        setUp();
        double[] atol = new double[y0.length];
        java.util.Arrays.fill(atol, 1e6);
        RosenbrockW3 m = new RosenbrockW3(dynamics, 1e-3, atol);
        double[] reference = exact();
        // the total of each component (in the stages and withdrawn) grows exactly by what was fed
        error(m, 8, reference);
        double[] y = m.state();
        double[] sumRef = new double[2];
        double[] sum = new double[2];
        for (int r = 0; r < y.length; r++) {
            sum[r % 2] += y[r];
            sumRef[r % 2] += reference[r];
        }
        for (int j = 0; j < 2; j++) {
            assertThat(Math.abs(sum[j] - sumRef[j])).isLessThan(1e-10 * sumRef[j]);
        }
    }
}
