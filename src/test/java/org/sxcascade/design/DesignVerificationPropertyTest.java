package org.sxcascade.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.Feed;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;
import org.sxcascade.model.SolverSettings;

/**
 * Issue 3 acceptance: over seeded random feasible inputs (β 1.2–4, f_A 0.05–0.95, purities
 * 0.99–0.99999, both feed phases) the verified design meets both targets in simulation, and one
 * stage fewer in either section does not.
 */
class DesignVerificationPropertyTest {

    static Stream<Arguments> inputs() {
        Random random = new Random(20261122L);
        List<Arguments> list = new ArrayList<>();
        while (list.size() < 100) {
            double[] x = randomProblem(random, 1.2, 2.8, 0.05, 0.9, 2, 3);
            double beta = x[0];
            double fA = x[1];
            double pA = x[2];
            double pB = x[3];
            FeedPhase phase = random.nextBoolean() ? FeedPhase.AQUEOUS : FeedPhase.ORGANIC;
            if (pA <= fA || pB <= 1 - fA) {
                continue; // a target not above its feed fraction is infeasible by definition
            }
            list.add(Arguments.of(list.size(), beta, fA, pA, pB, phase));
        }
        return list.stream();
    }

    /**
     * {β, f_A, P_A, P_B} drawn uniformly: β from {@code beta} to {@code beta + betaSpan}, f_A likewise,
     * each impurity 10^−(lg … lg + lgSpan).
     */
    static double[] randomProblem(Random random, double beta, double betaSpan, double fA, double fSpan, double lg,
                                  double lgSpan) {
        return new double[] {beta + betaSpan * random.nextDouble(), fA + fSpan * random.nextDouble(),
            1 - Math.pow(10, -lg - lgSpan * random.nextDouble()), 1 - Math.pow(10, -lg - lgSpan * random.nextDouble())};
    }

    @ParameterizedTest(name = "#{0}: β={1} fA={2} PA={3} PB={4} {5}")
    @MethodSource("inputs")
    void verifiedDesignIsTheFewestStagesThatMeetBothTargets(int index, double beta, double fA, double pA, double pB,
                                                            FeedPhase phase) {
        DesignInputs in = new DesignInputs("p" + index, List.of("A", "B"), new double[] {beta, 1.0},
                new Feed(phase, new double[] {fA, 1 - fA}, null, null), new ProductTarget(List.of(0), pA, null),
                new ProductTarget(List.of(1), pB, null), null, null);
        CascadeDesigner.Design d = new CascadeDesigner().design(in, FlowChoice.optimum(), 1000);
        int n = d.verified().extractionStages();
        int m = d.verified().scrubStages();
        double[] p = purities(in, n, m, d);
        assertThat(p[0]).isGreaterThanOrEqualTo(pA);
        assertThat(p[1]).isGreaterThanOrEqualTo(pB);
        if (n > 1) {
            double[] fewerN = purities(in, n - 1, m, d);
            assertThat(fewerN[0] >= pA && fewerN[1] >= pB).as("n − 1 must miss a target").isFalse();
        }
        if (m > 1) {
            double[] fewerM = purities(in, n, m - 1, d);
            assertThat(fewerM[0] >= pA && fewerM[1] >= pB).as("m − 1 must miss a target").isFalse();
        }
    }

    private static double[] purities(DesignInputs in, int n, int m, CascadeDesigner.Design d) {
        SteadyState st = new NewtonCascadeSolver().solve(CascadeNetwork.of(SeparationProblem.of(in).cascadeCase(n, m,
                d.xu().extractantFlow(), d.xu().scrubFlow())), SolverSettings.defaults());
        return new double[] {st.organicFraction(n + m, 0), st.aqueousFraction(1, 1)};
    }
}
