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
import org.sxcascade.report.MassActionReport;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/** {@code model: mass-action} cases: extraction, scrub and strip sections with RE reflux. */
class MassActionCaseTest {
    private static final String CASE = "cases/pr-nd-mass-action.yaml";

    /**
     * The bundled case converges; every stage's component balances (RE, Na, H⁺) close to 1e-10 and
     * the extractant balance C = e + 3Σy + ½y_Na holds on every stage; the whole cascade closes;
     * both products meet 99.9 %.
     */
    @Test
    void prNdWithStripAndRefluxClosesEveryBalance() {
        MassActionCase c = new CaseReader().readMassAction(Path.of(CASE));
        CascadeNetwork net = CascadeNetwork.massAction(c);
        SteadyState s = new NewtonCascadeSolver().solve(net, c.solver());
        MassActionReport r = new MassActionReport(c, net, s);
        assertThat(s.residual()).isLessThanOrEqualTo(1e-12);
        assertThat(r.hydrogenBalance()).isLessThan(1e-10);
        assertThat(r.cationBalance()).isLessThan(1e-10);
        assertThat(r.extractantBalance()).isLessThan(1e-10);
        assertThat(s.massBalanceError()).isLessThan(1e-10);
        assertThat(r.targetsMet()).isTrue();
        // the physics of the flowsheet: the aqueous is most acidic in the strip section, the
        // saponified organic gives up its Na in the first extraction stages, loading is below 1
        var stages = r.stages();
        assertThat(stages.get(stages.size() - 1).pH()).isLessThan(stages.get(0).pH());
        assertThat(stages.get(0).saponification()).isLessThan(c.flows().saponification());
        assertThat(stages).allMatch(x -> x.loading() > 0 && x.loading() < 1);
        // RE leave in the raffinate, the strip liquor not refluxed and the stripped organic only
        for (int j = 0; j < 2; j++) {
            double out = s.aqueousFlow(1, j) + (1 - c.flows().reflux()) * s.aqueousFlow(76, j)
                    + s.organicFlow(83, j);
            assertThat(out).isCloseTo(net.totalFeed(j), within(1e-12));
        }
    }

    @Test
    void simulatePrintsPlantUnitsAndJson() throws Exception {
        CliHarness t = CliHarness.run("simulate", CASE, "--profile");
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("strip liquor").contains("pH").contains("loading").contains("mol/L")
                .contains("L/h").contains("met");
        CliHarness j = CliHarness.run("simulate", CASE, "--json");
        assertThat(j.exitCode()).isZero();
        JsonNode root = new ObjectMapper().readTree(j.out());
        assertThat(root.get("model").asText()).isEqualTo("mass-action");
        assertThat(root.get("hydrogenBalance").asDouble()).isLessThan(1e-10);
        assertThat(root.get("profile")).hasSize(83);
        assertThat(root.get("products").get(1).get("purity").asDouble()).isGreaterThan(0.999);
    }

    @Test
    void badMassActionInputIsNamed(@TempDir Path dir) throws Exception {
        String base = Files.readString(Path.of(CASE));
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, base.replace("reflux: 0.8329", "reflux: 1.2"));
        CliHarness r = CliHarness.run("simulate", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("flows.reflux").contains("1.2");
        Files.writeString(f, base.replace("saponification: 0.40", "saponifcation: 0.40"));
        r = CliHarness.run("simulate", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("saponifcation");
        Files.writeString(f, base.replace("exchangeConstant: 0.03", "exchangeConstant: -1"));
        r = CliHarness.run("simulate", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("components[1].exchangeConstant");
        Files.writeString(f, base.replace("extractionStages: 35", "extractionStages: 3.5"));
        r = CliHarness.run("simulate", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: cascade.extractionStages = 3.5");
        for (String command : new String[] {"design", "optimize", "report", "transient"}) {
            r = command.equals("report") ? CliHarness.run(command, CASE, "-o", dir.resolve("r.html").toString())
                    : CliHarness.run(command, CASE);
            assertThat(r.exitCode()).as(command).isEqualTo(2);
            assertThat(r.err()).as(command).contains("mass-action");
        }
        assertThat(dir.resolve("r.html")).doesNotExist();
        r = CliHarness.run("simulate", CASE, "--csv", dir.resolve("p.csv").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(dir.resolve("p.csv")).doesNotExist();
    }
}
