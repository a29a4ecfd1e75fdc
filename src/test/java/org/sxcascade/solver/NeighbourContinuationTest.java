package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFlows;

/**
 * The last resort of the mass-action solve: a neighbouring cascade (another reflux, more or less
 * organic) solved directly, and its branch of steady states followed to the cascade asked for by
 * pseudo-arclength continuation. The cases are the convergence survey's that failed before it
 * (knife-edge refluxes with long pinched scrub sections; for 1062 the branch from a neighbour runs
 * at one reflux while a front walks along its pinch; 533, an organic loaded to 94 % of its capacity,
 * within the default 10 000 iterations since its shortened copies leave the continuation half) and the bundled 300-stage case just below its
 * reflux, where the branch from below ends at a fold.
 */
class NeighbourContinuationTest {

    @Test
    void aNetworkAtAnotherRefluxCarriesTheDifferenceOnEveryStageBelowTheSplit() {
        MassActionCase c = RandomMassActionCases.caseFor(355).massAction();
        CascadeNetwork net = CascadeNetwork.massAction(c);
        int s = net.refluxStage();
        assertThat(s).isEqualTo(c.cascade().extractionStages() + c.cascade().scrubStages() + 1);
        assertThat(net.reflux()).isCloseTo(c.flows().reflux(), within(1e-15));
        double r = 0.5;
        CascadeNetwork other = net.withReflux(r);
        assertThat(other.reflux()).isCloseTo(r, within(1e-15));
        assertThat(other.refluxStage()).isEqualTo(s);
        // the same network as the case at that reflux, built from the plant flows
        MassActionFlows f = c.flows();
        CascadeNetwork built = CascadeNetwork.massAction(c.withFlows(new MassActionFlows(f.organicFlow(),
                f.saponification(), f.scrubFlow(), f.scrubAcidity(), f.stripFlow(), f.stripAcidity(), r)));
        for (int k = 1; k <= net.stages(); k++) {
            assertThat(other.aqueousFlow(k)).isCloseTo(built.aqueousFlow(k), within(1e-12 * built.aqueousFlow(k)));
            assertThat(other.aqueousDraw(k)).isCloseTo(built.aqueousDraw(k), within(1e-15));
            assertThat(other.organicFlow(k)).isEqualTo(net.organicFlow(k));
        }
        // and back: this network itself
        CascadeNetwork back = other.withReflux(net.reflux());
        for (int k = 1; k <= net.stages(); k++) {
            assertThat(back.aqueousFlow(k)).isCloseTo(net.aqueousFlow(k), within(1e-12 * net.aqueousFlow(k)));
        }
    }

    @Test
    void aNetworkWithMoreOrganicIsTheCaseWithMoreOrganic() {
        MassActionCase c = RandomMassActionCases.caseFor(533).massAction();
        CascadeNetwork net = CascadeNetwork.massAction(c);
        MassActionFlows f = c.flows();
        CascadeNetwork built = CascadeNetwork.massAction(c.withFlows(new MassActionFlows(1.1 * f.organicFlow(),
                f.saponification(), f.scrubFlow(), f.scrubAcidity(), f.stripFlow(), f.stripAcidity(), f.reflux())));
        CascadeNetwork scaled = net.withOrganicScaled(1.1);
        for (int k = 1; k <= net.stages(); k++) {
            assertThat(scaled.organicFlow(k)).isCloseTo(built.organicFlow(k), within(1e-12 * built.organicFlow(k)));
            assertThat(scaled.aqueousFlow(k)).isEqualTo(built.aqueousFlow(k));
            for (int j = 0; j < net.components(); j++) {
                assertThat(scaled.feed(k, j)).isCloseTo(built.feed(k, j), within(1e-12 * Math.max(1, built.feed(k, j))));
                assertThat(scaled.organicFeed(k, j)).isCloseTo(built.organicFeed(k, j),
                        within(1e-12 * Math.max(1, built.organicFeed(k, j))));
            }
        }
    }

    /** Survey seeds that failed before the continuation from neighbours, now solved and closed. */
    @ParameterizedTest
    @ValueSource(longs = {355, 533, 1062, 1808, 1839})
    void knifeEdgeRefluxCasesConverge(long seed) {
        MassActionCase c = RandomMassActionCases.caseFor(seed).massAction();
        CascadeNetwork net = CascadeNetwork.massAction(c);
        SteadyState st = new NewtonCascadeSolver().solve(net, c.solver());
        assertThat(st.residual()).isLessThanOrEqualTo(c.solver().tolerance());
        assertThat(st.massBalanceError()).isLessThan(1e-10);
        assertThat(StageBalances.maxRelativeImbalance(net, st.lnAqueous(), st.lnOrganic(), new int[2]))
                .isLessThan(1e-10);
    }

    @Test
    void theThreeHundredStageCaseJustBelowItsRefluxConverges(@TempDir Path dir) throws Exception {
        // 0.83296 instead of the bundled 0.83297: the solve from a shortened copy fails there, and
        // the reflux continuation from below ends at a fold near 0.772
        String text = Files.readString(Path.of("cases/pr-nd-mass-action-300.yaml"));
        assertThat(text).contains("reflux: 0.83297");
        Path file = dir.resolve("case.yaml");
        Files.writeString(file, text.replace("reflux: 0.83297", "reflux: 0.83296"));
        MassActionCase c = new CaseReader().readMassAction(file);
        CascadeNetwork net = CascadeNetwork.massAction(c);
        SteadyState st = new NewtonCascadeSolver().solve(net, c.solver());
        assertThat(st.residual()).isLessThanOrEqualTo(c.solver().tolerance());
        assertThat(st.massBalanceError()).isLessThan(1e-10);
        // still the knife edge of the bundled case: the strip liquor is Nd to 99.99 %
        int strip = c.cascade().extractionStages() + c.cascade().scrubStages() + 1;
        double pr = st.aqueousFlow(strip, 0);
        double nd = st.aqueousFlow(strip, 1);
        assertThat(nd / (pr + nd)).isGreaterThan(0.9999);
    }
}
