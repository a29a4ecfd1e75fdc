package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, defect 1: a Newton failure on a case with Murphree stages is exit 3 (not an internal
 * error), and its message names a stage of the cascade (1 … N, never "stage 0") and says that the
 * residuals overflowed rather than printing "Infinity".
 */
class HardeningMessagesTest {

    static final String TINY_EFFICIENCY = """
            model: distribution-ratios
            components: [{name: A, distributionRatio: 1.5}, {name: B, distributionRatio: 0.5}]
            feed: {phase: aqueous, composition: {A: 0.5, B: 0.5}, flow: 1.0}
            cascade: {extractionStages: 4, scrubStages: 0}
            flows: {organicFlow: 1.0}
            efficiency: {extraction: 1.0e-30}
            """;

    @Test
    void newtonFailureWithMurphreeStagesNamesARealStage(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("case.yaml");
        Files.writeString(f, TINY_EFFICIENCY);
        CliHarness r = CliHarness.run("simulate", f.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).doesNotContain("internal error").doesNotContain("Exception")
                .doesNotContain("Infinity").doesNotContain("NaN").doesNotContain("stage 0");
        assertThat(r.err()).containsPattern("stage [1-4], component [AB]");
        assertThat(r.err()).contains("overflowed").contains("floating-point range");
        assertThat(r.out()).isEmpty();
    }

    /**
     * Issue 16, item 9: a misspelt component gets a suggestion; a purity in percent, the fraction;
     * a missing field is said to be missing (not "X = (missing) is not allowed").
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{Pr: 0.25, Nd: 0.75} | {Pr: 0.25, ND: 0.75} | feed.composition.ND = (unknown component) is not allowed: did you mean 'Nd'? a component listed under components: Pr, Nd",
            "components: [Nd]   | components: [nd]   | = nd is not allowed: did you mean 'Nd'? components listed under components: Pr, Nd",
            "purity: 0.999,     | purity: 99.9,      | = 99.9 is not allowed: a mole fraction strictly between 0 and 1; for 99.9 % write 0.999",
            "scrubStages: 28    | ''                 | cascade.scrubStages is missing: give "})
    void misspeltComponentsAndPercentagesGetASuggestion(String right, String wrong, String expected,
                                                         @TempDir Path dir) throws Exception {
        String text = Files.readString(Path.of("cases/pr-nd-p507.yaml"));
        assertThat(text).contains(right);
        Path f = dir.resolve("case.yaml");
        Files.writeString(f, text.replace(right, wrong));
        CliHarness r = CliHarness.run("simulate", f.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(expected);
    }

    /** Issue 16, item 10: the mass-action report no longer says that design does not take these cases. */
    @Test
    void theMassActionReportPointsToDesign(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("r.html");
        CliHarness r = CliHarness.run("report", "cases/pr-nd-mass-action.yaml", "-o", html.toString(), "--no-transient");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // the report now shows the case's design itself (every model), rather than pointing to the command
        assertThat(Files.readString(html)).doesNotContain("does not take")
                .contains("This is <code>design</code> run on the case (model mass-action");
    }

    /** Issue 16, item 8: bounds of large flows are printed with the digits that tell them apart. */
    @Test
    void largeFlowBoundsAreNotAnEmptyLookingInterval(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("case.yaml");
        Files.writeString(f, NamesAndHeaderTest.CASE.replace("\"NAME\"", "A")
                .replace("flows: {extractant: 1.7, scrub: 1.2}", "flows: {extractant: 143166002.5, scrub: 143166000}"));
        CliHarness r = CliHarness.run("simulate", f.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("allowed: 143166000 < S < 143166001");
    }

    /** Issue 16, item 9: a missed target is explained where the tour meets it first. */
    @Test
    void missedTargetsAreExplained() {
        CliHarness r = CliHarness.run("simulate", "cases/zhang-binary.yaml");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("MISSED").contains("2 targets are missed by the cascade as given")
                .contains("sxcascade design cases/zhang-binary.yaml");
        assertThat(CliHarness.run("simulate", "cases/pr-nd-p507.yaml").out()).doesNotContain("missed by");
    }

    /**
     * Issue 16, item 9: with plant flows the error names the flow the user wrote and its range in
     * L/h (S = Q_org·c_sat/(Q_feed·c_feed): 5 mol/h fed, 0.15 mol/L loading; W = 100·1/15 = 6.667).
     */
    @Test
    void plantFlowsAreNamedWithTheirRangeInLitresPerHour(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("case.yaml");
        String text = Files.readString(Path.of("cases/pr-nd-1974.yaml"));
        assertThat(text).contains("scrubFlow: 11.2575 ");
        Files.writeString(f, text.replace("scrubFlow: 11.2575 ", "scrubFlow: 100 "));
        CliHarness r = CliHarness.run("simulate", f.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("flows.organicFlow = 50.0334 L/h is not allowed: S > W")
                .contains("allowed: 222.222 L/h < organicFlow < 255.556 L/h").doesNotContain("flows.extractant");
    }

    /** Issue 16, defect 1 in a sweep: such points are rows with status no-convergence, not error. */
    @Test
    void tinyEfficienciesInASweepAreNoConvergenceRows(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, "name: eff\ncase:\n" + TINY_EFFICIENCY.indent(2)
                + "parameters:\n  - {path: efficiency.extraction, values: [1.0e-30, 1.0e-20, 1.0]}\n");
        Path csv = dir.resolve("out.csv");
        CliHarness r = CliHarness.run("sweep", spec.toString(), "-o", csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        var rows = Files.readAllLines(csv);
        assertThat(rows.get(1)).contains(",no-convergence,").contains("overflowed").doesNotContain("stage 0");
        assertThat(rows.get(2)).contains(",no-convergence,");
        assertThat(rows.get(3)).contains(",ok,");
    }
}
