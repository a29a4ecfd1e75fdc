package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code simulate --window} for every model: the shape of its text and JSON, its chart, and bad input. */
class WindowCommandTest {
    @TempDir
    Path dir;

    /** The Kremser check with targets: constant distribution ratios. */
    private Path kremser() throws Exception {
        Path p = dir.resolve("kremser-targets.yaml");
        Files.writeString(p, org.sxcascade.window.OperatingWindowTest.KREMSER);
        return p;
    }

    /** Zhang's binary with three more stages in each section, so that it meets its targets (S and W, no plant data). */
    private Path zhangMeeting() throws Exception {
        Path p = dir.resolve("zhang-27-24.yaml");
        Files.writeString(p, Files.readString(Path.of("cases/zhang-binary.yaml"))
                .replace("extractionStages: 24 ", "extractionStages: 27 ").replace("scrubStages: 21 ", "scrubStages: 24 "));
        return p;
    }

    private static JsonNode window(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("simulate"));
        a.addAll(List.of(args));
        a.add("--window");
        a.add("--json");
        CliHarness r = CliHarness.run(a.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.has("products")).isTrue(); // the simulation's own JSON, with the window added
        return root.get("window");
    }

    private static List<String> fields(JsonNode w) {
        List<String> f = new ArrayList<>();
        w.get("inputs").forEach(i -> f.add(i.get("field").asText()));
        return f;
    }

    /** Every edge has its kind, printed value and what lies beyond; target edges are verified. */
    private static void edgesWellFormed(JsonNode w) {
        assertThat(w.get("operatingPointMet").asBoolean()).isTrue();
        List<JsonNode> edges = new ArrayList<>();
        w.get("inputs").forEach(i -> {
            edges.add(i.get("lower"));
            edges.add(i.get("upper"));
            assertThat(i.get("lower").get("value").asDouble()).isLessThanOrEqualTo(i.get("value").asDouble());
            assertThat(i.get("upper").get("value").asDouble()).isGreaterThanOrEqualTo(i.get("value").asDouble());
        });
        w.get("tolerances").forEach(t -> {
            edges.add(t.get("down"));
            edges.add(t.get("up"));
        });
        for (JsonNode e : edges) {
            assertThat(e.get("kind").asText()).isIn("target", "failure", "bound", "search-limit");
            assertThat(e.has("printed")).isTrue();
            assertThat(e.get("beyond").asText()).isNotBlank();
            if (e.get("kind").asText().equals("target")) {
                assertThat(e.get("verified").asBoolean()).as(e.toString()).isTrue();
                assertThat(e.get("beyond").asText()).endsWith("missed");
            }
        }
        w.get("margins").forEach(m -> assertThat(m.get("margin").asDouble())
                .isCloseTo(m.get("nines").asDouble() - m.get("requiredNines").asDouble(),
                        org.assertj.core.api.Assertions.within(1e-12)));
    }

    @Test
    void constantDistributionRatios() throws Exception {
        JsonNode w = window(kremser().toString());
        assertThat(fields(w)).containsExactly("flows.organicFlow", "feed.flow");
        assertThat(w.get("tolerances").get(0).get("symbol").asText()).isEqualTo("D(A/B)");
        edgesWellFormed(w);
    }

    @Test
    void separationFactorsWithSAndW() throws Exception {
        JsonNode w = window(zhangMeeting().toString());
        assertThat(fields(w)).containsExactly("flows.extractant", "flows.scrub");
        assertThat(w.get("tolerances").get(0).get("value").asDouble()).isEqualTo(2.0);
        edgesWellFormed(w);
    }

    @Test
    void separationFactorsWithPlantFlows() throws Exception {
        JsonNode w = window("cases/pr-nd-1974.yaml");
        assertThat(fields(w)).containsExactly("flows.organicFlow", "flows.scrubFlow", "feed.flow");
        edgesWellFormed(w);
    }

    @Test
    void massAction() throws Exception {
        JsonNode w = window("cases/pr-nd-mass-action.yaml");
        assertThat(fields(w)).containsExactly("flows.organicFlow", "flows.saponification", "flows.stripFlow",
                "flows.reflux", "feed.flow");
        List<String> symbols = new ArrayList<>();
        w.get("tolerances").forEach(t -> symbols.add(t.get("symbol").asText()));
        assertThat(symbols).containsExactly("K_ex(Nd/Pr)", "K_ex(Pr)");
        edgesWellFormed(w);
    }

    @Test
    void correlation() throws Exception {
        JsonNode w = window("cases/pr-nd-correlation.yaml");
        assertThat(fields(w)).contains("flows.organicFlow", "flows.reflux");
        assertThat(w.get("tolerances").get(0).has("value")).as("no constant ratio for a correlation").isFalse();
        edgesWellFormed(w);
    }

    @Test
    void murphreeStages() throws Exception {
        Path p = dir.resolve("kremser-murphree.yaml");
        Files.writeString(p, org.sxcascade.window.OperatingWindowTest.KREMSER.replace("purity: 0.55", "purity: 0.54")
                .replace("purity: 0.98", "purity: 0.97") + "efficiency: {extraction: 0.9}\n");
        JsonNode w = window(p.toString());
        edgesWellFormed(w);
        // the edges at their printed digits (each verified by cold-start simulations inside the window code)
        assertThat(w.get("inputs").get(0).get("lower").get("printed").asText()).isEqualTo("90.1");
        assertThat(w.get("inputs").get(0).get("upper").get("printed").asText()).isEqualTo("108.8");
    }

    @Test
    void sideDrawsAndThreeComponents() throws Exception {
        JsonNode w = window("cases/gd-eu-sm-three-outlet.yaml");
        assertThat(w.get("margins")).hasSize(3); // the Eu concentrate's target too
        assertThat(w.get("tolerances").get(0).get("symbol").asText()).isEqualTo("β(Gd+Eu/Sm)");
        edgesWellFormed(w);
    }

    @Test
    void textAndChart() throws Exception {
        Path charts = dir.resolve("charts");
        CliHarness r = CliHarness.run("simulate", kremser().toString(), "--window", "--window-grid", "5", "--plot",
                charts.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Operating window", "margin = nines(reached) − nines(target)",
                "flows.organicFlow", "D(A/B) may fall", "Feasible region of flows.organicFlow and feed.flow");
        assertThat(charts.resolve("kremser-targets-window.png")).exists();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cases/kremser.yaml|--window|targets is missing",
            "cases/pr-nd-p507.yaml|--window-grid=9|--window-grid = 9",
            "cases/la-ce-pr-nd.yaml|--window|--window = a flowsheet",
    })
    void badInputExits2(String file, String option, String message) {
        CliHarness r = CliHarness.run("simulate", file, option);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void reportShowsTheWindow() throws Exception {
        Path html = dir.resolve("r.html");
        CliHarness r = CliHarness.run("report", "cases/pr-nd-1974.yaml", "--window", "--no-design", "--no-transient",
                "-o", html.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 sections"); // inputs, steady state, the case's design, the window
        String page = Files.readString(html);
        assertThat(page).contains("<section id=\"window\">", "Target margins", "flows.organicFlow",
                "data-source=\"window\" data-key=\"/inputs/0/lower/value\"", "β(Nd/Pr) may fall",
                "pr-nd-1974-window");
        Path none = dir.resolve("none.html");
        CliHarness bad = CliHarness.run("report", "cases/kremser.yaml", "--window", "-o", none.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("targets is missing");
        assertThat(none).doesNotExist();
    }

    private Path spec(String base, String run) throws Exception {
        return spec(base, run, "components[1].separationFactor");
    }

    private Path spec(String base, String run, String path) throws Exception {
        Path spec = dir.resolve("window-sweep.yaml");
        Files.writeString(spec, "name: window\nbase: " + Path.of(base).toAbsolutePath() + "\nrun: " + run + "\n"
                + "parameters:\n  - path: " + path + "\n    name: beta\n"
                + "    values: [1.5, 1.45]\nrecord: [targets, window]\n");
        return spec;
    }

    @Test
    void sweepRecordsTheWindowOfEachPoint() throws Exception {
        Path out = dir.resolve("w.csv");
        CliHarness r = CliHarness.run("sweep", spec("cases/pr-nd-p507.yaml", "simulate").toString(), "-o",
                out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        List<String> head = List.of(lines.get(0).split(","));
        assertThat(head).contains("margin_nines_min", "window_low_flows_organicFlow", "window_high_flows_scrubFlow",
                "window_low_feed_flow", "tolerance_down", "tolerance_up");
        String[] atCase = lines.get(1).split(",", -1);
        // the point at the case's β is the case: its columns are simulate --window's numbers
        JsonNode w = window("cases/pr-nd-p507.yaml");
        assertThat(Double.parseDouble(atCase[head.indexOf("window_low_flows_organicFlow")]))
                .isEqualTo(w.get("inputs").get(0).get("lower").get("value").asDouble());
        assertThat(Double.parseDouble(atCase[head.indexOf("tolerance_down")]))
                .isEqualTo(w.get("tolerances").get(0).get("down").get("value").asDouble());
        assertThat(atCase[head.indexOf("tolerance_up")]).as("the search limit is an empty cell").isEmpty();
        // β = 1.45 misses a target (the tolerance above says β may fall 2.5 %): no window, a negative margin
        String[] below = lines.get(2).split(",", -1);
        assertThat(below[head.indexOf("targets_met")]).isEqualTo("false");
        assertThat(Double.parseDouble(below[head.indexOf("margin_nines_min")])).isNegative();
        assertThat(below[head.indexOf("window_low_flows_organicFlow")]).isEmpty();
    }

    @Test
    void sweepRefusesTheWindowWithoutTargetsOrForADesign() throws Exception {
        CliHarness design = CliHarness.run("sweep", spec("cases/pr-nd-p507.yaml", "design").toString(), "-o",
                dir.resolve("d.csv").toString());
        assertThat(design.exitCode()).isEqualTo(2);
        assertThat(design.err()).contains("window only with run: simulate");
        CliHarness none = CliHarness.run("sweep", spec("cases/kremser.yaml", "simulate",
                "components[1].distributionRatio").toString(), "-o", dir.resolve("k.csv").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("window only for a base case with targets");
    }

    @Test
    void aGridOfTwoPointsExits2() {
        CliHarness r = CliHarness.run("simulate", "cases/pr-nd-p507.yaml", "--window", "--window-grid", "2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--window-grid = 2", "3 to 201");
    }
}
