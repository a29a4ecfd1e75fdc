package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.SolverSettings;

/**
 * Xu's rows with Murphree stages (organic phase, y_k = y_in + E (y*_k − y_in)) reach the steady
 * state Newton reaches, on every model: the four-stage textbook case (docs/theory.md, "Reference numbers the tests reproduce"; linear, E =
 * 0.80), the Zhang CMER binary and the Pr/Nd mass-action case (shortened), both with E = 0.8 on every stage.
 */
class MurphreeRowsTest {

    @Test
    void fourStageTextbookCase() {
        CascadeNetwork net = CascadeNetwork.of(new CaseReader().read(Path.of("cases/murphree-four-stage.yaml")));
        assertThat(net.efficiency(1)).isEqualTo(0.8);
        SteadyState rows = assertSameSteadyState(net);
        // docs/theory.md, "Reference numbers the tests reproduce": recovery to the extract of A 0.8950, of B 0.4654 (feed 0.5 each)
        assertThat(rows.organicFlow(4, 0) / 0.5).isBetween(0.89495, 0.89505);
        assertThat(rows.organicFlow(4, 1) / 0.5).isBetween(0.46535, 0.46545);
    }

    @Test
    void cmerBinary() {
        double[] e = new double[45];
        Arrays.fill(e, 0.8);
        assertSameSteadyState(CascadeNetwork.of(Cases.zhang(FeedPhase.AQUEOUS, 24, 21)).withEfficiency(e));
    }

    @Test
    void massAction(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("case.yaml");
        // the bundled Pr/Nd case shortened to 12 + 12 + 4 stages (the rows take minutes on 83)
        Files.writeString(f, Files.readString(Path.of("cases/pr-nd-mass-action.yaml"))
                .replace("extractionStages: 35", "extractionStages: 12").replace("scrubStages: 40", "scrubStages: 12")
                .replace("stripStages: 8", "stripStages: 4")
                + "\nefficiency: {extraction: 0.8, scrub: 0.8, strip: 0.8}\n");
        MassActionCase c = (MassActionCase) new CaseReader().readForSimulate(f);
        CascadeNetwork net = CascadeNetwork.massAction(c);
        assertThat(net.efficiency(20)).isEqualTo(0.8);
        assertSameSteadyState(net);
    }

    /** Newton to 1e-12, rows to 1e-13; every ln flow the same to 1e-8; returns the rows' state. */
    private static SteadyState assertSameSteadyState(CascadeNetwork net) {
        SteadyState newton = new NewtonCascadeSolver().solve(net, SolverSettings.defaults());
        // rows a decade tighter than Newton: their slow modes leave 100 times the stage imbalance
        // in the whole-cascade closure
        SteadyState rows = new RowIterationSolver().solve(net,
                new SolverSettings(SolverSettings.Method.ROWS, 1e-13, SolverSettings.DEFAULT_ROWS));
        assertThat(rows.residual()).isLessThanOrEqualTo(1e-13);
        assertThat(rows.massBalanceError()).isLessThan(1e-10);
        double worst = 0;
        for (int i = 0; i < rows.lnAqueous().length; i++) {
            if (rows.lnAqueous()[i] > Double.NEGATIVE_INFINITY || newton.lnAqueous()[i] > Double.NEGATIVE_INFINITY) {
                worst = Math.max(worst, Math.abs(rows.lnAqueous()[i] - newton.lnAqueous()[i]));
                worst = Math.max(worst, Math.abs(rows.lnOrganic()[i] - newton.lnOrganic()[i]));
            }
        }
        assertThat(worst).as("largest difference of ln flows, rows against Newton").isLessThan(1e-8);
        return rows;
    }
}
