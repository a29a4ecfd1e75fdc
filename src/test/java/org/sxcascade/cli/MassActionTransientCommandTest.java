package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sxcascade transient} on {@code model: mass-action} cases: outputs, and refused options and events. */
class MassActionTransientCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CASE = """
            name: short Pr/Nd mass action
            model: mass-action
            components:
              - {name: Pr, exchangeConstant: 0.02}
              - {name: Nd, exchangeConstant: 0.03}
            extractant: {concentration: 0.75, cation: Na, cationExchangeConstant: 0.001}
            feed: {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 10}
            cascade: {extractionStages: 6, scrubStages: 6, stripStages: 2}
            flows: {organicFlow: 230, saponification: 0.40, stripFlow: 28, stripAcidity: 5.0, reflux: 0.8329}
            targets:
              aqueous: {purity: 0.75, components: [Pr]}
              strip: {purity: 0.9, components: [Nd]}
            transient:
              holdUp: {aqueous: 5, organic: 20}
              simulatedTime: 30 d
              sampling: 3 d
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("case.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private CliHarness transient_(String yaml, String... extra) throws Exception {
        Path file = write(yaml);
        String[] args = new String[extra.length + 4];
        args[0] = "transient";
        args[1] = file.toString();
        args[2] = "--csv";
        args[3] = dir.resolve("out.csv").toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return CliHarness.run(args);
    }

    private void assertBadInput(CliHarness r, String... fragments) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains(fragments);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
        assertThat(Files.exists(dir.resolve("out.csv"))).isFalse();
    }

    @Test
    void jsonCarriesEveryProductsPhAndLoadingAndMatchesTheCsv() throws Exception {
        CliHarness r = transient_(CASE, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("model").asText()).isEqualTo("mass-action");
        assertThat(doc.get("units").get("flow").asText()).isEqualTo("mol/h");
        assertThat(doc.get("maxConservationError").asDouble()).isLessThan(1e-10);
        assertThat(doc.get("timeToSteadyState").get("hours").asDouble()).isPositive().isLessThan(720);
        assertThat(doc.get("timeToTarget").get("strip liquor").get("reached").asBoolean()).isTrue();
        JsonNode series = doc.get("series");
        assertThat(series).hasSize(11);
        JsonNode end = series.get(10).get("products");
        assertThat(end).extracting(p -> p.get("name").asText())
                .containsExactly("raffinate", "strip liquor", "stripped organic");
        // at the end the products are those of simulate: pH of the raffinate and the strip liquor
        JsonNode steady = doc.get("steadyState").get("products");
        assertThat(end.get(0).get("pH").asDouble()).isCloseTo(steady.get(0).get("pH").asDouble(), within(1e-6));
        assertThat(end.get(1).get("pH").asDouble()).isCloseTo(steady.get(1).get("pH").asDouble(), within(1e-6));
        assertThat(end.get(1).get("purity").asDouble()).isCloseTo(steady.get(1).get("purity").asDouble(),
                within(1e-6));
        assertThat(end.get(2).get("loading").asDouble()).isPositive();
        assertThat(end.get(2).has("pH")).isFalse();
        // RE flow of the raffinate, mol/h: RE in mol per mol fed × 10 mol/h fed
        assertThat(end.get(0).get("rareEarthFlow").asDouble())
                .isCloseTo(10 * steady.get(0).get("rareEarthFlow").asDouble(), within(1e-6));
        assertThat(series.get(0).get("inventory").get("strip").get("Na").asDouble())
                .isCloseTo(2 * 20 * 2 * 0.4 * 0.75, within(1e-12));
        List<String> csv = Files.readAllLines(dir.resolve("out.csv"));
        assertThat(csv).hasSize(12);
        String[] header = csv.get(0).split(",");
        assertThat(header).contains("raffinate_pH", "strip_liquor_purity", "stripped_organic_loading",
                "raffinate_H_mol_per_h", "strip_inventory_Na_mol", "conservation_error");
        String[] last = csv.get(11).split(",");
        int ph = List.of(header).indexOf("raffinate_pH");
        assertThat(Double.parseDouble(last[ph])).isCloseTo(end.get(0).get("pH").asDouble(), within(1e-13));
    }

    @Test
    void textShowsPhLoadingAndTheSteadyStateOfSimulate() throws Exception {
        CliHarness r = transient_(CASE, "--method", "rows");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Time series (RE flows in mol/h; pH of aqueous products", "raffinate Pr",
                "strip liquor Nd", "loading", "barren organic saponified 40 % in every stage",
                "Xu's row simulation, one row = ", "Nd 90.0000% in the strip liquor: reached after",
                "conservation: accumulated = fed − withdrawn", "over every component: Pr, Nd, Na, H",
                "Steady state (simulate)", "Products (flow in L/h", "Time series written to");
    }

    @Test
    void plotDrawsEveryGradedProduct() throws Exception {
        Path charts = dir.resolve("charts");
        CliHarness r = transient_(CASE, "--plot", charts.toString(), "--format", "svg");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String svg = Files.readString(charts.resolve("case-startup-purity.svg"));
        assertThat(svg).contains("raffinate", "strip liquor");
    }

    @Test
    void aShortRunReturnsWhatItComputed() throws Exception {
        CliHarness r = transient_(CASE, "--time", "2h");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("not yet on target", "steady state (every stage within 1e-06 of simulate): "
                + "not yet reached");
        assertThat(Files.readAllLines(dir.resolve("out.csv")).size()).isGreaterThan(2);
    }

    @Test
    void chemistryEventsOutOfRangeAreBadInput() throws Exception {
        assertBadInput(transient_(CASE + """
                  events:
                    - {at: 1 d, reflux: 1.2}
                """), "transient.events[0].reflux", "a fraction from 0 to below 1");
        assertBadInput(transient_(CASE + """
                  events:
                    - {at: 1 d, stripFlow: 0}
                """), "transient.events[0].stripFlow", "greater than 0 L/h when there are strip stages");
        assertBadInput(transient_(CASE + """
                  events:
                    - {at: 1 d, saponification: -0.1}
                """), "transient.events[0].saponification", "a fraction from 0 to below 1");
    }

    @Test
    void unsupportedOptionsAndEventsAreBadInput() throws Exception {
        assertBadInput(transient_(CASE + """
                  events:
                    - {at: 1 d, scrub: 3.0}
                """), "transient.events[0].scrub", "for a mass-action case");
        assertBadInput(transient_(CASE.replace("holdUp: {aqueous: 5, organic: 20}", "holdUp: {aqueous: 5}")),
                "transient.holdUp.organic");
        assertBadInput(transient_(CASE.substring(0, CASE.indexOf("transient:"))), "transient is missing");
    }

    @Test
    void simulateAcceptsAndChecksTheTransientSection() throws Exception {
        CliHarness ok = CliHarness.run("simulate", write(CASE).toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("raffinate");
        CliHarness bad = CliHarness.run("simulate", write(CASE.replace("sampling: 3 d", "samplng: 3 d")).toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("samplng");
    }
}
