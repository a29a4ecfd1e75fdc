package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionCaseView;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/** {@code model: mass-action} cases whose rare earths follow empirical correlations. */
class MassActionCorrelationCaseTest {
    private static final String MASS_ACTION = "cases/pr-nd-mass-action.yaml";
    private static final String CORRELATION = "cases/pr-nd-correlation.yaml";

    private static SteadyState solve(MassActionCase c) {
        return new NewtonCascadeSolver().solve(CascadeNetwork.massAction(c), c.solver());
    }

    /**
     * The mass-action case with each exchangeConstant K replaced by the correlation
     * {pHSlope: 3, dimerSlope: 3, intercept: log10 K}: every stage's flows agree to 1e-12 (relative
     * to each component's largest flow).
     */
    @Test
    void slopesOfThreeReproduceTheMassActionCase() throws Exception {
        String base = Files.readString(Path.of(MASS_ACTION));
        String corr = base
                .replace("exchangeConstant: 0.02 ", "correlation: {pHSlope: 3, dimerSlope: 3, intercept: "
                        + Math.log10(0.02) + "} ")
                .replace("exchangeConstant: 0.03", "correlation: {pHSlope: 3, dimerSlope: 3, intercept: "
                        + Math.log10(0.03) + "}");
        assertThat(corr).doesNotContain("exchangeConstant");
        CaseReader reader = new CaseReader();
        MassActionCase ma = reader.massActionFromTree(reader.parseTree(base));
        MassActionCase co = reader.massActionFromTree(reader.parseTree(corr));
        SteadyState a = solve(ma);
        SteadyState b = solve(co);
        int stages = ma.totalStages();
        for (int j = 0; j < 4; j++) {
            double scale = 0;
            for (int k = 1; k <= stages; k++) {
                scale = Math.max(scale, Math.max(a.aqueousFlow(k, j), a.organicFlow(k, j)));
            }
            for (int k = 1; k <= stages; k++) {
                assertThat(b.aqueousFlow(k, j)).as("aqueous " + j + " stage " + k)
                        .isCloseTo(a.aqueousFlow(k, j), within(1e-12 * scale));
                assertThat(b.organicFlow(k, j)).as("organic " + j + " stage " + k)
                        .isCloseTo(a.organicFlow(k, j), within(1e-12 * scale));
            }
        }
        SimulationReport ra = new SimulationReport(ma, CascadeNetwork.massAction(ma), a);
        SimulationReport rb = new SimulationReport(co, CascadeNetwork.massAction(co), b);
        assertThat(MassActionCaseView.of(rb.view()).stages().get(0).pH()).isCloseTo(MassActionCaseView.of(ra.view()).stages().get(0).pH(), within(1e-12));
    }

    /** The bundled correlation case: every balance closes to 1e-10 and both 99.9 % targets are met. */
    @Test
    void bundledCaseClosesItsBalancesAndMeetsItsTargets() {
        MassActionCase c = new CaseReader().readMassAction(Path.of(CORRELATION));
        assertThat(c.equilibrium().hasEqualSlopes()).isFalse();
        CascadeNetwork net = CascadeNetwork.massAction(c);
        SteadyState s = new NewtonCascadeSolver().solve(net, c.solver());
        SimulationReport r = MassActionCaseTest.closesEveryBalanceAndMeetsTheTargets(c, net, s);
        // on every stage D = 10^(a pH + b log10 e + c) with the stage's own pH and free dimer
        var eq = c.equilibrium();
        for (MassActionCaseView.StageRow row : MassActionCaseView.of(r.view()).stages()) {
            int k = row.stage();
            for (int j = 0; j < 2; j++) {
                double d = (s.organicFlow(k, j) / c.flows().organicFlow())
                        / (s.aqueousFlow(k, j) / net.aqueousFlow(k));
                double law = eq.distributionRatio(j, row.pH(), row.freeExtractant());
                assertThat(d).as("stage " + k + " RE " + j).isCloseTo(law, within(1e-9 * law));
            }
        }
    }

    @Test
    void simulateAndDesignTakeCorrelations() throws Exception {
        CliHarness t = CliHarness.run("simulate", CORRELATION);
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("log₁₀ D = a·pH + b·log₁₀[(HA)₂] + c: Pr a 2.8 b 2.6 c -1.75; Nd a 2.9 b 2.7 c -1.55")
                .doesNotContain("MISSED");
        CliHarness d = CliHarness.run("design", CORRELATION, "--json");
        assertThat(d.exitCode()).as(d.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(d.out());
        assertThat(root.get("met").asBoolean()).isTrue();
        // β taken where the design loading (0.72 C/3 = 0.18 mol/L) meets the feed (1 mol/L):
        // free dimer C − 3Y = 0.21 mol/L, and Σ z_j D_j = 0.18 there
        JsonNode ref = root.get("betaReference");
        double pH = ref.get("pH").asDouble();
        double e = ref.get("freeDimer").asDouble();
        assertThat(e).isCloseTo(0.75 - 3 * 0.18, within(1e-12));
        double mean = 0.25 * Math.pow(10, 2.8 * pH + 2.6 * Math.log10(e) - 1.75)
                + 0.75 * Math.pow(10, 2.9 * pH + 2.7 * Math.log10(e) - 1.55);
        assertThat(mean).isCloseTo(0.18, within(1e-10));
        CliHarness text = CliHarness.run("design", CORRELATION);
        assertThat(text.out()).contains("β = D_Nd/D_Pr = ").contains("the correlation slopes differ");
    }

    @Test
    void badCorrelationsAreErrorsNamingFieldValueAndRange(@TempDir Path dir) throws Exception {
        String base = Files.readString(Path.of(CORRELATION));
        Path f = dir.resolve("bad.yaml");
        String[][] cases = {
            {"dimerSlope: 2.6", "dimerSlope: 0", "components[0].correlation.dimerSlope = 0", "above 0 and at most 6"},
            {"dimerSlope: 2.6", "dimerSlope: 7", "components[0].correlation.dimerSlope = 7", "at most 6"},
            {"pHSlope: 2.8", "pHSlope: 5.2", "components[0].correlation.pHSlope = 5.2", "below 2b = 5.2"},
            {"pHSlope: 2.8", "pHSlope: -1", "components[0].correlation.pHSlope = -1", "above 0"},
            {"pHSlope: 2.8", "pHSlope: steep", "components[0].correlation.pHSlope", "a number"},
            {"intercept: -1.75", "intercept: 400", "components[0].correlation.intercept = 400", "from -300 to 300"},
            {"intercept: -1.75", "intercpt: -1.75", "intercpt", "intercept"},
            {"      intercept: -1.75             # c: log10 D at pH 0 and 1 mol/L free dimer\n", "",
                "components[0].correlation.intercept is missing", "a number"},
            {"  - name: Nd\n", "  - name: Nd\n    exchangeConstant: 0.03\n", "components[1].correlation",
                "either exchangeConstant (mass action) or correlation, not both"},
            {"    correlation: {pHSlope: 2.9, dimerSlope: 2.7, intercept: -1.55}\n", "",
                "components[1].exchangeConstant is missing", "or a correlation {pHSlope, dimerSlope, intercept}"},
            {"    correlation: {pHSlope: 2.9, dimerSlope: 2.7, intercept: -1.55}\n", "    correlation: 3\n",
                "components[1].correlation", "a mapping"},
            {"  strip: {purity: 0.999, components: [Nd]}", "  strip: {purity: 0.999}",
                "targets.strip.components is missing", "correlation slopes differ"},
        };
        for (String[] c : cases) {
            assertThat(base).contains(c[0]);
            Files.writeString(f, base.replace(c[0], c[1]));
            CliHarness r = CliHarness.run("simulate", f.toString());
            assertThat(r.exitCode()).as(c[1] + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(c[1]).contains(c[2]).contains(c[3]);
        }
    }
}
