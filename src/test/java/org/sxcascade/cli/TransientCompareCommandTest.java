package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code sxcascade transient --compare}: start-up strategies side by side (issue 19, item 3). */
class TransientCompareCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("case.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static void assertBadInput(CliHarness r, String... fragments) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains(fragments);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theBundledCaseComparesItsStrategiesAsTextJsonCsvAndCharts() throws Exception {
        Path csv = dir.resolve("compare.csv");
        Path charts = dir.resolve("charts");
        CliHarness text = CliHarness.run("transient", "cases/pr-nd-1974.yaml", "--compare",
                "blank,feed-filled,total-reflux,pre-equilibrated", "--time", "10d", "--csv", csv.toString(),
                "--plot", charts.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("Start-up strategies compared", "blank", "feed-filled", "total-reflux",
                "extractant S·F (mol RE-eq)", "4.05 d");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("strategy,target,purity_target,status,time_h,time_d,used_until_h");
        assertThat(lines).hasSize(1 + 4 * 3); // two targets and the steady state per strategy
        try (var files = Files.list(charts)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("pr-nd-1974-startup-compare-purity.png", "pr-nd-1974-startup-compare-times.png");
        }

        CliHarness json = CliHarness.run("transient", "cases/pr-nd-1974.yaml", "--compare", "blank,pre-equilibrated",
                "--time", "10d", "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode root = JSON.readTree(json.out());
        assertThat(root.get("model").asText()).isEqualTo("separation-factors");
        JsonNode blank = root.get("strategies").get(0);
        assertThat(blank.get("strategy").asText()).isEqualTo("blank");
        assertThat(blank.get("targets").get(0).get("status").asText()).isEqualTo("reached");
        assertThat(blank.get("targets").get(0).get("days").asDouble()).isBetween(4.0, 4.1);
        assertThat(blank.get("maxConservationError").asDouble()).isLessThan(1e-10);
        JsonNode pre = root.get("strategies").get(1);
        assertThat(pre.get("targets").get(0).get("hours").asDouble()).isZero();
    }

    /** The 1974 column of the table in docs/theory.md, "Start-up strategies", as the command prints it. */
    @Test
    void theNumbersTheTheoryQuotesForThe1974CaseAreTheCommands() throws Exception {
        CliHarness r = CliHarness.run("transient", "cases/pr-nd-1974.yaml", "--compare", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode list = JSON.readTree(r.out()).get("strategies");
        java.util.Map<String, String> quoted = new java.util.LinkedHashMap<>();
        for (JsonNode row : list) {
            for (JsonNode t : row.get("targets")) {
                quoted.put(row.get("strategy").asText() + " " + t.get("name").asText(), t.get("hours").isNull()
                        ? String.format(java.util.Locale.ROOT, "not on target (%.2f %%)", 100 * t.get("finalPurity")
                        .asDouble()) : String.format(java.util.Locale.ROOT, "%.2f d", t.get("days").asDouble()));
            }
        }
        assertThat(quoted).containsEntry("blank loaded organic Nd", "4.05 d").containsEntry("blank raffinate Pr", "5.48 d")
                .containsEntry("feed-filled loaded organic Nd", "2.63 d")
                .containsEntry("feed-filled raffinate Pr", "not on target (99.84 %)")
                .containsEntry("loaded-organic loaded organic Nd", "3.78 d")
                .containsEntry("loaded-organic raffinate Pr", "5.21 d")
                .containsEntry("pre-equilibrated loaded organic Nd", "0.00 d")
                .containsEntry("total-reflux loaded organic Nd", "3.87 d")
                .containsEntry("total-reflux raffinate Pr", "5.30 d");
        assertThat(JSON.readTree(r.out()).get("leftOut").get(0).asText()).startsWith("ramped-feed left out");
        String doc = java.nio.file.Files.readString(Path.of("docs/theory.md"));
        assertThat(doc).contains("| feed-filled | 2.63 d | not on target by 30 d (99.84 %) |",
                "| loaded-organic | 3.78 d | 5.21 d |", "| total-reflux (draw after 24.8 h / 16.0 d) | 3.87 d | 5.30 d |",
                "| blank | 4.05 d | 5.48 d |");
        assertThat(list.get(4).get("notes").get(0).asText()).contains("24.79 h");
    }

    @Test
    void aShortRunSaysNotYetOnTargetAndExitsZero() {
        CliHarness r = CliHarness.run("transient", "cases/pr-nd-1974.yaml", "--compare", "blank", "--time", "2d");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("not yet on target");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--compare|warm|--compare = warm|blank, feed-filled",
            "--compare|blank,blank|each strategy at most once|blank,blank",
            "--initial|blank|--initial = blank|no --initial with --compare"})
    void badCommandLinesExitTwo(String option, String value, String fragment, String other) {
        String[] args = option.equals("--initial")
                ? new String[] {"transient", "cases/pr-nd-1974.yaml", "--compare", "--initial", value}
                : new String[] {"transient", "cases/pr-nd-1974.yaml", option, value};
        assertBadInput(CliHarness.run(args), fragment, other);
    }

    @Test
    void badStrategiesInTheCaseExitTwo() throws Exception {
        String base = Files.readString(Path.of("cases/pr-nd-1974.yaml"));
        assertBadInput(CliHarness.run("transient", write(base.replace("  sampling: 1 d", "  sampling: 1 d\n"
                + "  strategies: {warm-start: {}}")).toString(), "--compare"), "transient.strategies.warm-start",
                "unknown key");
        assertBadInput(CliHarness.run("transient", write(base.replace("  sampling: 1 d", "  sampling: 1 d\n"
                + "  strategies: {loaded-organic: {loading: 1.5}}")).toString(), "--compare"),
                "transient.strategies.loaded-organic.loading", "at most 1");
        assertBadInput(CliHarness.run("transient", write(base.replace("  sampling: 1 d", "  sampling: 1 d\n"
                + "  strategies: {ramped-feed: {over: 2 d, step: 3}}")).toString(), "--compare"),
                "transient.strategies.ramped-feed.step", "steps");
        // a ramp the CMER flows cannot follow: an error naming the strategy when asked for by name
        assertBadInput(CliHarness.run("transient", "cases/pr-nd-1974.yaml", "--compare", "ramped-feed"),
                "ramped-feed.from", "S < W + 1");
        // the case's events: the strategies compare the case's own flows
        assertBadInput(CliHarness.run("transient", write(base.replace("  sampling: 1 d", "  sampling: 1 d\n"
                + "  events:\n    - {at: 5 d, feedFlow: 9.5}")).toString(), "--compare", "blank"),
                "transient.events", "none for --compare");
    }

    @Test
    void theCaseListsTheStrategiesToCompareWithTheirParameters() throws Exception {
        String base = Files.readString(Path.of("cases/pr-nd-1974.yaml"));
        Path file = write(base.replace("  sampling: 1 d", "  sampling: 1 d\n"
                + "  strategies: {total-reflux: {drawAfter: 12 h}, ramped-feed: {from: 0.8, over: 1 d, steps: 4}}"));
        CliHarness r = CliHarness.run("transient", file.toString(), "--compare", "--time", "10d", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode list = JSON.readTree(r.out()).get("strategies");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("description").asText()).isEqualTo("total-reflux, draw after 12.00 h");
        assertThat(list.get(1).get("description").asText()).isEqualTo("ramped-feed from 80 % over 24.00 h in 4 steps");
    }
}
