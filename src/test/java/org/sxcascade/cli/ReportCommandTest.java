package org.sxcascade.cli;

import org.sxcascade.report.HtmlReport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.report.Formats;

/** {@code report}: one self-contained HTML file whose tables hold the numbers of the other commands. */
class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CELL = Pattern.compile(
            "<span data-source=\"(\\w+)\" data-key=\"([^\"]+)\" data-value=\"([^\"]+)\">([^<]*)</span>");

    record Cell(String source, String key, String value, String shown) {
    }

    static List<Cell> cells(String html) {
        List<Cell> list = new ArrayList<>();
        Matcher m = CELL.matcher(html);
        while (m.find()) {
            list.add(new Cell(m.group(1), m.group(2), m.group(3), m.group(4)));
        }
        return list;
    }

    /**
     * The text a cell shows is its value rounded to the digits shown: a percentage, a fixed or an
     * exponent form, read back and compared within half a unit of its last digit.
     */
    static void assertShownMatchesValue(Cell c) {
        String shown = c.shown().strip();
        double value = Double.parseDouble(c.value());
        double scale = 1;
        if (shown.endsWith("%")) {
            shown = shown.substring(0, shown.length() - 1);
            scale = 100;
        }
        String mantissa = shown.toLowerCase(java.util.Locale.ROOT).split("e")[0];
        int decimals = mantissa.contains(".") ? mantissa.length() - mantissa.indexOf('.') - 1 : 0;
        double exponent = shown.toLowerCase(java.util.Locale.ROOT).contains("e")
                ? Math.pow(10, Integer.parseInt(shown.toLowerCase(java.util.Locale.ROOT).split("e")[1])) : 1;
        double tolerance = 0.5 * Math.pow(10, -decimals) * exponent * (1 + 1e-9);
        assertThat(Double.parseDouble(shown)).as(c.source() + " " + c.key() + " shown " + c.shown())
                .isCloseTo(value * scale, org.assertj.core.api.Assertions.within(tolerance));
    }

    private static JsonNode json(String... args) throws Exception {
        CliHarness r = CliHarness.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static String report(Path out, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("report"));
        args.addAll(List.of(extra));
        args.addAll(List.of("-o", out.toString()));
        CliHarness r = CliHarness.run(args.toArray(new String[0]));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Report written to " + out);
        return Files.readString(out);
    }

    /** The balance error cells of the recovery table (the cells right before the end of a row in that table). */
    private static List<Double> balanceErrors(String html) {
        String table = html.substring(html.indexOf("<h3>Recovery and mass balance</h3>"));
        table = table.substring(0, table.indexOf("</table>"));
        List<Double> errors = new ArrayList<>();
        Matcher m = Pattern.compile("<td>([0-9.e+-]+)</td></tr>").matcher(table);
        while (m.find()) {
            errors.add(Double.parseDouble(m.group(1)));
        }
        return errors;
    }

    /**
     * Issue 17's round trip: design or optimize → --case-out → report shows the case's own design:
     * the stages, the (rounded) flows and the purities the command printed, how it was made, the
     * binding constraints, the margins and the operating window; for a CMER case in plant units
     * with costs and a transient section, and for a mass-action case.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({"design, cmer", "optimize, cmer", "design, mass-action",
        "optimize, mass-action"})
    void aWrittenCaseIsReportedWithItsOwnDesign(String command, String model, @TempDir Path tmp) throws Exception {
        Path input = tmp.resolve("input.yaml");
        boolean uncertain = model.equals("cmer") && command.equals("design");
        if (model.equals("cmer")) {
            Files.writeString(input, Files.readString(Path.of("cases/pr-nd-p507.yaml")) + """
                    transient:
                      holdUp: {aqueous: 10, organic: 20}
                      simulatedTime: 30 d
                      sampling: 1 d
                    """ + (uncertain ? "uncertainty:\n  chemistry: 0.03\n" : ""));
        } else {
            Files.copy(Path.of("cases/pr-nd-mass-action.yaml"), input);
        }
        Path written = tmp.resolve("written.yaml");
        JsonNode doc = json(command, input.toString(), "--json", "--case-out", written.toString());
        String yaml = Files.readString(written);
        assertThat(yaml).contains("origin:", "command: " + command, "transient:");
        if (model.equals("cmer")) {
            assertThat(yaml).contains("costs:");
        }
        String html = report(tmp.resolve("written.html"), written.toString());
        String section = html.substring(html.indexOf("<section id=\"case-design\">"));
        section = section.substring(0, section.indexOf("</section>"));
        assertThat(section).contains(command.equals("optimize") ? "Optimized by sxcascade optimize for the least"
                : "Designed by sxcascade design", "Its flows are rounded to " + doc.at("/rounded/digits").asInt()
                + " significant digits");
        // the stages the command printed
        Map<String, Double> shown = new java.util.HashMap<>();
        for (Cell c : cells(section)) {
            shown.put(c.key(), Double.parseDouble(c.value()));
        }
        assertThat(shown.get("/cascade/extractionStages")).isEqualTo(doc.at("/stages/extraction").asDouble());
        assertThat(shown.get("/cascade/scrubStages")).isEqualTo(doc.at("/stages/scrub").asDouble());
        assertThat(shown.get("/cascade/totalStages")).isEqualTo(doc.at("/stages/total").asDouble());
        // the flows it printed as rounded and wrote
        Map<String, Double> flows = new java.util.HashMap<>();
        Matcher m = Pattern.compile("<td data-value=\"([^\"]+)\">[^<]*</td><td>[^<]*</td><td><code>([^<]+)</code>")
                .matcher(section);
        while (m.find()) {
            flows.put(m.group(2), Double.parseDouble(m.group(1)));
        }
        assertThat(doc.at("/rounded/flows")).isNotEmpty();
        for (JsonNode f : doc.at("/rounded/flows")) {
            if (!f.get("field").asText().equals("flows.stripAcidity")) { // not an input of the window
                assertThat(flows.get(f.get("field").asText())).as(f.get("field").asText())
                        .isEqualTo(f.get("rounded").asDouble());
            }
        }
        // the purities it printed for the rounded case: the report's steady state and margins
        List<Cell> products = cells(html).stream().filter(c -> c.source().equals("simulate")
                && c.key().matches("/products/\\d+/purity")).toList();
        for (JsonNode p : doc.at("/rounded/purities")) {
            assertThat(products).anySatisfy(c -> assertThat(Double.parseDouble(c.value()))
                    .isCloseTo(p.get("purity").asDouble(), org.assertj.core.api.Assertions.within(1e-12)));
        }
        assertThat(section).contains("margin (nines)", "Binding:");
        if (command.equals("optimize")) {
            for (JsonNode b : doc.get("binding")) {
                assertThat(section).contains(HtmlReport.esc(b.asText()));
            }
        }
        if (uncertain) { // its robustness under its uncertainty section: the Monte Carlo's share with its error
            assertThat(section).contains("Robustness (the case's uncertainty section)", "2000 draws, seed 1",
                    "of draws (standard error", "median");
        } else {
            assertThat(section).doesNotContain("Robustness");
        }
        if (command.equals("design") && model.equals("mass-action")) {
            // designed again, the written case has one origin section: its own (a mass-action case is
            // written from its input's tree, which has the input's)
            Path again = tmp.resolve("again.yaml");
            CliHarness d = CliHarness.run("design", written.toString(), "--case-out", again.toString());
            assertThat(d.exitCode()).as(d.err()).isZero();
            assertThat(Pattern.compile("(?m)^origin:").matcher(Files.readString(again)).results().count()).isOne();
            assertThat(CliHarness.run("simulate", again.toString()).exitCode()).isZero();
        }
        // a written case gets its operating window, and no new design from its targets
        assertThat(html).contains("<section id=\"window\">").doesNotContain("<section id=\"design\">");
    }

    @Test
    void anOriginSectionIsCheckedByEveryCommand(@TempDir Path tmp) throws Exception {
        Path c = tmp.resolve("c.yaml");
        String base = Files.readString(Path.of("cases/zhang-binary.yaml"));
        Files.writeString(c, base + "origin:\n  command: optimize\n  value: 12.5\n  binding: [the stage limit]\n");
        assertThat(CliHarness.run("simulate", c.toString()).exitCode()).isZero();
        Files.writeString(c, base + "origin:\n  command: optimize\n  valeu: 12.5\n");
        CliHarness r = CliHarness.run("simulate", c.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("origin.valeu", "did you mean 'value'?");
        Files.writeString(c, base + "origin:\n  command: sweep\n");
        r = CliHarness.run("design", c.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("origin.command = sweep is not allowed: design or optimize");
    }

    @Test
    void aTargetOnlyFileIsReportedAsItsDesign(@TempDir Path tmp) throws Exception {
        // issue 17: what design takes, report takes too (it designs first)
        Path targets = tmp.resolve("targets.yaml");
        Files.writeString(targets, """
                name: target-only Nd/Pr
                model: separation-factors
                components:
                  - {name: Pr, separationFactor: 1.0}
                  - {name: Nd, separationFactor: 1.5}
                feed:
                  phase: aqueous
                  composition: {Pr: 0.25, Nd: 0.75}
                targets:
                  organic: {purity: 0.999, components: [Nd]}
                  aqueous: {purity: 0.999, components: [Pr]}
                """);
        Path out = tmp.resolve("targets.html");
        CliHarness r = CliHarness.run("report", targets.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("has no cascade section: the report is about the design from its targets");
        // the design of docs/design.md's Nd/Pr example: n = 27, m = 25 at Xu's optimum flows
        String html = Files.readString(out);
        assertThat(html).contains("designed: n = 27, m = 25", "targets.yaml");
    }

    @Test
    void everyModelsReportListsEveryProductAndClosesTheBalance(@TempDir Path tmp) throws Exception {
        // three outlets with constant separation factors: the side draw is a product of its own
        // (the report once labelled it "raffinate (B)" and left it out of the balance: errors 0.38, 1.0)
        String three = report(tmp.resolve("t.html"), "cases/gd-eu-sm-three-outlet.yaml", "--no-design");
        assertThat(three).contains("<th>Eu concentrate (side draw)").contains("<th>to Eu concentrate</th>")
                .doesNotContain("<h3>Balances</h3>");
        assertThat(balanceErrors(three)).hasSize(3).allSatisfy(e -> assertThat(e).isLessThan(1e-10));
        // mass action through the same section: its balances table and stage columns come from the model
        String ma = report(tmp.resolve("m.html"), "cases/ce-pr-nd-mass-action-three-outlet.yaml", "--no-design");
        assertThat(ma).contains("<h3>Balances</h3>").contains("<th>loading</th>").contains("<th>to strip liquor</th>");
        assertThat(balanceErrors(ma)).hasSize(3).allSatisfy(e -> assertThat(e).isLessThan(1e-10));
        // every number cell still shows its JSON value
        for (String html : List.of(three, ma)) {
            cells(html).forEach(ReportCommandTest::assertShownMatchesValue);
        }
    }

    /**
     * report --shakeouts: the case's chemistry against the bundled shake-outs, every number that of
     * {@code fit --json} with the law of the case's model; the case's β = 1.5 lies inside the data's
     * interval, the mass-action case's K_ex do not; a correlation case gets a remark, not a table.
     */
    @Test
    void calibrationSectionHoldsTheNumbersOfFit(@TempDir Path tmp) throws Exception {
        String data = "cases/data/shakeout-pc88a-hcl.csv";
        String html = report(tmp.resolve("p507.html"), "cases/pr-nd-p507.yaml", "--no-design", "--shakeouts", data);
        JsonNode fit = json("fit", "--shakeouts", data, "--elements", "Pr,Nd", "--model", "separation-factors",
                "--reference", "Pr", "--json");
        List<Cell> fitCells = cells(html).stream().filter(c -> c.source().equals("fit")).toList();
        assertThat(fitCells).extracting(Cell::key).contains("/fit/rmsLog10D", "/parameters/0/separationFactor",
                "/parameters/0/ci95/0", "/parameters/0/ci95/1");
        for (Cell c : fitCells) {
            assertThat(Double.parseDouble(c.value())).as(c.key()).isEqualTo(fit.at(c.key()).asDouble());
            assertShownMatchesValue(c);
        }
        String section = html.substring(html.indexOf("id=\"calibration\""));
        assertThat(section).contains("Nd/Pr").contains("<td>1.5</td><td>yes</td>");
        String ma = report(tmp.resolve("ma.html"), "cases/pr-nd-mass-action.yaml", "--no-design", "--shakeouts", data);
        assertThat(ma.substring(ma.indexOf("id=\"calibration\""))).contains("<td>0.03</td><td><span class=\"badge "
                + "missed\">NO</span>");
        String corr = report(tmp.resolve("c.html"), "cases/pr-nd-correlation.yaml", "--no-design", "--shakeouts", data);
        assertThat(corr).contains("No calibration: the case").contains("components have no exchangeConstant");
        CliHarness bad = CliHarness.run("report", "cases/zhang-binary.yaml", "-o", tmp.resolve("z.html").toString(),
                "--shakeouts", data);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--shakeouts = cases/data/shakeout-pc88a-hcl.csv is not allowed: a shake-out "
                + "file with columns of the case's components (A, B)");
        assertThat(Files.exists(tmp.resolve("z.html"))).isFalse();
    }

    @Test
    void zhangReportHoldsTheNumbersOfDesignAndSimulate(@TempDir Path tmp) throws Exception {
        String html = report(tmp.resolve("zhang.html"), "cases/zhang-binary.yaml");
        Map<String, JsonNode> sources = new HashMap<>();
        sources.put("simulate", json("simulate", "cases/zhang-binary.yaml", "--json"));
        sources.put("design", json("design", "cases/zhang-binary.yaml", "--json"));
        List<Cell> cells = cells(html);
        for (Cell c : cells) {
            JsonNode v = sources.get(c.source()).at(c.key());
            assertThat(v.isNumber()).as(c.source() + " " + c.key()).isTrue();
            assertThat(Double.parseDouble(c.value())).as(c.source() + " " + c.key()).isEqualTo(v.asDouble());
            assertShownMatchesValue(c);
        }
        List<String> keys = cells.stream().map(c -> c.source() + c.key()).toList();
        assertThat(keys).contains(
                "simulate/products/0/purity", "simulate/products/1/purity", "simulate/products/0/flow",
                "simulate/products/0/composition/A", "simulate/massBalanceError", "simulate/residual",
                "simulate/iterations", "simulate/recoveries/A/organic", "simulate/recoveries/B/aqueous",
                "simulate/profile/44/organic/A",
                "design/extractantFlow", "design/scrubFlow", "design/extractionRatio", "design/scrubRatio",
                "design/minExtractantFlow", "design/minScrubFlow", "design/fenskeMinimum",
                "design/estimatedStages/corrected/extraction", "design/verifiedStages/extraction",
                "design/verifiedStages/scrub", "design/verifiedStages/total", "design/verifiedPurities/organic",
                "design/verifiedProducts/organic/A", "design/massBalanceError");
        // the shown text is the value, formatted as the terminal shows it
        Cell purity = cells.stream().filter(c -> c.key().equals("/products/0/purity")).findFirst().orElseThrow();
        assertThat(purity.shown()).isEqualTo(Formats.percent(Double.parseDouble(purity.value())));
        // Zhang binary: the published (24, 21) cascade: P_A = 0.998993, one stage short of 99.9 % — the report
        // says so; and design's verified 25 + 21 = 46 stages
        assertThat(purity.shown()).isEqualTo("99.8993%");
        assertThat(html).contains("loaded organic (A) <span class=\"badge missed\">target MISSED</span>");
        Cell total = cells.stream().filter(c -> c.key().equals("/verifiedStages/total")).findFirst().orElseThrow();
        assertThat(total.shown()).isEqualTo("46");
    }

    @Test
    void reportIsSelfContained(@TempDir Path tmp) throws Exception {
        String html = report(tmp.resolve("zhang.html"), "cases/zhang-binary.yaml");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta name=\"viewport\"")
                .contains("Content-Security-Policy\" content=\"default-src 'none'");
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<link")
                .doesNotContain("@import").doesNotContain("url(http");
        // no attribute fetches anything: src/href only point inside the page
        Matcher refs = Pattern.compile("(?i)\\s(src|href|xlink:href)\\s*=\\s*['\"]([^'\"]*)['\"]").matcher(html);
        while (refs.find()) {
            assertThat(refs.group(2)).as(refs.group()).startsWith("#");
        }
        // the charts are inline SVG with page-unique ids
        assertThat(Pattern.compile("<svg id='chart\\d+'").matcher(html).results().count()).isEqualTo(3);
        assertThat(html).contains("Stage profile").contains("McCabe–Thiele").contains("Purity against stage count");
        assertThat(html).contains("Case file as given").contains("separationFactor: 2.0");
    }

    @Test
    void startUpSectionHoldsTransientNumbers(@TempDir Path tmp) throws Exception {
        String html = report(tmp.resolve("p.html"), "cases/pr-nd-1974.yaml");
        JsonNode t = json("transient", "cases/pr-nd-1974.yaml", "--json");
        List<Cell> transientCells = cells(html).stream().filter(c -> c.source().equals("transient")).toList();
        assertThat(transientCells).extracting(Cell::key).contains("/timeToTarget/organic/days",
                "/timeToTarget/aqueous/days", "/maxConservationError");
        for (Cell c : transientCells) {
            assertThat(Double.parseDouble(c.value())).as(c.key()).isEqualTo(t.at(c.key()).asDouble());
            assertShownMatchesValue(c);
        }
        // the 1974 start-up meets both targets long before the stage inventories settle: the report says so
        assertThat(t.get("timeToSteadyState").isNull()).isTrue();
        assertThat(html).contains("Steady state not reached");
        // docs/tutorial-1974.md: Nd on target after 4.05 d, Pr after 5.48 d
        assertThat(transientCells.stream().filter(c -> c.key().equals("/timeToTarget/organic/days")).findFirst()
                .orElseThrow().shown()).isEqualTo("4.05");
        assertThat(html).contains("id=\"start-up\"").contains("Outlet purity during start-up");
    }

    /** The design section of a mass-action case: design's shared view, every number that of design --json. */
    @Test
    void massActionReportShowsItsDesign(@TempDir Path tmp) throws Exception {
        String html = report(tmp.resolve("ma.html"), "cases/pr-nd-mass-action.yaml");
        JsonNode design = json("design", "cases/pr-nd-mass-action.yaml", "--json", "--exact-flows");
        List<Cell> cells = cells(html).stream().filter(c -> c.source().equals("design")).toList();
        assertThat(cells).extracting(Cell::key).contains("/stages/total", "/operatingFlows/0/value",
                "/productPurities/0/purity", "/verification/massBalanceError");
        for (Cell c : cells) {
            assertThat(Double.parseDouble(c.value())).as(c.key()).isEqualTo(design.at(c.key()).asDouble());
            assertShownMatchesValue(c);
        }
        assertThat(html).contains("-design-profile");
    }

    @Test
    void linearCaseHasNoDesignAndSaysWhy(@TempDir Path tmp) throws Exception {
        String html = report(tmp.resolve("k.html"), "cases/kremser.yaml");
        // a constant-D case is designed like any other model; this one has no purity targets: said why
        assertThat(html).contains("No design: targets = 0 numbers without a purity is not allowed");
        assertThat(html).doesNotContain("id=\"start-up\"");
        String plain = report(tmp.resolve("z.html"), "cases/zhang-binary.yaml", "--no-design");
        assertThat(plain).doesNotContain("id=\"design\"");
        String text = Files.readString(Path.of("cases/zhang-binary.yaml"));
        Path noTargets = Files.writeString(tmp.resolve("no-targets.yaml"), text.substring(0, text.indexOf("targets:")));
        String untargeted = report(tmp.resolve("n.html"), noTargets.toString());
        assertThat(untargeted).contains("No design: ").contains("targets");
    }

    @Test
    void badInputIsExitCodeTwoWithNoFile(@TempDir Path tmp) throws Exception {
        CliHarness noOut = CliHarness.run("report", "cases/zhang-binary.yaml");
        assertThat(noOut.exitCode()).isEqualTo(2);
        assertThat(noOut.err()).contains("--output");
        Path out = tmp.resolve("r.html");
        CliHarness missing = CliHarness.run("report", tmp.resolve("nope.yaml").toString(), "-o", out.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), Files.readString(Path.of("cases/zhang-binary.yaml"))
                .replace("extractionStages", "extractionStagez"));
        CliHarness typo = CliHarness.run("report", bad.toString(), "-o", out.toString());
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("extractionStagez");
        CliHarness dir = CliHarness.run("report", "cases/zhang-binary.yaml", "-o", tmp.toString());
        assertThat(dir.exitCode()).isEqualTo(2);
        assertThat(out).doesNotExist();
    }
    /**
     * A robust design's written case carries the σ and box it was judged with (taken from the
     * options), so report shows its robustness as the design run saw it: the Monte Carlo and the
     * worst corner of the box. A section with a box only (no σ) is reported by its corners alone.
     */
    @Test
    void aRobustDesignCarriesItsUncertaintyToTheReport(@TempDir Path tmp) throws Exception {
        Path written = tmp.resolve("robust.yaml");
        CliHarness d = CliHarness.run("design", "cases/pr-nd-p507.yaml", "--uncertainty", "--beta-sigma", "0.03",
                "--beta-box", "3%", "--robust", "worst-case", "--case-out", written.toString());
        assertThat(d.exitCode()).as(d.err()).isZero();
        JsonNode u = new org.sxcascade.io.CaseReader().parseTree(Files.readString(written)).get("uncertainty");
        assertThat(u.get("chemistry").asDouble()).isEqualTo(0.03);
        assertThat(u.at("/box/chemistry").asDouble()).isEqualTo(0.03);
        String html = report(tmp.resolve("robust.html"), written.toString());
        String section = html.substring(html.indexOf("<section id=\"case-design\">"));
        section = section.substring(0, section.indexOf("</section>"));
        assertThat(section).contains("Robustness (the case's uncertainty section)", "2000 draws",
                "Worst case over the box", "every target met at 2 of 2 corners");

        String text = Files.readString(written);
        Path boxOnly = tmp.resolve("box.yaml");
        Files.writeString(boxOnly, text.substring(0, text.indexOf("# The uncertainty the design"))
                + "uncertainty:\n  box: {chemistry: 0.03}\n");
        String boxed = report(tmp.resolve("box.html"), boxOnly.toString());
        assertThat(boxed).contains("Worst case over the box").doesNotContain("Robustness (the case's uncertainty");
    }
}
