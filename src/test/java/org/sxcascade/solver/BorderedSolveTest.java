package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFlows;

/**
 * {@link TwoPhaseNewtonSolver#solveBordered}: the steady state and a network parameter together,
 * fixed by a condition on the state. The reference is a plain solve at a known parameter: the
 * bordered solve, asked for that solve's raffinate impurity from a start at another reflux, must
 * return that reflux and that steady state.
 */
class BorderedSolveTest {
    private static final int PR = 0;
    private static final int ND = 1;

    private static MassActionCase bundled() {
        return new CaseReader().readMassAction(Path.of("cases/pr-nd-mass-action.yaml"));
    }

    private static MassActionCase withReflux(MassActionCase c, double reflux) {
        MassActionFlows f = c.flows();
        return c.withFlows(new MassActionFlows(f.organicFlow(), f.saponification(), f.scrubFlow(), f.scrubAcidity(),
                f.stripFlow(), f.stripAcidity(), reflux));
    }

    /** ln of the raffinate's Nd fraction among the rare earths (stage 1, aqueous). */
    private static double lnRaffinateNd(double[] lnAq, int components) {
        return lnAq[ND] - LogSum.of(lnAq[PR], lnAq[ND]);
    }

    @Test
    void findsTheRefluxThatGivesAPlainSolvesPurityAndItsSteadyState() {
        MassActionCase c = bundled();
        double known = 0.8329;
        TwoPhaseNewtonSolver solver = new TwoPhaseNewtonSolver();
        SteadyState reference = solver.solve(CascadeNetwork.massAction(withReflux(c, known)), c.solver());
        double target = lnRaffinateNd(reference.lnAqueous(), reference.components());
        // start at a reflux 2e-4 higher: there the raffinate carries markedly more Nd
        SteadyState start = solver.solve(CascadeNetwork.massAction(withReflux(c, known + 2e-4)), c.solver());
        assertThat(Math.abs(lnRaffinateNd(start.lnAqueous(), start.components()) - target)).isGreaterThan(0.1);

        DoubleFunction<CascadeNetwork> family = r -> CascadeNetwork.massAction(withReflux(c, r));
        TwoPhaseNewtonSolver.Bordered b = solver.solveBordered(family, known + 2e-4, 0, 0.999,
                (lnAq, lnOrg, r) -> lnRaffinateNd(lnAq, reference.components()) - target, 1e-10, c.solver(), start);

        assertThat(b.parameter()).isCloseTo(known, within(1e-9));
        SteadyState s = b.state();
        assertThat(s.residual()).isLessThanOrEqualTo(c.solver().tolerance());
        assertThat(s.massBalanceError()).isLessThan(1e-10);
        assertThat(s.iterations()).isLessThan(20);
        for (int k = 1; k <= s.stages(); k++) {
            for (int j = 0; j < 2; j++) {
                // trace flows are judged relatively: every flow agrees to 1e-6 of itself
                assertThat(s.lnAqueousFlow(k, j)).isCloseTo(reference.lnAqueousFlow(k, j), within(1e-6));
                assertThat(s.lnOrganicFlow(k, j)).isCloseTo(reference.lnOrganicFlow(k, j), within(1e-6));
            }
        }
    }

    @Test
    void refusesAConditionThatNeedsAParameterOutsideItsBounds() {
        MassActionCase c = bundled();
        TwoPhaseNewtonSolver solver = new TwoPhaseNewtonSolver();
        SteadyState start = solver.solve(CascadeNetwork.massAction(withReflux(c, 0.8329)), c.solver());
        double here = lnRaffinateNd(start.lnAqueous(), start.components());
        DoubleFunction<CascadeNetwork> family = r -> CascadeNetwork.massAction(withReflux(c, r));
        // a purer raffinate needs a higher reflux; the bound forbids any change
        assertThatThrownBy(() -> solver.solveBordered(family, 0.8329, 0.8, 0.8329,
                (lnAq, lnOrg, r) -> lnRaffinateNd(lnAq, start.components()) - (here - 2), 1e-10, c.solver(), start))
                .isInstanceOf(NoConvergenceException.class).hasMessageContaining("bordered solve");
    }
}
