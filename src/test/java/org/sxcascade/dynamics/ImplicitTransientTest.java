package org.sxcascade.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.MassActionCase;

/**
 * The implicit integrator (issue 19, item 1): Dormand–Prince for the fill, then the L-stable
 * Rosenbrock-W method ROS34PW2 on the block-tridiagonal Jacobian ({@code method: auto}, and
 * {@code implicit} for ROS34PW2 throughout), takes cascades to their steady state
 * over long horizons in few steps, ending in the steady state of {@code simulate}, every component
 * conserved.
 */
class ImplicitTransientTest {
    @org.junit.jupiter.api.io.TempDir
    static Path dir;

    private static TransientCase read(String yaml) throws Exception {
        Path file = java.nio.file.Files.createTempFile(dir, "case", ".yaml");
        java.nio.file.Files.writeString(file, yaml);
        return new CaseReader().readForTransient(file);
    }

    private static TransientResult run(TransientCase tc) {
        return TransientSolver.forMethod(tc.settings().method()).run(tc);
    }

    @Test
    void theBundledMassActionStartUpReachesTheSteadyStateOfSimulate() {
        TransientCase tc = new CaseReader().readForTransient(Path.of("cases/pr-nd-mass-action.yaml"));
        assertThat(tc.settings().method()).isEqualTo(TransientSettings.Method.AUTO);
        TransientResult r = run(tc);
        assertThat(r.integrator()).contains("then Rosenbrock-W ROS34PW2");
        assertThat(r.hoursToSteadyState()).isNotNull();
        // ROS2 took 4 755 (docs/theory.md)
        assertThat(r.steps()).isLessThan(3_000);
        TransientStageOptionsTest.assertEndIsSimulate(r, 1e-8);
        assertThat(r.finalDistance()).isLessThan(1e-8);
    }

    @Test
    void the1974CascadeReachesItsSlowSteadyStateInFewSteps() throws Exception {
        // docs/tutorial-1974.md: the explicit method needs 667 059 steps for 20 000 days
        TransientCase tc = new CaseReader().readTransient(Path.of("cases/pr-nd-1974.yaml"));
        TransientSettings s = tc.settings().withTimes(20_000 * 24, 1000 * 24);
        TransientResult r = run(tc.withSettings(s));
        // the default: Dormand–Prince for the fill, ROS34PW2 once stiff (909 steps; with ROS2 25 927)
        assertThat(r.method()).isEqualTo("auto");
        assertThat(r.integrator()).contains("then Rosenbrock-W ROS34PW2");
        assertThat(r.steps()).isLessThan(2_000);
        TransientStageOptionsTest.assertEndIsSimulate(r, 1e-8);
        // the targets are still met after 4.05 and 5.48 days (docs/tutorial-1974.md), to the sampling of the explicit steps
        assertThat(r.targets()).allMatch(TargetTime::reached);
        assertThat(r.targets().get(0).hours() / 24).isBetween(4.0, 4.1);
        assertThat(r.targets().get(1).hours() / 24).isBetween(5.43, 5.53);
    }

    @Test
    void anEventUnderTheImplicitIntegratorEndsInTheNewSteadyState() throws Exception {
        TransientCase tc = read(MassActionTransientTest.CASE.replace("simulatedTime: 900 h", """
                simulatedTime: 20000 h
                  method: implicit
                  events:
                    - {at: 5000 h, feedFlow: 9.5, organicFlow: 225}"""));
        TransientResult r = run(tc);
        assertThat(r.integrator()).contains("Rosenbrock");
        TransientStageOptionsTest.assertEndIsSimulate(r, 1e-8);
    }

    @Test
    void eventsOnTheChemistryEndInTheSteadyStateOfTheChangedCase() throws Exception {
        // issue 19, item 5: saponification, acidities, strip flow and reflux as events
        TransientCase tc = read(MassActionTransientTest.CASE.replace("simulatedTime: 900 h", """
                simulatedTime: 30000 h
                  method: auto
                  events:
                    - {at: 5000 h, saponification: 0.41, stripAcidity: 5.5}
                    - {at: 12000 h, reflux: 0.835, stripFlow: 30}"""));
        TransientResult r = run(tc);
        MassActionCase last = MassActionTransientTest.caseAt(tc, 2);
        assertThat(last.flows().saponification()).isEqualTo(0.41);
        assertThat(last.flows().stripAcidity()).isEqualTo(5.5);
        assertThat(last.flows().reflux()).isEqualTo(0.835);
        assertThat(last.flows().stripFlow()).isEqualTo(30);
        assertThat(r.hoursToSteadyState()).isGreaterThan(12000);
        TransientStageOptionsTest.assertEndIsSimulate(r, 1e-8);
        assertThat(r.maxConservationError()).isLessThan(1e-10);
    }

    @Test
    void murphreeStagesFallBackOnTheExplicitMethod() throws Exception {
        TransientCase tc = read(TransientStageOptionsTest.FOUR_STAGE);
        TransientSettings s = tc.settings().withMethod(TransientSettings.Method.IMPLICIT);
        TransientResult r = run(tc.withSettings(s));
        assertThat(r.integrator()).isEqualTo(TransientSimulator.DORMAND_PRINCE);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("implicit integrator takes equilibrium stages"));
        TransientStageOptionsTest.assertEndIsSimulate(r, 1e-8);
    }
}
