package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mass-action case's machine outputs: {@code simulate --csv}, {@code simulate --plot} and {@code report}. */
class MassActionOutputsTest {
    private static final String CASE = "cases/pr-nd-mass-action.yaml";
    private static final double FEED_RATE = 10; // mol RE/h: 10 L/h at 1 mol/L
    private static final double EXTRACTANT = 0.75; // mol/L (HA)2
    private static final double STRIP_FLOW = 28; // L/h
    private static final double REFLUX = 0.8329;

    private static JsonNode json(CliHarness r) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    private static double d(CSVRecord row, String column) {
        return Double.parseDouble(row.get(column));
    }

    /**
     * The CSV has one row per stage with units in its header; stage 1 is the raffinate of the
     * report (pH, composition), concentration × flow gives the products' RE flows, and every row
     * satisfies the extractant balance and the definitions of loading and saponification.
     */
    @Test
    void csvProfileHoldsTheReportsNumbersInPlantUnits(@TempDir Path dir) throws Exception {
        Path csvFile = dir.resolve("profile.csv");
        JsonNode root = json(CliHarness.run("simulate", CASE, "--json", "--csv", csvFile.toString()));
        List<CSVRecord> rows;
        List<String> header;
        try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(csvFile)))) {
            header = parser.getHeaderNames();
            rows = parser.getRecords();
        }
        assertThat(header).containsExactly("stage", "section", "aqueous_flow_L_per_h", "organic_flow_L_per_h",
                "aqueous_Pr_mol_per_L", "aqueous_Nd_mol_per_L", "organic_Pr_mol_per_L", "organic_Nd_mol_per_L", "pH",
                "loading_fraction", "saponification_fraction", "aqueous_H_mol_per_L", "aqueous_Na_mol_per_L",
                "organic_Na_mol_per_L", "organic_H_mol_per_L", "free_extractant_mol_per_L");
        assertThat(rows).hasSize(83);
        assertThat(rows.get(0).get("section")).isEqualTo("extraction");
        assertThat(rows.get(35).get("section")).isEqualTo("scrub");
        assertThat(rows.get(75).get("section")).isEqualTo("strip");

        JsonNode raffinate = root.get("products").get(0);
        JsonNode strip = root.get("products").get(1);
        CSVRecord first = rows.get(0);
        assertThat(d(first, "pH")).isCloseTo(raffinate.get("pH").asDouble(), within(1e-12));
        assertThat(d(first, "aqueous_H_mol_per_L")).isCloseTo(raffinate.get("acidity").asDouble(), within(1e-15));
        assertThat(d(first, "aqueous_flow_L_per_h")).isCloseTo(raffinate.get("flow").asDouble(), within(1e-12));
        // mol/L × L/h ÷ mol RE fed per hour = mol per mol fed, the report's RE flows
        double raffinateRe = (d(first, "aqueous_Pr_mol_per_L") + d(first, "aqueous_Nd_mol_per_L"))
                * d(first, "aqueous_flow_L_per_h") / FEED_RATE;
        assertThat(raffinateRe).isCloseTo(raffinate.get("rareEarthFlow").asDouble(), within(1e-13));
        assertThat(d(first, "aqueous_Nd_mol_per_L") * d(first, "aqueous_flow_L_per_h") / FEED_RATE
                / raffinateRe).isCloseTo(raffinate.get("composition").get("Nd").asDouble(), within(1e-15));
        CSVRecord split = rows.get(75); // stage 76: the strip liquor, 1 − reflux of it is the product
        assertThat(d(split, "aqueous_flow_L_per_h")).isEqualTo(STRIP_FLOW);
        double stripRe = (1 - REFLUX) * (d(split, "aqueous_Pr_mol_per_L") + d(split, "aqueous_Nd_mol_per_L"))
                * STRIP_FLOW / FEED_RATE;
        assertThat(stripRe).isCloseTo(strip.get("rareEarthFlow").asDouble(), within(1e-13));
        assertThat(d(split, "pH")).isCloseTo(strip.get("pH").asDouble(), within(1e-12));

        for (int k = 0; k < rows.size(); k++) {
            CSVRecord row = rows.get(k);
            JsonNode p = root.get("profile").get(k);
            assertThat(Integer.parseInt(row.get("stage"))).isEqualTo(k + 1);
            assertThat(row.get("section")).isEqualTo(p.get("section").asText());
            double boundRe = d(row, "organic_Pr_mol_per_L") + d(row, "organic_Nd_mol_per_L");
            double e = d(row, "free_extractant_mol_per_L");
            double na = d(row, "organic_Na_mol_per_L");
            // C = e + 3Σ[RE]org + ½[Na]org; loading 3Σ[RE]org / C; saponification [Na]org / 2C
            assertThat(e + 3 * boundRe + 0.5 * na).as("stage %d", k + 1).isCloseTo(EXTRACTANT, within(1e-10));
            assertThat(d(row, "loading_fraction")).isCloseTo(3 * boundRe / EXTRACTANT, within(1e-13));
            assertThat(d(row, "saponification_fraction")).isCloseTo(na / (2 * EXTRACTANT), within(1e-13));
            assertThat(d(row, "pH")).isCloseTo(-Math.log10(d(row, "aqueous_H_mol_per_L")), within(1e-12));
            assertThat(d(row, "pH")).isCloseTo(p.get("pH").asDouble(), within(1e-12));
            assertThat(d(row, "organic_flow_L_per_h")).isEqualTo(230);
        }
    }

    /** Three charts per format, at the size asked, not blank; their names are announced. */
    @Test
    void plotWritesTheThreeChartsInEitherFormat(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("png");
        CliHarness r = CliHarness.run("simulate", CASE, "--plot", png.toString(), "--plot-size", "640x420");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> stems = List.of("pr-nd-mass-action-profile", "pr-nd-mass-action-ph-loading",
                "pr-nd-mass-action-concentration");
        assertThat(r.out()).contains("Charts written to " + png + ": " + stems.get(0) + ".png");
        for (String stem : stems) {
            BufferedImage image = ImageIO.read(png.resolve(stem + ".png").toFile());
            assertThat(image.getWidth()).as(stem).isEqualTo(640);
            assertThat(image.getHeight()).as(stem).isEqualTo(420);
            java.util.Set<Integer> colours = new java.util.HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 3) {
                for (int x = 0; x < image.getWidth(); x += 3) {
                    colours.add(image.getRGB(x, y));
                }
            }
            assertThat(colours.size()).as(stem + ": a drawn chart").isGreaterThan(20);
        }
        try (var files = Files.list(png)) {
            assertThat(files).hasSize(3);
        }
        Path svg = dir.resolve("svg");
        r = CliHarness.run("simulate", CASE, "--json", "--plot", svg.toString(), "--format", "svg");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("Charts written to " + svg);
        new ObjectMapper().readTree(r.out()); // standard output stays one JSON document
        for (String stem : stems) {
            String text = Files.readString(svg.resolve(stem + ".svg"));
            assertThat(text).startsWith("<?xml").contains("width='900'").contains("height='600'");
        }
        assertThat(Files.readString(svg.resolve(stems.get(1) + ".svg"))).contains("pH, loading and saponification");
    }

    /**
     * The HTML report of a mass-action case holds the numbers of {@code simulate --json}: every
     * cell's value is the JSON value at its key, shown to the digits it shows; the products, the
     * balances and the profile are there, with the three charts inline.
     */
    @Test
    void reportHoldsTheNumbersOfSimulate(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ma.html");
        CliHarness r = CliHarness.run("report", CASE, "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // inputs, steady state, the case's own design, the design from its targets
        assertThat(r.out()).contains("Report written to " + out).contains("4 sections");
        String html = Files.readString(out);
        JsonNode sim = json(CliHarness.run("simulate", CASE, "--json"));
        List<ReportCommandTest.Cell> cells = ReportCommandTest.cells(html);
        List<String> keys = new ArrayList<>();
        // the design section's numbers are design's (ReportCommandTest.massActionReportShowsItsDesign)
        assertThat(cells).anyMatch(c -> c.source().equals("design"));
        for (ReportCommandTest.Cell c : cells.stream().filter(c -> !c.source().equals("design")).toList()) {
            assertThat(c.source()).isEqualTo("simulate");
            String key = c.key();
            JsonNode v = sim.at(key);
            assertThat(v.isNumber()).as(key).isTrue();
            assertThat(Double.parseDouble(c.value())).as(key).isCloseTo(v.asDouble(),
                    within(1e-12 * Math.max(1, Math.abs(v.asDouble()))));
            ReportCommandTest.assertShownMatchesValue(c);
            keys.add(key);
        }
        assertThat(keys).contains("/products/0/pH", "/products/1/purity", "/products/1/rareEarthConcentration",
                "/hydrogenBalance", "/cationBalance", "/extractantBalance", "/massBalanceError", "/residual",
                "/recoveries/Nd/strip liquor", "/profile/82/loading", "/profile/0/saponification");
        assertThat(html).contains("<h3>Balances</h3>").contains("target met").doesNotContain("target MISSED")
                .contains("flow in L/h").contains("extraction | scrub").contains("scrub | strip")
                .contains("This is <code>design</code> run on the case (model mass-action");
        // issue 16, item 10: the footer gives the mass-action report's units, not Xu's normalisation alone
        assertThat(html).contains("<footer><p>Phase flows in L/h, RE flows in mol RE per mol RE fed");
        // three charts of the case, three of its design
        assertThat(Pattern.compile("<svg ").matcher(html).results().count()).isEqualTo(6);
        assertThat(html).contains("pr-nd-mass-action-ph-loading").contains("pr-nd-mass-action-concentration");
        // the inputs list keys and values apart
        assertThat(html).contains("<dt>extractant</dt><dd>0.75 mol/L (HA)₂").contains("<dt>cascade</dt>");

        Path bare = dir.resolve("bare.html");
        r = CliHarness.run("report", CASE, "-o", bare.toString(), "--no-design");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 sections");
        assertThat(Files.readString(bare)).doesNotContain("id=\"design\"").contains("id=\"case-design\"");
    }

    /** Bad options are exit 2 with the reason, and write nothing. */
    @Test
    void badOptionsAreNamedAndWriteNothing(@TempDir Path dir) throws Exception {
        Path csvFile = dir.resolve("p.csv");
        Path charts = dir.resolve("charts");
        for (String m : new String[] {"rows", "newton"}) {
            CliHarness r = CliHarness.run("simulate", CASE, "--method", m, "--csv", csvFile.toString(), "--plot",
                    charts.toString());
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("error: --method = " + m).contains("not given for a mass-action case")
                    .doesNotContain("Exception");
        }
        assertThat(csvFile).doesNotExist();
        assertThat(charts).doesNotExist();
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliHarness r = CliHarness.run("simulate", CASE, "--plot", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --plot = ").contains("a directory");
        r = CliHarness.run("simulate", CASE, "--csv", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --csv = ");
        r = CliHarness.run("simulate", CASE, "--csv", CASE);
        assertThat(r.exitCode()).as("the case file itself is never overwritten").isEqualTo(2);
        r = CliHarness.run("report", CASE, "-o", dir.resolve("no-such-dir/r.html").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --output = ");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(Path.of(CASE)).replace("reflux: 0.8329", "reflux: 1.2"));
        r = CliHarness.run("report", bad.toString(), "-o", dir.resolve("r.html").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("flows.reflux").contains("1.2");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a-file", "bad.yaml");
        }
    }

    /**
     * The stripped organic carries about 1e-19 of the RE fed: the text and HTML reports print no
     * purity for it (its RE composition, Nd 0.999984, is that of a trace), while the products that
     * carry RE keep theirs and {@code --json} keeps the number.
     */
    @Test
    void aStreamCarryingNothingHasNoPurity(@TempDir Path dir) throws Exception {
        JsonNode stripped = json(CliHarness.run("simulate", CASE, "--json")).path("products").get(2);
        assertThat(stripped.path("name").asText()).isEqualTo("stripped organic");
        assertThat(stripped.path("rareEarthFlow").asDouble()).isPositive().isLessThan(1e-12);
        assertThat(stripped.path("purity").asDouble()).isGreaterThan(0.99);

        CliHarness text = CliHarness.run("simulate", CASE);
        assertThat(text.exitCode()).as(text.err()).isZero();
        String row = text.out().lines().filter(l -> l.trim().startsWith("stripped organic")).findFirst().orElseThrow();
        assertThat(row).doesNotContain("%").doesNotContain("Nd 99");
        assertThat(text.out()).contains("Pr 99.9995%", "Nd 99.9586%",
                "A product with no purity (-) carries less than 1e-12 of the components fed");

        Path html = dir.resolve("report.html");
        CliHarness report = CliHarness.run("report", CASE, "-o", html.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        String page = Files.readString(html);
        String strippedRow = page.substring(page.indexOf("<tr><th>stripped organic"));
        strippedRow = strippedRow.substring(0, strippedRow.indexOf("</tr>"));
        assertThat(strippedRow).doesNotContain("/products/2/purity").doesNotContain("Nd 99");
        assertThat(page).contains("data-key=\"/products/0/purity\"", "data-key=\"/products/1/purity\"",
                "A product with no purity (–) carries less than 1e-12");
    }
}
