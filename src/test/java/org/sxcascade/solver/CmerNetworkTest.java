package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.SideDraw;
import org.sxcascade.model.StageFeed;
import org.junit.jupiter.api.Test;

class CmerNetworkTest {

    /** One feed of 1 and no draws is the flow table of docs/theory.md (Conventions), for either feed phase. */
    @ParameterizedTest
    @EnumSource(FeedPhase.class)
    void oneFeedGivesTheDomainFlowTable(FeedPhase phase) {
        var c = Cases.zhang(phase, 24, 21);
        CascadeNetwork table = CascadeNetwork.of(c);
        var xu = (org.sxcascade.model.XuFlows) c.flows();
        int stage = c.cascade().feedStage(phase);
        CascadeNetwork built = CascadeNetwork.cmer((ConstantSeparationFactors) c.equilibrium(), 45, xu.extractant(),
                xu.scrub(), List.of(StageFeed.ofMetal(stage, phase, new double[] {0.5, 0.5})), List.of());
        for (int k = 1; k <= 45; k++) {
            assertThat(built.organicFlow(k)).isCloseTo(table.organicFlow(k), org.assertj.core.api.Assertions.within(1e-14));
            assertThat(built.aqueousFlow(k)).isCloseTo(table.aqueousFlow(k), org.assertj.core.api.Assertions.within(1e-14));
            assertThat(built.organicInflow(k)).isEqualTo(table.organicInflow(k));
        }
        assertThat(built.isPlain()).isTrue();
    }

    /** An aqueous draw of D at stage 30 lowers every aqueous flow below it by D (metal balance). */
    @Test
    void anAqueousDrawLowersTheAqueousBelowIt() {
        var eq = new ConstantSeparationFactors(2.8, 2.0, 1.0);
        CascadeNetwork net = CascadeNetwork.cmer(eq, 60, 2.0, 1.759,
                List.of(StageFeed.ofMetal(18, FeedPhase.AQUEOUS, new double[] {0.39, 0.10, 0.51})),
                List.of(new SideDraw(30, FeedPhase.AQUEOUS, 0.25)));
        assertThat(net.aqueousFlow(31)).isCloseTo(1.759, org.assertj.core.api.Assertions.within(1e-14));
        assertThat(net.aqueousFlow(30)).isCloseTo(1.759, org.assertj.core.api.Assertions.within(1e-14));
        assertThat(net.aqueousFlow(29)).isCloseTo(1.509, org.assertj.core.api.Assertions.within(1e-14));
        assertThat(net.aqueousFlow(18)).isCloseTo(2.509, org.assertj.core.api.Assertions.within(1e-14));
        assertThat(net.aqueousFlow(1)).isCloseTo(0.509, org.assertj.core.api.Assertions.within(1e-14));
        assertThat(net.organicFlow(60)).isCloseTo(0.241, org.assertj.core.api.Assertions.within(1e-14));
        assertThat(net.aqueousDraw(30)).isCloseTo(0.25 / 1.759, org.assertj.core.api.Assertions.within(1e-15));
    }

    @Test
    void aDrawLargerThanItsStreamIsRefused() {
        var eq = new ConstantSeparationFactors(2.0, 1.0);
        assertThatThrownBy(() -> CascadeNetwork.cmer(eq, 20, 1.5, 1.0,
                List.of(StageFeed.ofMetal(10, FeedPhase.AQUEOUS, new double[] {0.5, 0.5})),
                List.of(new SideDraw(5, FeedPhase.AQUEOUS, 3.0))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("stage");
    }

    @Test
    void aFeedBeyondTheCascadeOrWithTheWrongComponentCountIsRefused() {
        var eq = new ConstantSeparationFactors(2.0, 1.0);
        assertThatThrownBy(() -> CascadeNetwork.cmer(eq, 20, 1.5, 1.0,
                List.of(StageFeed.ofMetal(21, FeedPhase.AQUEOUS, new double[] {0.5, 0.5})), List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("feeds[0].stage = 21 is not allowed: a stage from 1 to 20");
        assertThatThrownBy(() -> CascadeNetwork.cmer(eq, 20, 1.5, 1.0,
                List.of(StageFeed.ofMetal(10, FeedPhase.AQUEOUS, new double[] {0.3, 0.3, 0.4})), List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("feeds[0].componentFlows = 3 flows is not allowed: one flow per component (2)");
    }

    /** The organic leaving stage N and the aqueous leaving stage 1 are the cascade's outlets: no draw there. */
    @Test
    void drawsAtTheCascadesOwnOutletsAreRefused() {
        var eq = new ConstantSeparationFactors(2.0, 1.0);
        var feeds = List.of(StageFeed.ofMetal(10, FeedPhase.AQUEOUS, new double[] {0.5, 0.5}));
        assertThatThrownBy(() -> CascadeNetwork.cmer(eq, 20, 1.5, 1.0, feeds,
                List.of(new SideDraw(5, FeedPhase.AQUEOUS, 0.1), new SideDraw(20, FeedPhase.ORGANIC, 0.1))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("sideDraws[1].stage = 20 is not allowed: a stage from 1 to 19 for an organic draw");
        assertThatThrownBy(() -> CascadeNetwork.cmer(eq, 20, 1.5, 1.0, feeds,
                List.of(new SideDraw(1, FeedPhase.AQUEOUS, 0.1))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("sideDraws[0].stage = 1 is not allowed: a stage from 2 to 20 for an aqueous draw");
    }
}
