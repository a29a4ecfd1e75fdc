package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 16, item 7: what docs/case-format.md promises to refuse is refused (exit 2, with the field
 * or the line): numbers in quotes, a second YAML document, YAML tags. Plain numbers, also those
 * YAML 1.1 reads as text (1e-12), and quoted text are still read.
 */
class StrictYamlTest {
    private static final String CASE = """
            model: separation-factors
            components:
              - {name: A, separationFactor: 2.0}
              - {name: B, separationFactor: 1.0}
            feed: {phase: aqueous, composition: {A: 0.5, B: 0.5}}
            cascade: {extractionStages: 8, scrubStages: 8}
            flows: {extractant: 1.7, scrub: 1.2}
            solver: {tolerance: 1e-12}
            """;

    @TempDir
    Path dir;

    private CliHarness simulate(String text) throws Exception {
        Path f = dir.resolve("case.yaml");
        Files.writeString(f, text);
        return CliHarness.run("simulate", f.toString());
    }

    @Test
    void plainNumbersAndQuotedTextAreRead() throws Exception {
        CliHarness r = simulate(CASE.replace("name: A,", "name: \"A\","));
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "scrubStages: 8      | scrubStages: \"8\"        | cascade.scrubStages = \"8\" (in quotes)",
            "separationFactor: 2.0 | separationFactor: '2.0' | components[0].separationFactor = \"2.0\" (in quotes)",
            "tolerance: 1e-12    | tolerance: \"1e-12\"      | solver.tolerance = \"1e-12\" (in quotes)"})
    void numbersInQuotesAreRefused(String plain, String quoted, String expected) throws Exception {
        CliHarness r = simulate(CASE.replace(plain, quoted));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(expected).contains("without quotes");
    }

    @Test
    void aSecondDocumentIsRefused() throws Exception {
        CliHarness r = simulate(CASE + "---\nname: second\n");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("line 9").contains("second YAML document");
    }

    @Test
    void aMalformedSecondDocumentIsBadInputToo() throws Exception {
        CliHarness r = simulate(CASE + "---\n[: {\n");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("internal error");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "name: A,   | name: !!binary QQ==,   | line 3, column 12",
            "phase: aqueous | phase: !!str aqueous | line 5, column 15",
            "cascade: {  | cascade: !!map {     | line 6, column 10"})
    void tagsAreRefused(String plain, String tagged, String where) throws Exception {
        CliHarness r = simulate(CASE.replace(plain, tagged));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(where).contains("YAML tag (!!");
    }

    @Test
    void aSweepSpecRefusesQuotedNumbersToo(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, "name: s\ncase:\n" + CASE.indent(2) + """
                parameters:
                  - {path: flows.extractant, name: S, range: {from: "1.6", to: 1.8, count: 2}}
                """);
        CliHarness r = CliHarness.run("sweep", spec.toString(), "-o", tmp.resolve("o.csv").toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("\"1.6\" (in quotes)");
    }
}
