package org.sxcascade.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.ProductTarget;

/** One purity plus one recovery gives the same (P_A, P_B) as the two purities they came from. */
class TargetConversionTest {
    private static final Random RANDOM = new Random(7);

    private static ProductTarget t(int j, Double purity, Double recovery) {
        return new ProductTarget(List.of(j), purity, recovery);
    }

    @RepeatedTest(200)
    void everyPurityRecoveryPairRoundTrips() {
        double fA = 0.05 + 0.9 * RANDOM.nextDouble();
        double pA = fA + (1 - fA) * (0.5 + 0.4999 * RANDOM.nextDouble());
        double pB = (1 - fA) + fA * (0.5 + 0.4999 * RANDOM.nextDouble());
        double outA = (pB - (1 - fA)) / (pA + pB - 1); // Xu: f'_A
        double yA = outA * pA / fA;
        double yB = (1 - outA) * pB / (1 - fA);
        double[][] got = {
            SeparationProblem.purities(t(0, pA, yA), t(1, null, null), fA),
            SeparationProblem.purities(t(0, null, null), t(1, pB, yB), fA),
            SeparationProblem.purities(t(0, pA, null), t(1, null, yB), fA),
            SeparationProblem.purities(t(0, null, yA), t(1, pB, null), fA)};
        for (double[] p : got) {
            assertThat(p[0]).isCloseTo(pA, within(1e-9));
            assertThat(p[1]).isCloseTo(pB, within(1e-9));
        }
    }

    @Test
    void needsExactlyTwoNumbersWithAPurity() {
        assertThatThrownBy(() -> SeparationProblem.purities(t(0, 0.99, 0.99), t(1, 0.99, null), 0.5))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("exactly two");
        assertThatThrownBy(() -> SeparationProblem.purities(t(0, null, 0.99), t(1, null, 0.99), 0.5))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("without a purity");
    }
}
