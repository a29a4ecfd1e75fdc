package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.optimize.PlantFlowSearch;
import org.sxcascade.optimize.MassActionSettings;
import org.sxcascade.optimize.Objective;

/**
 * {@code optimize} on a mass-action case with stage bounds in its {@code optimize} section:
 * objectives stages, reagents and cost (docs/optimize.md, "Stage counts").
 */
class MassActionStageSearchTest {
    /** The small Pr | Nd case of {@link MassActionOptimizeTest} (12 + 14 + 4 stages meet 99.5 % both ways), its flow bounds. */
    private static final String CASE = MassActionOptimizeTest.CASE + MassActionOptimizeTest.BOUNDS;
    private static final String COSTS = """
            costs:
              currency: USD
              residenceTime: 0.5
              stageVolumePrice: 8000
              organicPrice: 6000
              acidPrice: 0.05
              basePrice: 0.12
              capitalCharge: 0.2
              operatingHours: 7000
            """;

    @TempDir
    Path dir;

    /**
     * Fewest stages: fewer than the case's 26 (n + m), and exactly the fewest that a brute-force
     * scan finds, each count of the range searched alone (its bounds min = max) from the case's
     * flows; the written case simulates to the printed purities and meets the targets.
     */
    @Test
    void fewestStagesMatchesABruteForceScanAndSimulatesAsWritten() throws Exception {
        Path file = dir.resolve("stages.yaml");
        Files.writeString(file, CASE + "  extractionStages: {min: 10, max: 12}\n  scrubStages: {min: 8, max: 12}\n");
        Path written = dir.resolve("fewest.yaml");
        CliHarness r = CliHarness.run("optimize", file.toString(), "--objective", "stages", "--json", "--exact-flows", "--case-out",
                written.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode stages = j.get("stages");
        assertThat(stages.get("searched").asBoolean()).isTrue();
        int n = stages.get("extraction").asInt();
        int m = stages.get("scrub").asInt();
        assertThat(stages.get("strip").asInt()).isEqualTo(4);
        assertThat(n).isBetween(10, 12);
        assertThat(m).isBetween(8, 12);
        assertThat(j.get("objective").get("name").asText()).isEqualTo("stages");
        assertThat(j.get("objective").get("value").asInt()).isEqualTo(n + m + 4);
        assertThat(stages.get("stageCounts").asInt()).isLessThanOrEqualTo(stages.get("maxStageCounts").asInt());

        // brute force: every (n, m) of the range alone (bounds min = max), each by the same
        // feasibility search from the case's flows, without the staircase and its warm starts
        CaseReader reader = new CaseReader();
        MassActionCase c = reader.readMassAction(file);
        int fewest = Integer.MAX_VALUE;
        for (int nn = 10; nn <= 12; nn++) {
            for (int mm = 8; mm <= 12; mm++) {
                if (nn + mm >= fewest) {
                    continue;
                }
                MassActionSettings one = MassActionSettings.read(new ObjectMapper().readTree(String.format(
                        "{\"organicFlow\": {\"min\": 150, \"max\": 190}, \"stripFlow\": {\"min\": 10, \"max\": 20},"
                                + " \"maxEvaluations\": 120, \"extractionStages\": {\"min\": %d, \"max\": %d},"
                                + " \"scrubStages\": {\"min\": %d, \"max\": %d}}", nn, nn, mm, mm)), c);
                try {
                    new PlantFlowSearch().optimize(c, one, Objective.STAGES, null);
                    fewest = nn + mm;
                } catch (InvalidInputException e) {
                    // no flows within the bounds meet the targets at this count
                }
            }
        }
        assertThat(fewest).as("the scan finds a feasible count below the case's").isLessThan(26);
        assertThat(n + m).isEqualTo(fewest);

        JsonNode opt = j.get("optimum");
        CliHarness sim = CliHarness.run("simulate", written.toString(), "--json");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(sim.out());
        assertThat(s.get("cascade").get("extractionStages").asInt()).isEqualTo(n);
        assertThat(s.get("cascade").get("scrubStages").asInt()).isEqualTo(m);
        assertThat(s.get("cascade").get("totalStages").asInt()).isEqualTo(n + m + 4);
        JsonNode products = s.get("products");
        assertThat(products.get(0).get("purity").asDouble()).isGreaterThanOrEqualTo(0.995)
                .isCloseTo(opt.get("raffinatePurity").asDouble(), offset(1e-9));
        assertThat(products.get(1).get("purity").asDouble()).isGreaterThanOrEqualTo(0.995)
                .isCloseTo(opt.get("stripPurity").asDouble(), offset(1e-9));
        assertThat(s.get("massBalanceError").asDouble()).isLessThan(1e-10);
    }

    /**
     * Least annual cost with all three counts searched: the objective is the cost model of
     * docs/optimize.md applied to the result's own numbers (stage flows from the layout: organic O
     * on every stage; aqueous feed + R·Q below the feed, R·Q in the scrub section, Q in the strip).
     */
    @Test
    void costObjectiveIsTheCostModelOfTheResult() throws Exception {
        Path file = dir.resolve("cost.yaml");
        Files.writeString(file, CASE + "  extractionStages: {min: 9, max: 12}\n  scrubStages: {min: 10, max: 14}\n"
                + "  stripStages: {min: 2, max: 5}\n" + COSTS);
        Path written = dir.resolve("cheapest.yaml");
        CliHarness r = CliHarness.run("optimize", file.toString(), "--objective", "cost", "--json", "--exact-flows", "--case-out",
                written.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode st = j.get("stages");
        int n = st.get("extraction").asInt();
        int m = st.get("scrub").asInt();
        int k = st.get("strip").asInt();
        assertThat(n).isBetween(9, 12);
        assertThat(m).isBetween(10, 14);
        assertThat(k).isBetween(2, 5);
        JsonNode opt = j.get("optimum");
        JsonNode f = opt.get("flows");
        double o = f.get("organicFlow").asDouble();
        double q = f.get("stripFlow").asDouble();
        double reflux = f.get("reflux").asDouble();
        double aqueous = n * (10 + reflux * q) + m * reflux * q + k * q; // L/h summed over the stages
        double organic = (n + m + k) * o;
        double stageVolume = 0.5 * (organic + aqueous) / 1000; // m³
        double organicVolume = 0.5 * organic / 1000;
        double acid = opt.get("reagents").get("acidMolPerHour").asDouble();
        double base = opt.get("reagents").get("baseMolPerHour").asDouble();
        assertThat(acid).isCloseTo(q * 5.0, offset(1e-9));
        assertThat(base).isCloseTo(2 * f.get("saponification").asDouble() * 0.75 * o, offset(1e-9));
        double cost = 0.2 * (8000 * stageVolume + 6000 * organicVolume) + 7000 * (0.05 * acid + 0.12 * base);
        assertThat(j.get("objective").get("name").asText()).isEqualTo("cost");
        assertThat(j.get("objective").get("value").asDouble()).isCloseTo(cost, offset(1e-9 * cost));
        assertThat(j.get("annualCost").get("total").asDouble()).isCloseTo(cost, offset(1e-9 * cost));
        assertThat(j.get("annualCost").get("stageVolumeCubicMetres").asDouble()).isCloseTo(stageVolume, offset(1e-12));
        assertThat(opt.get("feasible").asBoolean()).isTrue();
        // the case's own stages and flows cost more
        assertThat(j.get("caseFlows").get("objectiveValue").asDouble()).isGreaterThan(cost);

        CliHarness sim = CliHarness.run("simulate", written.toString(), "--json");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(sim.out());
        assertThat(s.get("cascade").get("stripStages").asInt()).isEqualTo(k);
        assertThat(s.get("cascade").get("totalStages").asInt()).isEqualTo(n + m + k);
        JsonNode products = s.get("products");
        assertThat(products.get(0).get("purity").asDouble()).isGreaterThanOrEqualTo(0.995)
                .isCloseTo(opt.get("raffinatePurity").asDouble(), offset(1e-9));
        assertThat(products.get(1).get("purity").asDouble()).isGreaterThanOrEqualTo(0.995)
                .isCloseTo(opt.get("stripPurity").asDouble(), offset(1e-9));
    }

    /**
     * At 12 + 9 + 2 stages the least-reagent search from the case's flows settles on a slightly
     * infeasible point (reaching the targets costs more reagent than the penalty); the feasibility
     * fallback finds flows that meet both targets, and simulate confirms them.
     */
    @Test
    void aCountWhosePenalisedSearchMissesGetsFeasibleFlowsByTheFallback() throws Exception {
        Path file = dir.resolve("tight.yaml");
        Files.writeString(file, CASE.replace("extractionStages: 12, scrubStages: 14, stripStages: 4",
                "extractionStages: 12, scrubStages: 9, stripStages: 2"));
        Path written = dir.resolve("tight-optimized.yaml");
        CliHarness r = CliHarness.run("optimize", file.toString(), "--json", "--case-out", written.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("stages").get("searched").asBoolean()).isFalse();
        assertThat(j.get("stages").get("total").asInt()).isEqualTo(23);
        assertThat(j.get("caseFlows").get("feasible").asBoolean()).isFalse();
        JsonNode opt = j.get("optimum");
        assertThat(opt.get("feasible").asBoolean()).isTrue();
        CliHarness sim = CliHarness.run("simulate", written.toString(), "--json");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        JsonNode products = new ObjectMapper().readTree(sim.out()).get("products");
        assertThat(products.get(0).get("purity").asDouble()).isGreaterThanOrEqualTo(0.995);
        assertThat(products.get(1).get("purity").asDouble()).isGreaterThanOrEqualTo(0.995);
    }

    @Test
    void badStageBoundsAndObjectivesAreRefused() throws Exception {
        refused("  extractionStages: {min: 0, max: 12}\n", "error: optimize.extractionStages.min = 0",
                "from 1 to 1000");
        refused("  scrubStages: {min: 10, max: 8}\n", "error: optimize.scrubStages.max = 8", "from min = 10");
        refused("  stripStages: {min: 2, max: 3.5}\n", "error: optimize.stripStages.max", "an integer");
        refused("  stripStages: {min: 2, most: 3}\n", "error: optimize.stripStages.most = (unknown key)", "max");
        refused("  maxStageCounts: 0\n  scrubStages: {min: 8}\n", "error: optimize.maxStageCounts = 0",
                "from 1 to 10000");
        Path file = dir.resolve("objective.yaml");
        Files.writeString(file, CASE);
        CliHarness r = CliHarness.run("optimize", file.toString(), "--objective", "phi");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --objective = phi").contains("reagents, stages or cost");
        r = CliHarness.run("optimize", file.toString(), "--objective", "cost");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: costs is missing: give a costs section");
        // reagents is an objective of mass-action cases only
        r = CliHarness.run("optimize", "cases/pr-nd-p507.yaml", "--objective", "reagents");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --objective = reagents").contains("mass-action");
    }

    private void refused(String settings, String start, String part) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, CASE + settings);
        CliHarness r = CliHarness.run("optimize", file.toString());
        assertThat(r.exitCode()).as(r.out()).isEqualTo(2);
        assertThat(r.err()).startsWith(start).contains(part);
    }
}
