package org.sxcascade.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.model.FeedPhase;

/** Algebraic identities of Xu's design equations, over seeded random inputs. */
class XuDesignIdentityTest {

    static Stream<Arguments> inputs() {
        Random rng = new Random(20240603L);
        return Stream.generate(() -> {
            double beta = 1.05 + 9 * rng.nextDouble();
            double fA = 0.02 + 0.96 * rng.nextDouble();
            double pA = fA + (1 - fA) * (0.01 + 0.98999 * rng.nextDouble());
            double pB = (1 - fA) + fA * (0.01 + 0.98999 * rng.nextDouble());
            FeedPhase phase = rng.nextBoolean() ? FeedPhase.AQUEOUS : FeedPhase.ORGANIC;
            return Arguments.of(beta, fA, phase, pA, pB);
        }).limit(200);
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void yieldsComputedBothWaysAgree(double beta, double fA, FeedPhase phase, double pA, double pB) {
        XuDesign d = XuDesign.optimum(beta, fA, phase, pA, pB);
        // Y_A = a(b−1)/(ab−1) = f'_A P_A / f_A, so Y_A f_A = f'_A P_A
        assertThat(d.yieldA()).isCloseTo(d.outletFractionA() * pA / fA, within(1e-12));
        assertThat(d.yieldB()).isCloseTo(d.outletFractionB() * pB / (1 - fA), within(1e-12));
        assertThat(d.yieldA()).isBetween(0.0, 1.0);
        assertThat(d.yieldB()).isBetween(0.0, 1.0);
        // overall balance of each component
        assertThat(d.outletFractionA() * pA + d.outletFractionB() * (1 - pB)).isCloseTo(fA, within(1e-12));
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void basicFormsAtUnitRatiosGiveFenske(double beta, double fA, FeedPhase phase, double pA, double pB) {
        XuDesign d = XuDesign.optimum(beta, fA, phase, pA, pB);
        StageEstimate atTotalReflux = StageEstimate.basic(beta, d.a(), d.b(), 1, 1);
        assertThat(atTotalReflux.total()).isCloseTo(d.fenskeMinimum(), within(1e-9 * d.fenskeMinimum()));
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void ratiosFollowFromFlows(double beta, double fA, FeedPhase phase, double pA, double pB) {
        XuDesign d = XuDesign.optimum(beta, fA, phase, pA, pB);
        double s = d.extractantFlow();
        double w = d.scrubFlow();
        if (phase == FeedPhase.AQUEOUS) {
            assertThat(d.extractionRatio()).isCloseTo(s / (w + 1), within(1e-12));
            assertThat(d.scrubRatio()).isCloseTo(s / w, within(1e-12));
            assertThat(s - w).isCloseTo(d.outletFractionA(), within(1e-12));
            assertThat(d.minExtractantFlow() - d.minScrubFlow()).isCloseTo(d.outletFractionA(), within(1e-12));
        } else {
            assertThat(d.extractionRatio()).isCloseTo(s / w, within(1e-12));
            assertThat(d.scrubRatio()).isCloseTo((s + 1) / w, within(1e-12));
            assertThat(w - s).isCloseTo(d.outletFractionB(), within(1e-12));
            assertThat(d.minScrubFlow() - d.minExtractantFlow()).isCloseTo(d.outletFractionB(), within(1e-12));
        }
    }
}
