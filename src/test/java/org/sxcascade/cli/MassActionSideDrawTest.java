package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.SideDraw;
import org.sxcascade.model.SideDraws;
import org.sxcascade.model.MassActionCaseView;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/** Side draws (L/h, either phase, any section) of {@code model: mass-action} cases. */
class MassActionSideDrawTest {
    /** 35 extraction + 40 scrub + 8 strip stages; the strip liquor leaves stage 76. */
    private static final String CASE = "cases/pr-nd-mass-action.yaml";
    private static final String THREE_OUTLET = "cases/ce-pr-nd-mass-action-three-outlet.yaml";

    private static MassActionCase base() {
        return new CaseReader().readMassAction(Path.of(CASE));
    }

    private static MassActionCase withDraw(MassActionCase c, int stage, FeedPhase phase, double flow) {
        return c.withSideDraws(new SideDraws(List.of(new SideDraw(stage, phase, flow)), List.of("draw"),
                java.util.Collections.singletonList(null)));
    }

    private static SimulationReport solve(MassActionCase c) {
        CascadeNetwork net = CascadeNetwork.massAction(c);
        SteadyState s = new NewtonCascadeSolver().solve(net, c.solver());
        return new SimulationReport(c, net, s);
    }

    /**
     * A draw of either phase from each section: every balance closes to 1e-10 (the RE over the whole
     * cascade with the draw as a product; H⁺, Na and the extractant on every stage), the draw
     * leaves at its flow, and every stage downstream of it runs with that much less of the phase
     * (the scrub section, past the strip-liquor split, with reflux × the draw less).
     */
    @ParameterizedTest
    @CsvSource({"20, ORGANIC, 5", "60, ORGANIC, 5", "79, ORGANIC, 5", "20, AQUEOUS, 2", "60, AQUEOUS, 2",
            "80, AQUEOUS, 1"})
    void drawsCloseEveryBalance(int stage, FeedPhase phase, double flow) {
        MassActionCase plain = base();
        MassActionCase c = withDraw(plain, stage, phase, flow);
        SimulationReport r = solve(c);
        SteadyState s = r.state();
        assertThat(s.residual()).isLessThanOrEqualTo(1e-12);
        assertThat(s.massBalanceError()).isLessThan(1e-10);
        assertThat(r.componentBalance()).isLessThan(1e-10);
        assertThat(MassActionCaseView.of(r.view()).hydrogenBalance()).isLessThan(1e-10);
        assertThat(MassActionCaseView.of(r.view()).cationBalance()).isLessThan(1e-10);
        assertThat(MassActionCaseView.of(r.view()).extractantBalance()).isLessThan(1e-10);
        // the RE balance recomputed from the solution: raffinate + strip liquor + stripped organic + draw
        CascadeNetwork net = CascadeNetwork.massAction(c);
        double reflux = plain.flows().reflux();
        for (int j = 0; j < 2; j++) {
            double drawn = phase == FeedPhase.ORGANIC ? net.organicDraw(stage) * s.organicFlow(stage, j)
                    : net.aqueousDraw(stage) * s.aqueousFlow(stage, j);
            double out = s.aqueousFlow(1, j) + net.aqueousDraw(76) * s.aqueousFlow(76, j) + s.organicFlow(83, j)
                    + drawn;
            assertThat(out).isCloseTo(net.totalFeed(j), within(1e-12));
        }
        SimulationReport.Product d = r.products().get(3);
        assertThat(d.name()).isEqualTo("draw");
        assertThat(d.stage()).isEqualTo(stage);
        assertThat(d.volume()).isCloseTo(flow, within(1e-12));
        CascadeNetwork before = CascadeNetwork.massAction(plain);
        assertThat(net.aqueousDraw(76)).as("the strip liquor split").isCloseTo(1 - reflux, within(1e-15));
        for (int k = 1; k <= 83; k++) {
            double lower;
            if (phase == FeedPhase.ORGANIC) {
                lower = k > stage ? flow : 0;
                assertThat(before.organicFlow(k) - net.organicFlow(k)).isCloseTo(lower, within(1e-12));
            } else {
                lower = k >= stage ? 0 : stage > 76 && k < 76 ? reflux * flow : flow;
                assertThat(before.aqueousFlow(k) - net.aqueousFlow(k)).as("stage " + k).isCloseTo(lower,
                        within(1e-12));
            }
        }
    }

    /**
     * As the draw's flow goes to 0 the products tend to those without it, linearly in the flow (the
     * reflux-balanced split is sensitive: 1e-4 L/h of a 10 L/h feed still moves the Pr in the strip
     * liquor by 4 %).
     */
    @Test
    void vanishingDrawTendsToTheCaseWithoutIt() {
        MassActionCase plain = base();
        SimulationReport none = solve(plain);
        double previous = Double.NaN;
        for (double flow : new double[] {1e-4, 1e-6, 1e-8}) {
            SimulationReport r = solve(withDraw(plain, 50, FeedPhase.AQUEOUS, flow));
            // every RE's flow in each product, relative (trace flows included: they are solved in logs)
            double diff = 0;
            for (int j = 0; j < 2; j++) {
                double[] a = r.recovery(j);
                double[] b = none.recovery(j);
                for (int i = 0; i < 3; i++) {
                    diff = Math.max(diff, Math.abs(Math.log(a[i] / b[i])));
                }
            }
            // the draw takes flow × its RE concentration (below 2 mol/L) / 10 mol RE/h fed
            assertThat(r.products().get(3).flow()).isLessThan(flow * 2 / 10);
            if (!Double.isNaN(previous)) {
                // a hundredfold smaller draw moves the products about a hundredfold less
                assertThat(diff).isLessThan(previous / 30);
            }
            previous = diff;
        }
        assertThat(previous).isLessThan(1e-5);
    }

    /**
     * The bundled three-outlet case: Ce in the raffinate, Nd in the strip liquor, a Pr concentrate
     * drawn from scrub stage 45; the numbers its comment and docs/mass-action.md give.
     */
    @Test
    void threeOutletCaseGivesItsDocumentedNumbers() throws Exception {
        CliHarness j = CliHarness.run("simulate", THREE_OUTLET, "--json");
        assertThat(j.exitCode()).as(j.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(j.out());
        assertThat(root.get("rareEarthBalance").asDouble()).isLessThan(1e-10);
        assertThat(root.get("hydrogenBalance").asDouble()).isLessThan(1e-10);
        assertThat(root.get("cationBalance").asDouble()).isLessThan(1e-10);
        assertThat(root.get("extractantBalance").asDouble()).isLessThan(1e-10);
        assertThat(root.get("massBalanceError").asDouble()).isLessThan(1e-10);
        JsonNode draws = root.get("cascade").get("sideDraws");
        assertThat(draws).hasSize(1);
        assertThat(draws.get(0).get("flowUnit").asText()).isEqualTo("L/h");
        JsonNode p = root.get("products");
        assertThat(p).hasSize(4);
        assertThat(p.get(0).get("purity").asDouble()).isGreaterThan(0.999999);
        assertThat(p.get(0).get("rareEarthFlow").asDouble()).isCloseTo(0.0995, within(5e-5));
        assertThat(p.get(1).get("purity").asDouble()).isCloseTo(0.99989, within(5e-6));
        assertThat(p.get(1).get("rareEarthFlow").asDouble()).isCloseTo(0.614, within(5e-4));
        JsonNode pr = p.get(3);
        assertThat(pr.get("name").asText()).isEqualTo("Pr concentrate");
        assertThat(pr.get("stage").asInt()).isEqualTo(45);
        assertThat(pr.get("flow").asDouble()).isEqualTo(1.75);
        assertThat(pr.get("purity").asDouble()).isCloseTo(0.698, within(5e-4));
        assertThat(pr.get("recovery").asDouble()).isCloseTo(0.9997, within(5e-5));
        assertThat(pr.get("met").asBoolean()).isTrue();
        assertThat(root.get("recoveries").get("Pr").get("Pr concentrate").asDouble()).isCloseTo(0.9997,
                within(5e-5));
        CliHarness t = CliHarness.run("simulate", THREE_OUTLET);
        assertThat(t.out()).contains("side draw  Pr concentrate: aqueous from stage 45, 1.75 L/h")
                .contains("to Pr concentrate");
    }

    /** The HTML report lists the draw as a product and in the recovery table. */
    @Test
    void reportListsTheDraw(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("r.html");
        CliHarness r = CliHarness.run("report", THREE_OUTLET, "-o", html.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(html)).contains("Pr concentrate").contains("to Pr concentrate");
    }

    /** Bad draws: exit 2, the field, the value and what is allowed; no output. */
    @Test
    void badDrawsAreNamed(@TempDir Path dir) throws Exception {
        String base = Files.readString(Path.of(CASE));
        String[][] cases = {
            {"  - {name: x, stage: 50, phase: aqueous, flow: 40}\n",
                "error: sideDraws[0].flow = 40.0000 L/h is not allowed: greater than 0 and less than the aqueous flow "
                        + "leaving stage 50 after the draws upstream of it, 23.3212 L/h"},
            {"  - {name: x, stage: 20, phase: organic, flow: 200}\n  - {name: y, stage: 30, phase: organic, flow: 40}\n",
                "error: sideDraws[1].flow = 40.0000 L/h is not allowed: greater than 0 and less than the organic flow "
                        + "leaving stage 30 after the draws upstream of it, 30.0000 L/h"},
            {"  - {name: x, stage: 50, phase: aqueous, flow: 15}\n  - {name: y, stage: 50, phase: aqueous, flow: 15}\n",
                "error: sideDraws = draws totalling 30.0000 L/h from the aqueous of stage 50 is not allowed: a total "
                        + "less than the aqueous flow leaving stage 50"},
            {"  - {name: x, stage: 84, phase: aqueous, flow: 1}\n",
                "error: sideDraws[0].stage = 84 is not allowed: a stage from 2 to 83 for an aqueous draw"},
            {"  - {name: x, stage: 83, phase: organic, flow: 1}\n",
                "error: sideDraws[0].stage = 83 is not allowed: a stage from 1 to 82 for an organic draw"},
            {"  - {name: x, stage: 76, phase: aqueous, flow: 1}\n",
                "error: sideDraws[0].stage = 76 is not allowed: an aqueous draw at a stage other than n + m + 1 = 76, "
                        + "whose aqueous is the strip liquor (set flows.reflux to take more or less of it)"},
            {"  - {name: raffinate, stage: 50, phase: aqueous, flow: 1}\n",
                "error: sideDraws[0].name = raffinate is not allowed: a name other than the cascade's own products"},
            {"  - {name: x, stage: 50, phase: aqueous, flow: 0}\n",
                "error: sideDraws[0].flow = 0"},
            {"  - {name: x, stage: 50, phase: aqueous, flow: 1, target: {purity: 0.9}}\n",
                "error: sideDraws[0].flow"}, // placeholder replaced below
            {"  - {name: x, stage: 50, phase: aqeuous, flow: 1}\n",
                "error: sideDraws[0].phase = aqeuous is not allowed: aqueous or organic"},
            {"  - {name: x, stage: 50, phase: aqueous, flow: 1, flw: 2}\n",
                "error: sideDraws[0].flw = (unknown key) is not allowed"},
        };
        // a binary's target without components is the phase's usual member: fine; replace the placeholder
        cases[8] = new String[] {"  - {name: x, stage: 50, phase: aqueous, flow: 1, target: {purity: 1.5}}\n",
            "error: sideDraws[0].target.purity = 1.5 is not allowed"};
        Path f = dir.resolve("bad.yaml");
        for (String[] c : cases) {
            Files.writeString(f, base + "sideDraws:\n" + c[0]);
            CliHarness r = CliHarness.run("simulate", f.toString(), "--json");
            assertThat(r.exitCode()).as(c[1] + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).as(c[1]).startsWith(c[1]);
            assertThat(r.out()).as(c[1]).isEmpty();
        }
    }

    /** design and optimize refuse side draws of a mass-action case, naming the field (exit 2). */
    @Test
    void designAndOptimizeRefuseDraws(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("draw.yaml");
        Files.writeString(f, Files.readString(Path.of(CASE))
                + "sideDraws:\n  - {name: x, stage: 50, phase: aqueous, flow: 1}\n");
        CliHarness d = CliHarness.run("design", f.toString());
        assertThat(d.exitCode()).as(d.err()).isEqualTo(2);
        assertThat(d.err()).startsWith("error: sideDraws = a list is not allowed: none for design");
        CliHarness o = CliHarness.run("optimize", f.toString());
        assertThat(o.exitCode()).as(o.err()).isEqualTo(2);
        assertThat(o.err()).startsWith("error: sideDraws = 1 draw is not allowed: none for optimize");
    }
}
