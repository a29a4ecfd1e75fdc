package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optimize} on {@code model: mass-action} cases (docs/optimize.md, "Mass-action cases"). */
class MassActionOptimizeTest {
    /**
     * A small Pr | Nd cascade (β = 2, 12 + 14 + 4 stages, 99.5 % products) whose hand-chosen flows
     * meet both targets: raffinate Pr 99.83 %, strip liquor Nd 99.64 % (reflux 0.688; 0.6875 misses
     * the strip liquor's target, 0.69 the raffinate's).
     */
    static final String CASE = """
            name: small Pr/Nd mass-action test case
            model: mass-action
            components:
              - {name: Pr, exchangeConstant: 0.02}
              - {name: Nd, exchangeConstant: 0.04}
            extractant: {concentration: 0.75, cation: Na, cationExchangeConstant: 0.001}
            feed: {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 10}
            cascade: {extractionStages: 12, scrubStages: 14, stripStages: 4}
            flows: {organicFlow: 170, saponification: 0.32, stripFlow: 17.6, stripAcidity: 5.0, reflux: 0.688}
            targets:
              aqueous: {purity: 0.995, components: [Pr]}
              strip: {purity: 0.995, components: [Nd]}
            """;
    static final String BOUNDS = """
            optimize:
              organicFlow: {min: 150, max: 190}
              stripFlow: {min: 10, max: 20}
              maxEvaluations: 120
            """;

    @TempDir
    Path dir;

    @Test
    void optimumMeetsTargetsWithinBoundsWithLessReagentAndSimulatesAsWritten() throws Exception {
        Path file = dir.resolve("small.yaml");
        Files.writeString(file, CASE + BOUNDS);
        Path written = dir.resolve("optimized.yaml");
        CliHarness r = CliHarness.run("optimize", file.toString(), "--json", "--exact-flows", "--case-out", written.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode opt = j.get("optimum");
        // the stage counts of the result: the case's (not searched)
        JsonNode stages = j.get("stages");
        assertThat(stages.get("extraction").asInt()).isEqualTo(12);
        assertThat(stages.get("scrub").asInt()).isEqualTo(14);
        assertThat(stages.get("strip").asInt()).isEqualTo(4);
        assertThat(stages.get("total").asInt()).isEqualTo(30);
        assertThat(stages.get("searched").asBoolean()).isFalse();
        JsonNode base = j.get("caseFlows");
        assertThat(base.get("feasible").asBoolean()).isTrue();
        assertThat(opt.get("feasible").asBoolean()).isTrue();
        // both targets met, at the balancing reflux nearly equally
        assertThat(opt.get("raffinatePurity").asDouble()).isGreaterThanOrEqualTo(0.995);
        assertThat(opt.get("stripPurity").asDouble()).isGreaterThanOrEqualTo(0.995);
        // no more reagent than the hand-chosen flows (16.96 mol per mol RE fed); in fact clearly less
        double reagents = opt.get("objectiveValue").asDouble();
        assertThat(base.get("objectiveValue").asDouble()).isCloseTo(16.96, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(reagents).isLessThan(0.95 * base.get("objectiveValue").asDouble());
        JsonNode reag = opt.get("reagents");
        assertThat(reag.get("basePerMolFed").asDouble() + reag.get("acidPerMolFed").asDouble())
                .isCloseTo(reagents, org.assertj.core.data.Offset.offset(1e-12));
        // the bounds of the optimize section hold
        JsonNode f = opt.get("flows");
        assertThat(f.get("organicFlow").asDouble()).isBetween(150.0, 190.0);
        assertThat(f.get("stripFlow").asDouble()).isBetween(10.0, 20.0);
        assertThat(f.get("saponification").asDouble()).isBetween(0.0, 0.9);
        assertThat(f.get("reflux").asDouble()).isBetween(0.0, 0.999);
        assertThat(opt.get("highestPH").asDouble()).isLessThanOrEqualTo(5.0);
        // what binds follows from the margins and bounds: a product's target where its margin is at
        // most 1e-3 (ln units), a flow at an end of its range; each entry names one of them
        java.util.List<String> binding = new java.util.ArrayList<>();
        j.get("binding").forEach(x -> binding.add(x.asText()));
        assertThat(binding.stream().anyMatch(x -> x.startsWith("the raffinate's target")))
                .isEqualTo(opt.get("raffinateMargin").asDouble() <= 1e-3);
        assertThat(binding.stream().anyMatch(x -> x.startsWith("the strip liquor's target")))
                .isEqualTo(opt.get("stripMargin").asDouble() <= 1e-3);
        assertThat(binding.stream().anyMatch(x -> x.startsWith("the organic flow at the largest searched, 190")))
                .isEqualTo(Math.abs(f.get("organicFlow").asDouble() - 190) <= 1e-6 * 190);
        assertThat(binding.stream().anyMatch(x -> x.startsWith("the organic flow at the smallest searched, 150")))
                .isEqualTo(Math.abs(f.get("organicFlow").asDouble() - 150) <= 1e-6 * 190);
        assertThat(binding).isNotEmpty().allSatisfy(x -> assertThat(x).matches(
                "the (raffinate's|strip liquor's) target .*|the .* at the (largest|smallest) searched, .*"
                        + "|the RE left .*|the highest stage pH .*|none of the targets or bounds .*"));
        // base use is 2 s C O per mol RE fed (10 mol/h): the reported number follows from the flows
        assertThat(reag.get("basePerMolFed").asDouble()).isCloseTo(2 * f.get("saponification").asDouble() * 0.75
                * f.get("organicFlow").asDouble() / 10, org.assertj.core.data.Offset.offset(1e-9));
        // the balancing reflux is solved with each flow setting's steady state (a bordered Newton
        // solve), not bracketed by a dozen solves per setting
        JsonNode search = j.get("search");
        assertThat(search.get("steadyStates").asInt()).isLessThan(3 * search.get("evaluations").asInt());
        JsonNode verification = j.get("verification");
        assertThat(verification.get("residual").asDouble()).isLessThan(1e-10);
        assertThat(verification.get("massBalanceError").asDouble()).isLessThan(1e-10);

        // an independent simulate of the written case reproduces the optimum
        // the hand-off keeps the optimize section (issue 17): optimize runs on the file with the same bounds
        assertThat(Files.readString(written)).contains("optimize:");
        CliHarness sim = CliHarness.run("simulate", written.toString(), "--json");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(sim.out());
        JsonNode products = s.get("products");
        assertThat(products.get(0).get("purity").asDouble()).isGreaterThanOrEqualTo(0.995)
                .isCloseTo(opt.get("raffinatePurity").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(products.get(1).get("purity").asDouble()).isGreaterThanOrEqualTo(0.995)
                .isCloseTo(opt.get("stripPurity").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.get("massBalanceError").asDouble()).isLessThan(1e-10);
    }

    @Test
    void unreachableTargetsExitWithTheBestReached() throws Exception {
        Path file = dir.resolve("hard.yaml");
        Files.writeString(file, CASE.replace("purity: 0.995", "purity: 0.99999")
                + "optimize: {maxEvaluations: 15}\n");
        Path written = dir.resolve("never.yaml");
        CliHarness r = CliHarness.run("optimize", file.toString(), "--case-out", written.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: targets = raffinate Pr purity ≥ 0.99999, strip liquor Nd purity ≥ 0.99999")
                .contains("no feasible point in").contains("the best reached: raffinate purity")
                .contains("Add stages or widen the bounds");
        assertThat(r.out()).isEmpty();
        assertThat(written).doesNotExist();
    }

    @Test
    void badSettingsAndCmerOptionsAreRefused() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, CASE + "optimize: {organicFlo: {min: 1}}\n");
        CliHarness r = CliHarness.run("optimize", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: optimize.organicFlo = (unknown key)").contains("organicFlow");
        Files.writeString(file, CASE + "optimize: {saponification: {max: 1}}\n");
        r = CliHarness.run("optimize", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: optimize.saponification.max = 1.0").contains("below 1");
        Files.writeString(file, CASE);
        r = CliHarness.run("optimize", file.toString(), "--max-stages", "40");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --max-stages = 40").contains("not given for a mass-action case");
        Files.writeString(file, CASE.replace("stripStages: 4", "stripStages: 0").replace(", reflux: 0.688", "")
                .replace("stripFlow: 17.6, stripAcidity: 5.0", "scrubFlow: 5, scrubAcidity: 1"));
        r = CliHarness.run("optimize", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: cascade.stripStages = 0");
        // a searched scrub acid needs an acidity: the case has no scrub acid, the section gives none
        assertRefused(file, "optimize: {scrubFlow: {min: 0, max: 5}}\n", "error: optimize.scrubAcidity = 0.0",
                "optimize.scrubFlow is searched");
        assertRefused(file, "optimize: {stripAcidity: {min: 0, max: 5}}\n", "error: optimize.stripAcidity.min = 0.0",
                "greater than 0");
    }

    /** {@code optimize} on the test case with this optimize section exits 2 with this message. */
    private static void assertRefused(Path file, String section, String start, String part) throws Exception {
        Files.writeString(file, CASE + section);
        CliHarness r = CliHarness.run("optimize", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith(start).contains(part);
    }

    /**
     * Scrub acid and strip acidity searched too: the optimum keeps them within their bounds, the
     * objective counts them (acid = strip flow × strip acidity + scrub flow × scrub acidity) and
     * the written case meets both targets when simulated.
     */
    @Test
    void scrubAcidAndStripAcidityAreSearchedWithinTheirBounds() throws Exception {
        Path file = dir.resolve("acids.yaml");
        Files.writeString(file, CASE + BOUNDS + "  scrubFlow: {min: 0, max: 4}\n  scrubAcidity: 1.5\n"
                + "  stripAcidity: {min: 3, max: 7}\n");
        Path written = dir.resolve("acids-optimized.yaml");
        CliHarness r = CliHarness.run("optimize", file.toString(), "--json", "--case-out", written.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode opt = j.get("optimum");
        assertThat(opt.get("feasible").asBoolean()).isTrue();
        JsonNode f = opt.get("flows");
        assertThat(f.get("scrubFlow").asDouble()).isBetween(0.0, 4.0);
        assertThat(f.get("stripAcidity").asDouble()).isBetween(3.0, 7.0);
        assertThat(j.get("bounds").get("stripAcidity").get("max").asDouble()).isEqualTo(7.0);
        assertThat(j.get("bounds").get("scrubFlow").get("max").asDouble()).isEqualTo(4.0);
        double acid = (f.get("stripFlow").asDouble() * f.get("stripAcidity").asDouble()
                + f.get("scrubFlow").asDouble() * 1.5) / 10;
        assertThat(opt.get("reagents").get("acidPerMolFed").asDouble())
                .isCloseTo(acid, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(j.get("stages").get("total").asInt()).isEqualTo(30);

        CliHarness sim = CliHarness.run("simulate", written.toString(), "--json");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        JsonNode products = new ObjectMapper().readTree(sim.out()).get("products");
        assertThat(products.get(0).get("purity").asDouble()).isGreaterThanOrEqualTo(0.995);
        assertThat(products.get(1).get("purity").asDouble()).isGreaterThanOrEqualTo(0.995);
    }

    /**
     * A stricter target cannot cost less: the bundled Pr | Nd case optimized at raffinate purity
     * 0.999 (its own) and 0.9995. Before the search on the targets' surface the looser target
     * stopped at 19.844 mol per mol RE fed and the stricter one at 19.722 (the search stalled on
     * the penalty's kink while the strip acid could still fall).
     */
    @Test
    void aStricterTargetCostsNoLess() throws Exception {
        String bundled = Files.readString(Path.of("cases/pr-nd-mass-action.yaml"));
        assertThat(bundled).contains("aqueous: {purity: 0.999, components: [Pr]}");
        double[] value = new double[2];
        String[] purity = {"0.999", "0.9995"};
        for (int i = 0; i < 2; i++) {
            Path file = dir.resolve("target" + i + ".yaml");
            Files.writeString(file, bundled.replace("aqueous: {purity: 0.999,", "aqueous: {purity: " + purity[i] + ","));
            CliHarness r = CliHarness.run("optimize", file.toString(), "--json");
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode opt = new ObjectMapper().readTree(r.out()).get("optimum");
            assertThat(opt.get("feasible").asBoolean()).isTrue();
            assertThat(opt.get("raffinateMargin").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(opt.get("stripMargin").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(opt.get("raffinatePurity").asDouble()).isGreaterThanOrEqualTo(Double.parseDouble(purity[i]));
            value[i] = opt.get("objectiveValue").asDouble();
        }
        assertThat(value[0]).isLessThanOrEqualTo(value[1]);
    }

    /**
     * {@code optimize --plot} draws the verified optimum's charts, as {@code simulate --plot} names
     * them, and with {@code --json} says so on standard error, standard output staying one document.
     */
    @Test
    void plotWritesTheOptimumsCharts() throws Exception {
        Path file = dir.resolve("small.yaml");
        Files.writeString(file, CASE + BOUNDS);
        Path charts = dir.resolve("charts");
        CliHarness r = CliHarness.run("optimize", file.toString(), "--json", "--plot", charts.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String name : new String[] {"profile", "ph-loading", "concentration"}) {
            assertThat(charts.resolve("small-optimum-" + name + ".png")).exists().isNotEmptyFile();
        }
        assertThat(new ObjectMapper().readTree(r.out()).get("model").asText()).isEqualTo("mass-action");
        assertThat(r.err()).contains("Charts written").contains("small-optimum-profile.png");
    }
}
