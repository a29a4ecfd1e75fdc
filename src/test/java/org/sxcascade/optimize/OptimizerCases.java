package org.sxcascade.optimize;

import java.util.List;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.CostModel;
import org.sxcascade.model.Feed;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.ProductTarget;

/** Inputs for the optimizer tests. */
final class OptimizerCases {
    private OptimizerCases() {
    }

    /** A binary B (β = 1) | A (β = beta) with the A fraction fA, purity targets, optional plant data and costs. */
    static DesignInputs binary(double beta, double fA, FeedPhase phase, double purityA, double purityB,
                               boolean plant, CostModel costs) {
        Feed feed = plant ? new Feed(phase, new double[] {1 - fA, fA}, 100.0, 1.0)
                : new Feed(phase, new double[] {1 - fA, fA}, null, null);
        return new DesignInputs("binary β = " + beta, List.of("B", "A"), new double[] {1, beta}, feed,
                new ProductTarget(List.of(1), purityA, null), new ProductTarget(List.of(0), purityB, null),
                plant ? 0.17 : null, plant ? 3.5 : null, costs);
    }

    /** Zhang et al. (2016) binary (docs/theory.md), β = 2, f_A = 0.5, aqueous feed, P_A 0.999, P_B 0.9999. */
    static DesignInputs zhang() {
        return binary(2, 0.5, FeedPhase.AQUEOUS, 0.999, 0.9999, false, null);
    }

    /** Nd/Pr in P507, β = 1.5, Pr:Nd = 1:3, 99.9 % / 99.9 %, plant units as cases/pr-nd-p507.yaml. */
    static DesignInputs prNd(CostModel costs) {
        return binary(1.5, 0.75, FeedPhase.AQUEOUS, 0.999, 0.999, true, costs);
    }

    /** A cost model with round numbers (documented in docs/optimize.md's example). */
    static CostModel costs() {
        return new CostModel("USD", 0.5, 8000, 6000, 0.05, 0.12, 0.15, 8000);
    }

    static OptimizerSettings settings(Objective objective, int maxStages, Double maxExtractant, boolean pareto) {
        return new OptimizerSettings(objective, maxStages, maxExtractant, null, null, null, null, null, null, 0,
                pareto, null);
    }
}
