package org.sxcascade.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.design.SeparationProblem;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/**
 * Issue 4 acceptance: for small cascades (N ≤ 30) a brute-force enumeration of every (n, m) on a
 * grid of flows finds no configuration better than the optimizer's, and the optimizer's is no
 * worse than the grid's best by more than one grid step (the optimizer's flows are continuous).
 * The grid spans W and the product split (organic product per mol fed) over the whole interval
 * the mass balance allows, so it also tests the optimizer's premise that the best flows for a
 * given (n, m) sit at Xu's split f'_A.
 */
class EnumerationTest {
    private static final int MAX_STAGES = 30;
    private static final int GRID = 16;
    private static final int SPLITS = 5;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(2.0, 0.5, FeedPhase.AQUEOUS, 0.99, 0.99, Objective.PHI),
                Arguments.of(2.0, 0.5, FeedPhase.AQUEOUS, 0.99, 0.99, Objective.STAGES),
                Arguments.of(2.5, 0.3, FeedPhase.AQUEOUS, 0.995, 0.99, Objective.EXTRACTANT),
                Arguments.of(3.0, 0.6, FeedPhase.ORGANIC, 0.999, 0.99, Objective.PHI),
                Arguments.of(2.2, 0.4, FeedPhase.ORGANIC, 0.99, 0.995, Objective.STAGES));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void enumerationFindsNothingBetter(double beta, double fA, FeedPhase phase, double pA, double pB,
                                       Objective objective) {
        DesignInputs in = OptimizerCases.binary(beta, fA, phase, pA, pB, false, null);
        Optimum o = new MetalFlowSearch().optimize(in, OptimizerCases.settings(objective, MAX_STAGES, null, false));
        Optimum.FlowBounds bounds = o.bounds();
        SeparationProblem problem = o.problem();
        double shift = problem.extractantMinusScrub();
        double fB = 1 - fA;
        // organic product D between (P_B − f_B)/P_B and f_A/P_A (both products at their purity at the ends)
        double dLo = (pB - fB) / pB;
        double dHi = fA / pA;
        double dOffset = shift - problem.productSplit(); // S = W + D + dOffset
        NewtonCascadeSolver solver = new NewtonCascadeSolver();
        double gridBest = Double.POSITIVE_INFINITY;
        double step = (bounds.maxScrub() - bounds.minScrub()) / GRID;
        for (int k = 1; k <= GRID; k++) { // W on a grid up to the largest allowed flow
          for (int split = 0; split <= SPLITS; split++) { // the product split, f'_A last
            double w = bounds.minScrub() + k * step;
            double d = split == SPLITS ? problem.productSplit() : dLo + (split + 0.5) * (dHi - dLo) / SPLITS;
            double s = w + d + dOffset;
            if (objective == Objective.EXTRACTANT && s > bounds.maxExtractant() || s <= 0) {
                continue;
            }
            for (int n = 1; n < MAX_STAGES; n++) {
                for (int m = 1; n + m <= MAX_STAGES; m++) {
                    SteadyState st = solver.solve(CascadeNetwork.of(problem.cascadeCase(n, m, s, w)),
                            SolverSettings.defaults());
                    double[] p = problem.purities(st, n + m);
                    if (p[0] >= pA && p[1] >= pB) {
                        double value = switch (objective) {
                            case STAGES -> n + m;
                            case EXTRACTANT -> s;
                            case PHI -> s * (n + m);
                            case COST, REAGENTS -> throw new IllegalStateException();
                        };
                        gridBest = Math.min(gridBest, value);
                        break; // more scrub stages only cost more at this n and W
                    }
                }
            }
          }
        }
        double best = o.best().objectiveValue();
        assertThat(gridBest).as("the grid finds a feasible point").isFinite();
        assertThat(best).as("no grid point beats the optimizer").isLessThanOrEqualTo(gridBest * (1 + 1e-9));
        double slack = switch (objective) {
            case STAGES -> 0;
            case EXTRACTANT -> step;
            case PHI -> step * MAX_STAGES;
            case COST, REAGENTS -> 0;
        };
        assertThat(best).as("the optimizer is within a grid step of the grid's best").isGreaterThanOrEqualTo(gridBest - slack);
        // and its answer is a real cascade meeting both targets
        SteadyState st = solver.solve(CascadeNetwork.of(o.cascadeCase()), SolverSettings.defaults());
        double[] p = problem.purities(st, o.best().totalStages());
        assertThat(p[0]).isGreaterThanOrEqualTo(pA);
        assertThat(p[1]).isGreaterThanOrEqualTo(pB);
    }
}
