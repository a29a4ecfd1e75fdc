package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sxcascade fit} on the bundled PC88A–HCl shake-outs: the numbers docs/fit.md quotes, the
 * JSON keys, the case fragment running in a mass-action case, and bad data with exit code 2.
 */
class FitCommandTest {
    private static final String DATA = "cases/data/shakeout-pc88a-hcl.csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void allRareEarthsAsDocumented() throws Exception {
        CliHarness text = CliHarness.run("fit", "--shakeouts", DATA);
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("201 rows read, 201 used, 219 points")
                .contains("6 points with D = 0 left out").contains("Nd/La").contains("llepe-012");
        JsonNode j = json("fit", "--shakeouts", DATA, "--reference", "Pr", "--json");
        assertThat(j.at("/data/points").asInt()).isEqualTo(219);
        assertThat(j.at("/fit/rmsLog10D").asDouble()).isCloseTo(0.2070, within(5e-5));
        assertThat(j.at("/fit/degreesOfFreedom").asInt()).isEqualTo(212);
        String[] el = {"La", "Ce", "Pr", "Nd", "Sm", "Dy", "Y"};
        double[] k = {0.0011984, 0.0028981, 0.0092625, 0.013091, 0.082950, 3.6351, 8.2483}; // docs/fit.md
        for (int i = 0; i < el.length; i++) {
            JsonNode p = j.at("/parameters/" + i);
            assertThat(p.get("element").asText()).isEqualTo(el[i]);
            assertThat(p.get("exchangeConstant").asDouble() / k[i]).isCloseTo(1, within(1e-4));
            assertThat(p.get("standardErrorLn").asDouble()).isFinite().isPositive();
            assertThat(p.at("/ci95/0").asDouble()).isLessThan(k[i]);
            assertThat(p.at("/ci95/1").asDouble()).isGreaterThan(k[i]);
        }
        // Nd/Pr: 1.41, inside the measured 1.35–1.9 for PC88A–HCl (docs/fit.md)
        JsonNode nd = j.at("/separationFactors/values/2");
        assertThat(nd.get("element").asText()).isEqualTo("Nd");
        assertThat(nd.get("beta").asDouble()).isCloseTo(1.4134, within(1e-3)).isBetween(1.35, 1.9);
        assertThat(j.at("/separationFactors/reference").asText()).isEqualTo("Pr");
    }

    @Test
    void prNdJsonHasTheDocumentedKeys() throws Exception {
        JsonNode j = json("fit", "--shakeouts", DATA, "--elements", "Nd,Pr", "--json");
        assertThat(j.at("/parameters/0/element").asText()).isEqualTo("Pr"); // column order
        assertThat(j.at("/parameters/0/exchangeConstant").asDouble()).isCloseTo(0.0067679, within(1e-6));
        assertThat(j.at("/parameters/1/exchangeConstant").asDouble()).isCloseTo(0.013437, within(1e-5));
        assertThat(j.at("/parameters/1/points").asInt()).isEqualTo(55);
        assertThat(j.at("/correlation/matrix/0/1").asDouble()).isCloseTo(0.1502, within(1e-3));
        assertThat(j.at("/separationFactors/values/0/beta").asDouble()).isCloseTo(1.9854, within(1e-3));
        assertThat(j.at("/largestResiduals").size()).isEqualTo(5);
        assertThat(j.at("/largestResiduals/0/experimentId").asText()).isEqualTo("llepe-151");
        assertThat(j.at("/data/leftOut/0").asText())
                .isEqualTo("108 rows holding rare earths not fitted (La, Ce, Sm, Dy, Y) left out");
    }

    /** The fragment of --case-out, put into the bundled mass-action case, runs with simulate. */
    @Test
    void caseOutFragmentRunsInAMassActionCase(@TempDir Path dir) throws Exception {
        Path fragment = dir.resolve("fitted.yaml");
        CliHarness fit = CliHarness.run("fit", "--shakeouts", DATA, "--elements", "Pr,Nd", "--case-out",
                fragment.toString());
        assertThat(fit.exitCode()).as(fit.err()).isZero();
        String yaml = Files.readString(fragment);
        assertThat(yaml).contains("components:\n  - name: Pr\n    exchangeConstant: 0.00676").contains("# A fragment");
        String bundled = Files.readString(Path.of("cases/pr-nd-mass-action.yaml"));
        String combined = bundled.substring(0, bundled.indexOf("components:"))
                + yaml.substring(yaml.indexOf("components:")) + bundled.substring(bundled.indexOf("extractant:"));
        Path fullCase = dir.resolve("case.yaml");
        Files.writeString(fullCase, combined);
        CliHarness sim = CliHarness.run("simulate", fullCase.toString());
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        assertThat(sim.out()).contains("K_ex Pr 0.00676788 Nd 0.0134367");
    }

    @Test
    void badDataExitWithCode2AndNameTheColumn(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.csv");
        CliHarness r = fitNd(bad, "1,1,0.1,0.05,0.4\n1,1,0.1,-0.05,0.4\n");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bad.csv line 3, column Nd_initial_mol_per_L = -0.05 is not allowed: "
                + "a finite number greater than 0 (mol/L aqueous)");
        assertThat(r.out()).isEmpty();

        Files.writeString(bad, "extractant_mol_per_L,o_to_a,pH,Nd_initial_mol_per_L,Nd_D\n1,1,2,0.05,0.4\n");
        r = CliHarness.run("fit", "--shakeouts", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("column 3 = pH is not allowed").contains("initial_acid_mol_per_L");

        r = CliHarness.run("fit", "--shakeouts", DATA, "--elements", "Pr,Eu");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--elements = Eu is not allowed: a rare earth with columns in");

        r = CliHarness.run("fit", "--shakeouts", DATA, "--elements", "Nd,Pr,Nd");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--elements = Nd is not allowed: each rare earth once");

        r = CliHarness.run("fit", "--shakeouts", DATA, "--sources", "Nobody (2020)");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--sources = Nobody (2020) is not allowed: a source of");

        r = CliHarness.run("fit", "--shakeouts", dir.resolve("none.csv").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("none.csv: no such file");
    }

    /** Nd alone: the slopes of the correlation agree with mass action's 3 and 3 within their intervals. */
    @Test
    void correlationOnNdAsDocumented(@TempDir Path dir) throws Exception {
        JsonNode j = json("fit", "--shakeouts", DATA, "--elements", "Nd", "--model", "correlation", "--json");
        assertThat(j.at("/model").asText()).isEqualTo("correlation");
        JsonNode nd = j.at("/parameters/0");
        assertThat(nd.at("/pHSlope/value").asDouble()).isCloseTo(3.1932, within(1e-3));
        assertThat(nd.at("/dimerSlope/value").asDouble()).isCloseTo(2.8086, within(1e-3));
        assertThat(nd.at("/intercept/value").asDouble()).isCloseTo(-2.0276, within(1e-3));
        assertThat(nd.at("/pHSlope/standardError").asDouble()).isCloseTo(0.1473, within(1e-3));
        assertThat(nd.at("/pHSlope/ci95/0").asDouble()).isLessThan(3);
        assertThat(nd.at("/pHSlope/ci95/1").asDouble()).isGreaterThan(3);
        assertThat(nd.at("/dimerSlope/ci95/0").asDouble()).isLessThan(3);
        assertThat(nd.at("/dimerSlope/ci95/1").asDouble()).isGreaterThan(3);
        assertThat(j.at("/fit/rmsLog10D").asDouble()).isCloseTo(0.1885, within(5e-5));
        assertThat(j.at("/correlation/parameters/1").asText()).isEqualTo("b(Nd)");
        JsonNode prNd = json("fit", "--shakeouts", DATA, "--elements", "Pr,Nd", "--model", "correlation", "--json");
        assertThat(prNd.at("/parameters/0/pHSlope/value").asDouble()).isCloseTo(3.9426, within(1e-3));
        assertThat(prNd.at("/parameters/0/dimerSlope/value").asDouble()).isCloseTo(3.6230, within(1e-3));
        assertThat(prNd.at("/parameters/0/rmsLog10D").asDouble()).isCloseTo(0.1733, within(1e-3));
        assertThat(json("fit", "--shakeouts", DATA, "--model", "correlation", "--json").at("/fit/rmsLog10D")
                .asDouble()).isCloseTo(0.1800, within(5e-5));
        // the fragment runs in a case
        Path fragment = dir.resolve("fitted.yaml");
        assertThat(CliHarness.run("fit", "--shakeouts", DATA, "--elements", "Pr,Nd", "--model", "correlation",
                "--case-out", fragment.toString()).exitCode()).isZero();
        CliHarness sim = simulateInMassActionCase(dir, fragment);
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        assertThat(sim.out()).contains("Pr a 3.94264");
        CliHarness bad = CliHarness.run("fit", "--shakeouts", DATA, "--model", "linear");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--model = linear is not allowed: mass-action, correlation, "
                + "constant-distribution or separation-factors");
    }

    /**
     * --fit-cation-constant and --fit-stoichiometry on the bundled synthetic saponified data
     * (made with K_Pr 0.0093, K_Nd 0.0135, K_M 0.003, n 2.8; docs/fit.md): the documented numbers,
     * the JSON keys, --predict, --plot, and the --case-out fragment running with simulate.
     */
    @Test
    void cationConstantAndStoichiometryAsDocumented(@TempDir Path dir) throws Exception {
        String synthetic = "cases/data/shakeout-synthetic-saponified.csv";
        Path fragment = dir.resolve("fitted.yaml");
        JsonNode j = json("fit", "--shakeouts", synthetic, "--fit-cation-constant", "--fit-stoichiometry", "--json",
                "--predict", synthetic, "--case-out", fragment.toString(), "--plot", dir.resolve("charts").toString());
        assertThat(j.at("/data/points").asInt()).isEqualTo(53);
        assertThat(j.at("/fit/degreesOfFreedom").asInt()).isEqualTo(49);
        assertThat(j.at("/cationExchangeConstant/value").asDouble()).isCloseTo(0.0029713, within(1e-6));
        assertThat(j.at("/cationExchangeConstant/ci95/0").asDouble()).isLessThan(0.003);
        assertThat(j.at("/cationExchangeConstant/ci95/1").asDouble()).isGreaterThan(0.003);
        assertThat(j.at("/cationExchangeConstant/standardErrorLn").asDouble()).isCloseTo(0.01266, within(1e-4));
        assertThat(j.at("/stoichiometry/value").asDouble()).isCloseTo(2.8537, within(1e-3));
        assertThat(j.at("/stoichiometry/ci95/0").asDouble()).isCloseTo(2.7794, within(1e-3)).isLessThan(2.8);
        assertThat(j.at("/stoichiometry/ci95/1").asDouble()).isCloseTo(2.9281, within(1e-3)).isGreaterThan(2.8);
        assertThat(j.at("/parameters/0/exchangeConstant").asDouble()).isCloseTo(0.0098739, within(1e-6));
        assertThat(j.at("/parameters").size()).isEqualTo(2); // the shared ones have their own keys
        assertThat(j.at("/correlation/parameters/2").asText()).isEqualTo("lnK_M");
        assertThat(j.at("/correlation/parameters/3").asText()).isEqualTo("n");
        assertThat(j.at("/correlation/matrix/0/3").asDouble()).isCloseTo(0.847, within(1e-3));
        assertThat(j.at("/fit/rmsLog10D").asDouble()).isCloseTo(0.0294, within(5e-5));
        // --predict uses the fitted K_M and n: the same file is predicted with the fit's RMS
        assertThat(j.at("/prediction/rmsLog10D").asDouble()).isCloseTo(j.at("/fit/rmsLog10D").asDouble(),
                within(1e-9));
        assertThat(dir.resolve("charts/shakeout-synthetic-saponified-parity.png")).exists();
        String yaml = Files.readString(fragment);
        assertThat(yaml).contains("correlation: {pHSlope: 3, dimerSlope: 2.8537").contains("K_M fitted = 0.00297")
                .contains("uncertainty:");
        CliHarness sim = simulateInMassActionCase(dir, fragment);
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        assertThat(sim.out()).contains("Pr a 3 b 2.85374 c -2.00551");
        CliHarness text = CliHarness.run("fit", "--shakeouts", synthetic, "--fit-cation-constant",
                "--fit-stoichiometry");
        assertThat(text.out()).contains("Shared by all rare earths").contains("K_M (M+ + 1/2 (HA)2 = MA + H+)")
                .contains("n = 3 (mass action, RE3+ + 3 (HA)2) lies outside the interval");
        // K_M alone, with the correlation: started from the given K_M
        JsonNode corr = json("fit", "--shakeouts", synthetic, "--model", "correlation", "--fit-cation-constant",
                "--cation-exchange-constant", "0.01", "--json");
        assertThat(corr.at("/cationExchangeConstant/value").asDouble()).isBetween(0.0027, 0.0033);
    }

    /**
     * n on the bundled PC88A rows as docs/fit.md quotes it: below 3 over all rows, consistent with 3
     * for Pr and Nd alone; K_M cannot be fitted without saponified rows; n at one extractant
     * concentration and trace loading is not identifiable.
     */
    @Test
    void stoichiometryOfTheBundledRowsAndTheRefusals(@TempDir Path dir) throws Exception {
        JsonNode all = json("fit", "--shakeouts", DATA, "--fit-stoichiometry", "--json");
        assertThat(all.at("/stoichiometry/value").asDouble()).isCloseTo(2.4293, within(1e-3));
        assertThat(all.at("/stoichiometry/ci95/0").asDouble()).isCloseTo(2.0471, within(1e-3));
        assertThat(all.at("/stoichiometry/ci95/1").asDouble()).isCloseTo(2.8116, within(1e-3));
        assertThat(all.at("/fit/rmsLog10D").asDouble()).isCloseTo(0.2032, within(5e-5));
        JsonNode prNd = json("fit", "--shakeouts", DATA, "--elements", "Pr,Nd", "--fit-stoichiometry", "--json");
        assertThat(prNd.at("/stoichiometry/value").asDouble()).isCloseTo(2.8799, within(1e-3));
        assertThat(prNd.at("/stoichiometry/ci95/0").asDouble()).isCloseTo(2.3828, within(1e-3));
        assertThat(prNd.at("/stoichiometry/ci95/1").asDouble()).isCloseTo(3.3769, within(1e-3));
        JsonNode lee = json("fit", "--shakeouts", DATA, "--elements", "Nd", "--sources", "Lee (2005)",
                "--fit-stoichiometry", "--json");
        assertThat(lee.at("/stoichiometry/value").asDouble()).isCloseTo(1.6271, within(1e-3));
        CliHarness km = CliHarness.run("fit", "--shakeouts", DATA, "--fit-cation-constant");
        assertThat(km.exitCode()).isEqualTo(2);
        assertThat(km.err()).contains("--fit-cation-constant = given for cases/data/shakeout-pc88a-hcl.csv, whose 201 "
                + "rows used all have saponification 0 is not allowed: data with saponified rows");
        CliHarness trace = fitNd(dir.resolve("one.csv"), "1,1,0.05,0.0001,2.0\n1,1,0.1,0.0001,0.26\n"
                + "1,1,0.2,0.0001,0.031\n1,1,0.5,0.0001,0.002\n", "--fit-stoichiometry");
        assertThat(trace.exitCode()).isEqualTo(2);
        assertThat(trace.err()).contains("parameters = ln K_ex(Nd) and n is not allowed: parameters the data can tell "
                + "apart: ln K_ex(Nd) and n move together (correlation of their estimates");
        CliHarness beta = CliHarness.run("fit", "--shakeouts", DATA, "--model", "separation-factors",
                "--fit-stoichiometry");
        assertThat(beta.exitCode()).isEqualTo(2);
        assertThat(beta.err()).contains("--fit-stoichiometry = given with --model separation-factors is not allowed");
        CliHarness stage = CliHarness.run("fit", "--stage-samples", "cases/data/pilot-stage-samples.csv", "--case",
                "cases/pilot-pr-nd.yaml", "--fit-cation-constant");
        assertThat(stage.exitCode()).isEqualTo(2);
        assertThat(stage.err()).contains("--fit-cation-constant = given is not allowed: only with --shakeouts");
    }

    /** --plot draws the parity and residual charts; their data are the fit's points. */
    @Test
    void plotWritesParityAndResidualCharts(@TempDir Path dir) throws Exception {
        Path charts = dir.resolve("charts");
        CliHarness r = CliHarness.run("fit", "--shakeouts", DATA, "--elements", "Pr,Nd", "--json", "--plot",
                charts.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("shakeout-pc88a-hcl-parity.png").contains("shakeout-pc88a-hcl-residuals-ph.png");
        for (String f : new String[] {"shakeout-pc88a-hcl-parity.png", "shakeout-pc88a-hcl-residuals-ph.png",
                "shakeout-pc88a-hcl-residuals-loading.png"}) {
            byte[] png = Files.readAllBytes(charts.resolve(f));
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        }
        var data = org.sxcascade.io.ShakeoutReader.read(Path.of(DATA));
        var fit = org.sxcascade.fit.MassActionFit.fit(org.sxcascade.fit.ShakeoutSelection.of(data,
                java.util.List.of("Pr", "Nd"), null, null), Double.NaN, null);
        var plot = org.sxcascade.chart.FitCharts.parity(fit).getXYPlot();
        var series = (org.jfree.data.xy.XYSeriesCollection) plot.getDataset();
        assertThat(series.getSeriesCount()).isEqualTo(3); // the line, Pr, Nd
        assertThat(series.getSeries(2).getKey()).isEqualTo("Nd");
        assertThat(series.getSeries(1).getItemCount() + series.getSeries(2).getItemCount()).isEqualTo(92);
        var residuals = (org.jfree.data.xy.XYSeriesCollection) org.sxcascade.chart.FitCharts.residualsAgainstPH(fit)
                .getXYPlot().getDataset();
        double ss = 0;
        for (int k = 1; k < 3; k++) {
            for (int i = 0; i < residuals.getSeries(k).getItemCount(); i++) {
                ss += Math.pow(residuals.getSeries(k).getY(i).doubleValue(), 2);
            }
        }
        assertThat(Math.sqrt(ss / 92)).isCloseTo(fit.rmsLog10D(), within(1e-12));
        // the loading chart: the same residuals, at loadings 1 − free/total dimer within [0, 1)
        var byLoading = (org.jfree.data.xy.XYSeriesCollection) org.sxcascade.chart.FitCharts
                .residualsAgainstLoading(fit).getXYPlot().getDataset();
        double ss2 = 0;
        for (int k = 1; k < 3; k++) {
            for (int i = 0; i < byLoading.getSeries(k).getItemCount(); i++) {
                ss2 += Math.pow(byLoading.getSeries(k).getY(i).doubleValue(), 2);
                assertThat(byLoading.getSeries(k).getX(i).doubleValue()).isGreaterThanOrEqualTo(0).isLessThan(1);
            }
        }
        assertThat(Math.sqrt(ss2 / 92)).isCloseTo(fit.rmsLog10D(), within(1e-12));
    }

    /** Fit the single-element sources, predict the 13 mixed rows they do not contain (docs/fit.md). */
    @Test
    void predictMixedRowsFromSingleElementFit() throws Exception {
        JsonNode j = json("fit", "--shakeouts", DATA, "--sources", "Li (1987),Lyon (2016),Lee (2005)", "--predict",
                "cases/data/shakeout-pc88a-hcl-mixed.csv", "--json");
        assertThat(j.at("/data/rowsUsed").asInt()).isEqualTo(188);
        assertThat(j.at("/fit/rmsLog10D").asDouble()).isCloseTo(0.1511, within(5e-5));
        assertThat(j.at("/prediction/rowsUsed").asInt()).isEqualTo(13);
        assertThat(j.at("/prediction/points").asInt()).isEqualTo(37);
        assertThat(j.at("/prediction/rmsLog10D").asDouble()).isCloseTo(0.5830, within(5e-5));
        assertThat(j.at("/prediction/elements/0/element").asText()).isEqualTo("La");
        assertThat(j.at("/prediction/elements/0/rmsLog10D").asDouble()).isCloseTo(1.1022, within(5e-5));
        assertThat(j.at("/prediction/elements/3/element").asText()).isEqualTo("Nd");
        assertThat(j.at("/prediction/elements/3/rmsLog10D").asDouble()).isCloseTo(0.1853, within(5e-5));
        // predicting the rows a fit used gives back the fit's own RMS
        JsonNode self = json("fit", "--shakeouts", DATA, "--elements", "Pr,Nd", "--predict", DATA, "--json");
        assertThat(self.at("/prediction/rmsLog10D").asDouble()).isCloseTo(self.at("/fit/rmsLog10D").asDouble(),
                within(1e-12));
        CliHarness text = CliHarness.run("fit", "--shakeouts", DATA, "--elements", "Pr,Nd", "--predict",
                "cases/data/shakeout-pc88a-hcl-mixed.csv");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("Prediction of cases/data/shakeout-pc88a-hcl-mixed.csv with the fitted "
                + "parameters (no refit)").contains("13 rows read, 5 used, 10 points with D > 0")
                .contains("8 rows holding rare earths not fitted (La, Ce) left out");
        CliHarness none = CliHarness.run("fit", "--shakeouts", DATA, "--elements", "Nd", "--predict",
                "cases/data/shakeout-pc88a-hcl-mixed.csv");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--predict = cases/data/shakeout-pc88a-hcl-mixed.csv is not allowed: a "
                + "shake-out file with at least one point D > 0 of the fitted rare earths in a row holding no other");
        Path noSm = Files.createTempFile("no-sm", ".csv");
        try {
            Files.writeString(noSm, "extractant_mol_per_L,o_to_a,initial_acid_mol_per_L,Nd_initial_mol_per_L,Nd_D\n"
                    + "1,1,0.1,0.05,0.5\n");
            none = CliHarness.run("fit", "--shakeouts", DATA, "--elements", "Sm", "--predict", noSm.toString());
            assertThat(none.exitCode()).isEqualTo(2);
            assertThat(none.err()).contains("a shake-out file with columns of a fitted rare earth (Sm)");
        } finally {
            Files.delete(noSm);
        }
    }

    /** Identical experiments cannot tell a pH slope from an intercept: refused, naming the pair. */
    @Test
    void nonIdentifiableParametersAreNamed(@TempDir Path dir) throws Exception {
        Path same = dir.resolve("same.csv");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            b.append("1,1,0.1,0.05,").append(0.5 + 0.01 * i).append('\n');
        }
        CliHarness r = fitNd(same, b.toString(), "--model", "correlation");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("parameters = ").contains("(Nd) is not allowed: parameters the data can tell "
                + "apart").contains("move together (correlation of their columns");
        // a slope held at the edge of its range has no effect: named as such (docs/fit.md, "What the chemistry buys")
        CliHarness la = CliHarness.run("fit", "--shakeouts", DATA, "--model", "correlation", "--sources",
                "Li (1987),Lyon (2016),Lee (2005)");
        assertThat(la.exitCode()).isEqualTo(2);
        assertThat(la.err()).contains("parameters = b(La) is not allowed: parameters the data can tell apart: b(La) "
                + "has no effect on the predictions at the optimum");
        // the mass-action fit of the same data has one parameter and is fine
        assertThat(CliHarness.run("fit", "--shakeouts", same.toString()).exitCode()).isZero();
    }

    /** docs/fit.md, "Worked example": fit, design at the fitted β, and what β's lower bound does to it. */
    @Test
    void workedExampleFromShakeOutsToADesign(@TempDir Path dir) throws Exception {
        Path fragment = dir.resolve("fitted.yaml");
        assertThat(CliHarness.run("fit", "--shakeouts", DATA, "--elements", "Pr,Nd", "--case-out",
                fragment.toString()).exitCode()).isZero();
        String yaml = Files.readString(fragment);
        String bundled = Files.readString(Path.of("cases/pr-nd-mass-action.yaml"));
        String fitted = bundled.substring(0, bundled.indexOf("components:"))
                + yaml.substring(yaml.indexOf("components:")) + bundled.substring(bundled.indexOf("extractant:"));
        Path fittedCase = dir.resolve("pr-nd-fitted.yaml");
        Files.writeString(fittedCase, fitted);
        Path designed = dir.resolve("designed.yaml");
        CliHarness design = CliHarness.run("design", fittedCase.toString(), "--exact-flows", "--case-out", designed.toString());
        assertThat(design.exitCode()).as(design.err()).isZero();
        assertThat(design.out()).contains("17 extraction + 14 scrub + 8 strip = 39 stages")
                .contains("Pr 99.9472%").contains("Nd 99.9472%");
        // β at its lower 95 % bound, 1.4530: K_Nd = 1.4530 K_Pr
        JsonNode beta = json("fit", "--shakeouts", DATA, "--elements", "Pr,Nd", "--json")
                .at("/separationFactors/values/0/ci95/0");
        assertThat(beta.asDouble()).isCloseTo(1.4530, within(1e-4));
        String lowNd = String.format(java.util.Locale.ROOT, "exchangeConstant: %.10g", 0.006767877428 * 1.4530);
        Path designedLow = dir.resolve("designed-low.yaml");
        Files.writeString(designedLow, Files.readString(designed)
                .replaceAll("exchangeConstant: 0\\.01343667980?", lowNd));
        CliHarness sim = CliHarness.run("simulate", designedLow.toString());
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        assertThat(sim.out()).contains("K_ex Pr 0.00676788 Nd 0.00983373").contains("Pr 89.7461%")
                .contains("Nd 96.5202%");
        Path fittedLow = dir.resolve("pr-nd-low.yaml");
        Files.writeString(fittedLow, fitted.replaceAll("exchangeConstant: 0\\.01343667980?", lowNd));
        CliHarness low = CliHarness.run("design", fittedLow.toString());
        assertThat(low.exitCode()).as(low.err()).isZero();
        assertThat(low.out()).contains("31 extraction + 26 scrub + 8 strip = 65 stages").contains("organic 244.7 L/h")
                .contains("P_A = 99.9397%");
    }

    /** The constant-D baseline: each D is 10^(mean log10 D) of its points, exactly; RMS as documented. */
    @Test
    void constantDistributionIsTheMeanOfLog10D(@TempDir Path dir) throws Exception {
        JsonNode j = json("fit", "--shakeouts", DATA, "--model", "constant-distribution", "--reference", "Pr", "--json");
        assertThat(j.at("/model").asText()).isEqualTo("constant-distribution");
        assertThat(j.at("/fit/rmsLog10D").asDouble()).isCloseTo(0.5596, within(5e-5));
        var data = org.sxcascade.io.ShakeoutReader.read(Path.of(DATA));
        for (int k = 0; k < 7; k++) {
            double sum = 0;
            int n = 0;
            for (var row : data.rows()) {
                if (row.has(k) && row.measuredD()[k] > 0) {
                    sum += Math.log10(row.measuredD()[k]);
                    n++;
                }
            }
            JsonNode p = j.at("/parameters/" + k);
            assertThat(p.get("element").asText()).isEqualTo(data.elements().get(k));
            assertThat(p.get("points").asInt()).isEqualTo(n);
            assertThat(Math.log10(p.get("distributionRatio").asDouble())).isCloseTo(sum / n, within(1e-9));
        }
        assertThat(j.at("/separationFactors/values/2/element").asText()).isEqualTo("Nd");
        assertThat(j.at("/separationFactors/values/2/beta").asDouble()).isCloseTo(1.1985, within(1e-4));
        Path fragment = dir.resolve("d.yaml");
        assertThat(CliHarness.run("fit", "--shakeouts", DATA, "--elements", "Pr,Nd", "--model", "constant-distribution",
                "--case-out", fragment.toString()).exitCode()).isZero();
        assertThat(Files.readString(fragment)).contains("model: distribution-ratios")
                .contains("components:\n  - name: Pr\n    distributionRatio: ");
    }

    /**
     * The data file may be given as the argument, as issue 18's interface has it ({@code fit DATA.csv
     * --model …}), with the same result as --shakeouts; both at once are refused. A separation-factor
     * fit does not need the mass-action fit that gives its points' pH: on saponified rows without K_M
     * (which mass action needs) it still fits β, and shows no pH and only the parity chart.
     */
    @Test
    void dataAsTheArgumentAndSeparationFactorsWithoutMassAction(@TempDir Path dir) throws Exception {
        JsonNode a = json("fit", DATA, "--elements", "Pr,Nd", "--model", "constant-distribution", "--json");
        JsonNode b = json("fit", "--shakeouts", DATA, "--elements", "Pr,Nd", "--model", "constant-distribution",
                "--json");
        assertThat(a.at("/parameters")).isEqualTo(b.at("/parameters"));
        CliHarness both = CliHarness.run("fit", DATA, "--shakeouts", DATA);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("DATA.csv, --shakeouts = both given");

        String saponified = "cases/data/shakeout-synthetic-saponified.csv";
        CliHarness ma = CliHarness.run("fit", saponified);
        assertThat(ma.exitCode()).isEqualTo(2);
        assertThat(ma.err()).contains("--cation-exchange-constant");
        CliHarness beta = CliHarness.run("fit", saponified, "--model", "separation-factors", "--plot",
                dir.toString());
        assertThat(beta.exitCode()).as(beta.err()).isZero();
        assertThat(beta.out()).contains("Nd/Pr          13     1.4434").contains("that fit did not succeed");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("shakeout-synthetic-saponified-parity.png");
        }
    }

    /**
     * Constant β from the 13 mixed experiments of the bundled data (La, Ce, Pr, Nd), as docs/fit.md
     * gives them; the within-experiment RMS of the mass-action fit beside it; the fragment of
     * --case-out runs in the bundled separation-factors case.
     */
    @Test
    void separationFactorsFromTheMixedExperimentsAsDocumented(@TempDir Path dir) throws Exception {
        JsonNode j = json("fit", "--shakeouts", DATA, "--elements", "La,Ce,Pr,Nd", "--model", "separation-factors",
                "--json");
        assertThat(j.at("/model").asText()).isEqualTo("separation-factors");
        assertThat(j.at("/data/rowsUsed").asInt()).isEqualTo(13);
        assertThat(j.at("/data/points").asInt()).isEqualTo(37);
        assertThat(j.at("/fit/degreesOfFreedom").asInt()).isEqualTo(37 - 3 - 13);
        assertThat(j.at("/fit/rmsLog10D").asDouble()).isCloseTo(0.0736, within(5e-5));
        assertThat(j.at("/fit/rmsWithinExperiments").asDouble()).isCloseTo(0.0736, within(5e-5));
        assertThat(j.at("/parameters/2/element").asText()).isEqualTo("Nd");
        assertThat(j.at("/parameters/2/separationFactor").asDouble()).isCloseTo(9.1997, within(1e-4));
        assertThat(j.at("/parameters/1/ci95/0").asDouble()).isCloseTo(5.5909, within(1e-4));
        assertThat(j.at("/correlation/parameters/2").asText()).isEqualTo("lnBeta(Nd/La)");
        assertThat(j.at("/separationFactors/values/2/beta").asDouble()).isCloseTo(9.1997, within(1e-4));
        JsonNode ma = json("fit", "--shakeouts", DATA, "--json");
        assertThat(ma.at("/fit/rmsWithinExperiments").asDouble()).isCloseTo(0.0797, within(5e-5));
        assertThat(ma.at("/fit/experimentsWithSeveralPoints").asInt()).isEqualTo(13);

        Path fragment = dir.resolve("beta.yaml");
        CliHarness fit = CliHarness.run("fit", "--shakeouts", DATA, "--elements", "Pr,Nd", "--model",
                "separation-factors", "--case-out", fragment.toString());
        assertThat(fit.exitCode()).as(fit.err()).isZero();
        assertThat(fit.out()).contains("Nd/Pr           5     1.4893").contains("model: separation-factors case");
        String yaml = Files.readString(fragment);
        assertThat(yaml).contains("components:\n  - name: Pr\n    separationFactor: 1   # the reference\n"
                + "  - name: Nd\n    separationFactor: 1.489");
        String bundled = Files.readString(Path.of("cases/pr-nd-p507.yaml"));
        Path fullCase = dir.resolve("case.yaml");
        Files.writeString(fullCase, bundled.substring(0, bundled.indexOf("components:"))
                + yaml.substring(yaml.indexOf("components:")) + bundled.substring(bundled.indexOf("feed:")));
        CliHarness sim = CliHarness.run("simulate", fullCase.toString());
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        assertThat(sim.out()).contains("separation factors Pr 1 Nd 1.489");

        CliHarness single = CliHarness.run("fit", "--shakeouts", DATA, "--elements", "Sm", "--model",
                "separation-factors");
        assertThat(single.exitCode()).isEqualTo(2);
        assertThat(single.err()).contains("--model = separation-factors is not allowed");
    }

    /**
     * The bundled stage samples (made from the pilot case at β = 1.8, efficiencies 0.85 and 0.7, 3 %
     * noise; cases/data/README.md) against the pilot case as built: the fit finds the truth within its
     * intervals, as docs/fit.md gives it; the written case runs with simulate; bad combinations exit 2.
     */
    @Test
    void stageSamplesOfThePilotAsDocumented(@TempDir Path dir) throws Exception {
        String samples = "cases/data/pilot-stage-samples.csv";
        JsonNode j = json("fit", "--stage-samples", samples, "--case", "cases/pilot-pr-nd.yaml", "--efficiency",
                "--json");
        assertThat(j.at("/kind").asText()).isEqualTo("stage-samples");
        assertThat(j.at("/data/points").asInt()).isEqualTo(60);
        assertThat(j.at("/fit/degreesOfFreedom").asInt()).isEqualTo(27);
        assertThat(j.at("/fit/rmsLog10").asDouble()).isCloseTo(0.0206, within(5e-5));
        double[] truth = {1.8, 0.85, 0.7};
        double[] documented = {1.8034, 0.8330, 0.6926};
        for (int q = 0; q < 3; q++) {
            JsonNode f = j.at("/fields/" + q);
            assertThat(f.get("value").asDouble()).isCloseTo(documented[q], within(1e-4));
            assertThat(f.at("/ci95/0").asDouble()).isLessThan(truth[q]);
            assertThat(f.at("/ci95/1").asDouble()).isGreaterThan(truth[q]);
        }
        assertThat(j.at("/fields/1/path").asText()).isEqualTo("efficiency.extraction");

        Path fitted = dir.resolve("pilot-fitted.yaml");
        CliHarness r = CliHarness.run("fit", "--stage-samples", samples, "--case", "cases/pilot-pr-nd.yaml",
                "--efficiency", "--case-out", fitted.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("components[1].separationFactor      1.50000      1.80342");
        assertThat(Files.readString(fitted)).startsWith("# Fitted by sxcascade fit --stage-samples");
        CliHarness sim = CliHarness.run("simulate", fitted.toString());
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        assertThat(sim.out()).contains("separation factors Pr 1 Nd 1.80342");

        CliHarness noCase = CliHarness.run("fit", "--stage-samples", samples);
        assertThat(noCase.exitCode()).isEqualTo(2);
        assertThat(noCase.err()).contains("--case is missing");
        CliHarness both = CliHarness.run("fit", "--stage-samples", samples, "--shakeouts", DATA, "--case",
                "cases/pilot-pr-nd.yaml");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("exactly one of them");
        CliHarness model = CliHarness.run("fit", "--stage-samples", samples, "--case", "cases/pilot-pr-nd.yaml",
                "--model", "mass-action");
        assertThat(model.exitCode()).isEqualTo(2);
        assertThat(model.err()).contains("--model = given is not allowed: only with --shakeouts");
        CliHarness eff = CliHarness.run("fit", "--shakeouts", DATA, "--efficiency");
        assertThat(eff.exitCode()).isEqualTo(2);
        assertThat(eff.err()).contains("--efficiency = given is not allowed: only with --stage-samples");
        CliHarness path = CliHarness.run("fit", "--stage-samples", samples, "--case", "cases/pilot-pr-nd.yaml",
                "--parameters", "components[1].nothing");
        assertThat(path.exitCode()).isEqualTo(2);
        assertThat(path.err()).contains("--parameters = components[1].nothing is not allowed: a numeric field");
    }

    /**
     * From shake-outs to a robust design (docs/fit.md, worked example): the β fit's --case-out
     * carries the covariance of ln β; in the Nd/Pr case, design --uncertainty --robust 0.95 draws β
     * with it, and an independent Monte Carlo of the written case meets both targets in ≥ 95 % of
     * draws (within two standard errors) where the nominal design meets them far less often.
     */
    @Test
    void fittedCovarianceDrivesARobustDesign(@TempDir Path dir) throws Exception {
        Path fragment = dir.resolve("beta.yaml");
        assertThat(CliHarness.run("fit", "--shakeouts", DATA, "--elements", "Pr,Nd", "--model", "separation-factors",
                "--case-out", fragment.toString()).exitCode()).isZero();
        String yaml = Files.readString(fragment);
        JsonNode fit = json("fit", "--shakeouts", DATA, "--elements", "Pr,Nd", "--model", "separation-factors",
                "--json");
        double se = fit.at("/parameters/0/standardErrorLn").asDouble();
        assertThat(yaml).contains("uncertainty:").contains("components: [Nd]")
                .contains(String.format(java.util.Locale.ROOT, "- [%.10g]", se * se));
        String bundled = Files.readString(Path.of("cases/pr-nd-p507.yaml"));
        Path fitted = dir.resolve("fitted.yaml");
        Files.writeString(fitted, bundled.substring(0, bundled.indexOf("components:"))
                + yaml.substring(yaml.indexOf("components:")) + bundled.substring(bundled.indexOf("feed:")));
        Path robust = dir.resolve("robust.yaml");
        JsonNode d = json("design", fitted.toString(), "--uncertainty", "--robust", "0.95", "--json", "--case-out",
                robust.toString());
        assertThat(d.at("/uncertainty/sigma/covarianceComponents/0").asText()).isEqualTo("Nd");
        assertThat(d.at("/robust/exponent").asDouble()).isLessThan(1);
        assertThat(Files.readString(robust)).contains("uncertainty:"); // the hand-off keeps the section
        JsonNode check = json("simulate", robust.toString(), "--uncertainty", "--seed", "41", "--json")
                .get("uncertainty");
        double p = check.get("probabilityAllMet").asDouble();
        assertThat(p).isGreaterThanOrEqualTo(0.95 - 2 * check.get("standardError").asDouble());
        assertThat(d.at("/robust/nominalCheck/probabilityAllMet").asDouble()).isLessThan(0.75);
    }

    /** D beyond the extractant's capacity: K_ex runs off to infinity; exit 3 with the reason. */
    @Test
    void dataBeyondTheModelsReachExitWith3(@TempDir Path dir) throws Exception {
        CliHarness r = fitNd(dir.resolve("beyond.csv"), "0.01,1,0.001,0.1,1000\n0.01,1,0.002,0.1,1200\n"
                + "0.01,1,0.003,0.1,900\n");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("left the range the model accepts").contains("more RE in the organic than its "
                + "extractant holds");
    }

    @Test
    void sourcesAndFlagsSelectRows() throws Exception {
        JsonNode j = json("fit", "--shakeouts", DATA, "--elements", "Pr,Nd", "--sources", "Li (1987)", "--json");
        assertThat(j.at("/data/rowsUsed").asInt()).isEqualTo(40);
        assertThat(j.at("/separationFactors/values/0/beta").asDouble()).isCloseTo(4.3953, within(1e-3));
        j = json("fit", "--shakeouts", DATA, "--elements", "Pr,Nd", "--sources", "Lyon (2016)", "--json");
        assertThat(j.at("/separationFactors/values/0/beta").asDouble()).isCloseTo(1.7737, within(1e-3));
        assertThat(j.at("/separationFactors/values/0/ci95/0").asDouble()).isCloseTo(0.8271, within(1e-3));
        j = json("fit", "--shakeouts", DATA, "--exclude-flags", "acid_placeholder_1e-5,acid_from_pH", "--json");
        assertThat(j.at("/data/rowsUsed").asInt()).isEqualTo(188);
        assertThat(j.at("/fit/rmsLog10D").asDouble()).isCloseTo(0.1511, within(5e-5));
        assertThat(j.at("/data/leftOut").toString()).contains("3 rows flagged acid_from_pH left out");
    }

    /** Writes Nd-only shake-out rows (extractant, O/A, acid, Nd initial, Nd D) under a header and fits them. */
    private static CliHarness fitNd(Path file, String rows, String... options) throws Exception {
        Files.writeString(file, "extractant_mol_per_L,o_to_a,initial_acid_mol_per_L,Nd_initial_mol_per_L,Nd_D\n" + rows);
        String[] args = new String[3 + options.length];
        args[0] = "fit";
        args[1] = "--shakeouts";
        args[2] = file.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return CliHarness.run(args);
    }

    /** simulate on cases/pr-nd-mass-action.yaml with its components block replaced by a --case-out fragment's. */
    private static CliHarness simulateInMassActionCase(Path dir, Path fragment) throws Exception {
        String yaml = Files.readString(fragment);
        String bundled = Files.readString(Path.of("cases/pr-nd-mass-action.yaml"));
        Path fullCase = dir.resolve("case.yaml");
        Files.writeString(fullCase, bundled.substring(0, bundled.indexOf("components:"))
                + yaml.substring(yaml.indexOf("components:")) + bundled.substring(bundled.indexOf("extractant:")));
        return CliHarness.run("simulate", fullCase.toString());
    }

    private static JsonNode json(String... args) throws Exception {
        CliHarness r = CliHarness.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    /**
     * K_M belongs to one cation: saponified rows with Na and with K cannot share it, given or fitted
     * (exit 2 naming a row of each, nothing computed).
     */
    @Test
    void rowsSaponifiedWithTwoCationsAreRefused(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("cases/data/shakeout-synthetic-saponified.csv")));
        int changed = -1;
        for (int i = lines.size() - 1; i > 0 && changed < 0; i--) {
            if (lines.get(i).contains(",Na,")) {
                lines.set(i, lines.get(i).replace(",Na,", ",K,"));
                changed = i + 1;
            }
        }
        assertThat(changed).isPositive();
        Path mixed = dir.resolve("mixed.csv");
        Files.write(mixed, lines);
        CliHarness fitted = CliHarness.run("fit", mixed.toString(), "--fit-cation-constant");
        assertThat(fitted.exitCode()).isEqualTo(2);
        assertThat(fitted.err()).contains("--fit-cation-constant = one K_M for the rows saponified with Na",
                "and with K", "line " + changed, "rows saponified with one cation");
        CliHarness given = CliHarness.run("fit", mixed.toString(), "--cation-exchange-constant", "0.003");
        assertThat(given.exitCode()).isEqualTo(2);
        assertThat(given.err()).contains("--cation-exchange-constant = one K_M for the rows saponified with Na");
    }
}
