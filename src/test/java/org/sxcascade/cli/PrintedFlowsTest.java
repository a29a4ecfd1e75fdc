package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17's rounding acceptance: every flow that {@code design} and {@code optimize} print, taken
 * at its printed digits, simulates on spec, for CMER (with and without plant units) and mass
 * action, the least-Φ optimum of a CMER case and the mass-action optimum included (both sit on
 * their targets: they are re-run with a margin for the rounding). Each printed value of an
 * operating flow (found by the flow's name from the JSON's {@code operatingFlows}) is put into the
 * written case at its field, the line's other printed flows with it and the unprinted ones at their
 * full-precision values, and the case is simulated.
 */
class PrintedFlowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("design", "cases/pr-nd-p507.yaml"),
                Arguments.of("optimize", "cases/pr-nd-p507.yaml"),
                Arguments.of("design", "cases/zhang-binary.yaml"),
                Arguments.of("optimize", "cases/zhang-binary.yaml"),
                Arguments.of("design", "cases/pr-nd-mass-action.yaml"),
                Arguments.of("optimize", "cases/pr-nd-mass-action.yaml"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("commands")
    void everyPrintedFlowSimulatesOnSpec(String command, String caseFile, @TempDir Path dir) throws Exception {
        Path written = dir.resolve("written.yaml");
        CliHarness j = CliHarness.run(command, caseFile, "--json", "--case-out", written.toString());
        assertThat(j.exitCode()).as(j.err()).isZero();
        JsonNode doc = JSON.readTree(j.out());
        String yaml = Files.readString(written);
        assertThat(doc.at("/rounded/met").asBoolean()).as("a rounding that holds").isTrue();
        assertOnSpec(dir, yaml, Map.of(), "the written case");

        // the flows a plant sets, at full precision: the JSON's operating flows
        Map<String, String> exact = new LinkedHashMap<>();
        Map<String, String> fieldOf = new LinkedHashMap<>();
        for (JsonNode f : doc.get("operatingFlows")) {
            String key = f.get("field").asText().substring("flows.".length());
            if (setsField(yaml, key)) {
                exact.put(key, Double.toString(f.get("value").asDouble()));
                fieldOf.put(f.get("name").asText(), key);
            }
        }
        assertThat(fieldOf).isNotEmpty();
        assertOnSpec(dir, yaml, exact, "the JSON's operating flows");
        Map<String, String> rounded = new LinkedHashMap<>(exact);
        for (JsonNode f : doc.at("/rounded/flows")) {
            rounded.put(f.get("field").asText().substring("flows.".length()), f.get("rounded").asText());
        }
        assertOnSpec(dir, yaml, rounded, "the JSON's rounded flows");

        // the text: every line that prints an operating flow by its name
        CliHarness t = CliHarness.run(command, caseFile);
        assertThat(t.exitCode()).as(t.err()).isZero();
        int checked = 0;
        for (String line : t.out().split("\n")) {
            if (line.startsWith("Compared with") || line.trim().startsWith("cost ") || line.contains("bounds") || line.contains(" from ")
                    && line.contains(" to ")) {
                continue; // other flows compared with, costs by item, a search's range: not flows to run
            }
            Map<String, String> printed = new LinkedHashMap<>(exact);
            boolean any = false;
            for (Map.Entry<String, String> e : fieldOf.entrySet()) {
                Matcher m = Pattern.compile("(?<![A-Za-z])" + Pattern.quote(e.getKey())
                        + "(?: =)? +([0-9]+(?:\\.[0-9]+)?)( %)?(?![0-9])").matcher(line);
                if (m.find()) {
                    double v = Double.parseDouble(m.group(1));
                    printed.put(e.getValue(), m.group(2) != null ? Double.toString(v / 100) : m.group(1));
                    any = true;
                }
            }
            if (any) {
                assertOnSpec(dir, yaml, printed, "printed: " + line.trim());
                checked++;
            }
        }
        assertThat(checked).as("lines with flows").isGreaterThanOrEqualTo(2);
    }

    private static boolean setsField(String yaml, String key) {
        return Pattern.compile("(?m)^\\s+" + key + ":\\s*[-+0-9.eE]+").matcher(yaml).find();
    }

    /** Simulates the case with the flows {@code values} put in, and asserts every target met. */
    private static void assertOnSpec(Path dir, String yaml, Map<String, String> values, String what) throws Exception {
        String c = yaml;
        for (Map.Entry<String, String> e : values.entrySet()) {
            c = Pattern.compile("(?m)^(\\s+" + e.getKey() + ":)\\s*[-+0-9.eE]+").matcher(c)
                    .replaceFirst("$1 " + e.getValue());
        }
        Path file = Files.createTempFile(dir, "printed-", ".yaml");
        Files.writeString(file, c);
        CliHarness s = CliHarness.run("simulate", file.toString(), "--json");
        assertThat(s.exitCode()).as(what + ": " + s.err()).isZero();
        List<String> missed = new ArrayList<>();
        int targets = 0;
        for (JsonNode p : JSON.readTree(s.out()).get("products")) {
            if (p.hasNonNull("met")) {
                targets++;
                if (!p.get("met").asBoolean()) {
                    missed.add(p.get("name").asText() + " " + p.get("purity").asDouble());
                }
            }
        }
        assertThat(targets).as(what).isPositive();
        assertThat(missed).as(what + " " + values).isEmpty();
    }
}
