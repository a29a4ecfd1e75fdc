package org.sxcascade.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DormandPrince54Test {

    @Test
    void harmonicOscillatorToTolerance() {
        // y'' = −y: y = (cos t, −sin t)
        DormandPrince54 dp = new DormandPrince54(1e-10, new double[] {1e-12, 1e-12});
        dp.start((y, d) -> {
            d[0] = y[1];
            d[1] = -y[0];
        }, 0, new double[] {1, 0}, 1e-3);
        while (dp.time() < 10) {
            dp.step(10);
        }
        assertThat(dp.time()).isEqualTo(10);
        assertThat(dp.state()[0]).isCloseTo(Math.cos(10), within(1e-8));
        assertThat(dp.state()[1]).isCloseTo(-Math.sin(10), within(1e-8));
    }

    @Test
    void fifthOrderConvergence() {
        // at loose tolerances the global error falls like tol^(5/5)·const: ten times tighter, about ten times smaller
        double e1 = decayError(1e-5);
        double e2 = decayError(1e-7);
        assertThat(e2).isLessThan(e1 / 20);
        assertThat(e2).isLessThan(1e-6);
    }

    private static double decayError(double tol) {
        DormandPrince54 dp = new DormandPrince54(tol, new double[] {tol * 1e-3});
        dp.start((y, d) -> d[0] = -y[0] * (1 + 0.5 * Math.sin(y[0])), 0, new double[] {1}, 0.1);
        DormandPrince54 ref = new DormandPrince54(1e-13, new double[] {1e-16});
        ref.start((y, d) -> d[0] = -y[0] * (1 + 0.5 * Math.sin(y[0])), 0, new double[] {1}, 1e-4);
        while (dp.time() < 5) {
            dp.step(5);
        }
        while (ref.time() < 5) {
            ref.step(5);
        }
        return Math.abs(dp.state()[0] - ref.state()[0]);
    }

    @Test
    void interpolationIsAccurateAndKeepsLinearInvariants() {
        // y0' = −y0, y1' = y0: y0 + y1 is constant
        DormandPrince54 dp = new DormandPrince54(1e-9, new double[] {1e-12, 1e-12});
        dp.start((y, d) -> {
            d[0] = -y[0];
            d[1] = y[0];
        }, 0, new double[] {1, 0}, 0.5);
        double[] out = new double[2];
        while (dp.time() < 3) {
            dp.step(3);
            double mid = 0.5 * (dp.previousTime() + dp.time());
            dp.interpolate(mid, out);
            assertThat(out[0]).isCloseTo(Math.exp(-mid), within(1e-6));
            assertThat(out[0] + out[1]).isCloseTo(1, within(1e-14));
        }
        assertThat(dp.state()[0] + dp.state()[1]).isCloseTo(1, within(1e-14));
        assertThat(dp.acceptedSteps()).isPositive();
        assertThat(dp.evaluations()).isEqualTo(1 + 6 * (dp.acceptedSteps() + dp.rejectedSteps()));
    }

    @Test
    void blowUpIsReportedNotHidden() {
        // y' = y²from 1 blows up at t = 1
        DormandPrince54 dp = new DormandPrince54(1e-8, new double[] {1e-10});
        dp.start((y, d) -> d[0] = y[0] * y[0], 0, new double[] {1}, 0.01);
        assertThatThrownBy(() -> {
            while (dp.time() < 2) {
                dp.step(2);
            }
        }).isInstanceOf(DormandPrince54.StepSizeUnderflowException.class).hasMessageContaining("rounding level");
    }
}
