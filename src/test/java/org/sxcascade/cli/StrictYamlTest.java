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
    /** {@link NamesAndHeaderTest}'s binary case, its first component named A, with a tolerance written 1e-12. */
    private static final String CASE = NamesAndHeaderTest.CASE.replace("\"NAME\"", "A")
            + "solver: {tolerance: 1e-12}\n";

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
            "scrubStages: 8        | scrubStages: \"8\"        | cascade.scrubStages = \"8\" (in quotes) is not allowed: an integer written without quotes",
            "separationFactor: 2.0 | separationFactor: '2.0' | components[0].separationFactor = \"2.0\" (in quotes)",
            "tolerance: 1e-12      | tolerance: \"1e-12\"      | solver.tolerance = \"1e-12\" (in quotes) is not allowed: a number written without quotes",
            "name: A,              | name: !!binary QQ==,    | line 3, column 12: a YAML tag (!!binary)",
            "phase: aqueous        | phase: !!str aqueous    | line 5, column 15: a YAML tag (!!str)",
            "cascade: {            | cascade: !!map {        | line 6, column 10: a YAML tag (!!map)"})
    void numbersInQuotesAndTagsAreRefused(String plain, String changed, String expected) throws Exception {
        assertThat(CASE).contains(plain);
        CliHarness r = simulate(CASE.replace(plain, changed));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(expected);
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

    /** Issue 16, item 8: file-level errors name the right place, the encoding, and no parser internals. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "control    | line 2, column 8: control character U+0001",
            "latin1     | not UTF-8 text: byte 0xE9 at line 4 is not UTF-8",
            "listKey    | line 1, column 4: a key must be a plain name, not a list",
            "deep       | lists and mappings nested 1001 deep, more than the 1000 allowed",
            "tab        | line 3, column 1: found character '\\t(TAB)'"})
    void fileErrorsSayWhereAndWhatInWords(String kind, String expected) throws Exception {
        byte[] bytes = switch (kind) {
            case "control" -> "model: separation-factors\nname: a\u0001b\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case "latin1" -> (CASE.substring(0, CASE.indexOf("- {name: B")) + "  - {name: B\u00e9}\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            case "listKey" -> "? [a, b]\n: 1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case "deep" -> ("a: " + "[".repeat(1001) + "]".repeat(1001) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            default -> "model: separation-factors\ncascade:\n\textractionStages: 3\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        };
        Path f = dir.resolve("case.yaml");
        Files.write(f, bytes);
        CliHarness r = CliHarness.run("simulate", f.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(expected).doesNotContain("org.yaml").doesNotContain("StreamReadConstraints")
                .doesNotContain("Input length");
    }
}
