package org.sxcascade.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sxcascade.model.ProductTarget;

/**
 * The one target margin of design and optimize, and the growth step that the stage search of
 * every model shares, on closed forms.
 */
class TargetMarginTest {

    @Test
    void logitAndItsInverse() {
        assertThat(TargetMargin.logit(0.999)).isCloseTo(Math.log(999), within(1e-12));
        assertThat(TargetMargin.logit(0.5)).isEqualTo(0);
        assertThat(TargetMargin.purity(Math.log(9999))).isCloseTo(0.9999, within(1e-15));
    }

    @Test
    void excessIsTheLnOfImpurityOverAllowance() {
        // impurity 1e-4 against the allowance of P = 0.999: ln(0.1)
        assertThat(TargetMargin.excess(1e-4, Math.log(1e-3))).isCloseTo(Math.log(0.1), within(1e-12));
        // an impurity that underflowed counts as the least positive double, e^−745
        assertThat(TargetMargin.excess(0, 0)).isEqualTo(-745);
    }

    @Test
    void cappedMarginTakesTheSmallestOfPurityAndRecovery() {
        assertThat(TargetMargin.capped(1e-3, 1e-4)).isCloseTo(Math.log(10), within(1e-12));
        assertThat(TargetMargin.capped(1e-3, 1e-40)).isEqualTo(TargetMargin.CAP);
        assertThat(TargetMargin.capped(1e-3, 0)).isEqualTo(TargetMargin.CAP);
        ProductTarget both = new ProductTarget(List.of(0), 0.999, 0.9);
        // purity margin ln(1e-3/2e-3) < 0, recovery margin ln(0.1/0.01) > 0: the purity one decides
        assertThat(TargetMargin.of(both, 2e-3, 0.01)).isCloseTo(Math.log(0.5), within(1e-12));
        assertThat(TargetMargin.of(new ProductTarget(List.of(0), null, 0.9), 2e-3, 0.01))
                .isCloseTo(Math.log(10), within(1e-12));
    }

    /** λ_A = 0.5 m and λ_B = 0.4 n: the targets λ_A ≥ 10, λ_B ≥ 12 need exactly n ≥ 30, m ≥ 20. */
    private static final StageSearch.Simulator LINEAR = (n, m) -> new double[] {0.5 * m, 0.4 * n};

    @Test
    void minimalStagesFindsTheCorner() {
        StageSearch.Result r = new StageSearch(LINEAR, 10, 12, 500).minimalStages(5, 5);
        assertThat(r.extractionStages()).isEqualTo(30);
        assertThat(r.scrubStages()).isEqualTo(20);
    }

    @Test
    void growthByEnrichmentReachesTheTargetsInOneStep() {
        // Xu's step: the larger logit shortfall over each section's per-stage gain
        StageSearch.Grown g = new StageSearch(LINEAR, 10, 12, 500).grow(5, 5, (n, m, lambda, round) -> {
            double shortfall = Math.max(10 - lambda[0], 12 - lambda[1]);
            return StageSearch.Step.add((int) Math.ceil(shortfall / 0.4), (int) Math.ceil(shortfall / 0.5));
        });
        // shortfall max(7.5, 10) = 10: 25 extraction and 20 scrub stages added
        assertThat(g.extractionStages()).isEqualTo(30);
        assertThat(g.scrubStages()).isEqualTo(25);
        assertThat(g.rounds()).isEqualTo(2);
        assertThat(g.limitation()).isNull();
        assertThat(g.measures()).containsExactly(12.5, 12.0);
    }

    @Test
    void growthStopsWithItsReason() {
        StageSearch.Grown g = new StageSearch(LINEAR, 10, 12, 500).grow(5, 5,
                (n, m, lambda, round) -> round >= 3 ? StageSearch.Step.stop("3 tried") : StageSearch.Step.add(1, 1));
        assertThat(g.rounds()).isEqualTo(3);
        assertThat(g.extractionStages()).isEqualTo(7);
        assertThat(g.limitation()).isEqualTo("3 tried");
        assertThatThrownBy(() -> new StageSearch(LINEAR, 10, 12, 40).minimalStages(5, 5))
                .isInstanceOf(StageSearch.NoFeasibleConfigurationException.class)
                .hasMessageContaining("at most 40 stages");
    }
}
