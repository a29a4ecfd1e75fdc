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
