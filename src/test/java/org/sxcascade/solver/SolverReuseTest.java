package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.SolverSettings;

/**
 * A reused solver answers as a fresh one, also when it stops at its iteration limit: sweeps reuse
 * one solver per thread, and their rows must not depend on what the solver solved before.
 */
class SolverReuseTest {
    @Test
    void theIterationLimitReportDoesNotDependOnThePreviousSolve() {
        SolverSettings one = new SolverSettings(SolverSettings.Method.NEWTON, 1e-12, 1);
        CascadeNetwork small = CascadeNetwork.of(Cases.zhang(FeedPhase.AQUEOUS, 24, 21));
        CascadeNetwork large = CascadeNetwork.of(Cases.cmer(new double[] {2, 1}, new double[] {0.3, 0.7},
                FeedPhase.AQUEOUS, 60, 60, Cases.ZHANG_S, Cases.ZHANG_W));
        NoConvergenceException fresh = catchThrowableOfType(NoConvergenceException.class,
                () -> new NewtonCascadeSolver().solve(small, one));
        NewtonCascadeSolver reused = new NewtonCascadeSolver();
        reused.solve(large, SolverSettings.defaults());
        NoConvergenceException after = catchThrowableOfType(NoConvergenceException.class,
                () -> reused.solve(small, one));
        assertThat(after.getMessage()).isEqualTo(fresh.getMessage());
        assertThat(after.residual()).isEqualTo(fresh.residual());
        // and a converged solve after that is the fresh one's
        SteadyState a = reused.solve(small, SolverSettings.defaults());
        SteadyState b = new NewtonCascadeSolver().solve(small, SolverSettings.defaults());
        assertThat(a.lnAqueous()).containsExactly(b.lnAqueous());
        assertThat(a.iterations()).isEqualTo(b.iterations());
    }

    /**
     * A stall (a tolerance below the rounding level) or a spent work budget in one solve must not
     * stop the next: a long mass-action network skips the Picard start and goes straight to the
     * continuation, which a stale "stalled" flag skipped, failing "after 0 iterations". And a warm
     * start on a fresh solver has its whole work budget.
     */
    @Test
    void aStallOrAWarmStartDoesNotCarryOverToTheNextSolve() {
        CascadeNetwork longer = CascadeNetwork.massAction(RandomMassActionCases.caseFor(5).massAction());
        assertThat(longer.stages()).isGreaterThan(50);
        SteadyState fresh = new TwoPhaseNewtonSolver().solve(longer, SolverSettings.defaults());
        TwoPhaseNewtonSolver reused = new TwoPhaseNewtonSolver();
        CascadeNetwork stalling = CascadeNetwork.massAction(RandomMassActionCases.caseFor(28).massAction());
        NoConvergenceException stall = catchThrowableOfType(NoConvergenceException.class,
                () -> reused.solve(stalling, new SolverSettings(SolverSettings.Method.NEWTON, 1e-14, 100_000)));
        assertThat(stall.getMessage()).contains("stalled");
        SteadyState after = reused.solve(longer, SolverSettings.defaults());
        assertThat(after.lnAqueous()).containsExactly(fresh.lnAqueous());
        assertThat(after.iterations()).isEqualTo(fresh.iterations());
        // a warm start from the solution, on a solver that never solved: converges at once
        SteadyState warm = new TwoPhaseNewtonSolver().solveFrom(longer, SolverSettings.defaults(), fresh);
        assertThat(warm.iterations()).isLessThanOrEqualTo(2);
        assertThat(warm.massBalanceError()).isLessThan(1e-10);
    }
}
