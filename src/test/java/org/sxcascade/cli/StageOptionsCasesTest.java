package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Case files with side draws and Murphree efficiencies, through {@code simulate}. */
class StageOptionsCasesTest {
    private static JsonNode simulate(String file) throws Exception {
        CliHarness r = CliHarness.run("simulate", file, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    /**
     * docs/three-outlet.md, Zhang et al. 2016 three-outlet Gd/Eu/Sm cascade at the published S, n, m and draw
     * stage, with W and the draw flow taken from the published Gd recovery and Eu grade: the
     * published Sm 99.99 %, Gd 99.91 %, Eu 40.0 % and Gd recovery 61.8 % to their printed digits.
     */
    @Test
    void threeOutletGdEuSmReachesThePublishedFigures() throws Exception {
        JsonNode j = simulate("cases/gd-eu-sm-three-outlet.yaml");
        JsonNode products = j.get("products");
        JsonNode gd = products.get(0);
        JsonNode sm = products.get(1);
        JsonNode eu = products.get(2);
        assertThat(eu.get("name").asText()).isEqualTo("Eu concentrate");
        assertThat(eu.get("stage").asInt()).isEqualTo(30);
        assertThat(sm.get("composition").get("Sm").asDouble()).isCloseTo(0.9999, within(0.00005));
        assertThat(gd.get("composition").get("Gd").asDouble()).isCloseTo(0.9991, within(0.00005));
        assertThat(eu.get("composition").get("Eu").asDouble()).isCloseTo(0.400, within(0.0005));
        assertThat(j.get("recoveries").get("Gd").get("organic").asDouble()).isCloseTo(0.618, within(0.0005));
        assertThat(products.findValues("met")).hasSize(3).allMatch(JsonNode::asBoolean);
        // every component's feed leaves in the three products
        for (String c : new String[] {"Gd", "Eu", "Sm"}) {
            JsonNode r = j.get("recoveries").get(c);
            assertThat(r.get("organic").asDouble() + r.get("aqueous").asDouble() + r.get("Eu concentrate").asDouble())
                    .isCloseTo(1, within(1e-12));
        }
        // the draw's recovery (docs/three-outlet.md: 99.74 % of the Eu) is its share of the stage-30 aqueous
        assertThat(j.get("recoveries").get("Eu").get("Eu concentrate").asDouble()).isCloseTo(0.9974, within(5e-5));
        assertThat(eu.get("recovery").asDouble())
                .isEqualTo(j.get("recoveries").get("Eu").get("Eu concentrate").asDouble());
        JsonNode stage30 = j.get("profile").get(29);
        assertThat(eu.get("flow").asDouble()).isCloseTo(0.2495, within(1e-12));
        assertThat(eu.get("composition").get("Eu").asDouble())
                .isCloseTo(stage30.get("aqueous").get("Eu").asDouble(), within(1e-15));
        assertThat(j.get("massBalanceError").asDouble()).isLessThan(1e-10);
        assertThat(j.get("cascade").get("sideDraws").get(0).get("flow").asDouble()).isEqualTo(0.2495);
    }

    /**
     * Issue 15: the three-outlet cascade with its aqueous draw moved to the last stage (stage N = 60,
     * where the scrub liquor enters) and 95 % stages. Newton's homotopy in the draw does not settle
     * this network; the continuation in the number of stages does, so Newton solves it (before, only
     * the row fallback did, in 174 000 rows). The draw takes its share of stage 60's aqueous.
     */
    @Test
    void aqueousDrawOnTheLastStageIsSolvedByNewton(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("draw-on-last-stage.yaml");
        Files.writeString(file, Files.readString(Path.of("cases/gd-eu-sm-three-outlet.yaml"))
                .replace("    stage: 30 ", "    stage: 60 ") + "efficiency: {extraction: 0.95, scrub: 0.95}\n");
        JsonNode j = simulate(file.toString());
        assertThat(j.get("method").asText()).isEqualTo("newton");
        assertThat(j.get("massBalanceError").asDouble()).isLessThan(1e-10);
        assertThat(j.get("residual").asDouble()).isLessThan(1e-10);
        JsonNode eu = j.get("products").get(2);
        assertThat(eu.get("stage").asInt()).isEqualTo(60);
        JsonNode stage60 = j.get("profile").get(59);
        assertThat(eu.get("composition").get("Eu").asDouble())
                .isCloseTo(stage60.get("aqueous").get("Eu").asDouble(), within(1e-15));
        for (String c : new String[] {"Gd", "Eu", "Sm"}) {
            JsonNode r = j.get("recoveries").get(c);
            assertThat(r.get("organic").asDouble() + r.get("aqueous").asDouble() + r.get("Eu concentrate").asDouble())
                    .isCloseTo(1, within(1e-12));
        }
    }

    /** The four-stage reference case (docs/theory.md) as a case file: four stages, Murphree 0.80 on the organic. */
    @Test
    void murphreeFourStageCase() throws Exception {
        JsonNode j = simulate("cases/murphree-four-stage.yaml");
        JsonNode rec = j.get("recoveries");
        assertThat(rec.get("A").get("organic").asDouble()).isCloseTo(0.8950, within(5e-5));
        assertThat(rec.get("B").get("organic").asDouble()).isCloseTo(0.4654, within(5e-5));
        assertThat(j.get("products").get(0).get("purity").asDouble()).isCloseTo(0.6579, within(5e-5));
        assertThat(j.get("cascade").get("efficiency").get("extraction").asDouble()).isEqualTo(0.8);
        // Xu's rows honour the same Murphree relation and reach the same steady state
        CliHarness r = CliHarness.run("simulate", "cases/murphree-four-stage.yaml", "--method", "rows", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertThat(rows.get("method").asText()).isEqualTo("rows");
        for (String c : new String[] {"A", "B"}) {
            assertThat(rows.get("recoveries").get(c).get("organic").asDouble())
                    .isCloseTo(rec.get(c).get("organic").asDouble(), within(1e-10));
        }
        assertThat(rows.get("products").get(0).get("purity").asDouble())
                .isCloseTo(j.get("products").get(0).get("purity").asDouble(), within(1e-10));
    }

    @Test
    void badStageOptionsAreNamed(@TempDir Path dir) throws Exception {
        String base = Files.readString(Path.of("cases/gd-eu-sm-three-outlet.yaml"));
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, base.replace("stage: 30 ", "stage: 61 "));
        CliHarness r = CliHarness.run("simulate", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("sideDraws[0].stage").contains("61").contains("from 2 to 60");
        Files.writeString(f, base.replace("flow: 0.2495", "flow: 3.0"));
        r = CliHarness.run("simulate", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("stage 30 would carry -1.24124").contains("draws too large");
        Files.writeString(f, base.replace("sideDraws:", "efficiency: {extraction: 1.2}\nsideDraws:"));
        r = CliHarness.run("simulate", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("efficiency.extraction").contains("1.2");
        Files.writeString(f, base.replace("sideDraws:", "efficiency: {extration: 0.9}\nsideDraws:"));
        r = CliHarness.run("simulate", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("efficiency.extration").contains("did you mean 'extraction'");
        r = CliHarness.run("design", "cases/gd-eu-sm-three-outlet.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: sideDraws = (given)");
    }
}
