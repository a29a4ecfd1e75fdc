package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.design.FlowChoice;
import org.sxcascade.design.PlantFlowDesign;
import org.sxcascade.io.CaseReader;
import org.sxcascade.io.MassActionDesignInputs;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionCaseView;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/**
 * {@code design} on a mass-action case: the Pr/Nd problem of cases/pr-nd-mass-action.yaml (β = 1.5,
 * Nd 75 %, 99.9 % both), designed once with the default design settings.
 */
class MassActionDesignCommandTest {
    private static final String CASE = "cases/pr-nd-mass-action.yaml";
    private static MassActionDesignInputs in;
    private static PlantFlowDesign.Result r;

    @TempDir
    Path dir;

    @BeforeAll
    static void design() {
        in = (MassActionDesignInputs) new CaseReader().readForDesign(Path.of(CASE));
        r = new PlantFlowDesign().design(in.template(), in.settings(), FlowChoice.optimum(), 1000);
    }

    private static double purity(SimulationReport report, String product) {
        return report.products().stream().filter(p -> p.name().equals(product)).findFirst().orElseThrow().purity();
    }

    /**
     * Xu's stage counts at constant β (27 + 25) already meet both targets with mass action once the
     * reflux is balanced; the design's steady state closes every balance.
     */
    @Test
    void theDesignMeetsBothTargetsAtXusStageCounts() {
        MassActionCase c = r.designed();
        assertThat(r.met()).isTrue();
        assertThat(r.cmer().verified().extractionStages()).isEqualTo(27);
        assertThat(r.cmer().verified().scrubStages()).isEqualTo(25);
        assertThat(c.cascade().extractionStages()).isEqualTo(27);
        assertThat(c.cascade().scrubStages()).isEqualTo(25);
        assertThat(c.stripStages()).isEqualTo(8);
        assertThat(r.addedStages()).containsExactly(0, 0);
        assertThat(r.rounds()).hasSize(1);
        assertThat(r.purityA()).isGreaterThanOrEqualTo(0.999);
        assertThat(r.purityB()).isGreaterThanOrEqualTo(0.999);
        // balanced: both products beat their (equal) targets by the same logit margin
        double la = Math.log(r.purityA() / (1 - r.purityA()));
        double lb = Math.log(r.purityB() / (1 - r.purityB()));
        assertThat(la - lb).isCloseTo(0, within(1e-3));
        // plant flows from the defaults (loading 0.18 mol/L): 40.898 mol/h / 0.18 = 227.2 L/h
        assertThat(c.flows().organicFlow()).isEqualTo(227.2);
        assertThat(c.flows().saponification()).isEqualTo(0.405);
        assertThat(c.flows().stripFlow()).isEqualTo(27.97);
        assertThat(c.flows().scrubFlow()).isZero();
        assertThat(r.reflux()).isBetween(0.82, 0.85);
        // the steady state is the designed case's and closes its balances
        SimulationReport report = new SimulationReport(c, r.network(), r.state());
        assertThat(r.state().residual()).isLessThanOrEqualTo(1e-12);
        assertThat(r.state().massBalanceError()).isLessThan(1e-10);
        assertThat(MassActionCaseView.of(report.view()).hydrogenBalance()).isLessThan(1e-10);
        assertThat(MassActionCaseView.of(report.view()).extractantBalance()).isLessThan(1e-10);
        assertThat(purity(report, "raffinate")).isCloseTo(r.purityB(), within(1e-12));
        assertThat(purity(report, "strip liquor")).isCloseTo(r.purityA(), within(1e-12));
    }

    /** The reported reflux range is where both targets hold: just outside it, one is missed. */
    @Test
    void theRefluxRangeIsSharpAndRight() {
        double[] range = r.refluxRange();
        assertThat(range[0]).isLessThan(r.reflux());
        assertThat(range[1]).isGreaterThan(r.reflux());
        assertThat(range[1] - range[0]).isBetween(1e-5, 1e-3);
        NewtonCascadeSolver solver = new NewtonCascadeSolver();
        MassActionCase c = r.designed();
        double d = 2e-6;
        double[][] checks = {{range[0] - d, 0}, {range[0] + d, 1}, {range[1] - d, 1}, {range[1] + d, 0}};
        for (double[] check : checks) {
            MassActionCase at = c.withFlows(r.plant().flows(check[0]));
            CascadeNetwork net = CascadeNetwork.massAction(at);
            SteadyState s = solver.solve(net, at.solver());
            SimulationReport report = new SimulationReport(at, net, s);
            assertThat(report.targetsMet()).as("reflux %.8f", check[0]).isEqualTo(check[1] == 1);
        }
    }

    /** The written case runs with simulate and reproduces the design's purities. */
    @Test
    void theWrittenCaseSimulatesToTheTargets() throws Exception {
        Path f = dir.resolve("designed.yaml");
        Files.writeString(f, org.sxcascade.report.DesignReport.caseYaml(new PlantFlowDesign.Designed(r, in.tree())));
        String yaml = Files.readString(f);
        assertThat(yaml).startsWith("# Written by `sxcascade design`").contains("stripStages: 8")
                .contains("organicFlow: 227.2").contains("reflux: " + r.reflux());
        CliHarness sim = CliHarness.run("simulate", f.toString(), "--json");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(sim.out());
        JsonNode products = root.get("products");
        assertThat(products.get(0).get("name").asText()).isEqualTo("raffinate");
        assertThat(products.get(0).get("purity").asDouble()).isCloseTo(r.purityB(), within(1e-9));
        assertThat(products.get(1).get("purity").asDouble()).isCloseTo(r.purityA(), within(1e-9));
        assertThat(products.get(0).get("met").asBoolean()).isTrue();
        assertThat(products.get(1).get("met").asBoolean()).isTrue();
        assertThat(root.get("cascade").get("totalStages").asInt()).isEqualTo(60);
        // and it can be designed again: the file is a mass-action case like any other
        assertThat(new CaseReader().readForDesign(f)).isInstanceOf(MassActionDesignInputs.class);
    }

    @Test
    void reportAndJsonGiveTheTableWithUnits() {
        String text = org.sxcascade.report.DesignReport.text(new PlantFlowDesign.Designed(r, null));
        assertThat(text).contains("β = K_Nd/K_Pr = 1.5").contains("n = 27, m = 25")
                .contains("27 + 25 + 8 = 60").contains("227.2").contains("L/h").contains("0.405")
                .contains("27.97").contains("of 5 mol/L H+").contains("139.85 mol H+/h").contains("targets met")
                .contains("both targets hold for a reflux from").contains("largest stage imbalance")
                .contains("Recovery");
        JsonNode j = org.sxcascade.report.DesignReport.toJson(new PlantFlowDesign.Designed(r, null));
        assertThat(j.get("met").asBoolean()).isTrue();
        assertThat(j.get("stages").get("total").asInt()).isEqualTo(60);
        assertThat(j.get("plant").get("organicFlow").asDouble()).isEqualTo(227.2);
        assertThat(j.get("plant").get("units").get("organicFlow").asText()).isEqualTo("L/h");
        assertThat(j.get("plant").get("reflux").asDouble()).isEqualTo(r.reflux());
        assertThat(j.get("refluxRange")).hasSize(2);
        assertThat(j.get("constantBeta").get("extractantFlow").asDouble()).isCloseTo(4.0898, within(1e-4));
        assertThat(j.get("verification").get("model").asText()).isEqualTo("mass-action");
        assertThat(j.get("verification").get("massBalanceError").asDouble()).isLessThan(1e-10);
    }

    /**
     * Targets out of reach: stages with Murphree efficiency 0.7 need more than Xu's equilibrium
     * count, and --max-stages 56 stops the added stages at 28 + 28, where both products reach only
     * 99.65 %. The report says how far, the exit code is 2 and no case is written.
     */
    @Test
    void unreachedTargetsAreAnErrorWithTheShortfall() throws Exception {
        Path f = dir.resolve("imperfect.yaml");
        Files.writeString(f, Files.readString(Path.of(CASE)) + "efficiency: {extraction: 0.7, scrub: 0.7, strip: 0.7}\n");
        Path out = dir.resolve("never.yaml");
        CliHarness run = CliHarness.run("design", f.toString(), "--max-stages", "56", "--case-out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("TARGETS NOT MET at n = 28, m = 28").contains("short by").contains("MISSED");
        assertThat(run.err()).startsWith("error: targets = ").contains("short by")
                .contains("stopped by the stage limit: n + m at most 56").contains("not written");
        assertThat(out).doesNotExist();
    }

    @Test
    void optionsThatDoNotApplyAreRefused() throws Exception {
        Path out = dir.resolve("x.yaml");
        String[][] bad = {
            {"--organic-purity", "0.99", "--aqueous-purity", "0.99"},
            {"--reagent-excess", "0.1"},
        };
        for (String[] b : bad) {
            String[] args = new String[b.length + 4];
            args[0] = "design";
            args[1] = CASE;
            args[2] = "--case-out";
            args[3] = out.toString();
            System.arraycopy(b, 0, args, 4, b.length);
            CliHarness run = CliHarness.run(args);
            assertThat(run.exitCode()).as(b[0]).isEqualTo(2);
            assertThat(run.err()).as(b[0]).contains("not given for a mass-action case");
        }
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, Files.readString(Path.of(CASE)) + "design: {stripExcess: 3}\n");
        CliHarness run = CliHarness.run("design", f.toString(), "--case-out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: design.stripExcess = 3");
        assertThat(out).doesNotExist();
    }

    /** {@code design --plot} draws the designed cascade's charts, as {@code simulate --plot} names them. */
    @Test
    void plotWritesTheDesignedCascadesCharts() throws Exception {
        Path charts = dir.resolve("charts");
        CliHarness run = CliHarness.run("design", CASE, "--plot", charts.toString(), "--format", "svg");
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String name : new String[] {"profile", "ph-loading", "concentration"}) {
            Path file = charts.resolve("pr-nd-mass-action-design-" + name + ".svg");
            assertThat(file).exists();
            assertThat(Files.readString(file)).contains("<svg");
        }
        assertThat(run.out()).contains("Charts written").contains("pr-nd-mass-action-design-ph-loading.svg");
    }
}
