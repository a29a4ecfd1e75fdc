package org.sxcascade.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.Feed;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.model.XuFlows;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/**
 * The closed-form minimum flows against the stage model. At (S_min, W_min) the cascade pinches at
 * the feed stage, so as n = m grows the products approach P_A and P_B from below (docs/design.md, Minimum
 * flows: at S = S_min and n = m = 100 the stage model gives P_A and P_B to 1e-10); below the minimum they
 * stay short of the targets however many stages there are.
 *
 * <p>How fast the pinch is approached depends on β: for the Zhang binary's inputs (β = 2) n = m = 100 is
 * within 1e-10 of the targets; for β = 1.5 it is still 2.5e-5 (aqueous) and 2.2e-4 (organic) short
 * and needs n = m ≈ 175 to come within 1e-6.
 */
class MinimumFlowSimulationTest {

    static SteadyState simulate(XuDesign d, int stages) {
        return simulateFlows(d, d.extractantFlow(), d.scrubFlow(), stages);
    }

    static XuDesign atMinimum(double beta, double fA, FeedPhase phase, double pA, double pB) {
        return XuDesign.of(beta, fA, phase, pA, pB, FlowChoice.margin(1));
    }

    /** P_A (organic leaving stage N) − target, P_B (aqueous leaving stage 1) − target. */
    static double[] shortfall(XuDesign d, int stages) {
        SteadyState st = simulate(d, stages);
        return new double[] {st.organicFraction(2 * stages, 0) - d.purityA(), st.aqueousFraction(1, 1) - d.purityB()};
    }

    @ParameterizedTest(name = "β = {0}, f_A = {1}, {2} feed, P_A = {3}, P_B = {4}")
    @CsvSource({
        // the Zhang binary and its organic-feed variant (docs/theory.md, Reference numbers)
        "2, 0.5, AQUEOUS, 0.999,  0.9999",
        "2, 0.5, ORGANIC, 0.999,  0.9999",
        // a scrub-controlled design from an A-rich feed
        "3, 0.7, AQUEOUS, 0.9999, 0.999",
        "3, 0.7, ORGANIC, 0.9999, 0.999"})
    void minimumFlowsReachTheTargetsAtOneHundredStagesPerSection(double beta, double fA, FeedPhase phase,
                                                                double pA, double pB) {
        XuDesign d = atMinimum(beta, fA, phase, pA, pB);
        assertThat(d.scrubFlow()).isEqualTo(d.minScrubFlow());
        double[] dev = shortfall(d, 100);
        assertThat(dev[0]).as("P_A − target").isCloseTo(0, within(1e-6));
        assertThat(dev[1]).as("P_B − target").isCloseTo(0, within(1e-6));
    }

    @Test
    void section82AtMinimumFlowsMatchesToTenDigits() {
        XuDesign d = atMinimum(2, 0.5, FeedPhase.AQUEOUS, 0.999, 0.9999);
        assertThat(d.extractantFlow()).isCloseTo(1.49835, within(1e-5));
        assertThat(d.scrubFlow()).isCloseTo(0.99790, within(1e-5));
        double[] dev = shortfall(d, 100);
        assertThat(dev[0]).isCloseTo(0, within(1e-10));
        assertThat(dev[1]).isCloseTo(0, within(1e-10));
    }

    @ParameterizedTest(name = "{0} feed")
    @CsvSource({"AQUEOUS", "ORGANIC"})
    void theTargetsAreApproachedFromBelowAsStagesGrow(FeedPhase phase) {
        XuDesign d = atMinimum(2, 0.5, phase, 0.999, 0.9999);
        double[] at30 = shortfall(d, 30);
        double[] at60 = shortfall(d, 60);
        double[] at100 = shortfall(d, 100);
        for (int k = 0; k < 2; k++) {
            assertThat(at30[k]).isLessThan(at60[k]).isLessThan(0);
            assertThat(at60[k]).isLessThan(at100[k]);
            assertThat(at100[k]).isLessThanOrEqualTo(1e-12);
        }
    }

    @ParameterizedTest(name = "{0} feed")
    @CsvSource({"AQUEOUS", "ORGANIC"})
    void belowTheMinimumTheTargetsAreMissed(FeedPhase phase) {
        XuDesign d = atMinimum(2, 0.5, phase, 0.999, 0.9999);
        double w = 0.99 * d.minScrubFlow();
        double s = phase == FeedPhase.AQUEOUS ? w + d.outletFractionA() : w - d.outletFractionB();
        SteadyState st = simulateFlows(d, s, w, 100);
        assertThat(st.organicFraction(200, 0)).isLessThan(0.999 - 1e-3);
        assertThat(st.aqueousFraction(1, 1)).isLessThan(0.9999 - 1e-3);
    }

    @ParameterizedTest(name = "{0} feed")
    @CsvSource({"AQUEOUS", "ORGANIC"})
    void lowSeparationFactorApproachesThePinchMoreSlowly(FeedPhase phase) {
        XuDesign d = atMinimum(1.5, 0.3, phase, 0.995, 0.999);
        double[] at100 = shortfall(d, 100);
        assertThat(Math.min(at100[0], at100[1])).isLessThan(-1e-6);
        double[] at175 = shortfall(d, 175);
        assertThat(at175[0]).isCloseTo(0, within(1e-6));
        assertThat(at175[1]).isCloseTo(0, within(1e-6));
    }

    /**
     * Above the minimum flows, with many more stages than needed, both products exceed the
     * targets. The Newton solver used to stop here ("no Newton step reduced the stage imbalances")
     * for the Zhang binary at n = m = 100, from 1.001 × the minimum flows to Xu's optimum; its
     * split-shooting start (see docs/theory.md) solves these cases.
     */
    @ParameterizedTest(name = "{0} feed, flows {1}")
    @CsvSource({"AQUEOUS, 1.01", "AQUEOUS, optimum", "ORGANIC, 1.01", "ORGANIC, optimum"})
    void aboveTheMinimumTheProductsExceedTheTargets(FeedPhase phase, String flows) {
        FlowChoice choice = flows.equals("optimum") ? FlowChoice.optimum()
                : FlowChoice.margin(Double.parseDouble(flows));
        XuDesign d = XuDesign.of(2, 0.5, phase, 0.999, 0.9999, choice);
        double[] dev = shortfall(d, 100);
        assertThat(dev[0]).isPositive();
        assertThat(dev[1]).isPositive();
    }

    private static SteadyState simulateFlows(XuDesign split, // β, feed and phase of this design
                                              double s, double w, int stages) {
        double fA = split.feedFractionA();
        CascadeCase c = new CascadeCase("near minimum flows", List.of("A", "B"),
                new ConstantSeparationFactors(split.separationFactor(), 1.0),
                new Feed(split.feedPhase(), new double[] {fA, 1 - fA}, null, null), new Cascade(stages, stages),
                new XuFlows(s, w), null, null, SolverSettings.defaults());
        return new NewtonCascadeSolver().solve(CascadeNetwork.of(c), SolverSettings.defaults());
    }
}
