package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 16, defect 4: the sweep CSV header is quoted as its rows are (RFC 4180), so a component
 * named {@code A,B} gives a header with as many fields as each row; and names with control or
 * invisible characters are refused when the case is read (exit 2, the field and the character).
 */
class NamesAndHeaderTest {
    @TempDir
    Path dir;

    /** A binary case whose first component is called {@code NAME}, to be replaced. */
    static final String CASE = """
            model: separation-factors
            components:
              - {name: "NAME", separationFactor: 2.0}
              - {name: B, separationFactor: 1.0}
            feed: {phase: aqueous, composition: {"NAME": 0.5, B: 0.5}}
            cascade: {extractionStages: 8, scrubStages: 8}
            flows: {extractant: 1.7, scrub: 1.2}
            """;

    /** The fields of an RFC 4180 line (no line breaks inside quotes: the rows never have them). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }

    @Test
    void theSweepHeaderIsQuotedLikeItsRows() throws Exception {
        Path spec = dir.resolve("spec.yaml");
        String inline = CASE.replace("NAME", "A,B \\\"x\\\"").indent(2);
        Files.writeString(spec, "name: quoted\ncase:\n" + inline + """
                parameters:
                  - path: flows.extractant
                    name: S
                    range: {from: 1.6, to: 1.8, count: 3}
                record: [purities, recoveries, compositions]
                """);
        Path csv = dir.resolve("out.csv");
        CliHarness r = CliHarness.run("sweep", spec.toString(), "-o", csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(4);
        List<String> header = fields(lines.get(0));
        assertThat(header).anySatisfy(h -> assertThat(h).contains("A,B \"x\""));
        for (String row : lines.subList(1, lines.size())) {
            assertThat(fields(row)).hasSameSizeAs(header);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "NUL          | A\\0B     | U+0000",
            "line feed    | A\\nB     | U+000A",
            "tab          | A\\tB     | U+0009",
            "zero width   | A\\u200BB | U+200B",
            "RTL override | A\\u202EB | U+202E",
            "BOM          | \\uFEFFA  | U+FEFF",
            "blank        | '   '     | visible character"})
    void namesWithControlOrInvisibleCharactersAreRefused(String what, String escaped, String expected)
            throws Exception {
        Path file = dir.resolve("case.yaml");
        Files.writeString(file, CASE.replace("NAME", escaped));
        CliHarness r = CliHarness.run("simulate", file.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("components[0].name").contains(expected).doesNotContain("Exception");
        // the message shows the character escaped, never the raw character
        assertThat(r.err().chars().filter(c -> Character.getType(c) == Character.FORMAT || c == 0
                || c == '\t' || c == 0x0B)).isEmpty();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void sideDrawAndColumnNamesAreCheckedToo() throws Exception {
        Path file = dir.resolve("draw.yaml");
        Files.writeString(file, CASE.replace("NAME", "A") + """
                sideDraws:
                  - {name: "Eu\\u200B", stage: 10, phase: aqueous, flow: 0.1}
                """);
        CliHarness r = CliHarness.run("simulate", file.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("sideDraws[0].name").contains("U+200B");
    }
}
