package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.SolverSettings;

/**
 * The row iteration on a cascade whose traces fall far below double's range (docs/theory.md, "Why the numerics need care"): β = 20,
 * 300 + 300 stages, generous flows S = 1.2, W = 0.8 (f'_A = 0.4 of the 0.5 of A fed). The loaded
 * organic's B falls to about e^−780 (B in the organic at the scrub end). With the flows held as plain numbers the traces underflowed
 * through the subnormals to 0, and after 1 180 rows a stage whose contents had been 0 received
 * some again: "the stage contents left the range of numbers". Held as scaled numbers, the
 * rows converge and agree with Newton.
 */
class RowRangeTest {

    @Test
    void rowsConvergeWhereTracesAreFarBelowDoubleRange() {
        CascadeNetwork net = CascadeNetwork.of(
                Cases.cmer(new double[] {20, 1}, new double[] {0.5, 0.5}, FeedPhase.AQUEOUS, 300, 300, 1.2, 0.8));
        SteadyState newton = new NewtonCascadeSolver().solve(net, SolverSettings.defaults());
        // the case is what it claims: traces below the smallest double (ln 4.9e-324 = −744.4)
        assertThat(java.util.Arrays.stream(newton.lnOrganic()).min().getAsDouble()).isLessThan(-745);

        SteadyState rows = new RowIterationSolver().solve(net, SolverSettings.defaults(SolverSettings.Method.ROWS));

        assertThat(rows.method()).isEqualTo("rows");
        assertThat(rows.residual()).isLessThanOrEqualTo(SolverSettings.DEFAULT_TOLERANCE);
        assertAgree(rows, newton);
    }

    /** The row limit's message names the worst component as the case does. */
    @Test
    void rowLimitNamesTheComponent() {
        CascadeNetwork net = CascadeNetwork.of(Cases.zhang(FeedPhase.AQUEOUS, 24, 21));
        assertThatThrownBy(() -> new RowIterationSolver().solve(net,
                new SolverSettings(SolverSettings.Method.ROWS, SolverSettings.DEFAULT_TOLERANCE, 40)))
                .isInstanceOf(NoConvergenceException.class)
                .hasMessageMatching("rows did not converge: row limit reached after 40 iterations; .*"
                        + "\\(stage \\d+, component C[12]\\).*");
    }

    /** Closure, and every ln flow of the rows' steady state within 1e-9 of Newton's. */
    private static void assertAgree(SteadyState rows, SteadyState newton) {
        assertThat(rows.massBalanceError()).isLessThan(1e-10);
        double worst = 0;
        for (int i = 0; i < rows.lnAqueous().length; i++) {
            worst = Math.max(worst, Math.abs(rows.lnAqueous()[i] - newton.lnAqueous()[i]));
            worst = Math.max(worst, Math.abs(rows.lnOrganic()[i] - newton.lnOrganic()[i]));
        }
        assertThat(worst).as("largest difference of ln flows, rows against Newton").isLessThan(1e-9);
    }
}
