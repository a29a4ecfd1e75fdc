package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.SolverSettings;

/**
 * {@link TwoPhaseNewtonSolver#stretched}: the steady state of one stage count as the start of
 * another (the stage search of {@code optimize}).
 */
class StretchedStartTest {
    private static MassActionCase bundled() {
        return new CaseReader().readMassAction(Path.of("cases/pr-nd-mass-action.yaml"));
    }

    @Test
    void stretchingToTheSameNetworkIsTheIdentity() {
        MassActionCase c = bundled();
        CascadeNetwork net = CascadeNetwork.massAction(c);
        SteadyState s = new TwoPhaseNewtonSolver().solve(net, c.solver());
        SteadyState same = TwoPhaseNewtonSolver.stretched(net, net, s);
        assertThat(same.lnAqueous()).containsExactly(s.lnAqueous());
        assertThat(same.lnOrganic()).containsExactly(s.lnOrganic());
    }

    /**
     * The 35 + 40 + 8 state stretched to 38 + 37 + 9 stages: its end stages keep the outlet flows,
     * and Newton from it reaches the cold solve's steady state of the other count.
     */
    @Test
    void aStretchedStateStartsNewtonOnAnotherStageCount() {
        MassActionCase c = bundled();
        CascadeNetwork from = CascadeNetwork.massAction(c);
        SteadyState s = new TwoPhaseNewtonSolver().solve(from, c.solver());
        MassActionCase other = c.withStages(new Cascade(38, 37), 9);
        CascadeNetwork to = CascadeNetwork.massAction(other);
        SteadyState start = TwoPhaseNewtonSolver.stretched(to, from, s);
        assertThat(start).isNotNull();
        assertThat(start.stages()).isEqualTo(84);
        for (int j = 0; j < s.components(); j++) {
            assertThat(start.lnAqueousFlow(1, j)).isEqualTo(s.lnAqueousFlow(1, j));
            assertThat(start.lnOrganicFlow(84, j)).isEqualTo(s.lnOrganicFlow(83, j));
        }
        SteadyState warm = new TwoPhaseNewtonSolver().solveFrom(to, other.solver(), start);
        SteadyState cold = new TwoPhaseNewtonSolver().solve(to, other.solver());
        assertThat(warm.massBalanceError()).isLessThan(1e-10);
        for (int k = 1; k <= 84; k++) {
            for (int j = 0; j < 2; j++) {
                assertThat(warm.lnAqueousFlow(k, j)).isCloseTo(cold.lnAqueousFlow(k, j), within(1e-6));
            }
        }
    }

    @Test
    void networksWhoseRunsDoNotCorrespondGiveNoStart() {
        MassActionCase c = bundled();
        CascadeNetwork from = CascadeNetwork.massAction(c);
        SteadyState s = new TwoPhaseNewtonSolver().solve(from, SolverSettings.defaults());
        // two scrub stages: the scrub section has no run of repeated stages
        CascadeNetwork to = CascadeNetwork.massAction(c.withStages(new Cascade(35, 2), 8));
        assertThat(TwoPhaseNewtonSolver.stretched(to, from, s)).isNull();
    }
}
