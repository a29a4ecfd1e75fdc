package org.sxcascade.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.Feed;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/**
 * The Zhang binary and its organic-feed variant (Zhang, Zhao and Schreiner 2016, ch. 5, after Xu):
 * β = 2, f_A = 0.5, P_A = 0.999, P_B = 0.9999. Reference numbers as in docs/theory.md, Reference numbers.
 */
class XuDesignReferenceTest {
    private static final double BETA = 2;
    private static final double FA = 0.5;
    private static final double PA = 0.999;
    private static final double PB = 0.9999;

    @Test
    void aqueousFeedSection82() {
        XuDesign d = XuDesign.optimum(BETA, FA, FeedPhase.AQUEOUS, PA, PB);
        assertThat(d.control()).isEqualTo(Control.SCRUB);
        assertThat(d.outletFractionA()).isCloseTo(0.5004505, within(1e-7));
        assertThat(d.outletFractionB()).isCloseTo(1 - 0.5004505, within(1e-7));
        assertThat(d.extractantFlow()).isCloseTo(1.7086449, within(1e-7));
        assertThat(d.scrubFlow()).isCloseTo(1.2081944, within(1e-7));
        assertThat(d.extractionRatio()).isCloseTo(0.77377, within(1e-5));
        assertThat(d.scrubRatio()).isCloseTo(1.41421, within(1e-5));
        assertThat(d.minExtractantFlow()).isCloseTo(1.49835, within(1e-5));
        assertThat(d.minScrubFlow()).isCloseTo(0.99790, within(1e-5));
        assertThat(d.a()).isCloseTo(999, within(1e-9));
        assertThat(d.b()).isCloseTo(9999, within(1e-7));
    }

    @Test
    void aqueousFeedCorrectedEstimatesRoundUpToPublishedStages() {
        XuDesign d = XuDesign.optimum(BETA, FA, FeedPhase.AQUEOUS, PA, PB);
        // published design: n = 24, m = 21. Corrected forms give n = 23.116, m = 20.929.
        assertThat(d.correctedStages().extraction()).isCloseTo(23.116086, within(1e-5));
        assertThat(d.correctedStages().scrub()).isCloseTo(20.928682, within(1e-5));
        assertThat(d.correctedStages().extractionStages()).isEqualTo(24);
        assertThat(d.correctedStages().scrubStages()).isEqualTo(21);
        // the basic forms fall short of the published design: n = 21.09, m = 19.93 → (22, 20)
        assertThat(d.basicStages().extraction()).isCloseTo(21.091867, within(1e-5));
        assertThat(d.basicStages().scrub()).isCloseTo(19.928682, within(1e-5));
        assertThat(d.basicStages().extractionStages()).isEqualTo(22);
        assertThat(d.basicStages().scrubStages()).isEqualTo(20);
        // Fenske: lg(999 · 9999)/lg 2
        assertThat(d.fenskeMinimum()).isCloseTo(23.251909, within(1e-5));
        assertThat(d.fenskeMinimumStages()).isEqualTo(24);
    }

    @Test
    void organicFeedSection83() {
        XuDesign d = XuDesign.optimum(BETA, FA, FeedPhase.ORGANIC, PA, PB);
        assertThat(d.control()).isEqualTo(Control.EXTRACTION);
        assertThat(d.outletFractionA()).isCloseTo(0.5004505, within(1e-7));
        assertThat(d.extractantFlow()).isCloseTo(1.2060192, within(1e-7));
        assertThat(d.scrubFlow()).isCloseTo(1.7055687, within(1e-7));
        assertThat(d.extractionRatio()).isCloseTo(0.70711, within(1e-5));
        assertThat(d.scrubRatio()).isCloseTo(1.29342, within(1e-5));
        // organic-feed minimum flows (not tabulated in docs/theory.md; the mirror image of the aqueous feed's):
        // S_min + 1 = f'_A (P_A − 1/3)·1.5/0.25
        assertThat(d.minExtractantFlow()).isCloseTo(0.99880, within(1e-5));
        assertThat(d.minScrubFlow()).isCloseTo(1.49835, within(1e-5));
        // our own values (no published stage numbers for this variant): 27.58 → 28, 17.86 → 18
        assertThat(d.correctedStages().extraction()).isCloseTo(27.575136, within(1e-5));
        assertThat(d.correctedStages().scrub()).isCloseTo(17.862726, within(1e-5));
        assertThat(d.correctedStages().extractionStages()).isEqualTo(28);
        assertThat(d.correctedStages().scrubStages()).isEqualTo(18);
    }

    @Test
    void designedFlowsFeedTheSimulator() {
        XuDesign d = XuDesign.optimum(BETA, FA, FeedPhase.AQUEOUS, PA, PB);
        assertThat(d.toString()).contains("scrub-controlled", "S=1.708645", "W=1.208194", "n=23.12 (24)",
                "m=20.93 (21)");
        // Zhang binary: at the published (n, m) = (24, 21) the stage model gives P_A = 0.998993, P_B = 0.999893
        CascadeCase c = new CascadeCase("zhang", List.of("A", "B"), new ConstantSeparationFactors(BETA, 1),
                new Feed(FeedPhase.AQUEOUS, new double[] {FA, 1 - FA}, null, null), new Cascade(24, 21), d.xuFlows(),
                null, null, SolverSettings.defaults());
        SteadyState st = new NewtonCascadeSolver().solve(CascadeNetwork.of(c), SolverSettings.defaults());
        assertThat(st.organicFraction(45, 0)).isCloseTo(0.998993, within(2e-6));
        assertThat(st.aqueousFraction(1, 1)).isCloseTo(0.999893, within(2e-6));
    }

    @Test
    void documentationExampleRuns() {
        XuDesign atMargin = XuDesign.of(BETA, FA, FeedPhase.ORGANIC, PA, PB, FlowChoice.margin(1.2));
        assertThat(atMargin.scrubFlow()).isCloseTo(1.2 * 1.49835, within(1e-4));
        assertThat(atMargin.extractantFlow()).isCloseTo(atMargin.scrubFlow() - atMargin.outletFractionB(), within(1e-12));
        assertThat(atMargin.correctedStages().total()).isGreaterThan(atMargin.fenskeMinimum());
    }
}
