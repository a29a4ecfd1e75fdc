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
            double[] recovery = r.recovery(j);
            assertThat(recovery).hasSize(3);
            assertThat(recovery[1]).isCloseTo((1 - c.flows().reflux()) * s.aqueousFlow(76, j) / net.totalFeed(j),
                    within(1e-15));
            assertThat(recovery[0] + recovery[1] + recovery[2]).isCloseTo(1, within(1e-12));
        }
    }

    @Test
    void simulatePrintsPlantUnitsAndJson() throws Exception {
        CliHarness t = CliHarness.run("simulate", CASE, "--profile");
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("strip liquor").contains("pH").contains("loading").contains("mol/L")
                .contains("L/h");
        CliHarness j = CliHarness.run("simulate", CASE, "--json");
        assertThat(j.exitCode()).isZero();
        JsonNode root = new ObjectMapper().readTree(j.out());
        assertThat(root.get("model").asText()).isEqualTo("mass-action");
        assertThat(root.get("hydrogenBalance").asDouble()).isLessThan(1e-10);
        assertThat(root.get("profile")).hasSize(83);
        assertThat(root.get("profile").get(82).get("section").asText()).isEqualTo("strip");
        JsonNode raffinate = root.get("products").get(0);
        JsonNode strip = root.get("products").get(1);
        assertThat(strip.get("purity").asDouble()).isGreaterThan(0.999);
        // the strip product is the strip liquor not refluxed: (1 − 0.8329) × 28 L/h, RE mol/L from
        // its RE flow (mol per mol fed) × 10 mol RE/h fed over its volume
        assertThat(strip.get("stage").asInt()).isEqualTo(76);
        assertThat(strip.get("flow").asDouble()).isCloseTo((1 - 0.8329) * 28, within(1e-12));
        assertThat(strip.get("rareEarthConcentration").asDouble())
                .isCloseTo(strip.get("rareEarthFlow").asDouble() * 10 / strip.get("flow").asDouble(), within(1e-12));
        assertThat(raffinate.get("pH").asDouble())
                .isCloseTo(-Math.log10(raffinate.get("acidity").asDouble()), within(1e-12));
        assertThat(raffinate.get("rareEarthFlow").asDouble() + strip.get("rareEarthFlow").asDouble()
                + root.get("products").get(2).get("rareEarthFlow").asDouble()).isCloseTo(1, within(1e-12));
        // the tables print the same products, both targets met
        for (JsonNode p : new JsonNode[] {raffinate, strip}) {
            String purity = p.get("purityOf").get(0).asText() + " "
                    + String.format(java.util.Locale.ROOT, "%.4f%%", 100 * p.get("purity").asDouble());
            assertThat(t.out().lines().filter(l -> l.contains(purity))).singleElement()
                    .satisfies(l -> assertThat(l.strip()).startsWith(p.get("name").asText()).endsWith("met"));
            assertThat(p.get("met").asBoolean()).isTrue();
        }
    }

    /** A recovery target is printed and judged as in the other cases: here purity met, recovery not. */
    @Test
    void recoveryTargetIsShownAndJudged(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("recovery.yaml");
        Files.writeString(f, Files.readString(Path.of(CASE)).replace("strip: {purity: 0.999, components: [Nd]}",
                "strip: {purity: 0.999, recovery: 0.999999, components: [Nd]}"));
        CliHarness j = CliHarness.run("simulate", f.toString(), "--json");
        assertThat(j.exitCode()).as(j.err()).isZero();
        JsonNode strip = new ObjectMapper().readTree(j.out()).get("products").get(1);
        assertThat(strip.get("recoveryTarget").asDouble()).isEqualTo(0.999999);
        assertThat(strip.get("recovery").asDouble()).isCloseTo(0.999998, within(5e-7));
        assertThat(strip.get("purity").asDouble()).isGreaterThan(0.999);
        assertThat(strip.get("met").asBoolean()).isFalse();
        CliHarness t = CliHarness.run("simulate", f.toString());
        assertThat(t.out().lines().filter(l -> l.strip().startsWith("strip liquor"))).singleElement()
                .satisfies(l -> assertThat(l).contains("99.9000%, recovery 99.9999% (is 99.9998%)").endsWith("MISSED"));
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
        for (String command : new String[] {"design", "report", "transient"}) {
            r = command.equals("report") ? CliHarness.run(command, CASE, "-o", dir.resolve("r.html").toString())
                    : CliHarness.run(command, CASE);
            assertThat(r.exitCode()).as(command).isEqualTo(2);
            assertThat(r.err()).as(command).startsWith("error: model = mass-action is not allowed")
                    .contains("mass-action cases run with simulate");
        }
        assertThat(dir.resolve("r.html")).doesNotExist();
        r = CliHarness.run("simulate", CASE, "--csv", dir.resolve("p.csv").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --csv = ").contains("not given for a mass-action case");
        assertThat(dir.resolve("p.csv")).doesNotExist();
    }
}
