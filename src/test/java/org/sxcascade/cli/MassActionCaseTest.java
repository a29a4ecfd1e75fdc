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
        SimulationReport r = closesEveryBalanceAndMeetsTheTargets(c, net, s);
        // the physics of the flowsheet: the aqueous is most acidic in the strip section, the
        // saponified organic gives up its Na in the first extraction stages, loading is below 1
        var stages = MassActionCaseView.of(r.view()).stages();
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

    /**
     * Asserts the steady state of a mass-action case converged (residual 1e-12), closes the H⁺,
     * cation, extractant and whole-cascade balances to 1e-10 and meets both targets; returns its report.
     */
    static SimulationReport closesEveryBalanceAndMeetsTheTargets(MassActionCase c, CascadeNetwork net, SteadyState s) {
        SimulationReport r = new SimulationReport(c, net, s);
        assertThat(s.residual()).isLessThanOrEqualTo(1e-12);
        assertThat(MassActionCaseView.of(r.view()).hydrogenBalance()).isLessThan(1e-10);
        assertThat(MassActionCaseView.of(r.view()).cationBalance()).isLessThan(1e-10);
        assertThat(MassActionCaseView.of(r.view()).extractantBalance()).isLessThan(1e-10);
        assertThat(s.massBalanceError()).isLessThan(1e-10);
        assertThat(r.targetsMet()).isTrue();
        return r;
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
        // every command takes mass-action cases: design (MassActionDesignCommandTest), optimize
        // (MassActionOptimizeTest), --csv, --plot and report (MassActionOutputsTest), sweep
        // (MassActionSweepCommandTest), transient (MassActionTransientCommandTest)
        // --csv, --plot and report: MassActionOutputsTest
        Files.writeString(f, base.substring(0, base.indexOf("\ntransient:") + 1)); // without its transient section
        r = CliHarness.run("transient", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: transient is missing");
    }

    /**
     * The pre-loaded bundled case prints its inlets with units; the JSON's inlets and products
     * balance: RE out = feed + pre-load = 1.46 mol per mol fed.
     */
    @Test
    void preloadedCaseShowsItsInlets() throws Exception {
        String preloaded = "cases/pr-nd-mass-action-preloaded.yaml";
        CliHarness t = CliHarness.run("simulate", preloaded);
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("Inlets (flow in L/h, RE in mol RE per mol RE fed and mol/L, H+ in mol/L")
                .contains("preload    0.02 mol/L RE on the organic (4.6 mol RE/h, 0.46 mol per mol RE fed)")
                .contains("Recovery (fraction of each rare earth's inflow: aqueous feeds and pre-load)");
        assertThat(t.out().lines().filter(l -> l.strip().startsWith("organic, saponified and pre-loaded")))
                .singleElement().satisfies(l -> assertThat(l).contains("organic, stage 1").contains("0.460000")
                        .contains("0.02").endsWith("0.360000"));
        CliHarness j = CliHarness.run("simulate", preloaded, "--json");
        assertThat(j.exitCode()).isZero();
        JsonNode root = new ObjectMapper().readTree(j.out());
        JsonNode inlets = root.get("inlets");
        assertThat(inlets).hasSize(3);
        assertThat(inlets.get(0).get("phase").asText()).isEqualTo("organic");
        assertThat(inlets.get(0).get("rareEarthConcentration").asDouble()).isCloseTo(0.02, within(1e-15));
        assertThat(inlets.get(0).get("saponification").asDouble()).isCloseTo(0.36, within(1e-14));
        assertThat(inlets.get(1).get("name").asText()).isEqualTo("feed");
        assertThat(inlets.get(1).get("stage").asInt()).isEqualTo(35);
        assertThat(inlets.get(1).get("acidity").asDouble()).isEqualTo(0.01);
        double in = 0;
        for (JsonNode i : inlets) {
            in += i.get("rareEarthFlow").asDouble();
        }
        double out = 0;
        for (JsonNode p : root.get("products")) {
            out += p.get("rareEarthFlow").asDouble();
            assertThat(p.get("met") == null || p.get("met").asBoolean()).isTrue();
        }
        assertThat(in).isCloseTo(1.46, within(1e-14));
        assertThat(out).isCloseTo(in, within(1e-10));
        assertThat(root.get("massBalanceError").asDouble()).isLessThan(1e-10);
    }

    /** Two feeds written under feeds: with their own stages enter where they say. */
    @Test
    void feedsListEntersAtItsStages(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("feeds.yaml");
        Files.writeString(f, Files.readString(Path.of(CASE)).replace(FEED, """
                feeds:
                  - {name: Pr-rich, composition: {Pr: 0.6, Nd: 0.4}, concentration: 1.0, acidity: 0.01, flow: 4, stage: 25}
                  - {name: Nd-rich, composition: {Pr: 0.0167, Nd: 0.9833}, concentration: 1.0, acidity: 0.01, flow: 6, stage: 45}
                """));
        CliHarness j = CliHarness.run("simulate", f.toString(), "--json");
        assertThat(j.exitCode()).as(j.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(j.out());
        assertThat(root.get("feedRate").asDouble()).isEqualTo(10);
        JsonNode inlets = root.get("inlets");
        assertThat(inlets.get(1).get("name").asText()).isEqualTo("Pr-rich");
        assertThat(inlets.get(1).get("stage").asInt()).isEqualTo(25);
        assertThat(inlets.get(1).get("rareEarthFlow").asDouble()).isCloseTo(0.4, within(1e-15));
        assertThat(inlets.get(2).get("stage").asInt()).isEqualTo(45);
        assertThat(root.get("hydrogenBalance").asDouble()).isLessThan(1e-10);
        assertThat(root.get("massBalanceError").asDouble()).isLessThan(1e-10);
        CliHarness t = CliHarness.run("simulate", f.toString());
        assertThat(t.out()).contains("feeds enter stages 25, 45")
                .contains("2 feeds together 10 L/h at 1 mol/L RE, 0.01 mol/L H+ (10 mol RE/h)");
    }

    private static final String FEED = """
            feed:
              composition: {Pr: 0.25, Nd: 0.75}
              concentration: 1.0               # mol/L RE (chloride)
              acidity: 0.01                    # mol/L free HCl
              flow: 10                         # L/h
            """;

    /** Bad pre-loads and feeds: exit 2, the field, the value and the allowed range; no output. */
    @Test
    void badInletsAreNamed(@TempDir Path dir) throws Exception {
        String base = Files.readString(Path.of(CASE));
        assertThat(base).contains(FEED);
        String preload = "  reflux: 0.8329                   # of the strip liquor, returned as scrub liquor\n";
        assertThat(base).contains(preload);
        String[][] cases = {
            {base.replace(preload, preload + "  preload: {concentration: 0.25, composition: {Pr: 1, Nd: 0}}\n"),
                "error: flows.preload.concentration = 0.25 is not allowed: from 0 to 0.2 mol/L RE in the organic: "
                        + "with C = 0.75 mol/L (HA)2 saponified to s = 0.4, the pre-load replaces 3 M per RE, "
                        + "so Y ≤ 2sC/3"},
            {base.replace(preload, preload + "  preload: {concentration: 0.01, compositon: {Pr: 1, Nd: 0}}\n"),
                "error: flows.preload.compositon = (unknown key) is not allowed: did you mean 'composition'?"},
            {base.replace(preload, preload + "  preload: {concentration: -0.01, composition: {Pr: 1, Nd: 0}}\n"),
                "error: flows.preload.concentration = -0.01 is not allowed: a finite number ≥ 0"},
            {base.replace(preload, preload + "  preload: {concentration: 0.01, composition: {Pr: 1, Sm: 0}}\n"),
                "error: flows.preload.composition.Sm = (unknown component) is not allowed: a component listed under components"},
            {base.replace(FEED, FEED + "feeds:\n  - {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1, flow: 10}\n"),
                "error: feeds = (given with feed) is not allowed: either feed"},
            {base.replace(FEED, "feeds:\n  - {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1, flow: 10, stage: 76}\n"),
                "error: feeds[0].stage = 76 is not allowed: a stage from 1 to n + m = 75 "
                        + "(extraction stages 1 … 35, scrub stages 36 … 75)"},
            {base.replace(FEED, "feeds:\n  - {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1, flow: 4}\n"
                    + "  - {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1, flow: 6, stage: 0}\n"),
                "error: feeds[1].stage = 0 is not allowed: a stage from 1 to n + m = 75"},
            {base.replace(FEED, "feeds:\n  - {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1, flow: 10, stag: 30}\n"),
                "error: feeds[0].stag = (unknown key) is not allowed: did you mean 'stage'?"},
            {base.replace(FEED, "feeds:\n  - {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1, flow: 10, acidity: -1}\n"),
                "error: feeds[0].acidity = -1.0 is not allowed: a finite number ≥ 0 mol/L H+"},
            {base.replace(FEED, "feeds: []\n"), "error: feeds = a list is not allowed: a non-empty list of aqueous feeds"},
            {base.replace(FEED, ""), "error: feed is missing: give one aqueous feed (feed: a mapping) or several "
                    + "(feeds: a list)"},
            {base.replace(FEED, FEED.replace("flow: 10", "flow: 10\n  stage: 30")),
                "error: feed.stage = (unknown key) is not allowed"},
        };
        Path f = dir.resolve("bad.yaml");
        for (String[] c : cases) {
            Files.writeString(f, c[0]);
            CliHarness r = CliHarness.run("simulate", f.toString(), "--json");
            assertThat(r.exitCode()).as(c[1]).isEqualTo(2);
            assertThat(r.err()).as(c[1]).startsWith(c[1]);
            assertThat(r.out()).as(c[1]).isEmpty();
        }
    }
}
