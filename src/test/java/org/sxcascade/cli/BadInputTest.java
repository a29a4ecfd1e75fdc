package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gets exit code 2, a message naming the field, the value and what is
 * allowed, no stack trace and no output file (issue 2, item 8).
 */
class BadInputTest {
    private static final String GOOD = """
            name: test
            model: separation-factors
            components:
              - {name: A, separationFactor: 2.0}
              - {name: B, separationFactor: 1.0}
            feed:
              phase: aqueous
              composition: {A: 0.5, B: 0.5}
            cascade:
              extractionStages: 24
              scrubStages: 21
            flows:
              extractant: 1.7086449
              scrub: 1.2081944
            """;

    @TempDir
    Path dir;

    private CliHarness runCase(String yaml) throws Exception {
        Path file = dir.resolve("case.yaml");
        Files.writeString(file, yaml);
        return CliHarness.run("simulate", file.toString(), "--csv", dir.resolve("out.csv").toString());
    }

    private void assertBadInput(CliHarness r, String... fragments) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains(fragments);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
        assertThat(Files.exists(dir.resolve("out.csv"))).isFalse();
    }

    /** "&lows:" is a YAML anchor on a key with no name (a fuzz mutant found the empty field name). */
    @Test
    void aKeyWithNoNameIsNamedAsSuch() throws Exception {
        assertBadInput(runCase(GOOD.replace("flows:", "&lows:")), "\"\" = (a key with no name) is not allowed",
                "a YAML anchor or alias");
    }

    @Test
    void goodCaseRuns() throws Exception {
        CliHarness r = runCase(GOOD);
        assertThat(r.exitCode()).as(r.err()).isZero();
        // the profile CSV carries the Zhang numbers (docs/theory.md): x_B on stage 1, y_A on stage 45
        java.util.List<String> csv = Files.readAllLines(dir.resolve("out.csv"));
        assertThat(csv).hasSize(46);
        java.util.List<String> header = java.util.List.of(csv.get(0).split(","));
        String[] first = csv.get(1).split(",");
        String[] last = csv.get(45).split(",");
        assertThat(Double.parseDouble(first[header.indexOf("x_B")]))
                .isCloseTo(0.999893, org.assertj.core.api.Assertions.within(2e-6));
        assertThat(Double.parseDouble(last[header.indexOf("y_A")]))
                .isCloseTo(0.998993, org.assertj.core.api.Assertions.within(2e-6));
    }

    @Test
    void fractionsNotSummingToOne() throws Exception {
        assertBadInput(runCase(GOOD.replace("{A: 0.5, B: 0.5}", "{A: 0.5, B: 0.45}")),
                "feed.composition", "0.95", "summing to 1 within 1.0E-6");
    }

    @Test
    void zeroOrNegativeFlows() throws Exception {
        assertBadInput(runCase(GOOD.replace("extractant: 1.7086449", "extractant: 0")),
                "flows.extractant", "= 0", "greater than 0");
        assertBadInput(runCase(GOOD.replace("scrub: 1.2081944", "scrub: -1.5")),
                "flows.scrub", "-1.5", "greater than 0");
    }

    @Test
    void nonPositiveSeparationFactor() throws Exception {
        assertBadInput(runCase(GOOD.replace("separationFactor: 2.0", "separationFactor: -2")),
                "components[0].separationFactor", "-2", "greater than 0");
        assertBadInput(runCase(GOOD.replace("separationFactor: 1.0", "separationFactor: 0")),
                "components[1].separationFactor", "0", "greater than 0");
    }

    @Test
    void unknownComponentName() throws Exception {
        assertBadInput(runCase(GOOD.replace("{A: 0.5, B: 0.5}", "{A: 0.5, Nd: 0.5}")),
                "feed.composition.Nd", "a component listed under components: A, B");
    }

    @Test
    void stageCountsBelowOne() throws Exception {
        assertBadInput(runCase(GOOD.replace("extractionStages: 24", "extractionStages: 0")),
                "cascade.extractionStages", "= 0", "from 1 to 1000");
        assertBadInput(runCase(GOOD.replace("scrubStages: 21", "scrubStages: 0")),
                "cascade.scrubStages", "= 0", "from 1 to 976");
    }

    @Test
    void moreThanAThousandStages() throws Exception {
        assertBadInput(runCase(GOOD.replace("extractionStages: 24", "extractionStages: 990")),
                "cascade.scrubStages", "21", "at most 1000");
        assertBadInput(runCase(GOOD.replace("extractionStages: 24", "extractionStages: 1001")),
                "cascade.extractionStages", "1001", "from 1 to 1000");
    }

    @Test
    void infeasibleFlows() throws Exception {
        // aqueous feed with S ≤ W: no organic product
        assertBadInput(runCase(GOOD.replace("extractant: 1.7086449", "extractant: 1.1")),
                "flows.extractant", "1.10000", "S > W", "no loaded organic");
        // S ≥ W + 1: no raffinate
        assertBadInput(runCase(GOOD.replace("extractant: 1.7086449", "extractant: 2.3")),
                "flows.extractant", "S < W + 1", "no raffinate");
        // organic feed needs W > S
        assertBadInput(runCase(GOOD.replace("phase: aqueous", "phase: organic")),
                "flows.scrub", "W > S for an organic feed");
    }

    @Test
    void misspeltKeys() throws Exception {
        assertBadInput(runCase(GOOD.replace("scrubStages: 21", "scrubstages: 21")),
                "cascade.scrubstages", "unknown key", "did you mean 'scrubStages'?");
        assertBadInput(runCase(GOOD + "solvr: {tolerance: 1e-10}\n"),
                "solvr", "did you mean 'solver'?");
        assertBadInput(runCase(GOOD.replace("{name: A, separationFactor: 2.0}", "{name: A, separationFacor: 2.0}")),
                "components[0].separationFacor", "unknown key");
    }

    @Test
    void malformedYamlGivesLineNumber() throws Exception {
        assertBadInput(runCase(GOOD.replace("  scrubStages: 21", "  scrubStages: [21")), "malformed YAML", "line ");
        assertBadInput(runCase(GOOD + "cascade: {extractionStages: 1, scrubStages: 1}\n"), "malformed YAML",
                "Duplicate field 'cascade'");
    }

    @Test
    void wrongTypes() throws Exception {
        assertBadInput(runCase(GOOD.replace("extractionStages: 24", "extractionStages: many")),
                "cascade.extractionStages", "many", "an integer");
        assertBadInput(runCase(GOOD.replace("phase: aqueous", "phase: vapour")),
                "feed.phase", "vapour", "aqueous or organic");
    }

    @Test
    void duplicateComponentNamesAndFieldPaths() throws Exception {
        assertBadInput(runCase(GOOD.replace("{name: B, separationFactor: 1.0}", "{name: A, separationFactor: 1.0}")),
                "components[1].name = A", "a name not used by another component");
        CliHarness r = runCase(GOOD.replace("extractionStages: 24", "extractionStages: 24.5"));
        assertBadInput(r, "cascade.extractionStages = 24.5", "an integer");
        assertThat(r.err()).doesNotContain("cascade.cascade");
    }

    @Test
    void equalFactorsNeedNamedTargetGroups() throws Exception {
        assertBadInput(runCase(GOOD.replace("separationFactor: 2.0", "separationFactor: 1.0")
                        + "targets: {organic: {purity: 0.9}}\n"),
                "targets.organic.components", "same separation factor");
    }

    @Test
    void outputFileMustBeAFileOtherThanTheInput() throws Exception {
        Path file = dir.resolve("case.yaml");
        Files.writeString(file, GOOD);
        Files.createDirectory(dir.resolve("adir"));
        CliHarness toDir = CliHarness.run("simulate", file.toString(), "--csv", dir.resolve("adir").toString());
        assertThat(toDir.exitCode()).isEqualTo(2);
        assertThat(toDir.err()).contains("--csv", "not a directory").doesNotContain("internal error");
        CliHarness toInput = CliHarness.run("simulate", file.toString(), "--csv", file.toString());
        assertThat(toInput.exitCode()).isEqualTo(2);
        assertThat(toInput.err()).contains("a file other than the input case file");
        assertThat(Files.readString(file)).isEqualTo(GOOD);
    }

    @Test
    void outputThroughASymbolicLinkKeepsTheLink() throws Exception {
        Path file = dir.resolve("case.yaml");
        Files.writeString(file, GOOD);
        Path real = Files.writeString(dir.resolve("real.csv"), "");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real.getFileName());
        CliHarness r = CliHarness.run("simulate", file.toString(), "--csv", link.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readAllLines(real)).hasSize(46);
    }

    @Test
    void missingFile() throws Exception {
        CliHarness r = CliHarness.run("simulate", dir.resolve("nope.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope.yaml", "no such file").doesNotContain("Exception");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliHarness r = CliHarness.run("simulate", "cases/zhang-binary.yaml", "--jsno");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--jsno");
    }

    @Test
    void noConvergenceIsExitThreeWithWhatWasReached() throws Exception {
        CliHarness r = runCase(GOOD + "solver: {maxIterations: 1}\n");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("did not converge", "after 1 iterations", "largest relative stage imbalance")
                .doesNotContain("\tat ");
        assertThat(Files.exists(dir.resolve("out.csv"))).isFalse();
    }
}
