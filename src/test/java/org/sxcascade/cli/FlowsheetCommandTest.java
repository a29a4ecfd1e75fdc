package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Flowsheet files through the command line: simulate runs them, the other commands refuse them. */
class FlowsheetCommandTest {
    private static final String CASE = "cases/la-ce-pr-nd.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The purities the case file's comments and docs/flowsheets.md state (rounded to 0.001 %). */
    private static final Map<String, double[]> CLAIMED = Map.of(
            "LaCe.raffinate", new double[] {0, 0.99992},
            "CePr.raffinate", new double[] {1, 0.99994},
            "PrNd.raffinate", new double[] {2, 0.99963},
            "PrNd.organic", new double[] {3, 0.99995});

    /** Every bundled flowsheet (a case file with a top-level cascades: list), CMER and mass action. */
    static List<String> bundledFlowsheets() throws java.io.IOException {
        try (var files = Files.list(Path.of("cases"))) {
            return files.filter(org.sxcascade.io.FlowsheetReader::isFlowsheet).map(Path::toString).sorted().toList();
        }
    }

    @Test
    void theBundledFlowsheetsIncludeBothModels() throws Exception {
        assertThat(bundledFlowsheets()).contains(CASE, "cases/la-ce-pr-nd-mass-action.yaml");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("bundledFlowsheets")
    void everyBundledFlowsheetConvergesClosesAndMeetsItsTargets(String file) throws Exception {
        CliHarness r = CliHarness.run("simulate", file, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("converged").asBoolean()).isTrue();
        JsonNode tear = doc.get("tear");
        assertThat(tear.get("converged").asBoolean()).isTrue();
        assertThat(tear.get("residual").asDouble()).isLessThanOrEqualTo(tear.get("tolerance").asDouble());
        assertThat(doc.get("closure").get("max").asDouble()).isLessThanOrEqualTo(1e-10);
        for (JsonNode c : doc.get("cascades")) {
            assertThat(c.get("solver").get("massBalanceError").asDouble()).isLessThanOrEqualTo(1e-10);
        }
        assertThat(doc.get("targetsMet").asBoolean()).isTrue();
    }

    @Test
    void theLaCePrNdCaseMeetsItsTargetsAsJson() throws Exception {
        CliHarness r = CliHarness.run("simulate", CASE, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("converged").asBoolean()).isTrue();
        assertThat(doc.get("flowUnit").asText()).isEqualTo("mol RE per mol RE fed");
        assertThat(doc.get("cascades")).hasSize(3);
        Map<String, JsonNode> products = new HashMap<>();
        for (JsonNode p : doc.get("products")) {
            products.put(p.get("stream").asText(), p);
        }
        assertThat(products).containsOnlyKeys(CLAIMED.keySet());
        for (var e : CLAIMED.entrySet()) {
            JsonNode p = products.get(e.getKey());
            // the targets the file claims, met
            assertThat(p.get("met").asBoolean()).as(e.getKey()).isTrue();
            assertThat(p.get("purity").asDouble()).isGreaterThanOrEqualTo(p.get("target").asDouble());
            assertThat(p.get("target").asDouble()).isEqualTo(0.999);
            // and the numbers the docs print
            assertThat(p.get("purity").asDouble()).as(e.getKey()).isCloseTo(e.getValue()[1], within(5e-6));
        }
        assertThat(products.get("CePr.raffinate").get("share").asDouble()).isCloseTo(0.4, within(1e-15));
        assertThat(products.get("CePr.raffinate").get("flow").asDouble()).isCloseTo(0.5, within(1e-12));
        JsonNode tear = doc.get("tear");
        assertThat(tear.get("converged").asBoolean()).isTrue();
        assertThat(tear.get("residual").asDouble()).isLessThanOrEqualTo(tear.get("tolerance").asDouble());
        assertThat(tear.get("tolerance").asDouble()).isEqualTo(1e-11);
        // 8 passes, as docs/flowsheets.md states
        assertThat(tear.get("iterations").asInt()).isEqualTo(tear.get("history").size()).isEqualTo(8);
        assertThat(tear.get("streams").get(0).get("stream").asText()).isEqualTo("CePr.raffinate");
        assertThat(tear.get("streams").get(0).get("total").asDouble()).isCloseTo(1.25, within(1e-14));
        assertThat(doc.get("closure").get("max").asDouble()).isLessThanOrEqualTo(1e-10);
        for (String c : new String[] {"La", "Ce", "Pr", "Nd"}) {
            assertThat(doc.get("closure").get("components").get(c).asDouble()).isLessThanOrEqualTo(1e-10);
        }
        for (JsonNode c : doc.get("cascades")) {
            assertThat(c.get("solver").get("massBalanceError").asDouble()).isLessThanOrEqualTo(1e-10);
            assertThat(c.has("profile")).isFalse();
        }
        assertThat(doc.get("targetsMet").asBoolean()).isTrue();
    }

    @Test
    void theLaCePrNdCaseAsTablesWithProfilesAndCsv() throws Exception {
        Path csv = dir.resolve("profiles.csv");
        CliHarness r = CliHarness.run("simulate", CASE, "--profile", "--csv", csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("mol RE per mol RE fed", "Cascades", "Inlets", "Streams", "Products", "Recycles",
                "Closure of the whole flowsheet", "Stage profile of LaCe", "Stage profile of PrNd",
                "CePr.raffinate (torn)", "La 99.9920%", "Pr 99.9631%");
        assertThat(r.out()).doesNotContain("MISSED");
        assertThat(r.out().split("\n")).filteredOn(l -> l.endsWith("  met")).hasSize(4);
        // 28 + 40 + 68 stages and a header
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(137).first().asString().startsWith("cascade,stage,section,aqueous_flow,organic_flow,"
                + "x_La,x_Ce,x_Pr,x_Nd,y_La,y_Ce,y_Pr,y_Nd");
        // LaCe's stage 1 carries S = 1.5 in the organic; the Nd product leaves PrNd's stage 68
        String[] first = lines.get(1).split(",");
        assertThat(first[0] + "," + first[1] + "," + first[2]).isEqualTo("LaCe,1,extraction");
        assertThat(Double.parseDouble(first[4])).isCloseTo(1.5, within(1e-12));
        String[] last = lines.get(136).split(",");
        assertThat(last[0] + "," + last[1] + "," + last[2]).isEqualTo("PrNd,68,scrub");
        assertThat(Double.parseDouble(last[4])).isCloseTo(0.2, within(1e-12));
        assertThat(Double.parseDouble(last[12])).isCloseTo(0.99995, within(5e-6));

        CliHarness j = CliHarness.run("simulate", CASE, "--json", "--profile");
        JsonNode doc = JSON.readTree(j.out());
        assertThat(doc.get("cascades").get(0).get("profile")).hasSize(28);
        assertThat(doc.get("cascades").get(2).get("profile")).hasSize(68);
        assertThat(doc.get("cascades").get(2).get("profile").get(67).get("organic").get("Nd").asDouble())
                .isCloseTo(0.99995, within(5e-6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"design", "optimize", "transient"})
    void singleCascadeCommandsRefuseAFlowsheet(String command) {
        CliHarness r = CliHarness.run(command, CASE);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: cascades = ").contains("flowsheets run with `sxcascade simulate",
                "single-cascade case file for " + command).doesNotContain("Exception");
    }

    @Test
    void reportAndSweepRefuseAFlowsheetAndWriteNothing() {
        Path html = dir.resolve("r.html");
        CliHarness r = CliHarness.run("report", CASE, "-o", html.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("flowsheets run with `sxcascade simulate");
        assertThat(html).doesNotExist();
        Path out = dir.resolve("s.csv");
        CliHarness s = CliHarness.run("sweep", CASE, "-o", out.toString());
        assertThat(s.exitCode()).isEqualTo(2);
        assertThat(s.err()).contains("flowsheets run with `sxcascade simulate");
        assertThat(out).doesNotExist();
    }

    @Test
    void badInputIsExitTwoWithNothingWritten() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, Files.readString(Path.of(CASE)).replace("from: CePr.raffinate", "from: CePr.rafinate"));
        Path csv = dir.resolve("out.csv");
        CliHarness r = CliHarness.run("simulate", file.toString(), "--csv", csv.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: cascades[0].inlets[1].from = CePr.rafinate is not allowed: ")
                .contains("CePr.raffinate", "[bad.yaml]").doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
        assertThat(csv).doesNotExist();
    }

    /** An organic outlet of a mass-action cascade read by an aqueous inlet: exit 2 naming the inlet's from. */
    @Test
    void aLinkAcrossPhasesInAMassActionFlowsheetIsExitTwo() throws Exception {
        Path file = dir.resolve("cross.yaml");
        String text = Files.readString(Path.of("cases/la-ce-pr-nd-mass-action.yaml"));
        String bad = text.replace("from: LaCe.strip", "from: LaCe.organic");
        assertThat(bad).isNotEqualTo(text);
        Files.writeString(file, bad);
        CliHarness r = CliHarness.run("simulate", file.toString(), "--json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: cascades[1].inlets[0].from = LaCe.organic is not allowed: ")
                .contains("LaCe.organic is an organic", "[cross.yaml]").doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void optionsWithoutMeaningForFlowsheetsAreExitTwo() {
        CliHarness rows = CliHarness.run("simulate", CASE, "--method", "rows");
        assertThat(rows.exitCode()).isEqualTo(2);
        assertThat(rows.err()).contains("--method = rows", "newton");
        CliHarness plot = CliHarness.run("simulate", CASE, "--plot", dir.resolve("charts").toString());
        assertThat(plot.exitCode()).isEqualTo(2);
        assertThat(plot.err()).contains("--plot");
        assertThat(dir.resolve("charts")).doesNotExist();
        assertThat(CliHarness.run("simulate", CASE, "--method", "newton", "--json").exitCode()).isZero();
    }

    @Test
    void anUnconvergedRecycleIsExitThreeWithWhatWasReached() throws Exception {
        Path file = dir.resolve("short.yaml");
        Files.writeString(file, Files.readString(Path.of(CASE)).replace("  tearTolerance: 1e-11",
                "  tearTolerance: 1e-11\n  maxTearIterations: 2"));
        Path csv = dir.resolve("out.csv");
        CliHarness r = CliHarness.run("simulate", file.toString(), "--csv", csv.toString(), "--json");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("error: the recycle did not converge: tear residual ")
                .contains("after 2 passes", "CePr.raffinate", "tolerance 1.0e-11", "No result was written.",
                        "solver.maxTearIterations");
        assertThat(r.out()).isEmpty();
        assertThat(csv).doesNotExist();
    }
}
