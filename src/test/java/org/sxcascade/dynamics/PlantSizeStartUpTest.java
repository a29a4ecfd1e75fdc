package org.sxcascade.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sxcascade.io.CaseReader;

/**
 * Issue 19's plant-size start-up: the bundled 300-stage mass-action cascade
 * ({@code cases/pr-nd-mass-action-300.yaml}, 140 + 152 + 8 stages, 99.99 % both ways) started
 * from blank reaches its targets and then the steady state of {@code simulate}: every product flow
 * equal to it to 1e-8 of the product, conservation to 1e-10. Its slowest mode is extreme (the
 * split is balanced to about 1e-5 of the reflux), so the run goes to 1e11 h in about 1 400 implicit
 * steps after the explicit fill.
 */
class PlantSizeStartUpTest {
    @Test
    void theThreeHundredStageStartUpEndsInTheSteadyStateOfSimulate() {
        TransientCase tc = new CaseReader().readForTransient(Path.of("cases/pr-nd-mass-action-300.yaml"));
        TransientResult r = TransientSolver.forMethod(tc.settings().method()).run(tc);
        assertThat(r.integrator()).contains("Rosenbrock");
        assertThat(r.targets()).allMatch(TargetTime::reached);
        for (TargetTime t : r.targets()) {
            // the targets after about 147 (Pr) and 157 (Nd) days, as docs/mass-action.md quotes them
            double days = t.purityOf().get(0).equals("Nd") ? 156.98 : 146.97;
            assertThat(t.hours() / 24).as(t.product()).isCloseTo(days, within(0.05));
        }
        assertThat(r.hoursToSteadyState()).isNotNull();
        TransientStageOptionsTest.assertEndIsSimulate(r, 1e-8);
    }
}
