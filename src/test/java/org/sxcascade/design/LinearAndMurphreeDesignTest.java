package org.sxcascade.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.Feed;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.model.StageOptions;
import org.sxcascade.model.VolumetricFlows;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/**
 * Design of constant-distribution-ratio cascades ({@link KremserFlows}, docs/design.md "Constant
 * distribution ratios") and of Murphree stages: the flow rule against its closed forms, and over
 * seeded random inputs the verified design meets both targets in simulation, closes the balances,
 * and one stage fewer in either section misses a target.
 */
class LinearAndMurphreeDesignTest {

    /** E_A = D_A·O/A = g in extraction, E_B = D_B·O/A = 1/g in scrubbing, g² = β·r/(1 + r), both feed phases. */
    @Test
    void theFlowRuleGivesEqualPurificationInBothSections() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            double dB = 0.1 + 2 * random.nextDouble();
            double beta = 1.1 + 5 * random.nextDouble();
            double dA = beta * dB;
            double free = KremserFlows.minimum(beta) * (1.01 + 20 * random.nextDouble());
            for (FeedPhase phase : FeedPhase.values()) {
                KremserFlows f = KremserFlows.at("x", beta, dA, phase, 100, 100, free);
                double g = f.factor();
                assertThat(g * g).isCloseTo(beta * free / (1 + free), within(1e-12 * beta));
                VolumetricFlows q = f.volumetric(7.5);
                var sections = q.sections(phase);
                assertThat(dA * sections.extractionRatio()).isCloseTo(g, within(1e-12 * g));
                assertThat(dB * sections.scrubRatio()).isCloseTo(1 / g, within(1e-12));
                assertThat(f.extractionRatio()).isCloseTo(sections.extractionRatio(), within(1e-12 * g));
                assertThat(f.scrubRatio()).isCloseTo(sections.scrubRatio(), within(1e-12 * f.scrubRatio()));
                assertThat(phase == FeedPhase.AQUEOUS ? q.scrubFlow() : q.organicFlow())
                        .isCloseTo(free * 7.5, within(1e-12 * free * 7.5));
            }
        }
    }

    /** The estimate is Kremser's: n → b/(1 − 1/β) as g → 1, and Xu's corrected form for large b(g − 1). */
    @Test
    void theEstimateHasTheKremserLimits() {
        double beta = 3;
        double a = 50;
        double b = 200;
        KremserFlows near = KremserFlows.at("x", beta, 1.5, FeedPhase.AQUEOUS, a, b, KremserFlows.minimum(beta) * (1 + 1e-9));
        assertThat(near.estimate().extraction()).isCloseTo(b / (1 - 1 / beta), within(1e-3 * b));
        assertThat(near.estimate().scrub()).isCloseTo(a / (1 - 1 / beta), within(1e-3 * a));
        KremserFlows far = KremserFlows.at("x", beta, 1.5, FeedPhase.AQUEOUS, 1e12, 1e12, 1e6);
        double g = far.factor();
        StageEstimate xu = StageEstimate.corrected(beta, 1e12, 1e12, g / beta, beta / g);
        assertThat(far.estimate().extraction()).isCloseTo(xu.extraction(), within(1e-9 * xu.extraction()));
    }

    @Test
    void flowsAtOrBelowTheMinimumAndMetalFlowsAreRefusedByName() {
        assertThatThrownBy(() -> KremserFlows.at("flows.scrub", 4, 2, FeedPhase.AQUEOUS, 9, 9, 1.0 / 3))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("flows.scrub = 0.333")
                .hasMessageContaining("above 1/(β − 1) = 0.333333");
        assertThatThrownBy(() -> KremserFlows.of(FlowChoice.fixedScrub(1), 4, 2, FeedPhase.AQUEOUS, 9, 9))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("flows.scrub = (given)")
                .hasMessageContaining("not given for model distribution-ratios");
        assertThatThrownBy(() -> KremserFlows.of(FlowChoice.margin(1), 4, 2, FeedPhase.AQUEOUS, 9, 9))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("flows.margin = 1");
    }

    static Stream<Arguments> inputs() {
        Random random = new Random(20261206L);
        List<Arguments> list = new ArrayList<>();
        while (list.size() < 24) {
            double[] x = DesignVerificationPropertyTest.randomProblem(random, 1.5, 3, 0.1, 0.8, 1.5, 2);
            double beta = x[0];
            double fA = x[1];
            double pA = x[2];
            double pB = x[3];
            if (pA <= fA || pB <= 1 - fA) {
                continue;
            }
            FeedPhase phase = random.nextBoolean() ? FeedPhase.AQUEOUS : FeedPhase.ORGANIC;
            boolean linear = list.size() % 2 == 0;
            double efficiency = list.size() % 3 == 0 ? 1 : 0.6 + 0.4 * random.nextDouble();
            double margin = random.nextBoolean() ? 0 : 1.2 + 3 * random.nextDouble();
            list.add(Arguments.of(list.size(), beta, fA, pA, pB, phase, linear, efficiency, margin));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "#{0}: β={1} fA={2} PA={3} PB={4} {5} linear={6} E={7} margin={8}")
    @MethodSource("inputs")
    void theVerifiedDesignIsTheFewestStagesThatMeetBothTargets(int index, double beta, double fA, double pA,
                                                                double pB, FeedPhase phase, boolean linear,
                                                                double efficiency, double margin) {
        // a third, less extractable component in the raffinate group: the key pair is A/B
        double dB = 0.4;
        DesignInputs in = new DesignInputs("p" + index, List.of("A", "B", "C"),
                new double[] {beta * dB, dB, dB / 2},
                new Feed(phase, new double[] {fA, 0.7 * (1 - fA), 0.3 * (1 - fA)}, 12.0, 0.2),
                new ProductTarget(List.of(0), pA, null), new ProductTarget(List.of(1, 2), pB, null), null, null, null,
                linear, new StageOptions(efficiency, efficiency, List.of(), List.of(), List.of()));
        FlowChoice choice = margin == 0 ? FlowChoice.optimum() : FlowChoice.margin(margin);
        CascadeDesigner.Design d = new CascadeDesigner().design(in, choice, 1000);
        assertThat(d.linear() != null).isEqualTo(linear);
        CascadeCase c = d.cascadeCase();
        assertThat(c.stageOptions().extractionEfficiency()).isEqualTo(efficiency);
        if (linear) {
            assertThat(c.flows()).isInstanceOf(VolumetricFlows.class);
        }
        int n = d.verified().extractionStages();
        int m = d.verified().scrubStages();
        SteadyState st = solve(d, n, m);
        assertThat(st.massBalanceError()).isLessThanOrEqualTo(1e-10);
        double[] p = d.problem().purities(st, n + m);
        assertThat(p[0]).isEqualTo(d.verified().organicPurity()).isGreaterThanOrEqualTo(pA);
        assertThat(p[1]).isEqualTo(d.verified().aqueousPurity()).isGreaterThanOrEqualTo(pB);
        if (n > 1) {
            double[] fewer = d.problem().purities(solve(d, n - 1, m), n - 1 + m);
            assertThat(fewer[0] >= pA && fewer[1] >= pB).as("n − 1 must miss a target").isFalse();
        }
        if (m > 1) {
            double[] fewer = d.problem().purities(solve(d, n, m - 1), n + m - 1);
            assertThat(fewer[0] >= pA && fewer[1] >= pB).as("m − 1 must miss a target").isFalse();
        }
    }

    private static SteadyState solve(CascadeDesigner.Design d, int n, int m) {
        return new NewtonCascadeSolver().solve(CascadeNetwork.of(d.problem().cascadeCase(n, m, d.extractantFlow(),
                d.scrubFlow())), SolverSettings.defaults());
    }
}
