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

/** {@code sxcascade transient}: outputs, units, and every kind of bad input (issue 5, items 4 and 6). */
class TransientCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CASE = """
            name: test
            model: separation-factors
            components:
              - {name: A, separationFactor: 2.0}
              - {name: B, separationFactor: 1.0}
            feed:
              phase: aqueous
              composition: {A: 0.5, B: 0.5}
            cascade:
              extractionStages: 8
              scrubStages: 8
            flows:
              extractant: 2.6
              scrub: 2.1
            targets:
              organic: {purity: 0.95}
              aqueous: {purity: 0.95}
            transient:
              residenceTime: {aqueous: 0.5 h, organic: 0.3 h}
              simulatedTime: 160 d
              sampling: 16 d
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("case.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private CliHarness run(String yaml, String... extra) throws Exception {
        Path file = write(yaml);
        String[] args = new String[extra.length + 4];
        args[0] = "transient";
        args[1] = file.toString();
        args[2] = "--csv";
        args[3] = dir.resolve("out.csv").toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return CliHarness.run(args);
    }

    private void assertBadInput(CliHarness r, String... fragments) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains(fragments);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
        assertThat(Files.exists(dir.resolve("out.csv"))).isFalse();
    }

    @Test
    void jsonHasTimesToTargetSteadyStateAndTheSeries() throws Exception {
        CliHarness r = run(CASE, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("units").get("time").asText()).isEqualTo("h");
        assertThat(doc.get("units").get("flow").asText()).isEqualTo("mol/h per mol/h fed");
        JsonNode organic = doc.get("timeToTarget").get("organic");
        assertThat(organic.get("reached").asBoolean()).isTrue();
        assertThat(organic.get("hours").asDouble()).isPositive().isLessThan(3840);
        assertThat(organic.get("days").asDouble()).isEqualTo(organic.get("hours").asDouble() / 24);
        assertThat(doc.get("timeToTarget").get("aqueous").get("reached").asBoolean()).isTrue();
        assertThat(doc.get("timeToSteadyState").get("hours").asDouble()).isPositive().isLessThan(3840);
        assertThat(doc.get("maxConservationError").asDouble()).isLessThan(1e-9);
        JsonNode series = doc.get("series");
        assertThat(series).hasSize(11);
        assertThat(series.get(10).get("hours").asDouble()).isEqualTo(3840);
        assertThat(series.get(10).get("products").get(0).get("purity").asDouble())
                .isEqualTo(doc.get("timeToTarget").get("organic").get("finalPurity").asDouble());
        assertThat(series.get(0).get("products").get(0).get("purity").isNull()).isTrue(); // nothing leaves a blank cascade
        assertThat(series.get(5).get("inventory").get("extraction").get("A").asDouble()).isPositive();
        assertThat(doc.get("steadyState").get("products")).hasSize(2);
        List<String> csv = Files.readAllLines(dir.resolve("out.csv"));
        assertThat(csv.get(0)).startsWith("time_h,time_d,loaded_organic_RE_per_feed,loaded_organic_purity,loaded_organic_A_per_feed")
                .contains("extraction_inventory_A_h_of_feed", "distance_to_steady_state", "conservation_error");
        assertThat(csv).hasSize(12);
        // the CSV's rows carry the same numbers as the JSON series (15 significant digits)
        String[] header = csv.get(0).split(",");
        String[] last = csv.get(11).split(",");
        JsonNode end = series.get(10);
        assertThat(Double.parseDouble(last[0])).isEqualTo(end.get("hours").asDouble());
        assertThat(Double.parseDouble(last[column(header, "loaded_organic_purity")]))
                .isCloseTo(end.get("products").get(0).get("purity").asDouble(), within(1e-14));
        assertThat(Double.parseDouble(last[column(header, "raffinate_purity")]))
                .isCloseTo(end.get("products").get(1).get("purity").asDouble(), within(1e-14));
        assertThat(Double.parseDouble(last[column(header, "extraction_inventory_A_h_of_feed")]))
                .isCloseTo(end.get("inventory").get("extraction").get("A").asDouble(),
                        within(1e-13 * end.get("inventory").get("extraction").get("A").asDouble()));
        assertThat(Double.parseDouble(last[column(header, "distance_to_steady_state")]))
                .isCloseTo(end.get("distanceToSteadyState").asDouble(), within(1e-14));
    }

    private static int column(String[] header, String name) {
        int k = java.util.Arrays.asList(header).indexOf(name);
        assertThat(k).as("column %s", name).isNotNegative();
        return k;
    }

    @Test
    void textReportsUnitsAndTimes() throws Exception {
        CliHarness r = run(CASE, "--sampling", "8d");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Time series (RE flows in mol/h per mol/h fed; RE held in mol per mol/h fed)",
                "time (d)  time (h)", "A 95.0000% in the loaded organic: reached after",
                "steady state (every stage within 1e-06 of simulate): reached after",
                "conservation: accumulated = fed − withdrawn", "Time series written to");
        assertThat(r.out().lines().filter(l -> l.matches("  \\d+\\.\\d\\d +\\d+\\.\\d .*"))).hasSize(21);
    }

    @Test
    void eventsAndRowsAreReported() throws Exception {
        String yaml = CASE + """
                  method: rows
                  events:
                    - {at: 2 d, feedComposition: {A: 0.45, B: 0.55}}
                    - {at: 60 h, extractant: 2.55}
                """;
        CliHarness r = run(yaml);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Xu's row simulation, one row = ", "event      at 2.00 d (48.0 h): feed composition",
                "event      at 2.50 d (60.0 h): S = 2.55", "New steady state after the events (simulate)");
    }

    @Test
    void aRunTooShortToReachAnythingReturnsWhatItComputed() throws Exception {
        CliHarness r = run(CASE, "--time", "2h", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        for (JsonNode t : List.of(j.at("/timeToTarget/organic"), j.at("/timeToTarget/aqueous"))) {
            assertThat(t.path("status").asText()).isEqualTo("not yet on target");
            assertThat(t.path("reached").asBoolean()).isFalse();
            assertThat(t.path("projection").asText()).isNotEmpty();
        }
        assertThat(j.path("timeToSteadyState").isNull()).isTrue();
        assertThat(j.at("/projectedSteadyState/projection").asText()).isNotEmpty();
        // the samples are written: the start, one per default sampling interval, the end
        assertThat(Files.readAllLines(dir.resolve("out.csv")).size()).isGreaterThan(2);
    }

    @Test
    void theFirstTwoDaysOfThe1974StartUpAreWritten() throws Exception {
        // issue 19's short window: 2 days sampled every 2 h, before either product is on target
        Path csv = dir.resolve("early.csv");
        CliHarness r = CliHarness.run("transient", "cases/pr-nd-1974.yaml", "--time", "2d", "--sampling", "2h",
                "--csv", csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("not yet on target", "Time series written to");
        assertThat(Files.readAllLines(csv)).hasSize(1 + 25);
    }

    @Test
    void chemistryEventsAreRefusedForCmerCases() throws Exception {
        assertBadInput(run(CASE + "  events:\n    - {at: 10 d, saponification: 0.3}\n"),
                "transient.events[0].saponification", "inputs of mass-action cases only");
    }

    @Test
    void badTransientInput() throws Exception {
        assertBadInput(run(CASE.replace("aqueous: 0.5 h", "aqueous: -0.5 h")), "transient.residenceTime.aqueous");
        assertBadInput(run(CASE.replace("aqueous: 0.5 h", "aqueous: 0.5")), "transient.residenceTime.aqueous",
                "a time with its unit");
        assertBadInput(run(CASE.replace("residenceTime: {aqueous: 0.5 h, organic: 0.3 h}",
                "holdUp: {aqueous: 10, organic: 0}")), "transient.holdUp.organic", "greater than 0");
        assertBadInput(run(CASE.replace("residenceTime: {aqueous: 0.5 h, organic: 0.3 h}",
                "holdUp: {aqueous: 10, organic: 10}")), "transient.holdUp", "residenceTime", "plant flows");
        assertBadInput(run(CASE + "  events:\n    - {at: 161 d, extractant: 2.5}\n"), "transient.events[0].at",
                "inside the simulated time");
        assertBadInput(run(CASE + "  events:\n    - {at: 1 d, extractant: 3.5}\n"),
                "transient.events[0].flows.extractant", "S < W + 1");
        assertBadInput(run(CASE + "  events:\n    - {at: 1 d, feedFlow: 3}\n"), "transient.events[0].feedFlow",
                "extractant and scrub");
        assertBadInput(run(CASE + "  events:\n    - {at: 1 d, feedComposition: {A: 0.5, B: 0.6}}\n"),
                "transient.events[0].feedComposition", "summing to 1");
        assertBadInput(run(CASE.replace("sampling: 16 d", "samplng: 16 d")), "transient.samplng", "did you mean 'sampling'");
        assertBadInput(run(CASE.replace("sampling: 16 d", "sampling: 161 d")), "transient.sampling", "at most");
        assertBadInput(run(CASE.substring(0, CASE.indexOf("transient:"))), "transient is missing");
        assertBadInput(run(CASE, "--time", "5 weeks"), "--time", "a time with its unit");
        assertBadInput(run(CASE, "--hold-up-scale", "0"), "--hold-up-scale");
        assertBadInput(run(CASE + "  events:\n    - {at: 3 d, extractant: 2.5}\n", "--time", "2d"), "--time",
                "after every event");
        assertBadInput(run(CASE, "--method", "stiff"), "--method", "auto, continuous, implicit or rows");
        assertBadInput(run(CASE, "--flow-tolerance", "0"), "--flow-tolerance", "1e-6 to 0.5");
        assertBadInput(run(CASE, "--flow-tolerance", "60%"), "--flow-tolerance", "1e-6 to 0.5");
        assertBadInput(run(CASE, "--flow-tolerance", "some"), "--flow-tolerance", "percentage");
        assertBadInput(run(CASE.replace("sampling: 16 d", "sampling: 16 d\n  productFlowTolerance: 0.7")),
                "transient.productFlowTolerance", "0.5");
    }

    @Test
    void theFlowToleranceMovesTheTimesToTargetAndIsReported() throws Exception {
        // cases/pr-nd-1974.yaml: 4.05 d and 5.48 d at the default 1 %, 2.33 d and 3.74 d at 5 % (docs/tutorial-1974.md)
        CliHarness five = CliHarness.run("transient", "cases/pr-nd-1974.yaml", "--flow-tolerance", "5%");
        assertThat(five.exitCode()).as(five.err()).isZero();
        assertThat(five.out()).contains("on target: purity at the target and RE flow within 5 % of the steady flow",
                "Nd 99.9000% in the loaded organic: reached after 2.33 d", "Pr 99.9000% in the raffinate: reached after 3.74 d");
        CliHarness json = CliHarness.run("transient", "cases/pr-nd-1974.yaml", "--flow-tolerance", "0.05", "--json");
        assertThat(JSON.readTree(json.out()).get("productFlowTolerance").asDouble()).isEqualTo(0.05);
        CliHarness usual = CliHarness.run("transient", "cases/pr-nd-1974.yaml");
        assertThat(usual.out()).doesNotContain("on target: purity").contains("reached after 4.05 d");
    }

    @Test
    void simulateAndDesignStillReadCasesWithATransientSection() throws Exception {
        Path file = write(CASE);
        assertThat(CliHarness.run("simulate", file.toString()).exitCode()).isZero();
        CliHarness bad = CliHarness.run("simulate", write(CASE.replace("sampling: 16 d", "sampling: soon")).toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("transient.sampling");
        assertThat(CliHarness.run("design", "cases/pr-nd-1974.yaml").exitCode()).isZero();
    }

    @Test
    void helpListsTheOptions() {
        CliHarness r = CliHarness.run("transient", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--json", "--csv", "--time", "--sampling", "--method", "--initial",
                "--hold-up-scale", "--flow-tolerance");
        assertThat(CliHarness.run("--help").out()).contains("transient");
    }
}
