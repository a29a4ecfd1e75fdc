package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.MassActionCase;

/**
 * Long mass-action cascades and failures that must come quickly with their reason.
 *
 * <p>The bundled Pr/Nd case with 200 extraction stages (248 in all) used to end at the iteration
 * limit: the row start judged its balances relative to flows that underflow to 0 in linear
 * arithmetic (the cation at the top of the battery), so it never stopped. A tolerance below the
 * rounding level of the balances used to run for minutes; it now stops as stalled.
 */
class MassActionLongCascadeTest {

    private static MassActionCase bundled(Path dir, String from, String to) throws Exception {
        String text = Files.readString(Path.of("cases/pr-nd-mass-action.yaml"));
        assertThat(text).contains(from);
        Path file = dir.resolve("case.yaml");
        Files.writeString(file, text.replace(from, to));
        return new CaseReader().readMassAction(file);
    }

    @Test
    void twoHundredExtractionStagesConvergeAndClose(@TempDir Path dir) throws Exception {
        MassActionCase c = bundled(dir, "extractionStages: 35", "extractionStages: 200");
        CascadeNetwork net = CascadeNetwork.massAction(c);
        SteadyState st = new NewtonCascadeSolver().solve(net, c.solver());
        assertThat(st.stages()).isEqualTo(248);
        assertThat(st.residual()).isLessThanOrEqualTo(c.solver().tolerance());
        assertThat(st.massBalanceError()).isLessThan(1e-10);
        // more extraction stages leave less Nd in the raffinate than the 35 of the bundled case
        // (5.0e-6 of its RE): the raffinate is Pr to 1e-12
        double pr = st.aqueousFlow(1, 0);
        double nd = st.aqueousFlow(1, 1);
        assertThat(nd / (pr + nd)).isLessThan(1e-12);
    }

    @Test
    void aToleranceBelowRoundingStopsAsStalledWithinAFewHundredNewtonSteps(@TempDir Path dir) throws Exception {
        MassActionCase c = bundled(dir, "reflux: 0.8329 ", "reflux: 0.8329\nsolver: {tolerance: 1.0e-14}\n#");
        assertThat(c.solver().tolerance()).isEqualTo(1e-14);
        CascadeNetwork net = CascadeNetwork.massAction(c);
        assertThatThrownBy(() -> new NewtonCascadeSolver().solve(net, c.solver()))
                .isInstanceOfSatisfying(NoConvergenceException.class, e -> {
                    assertThat(e.getMessage()).contains("stalled").contains("rounding level");
                    assertThat(e.limitReached()).isFalse();
                    assertThat(e.residual()).isLessThan(1e-12);
                });
    }

    @Test
    void stageDiagnosisNamesUsedUpAcidAndFullExtractant() {
        MassActionEquilibrium eq = new MassActionEquilibrium(new double[] {0.02, 0.03}, 0.001, 0.75, 10);
        double aqueousFlow = 10;
        double organicFlow = 20;
        // an ordinary aqueous: 0.5 mol/L RE, 0.1 mol/L H+
        double[] ln = lnAqueous(eq, aqueousFlow, 0.25, 0.25, 0, 0.1);
        assertThat(eq.stageDiagnosis(organicFlow, aqueousFlow, ln, 0)).isNull();
        // no acid left: pH 9
        ln = lnAqueous(eq, aqueousFlow, 0.25, 0.25, 0, 1e-9);
        assertThat(eq.stageDiagnosis(organicFlow, aqueousFlow, ln, 0)).contains("acid used up").contains("pH 9.0");
        // so much RE at so little acid that the extractant in equilibrium is full
        ln = lnAqueous(eq, aqueousFlow, 2, 2, 0, 1e-6);
        assertThat(eq.stageDiagnosis(organicFlow, aqueousFlow, ln, 0)).contains("extractant full");
    }

    private static double[] lnAqueous(MassActionEquilibrium eq, double flow, double pr, double nd, double na,
                                      double h) {
        double[] s = eq.aqueousStream(flow, new double[] {pr, nd}, na, h);
        double[] ln = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            ln[i] = Math.log(s[i]);
        }
        return ln;
    }
}
