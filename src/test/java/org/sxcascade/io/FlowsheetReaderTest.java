package org.sxcascade.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sxcascade.flowsheet.FlowsheetUnit;
import org.sxcascade.model.CmerTemplate;
import org.sxcascade.flowsheet.Flowsheet;
import org.sxcascade.flowsheet.FlowsheetSettings;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;

/**
 * The flowsheet reader is strict: every mistake names the field as a path, the value and what is
 * allowed.
 */
class FlowsheetReaderTest {
    /** Two cascades with a recycle, every optional key used once. */
    static final String GOOD = """
            name: good # comments are fine
            description: two cascades
            model: separation-factors
            components:
              - {name: A, separationFactor: 1.0}
              - {name: B, separationFactor: 2.0}
              - {name: C, separationFactor: 4.0}
            feeds:
              - {name: ore, composition: {A: 0.3, B: 0.4, C: 0.3}, amount: 50}
            cascades:
              - name: one
                extractionStages: 12
                scrubStages: 12
                extractant: 1.1
                acidScrub: 0
                efficiency: {extraction: 0.95, scrub: 0.9}
                inlets:
                  - {from: ore, phase: aqueous}
                  - {from: two.raffinate, phase: aqueous, stage: 24, fraction: 0.5}
              - name: two
                extractionStages: 14
                scrubStages: 14
                extractant: 1.5
                acidScrub: 2.3
                sideDraws:
                  - {name: mid, stage: 20, phase: aqueous, flow: 0.02}
                inlets:
                  - {from: one.organic, phase: organic}
            targets:
              one.raffinate: {purity: 0.9, components: [A]}
              two.organic: {purity: 0.9, recovery: 0.5, components: [C]}
            solver:
              tolerance: 1e-12
              maxIterations: 5000
              tearTolerance: 1e-11
              maxTearIterations: 300
              tearStart: uniform
              acceleration: none
            """;

    private static Flowsheet parse(String text) {
        return new FlowsheetReader().parse(text);
    }

    private static void assertError(String text, String field, String... fragments) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field))
                .satisfies(e -> assertThat(e.getMessage()).satisfiesAnyOf(
                        m -> assertThat(m).startsWith(field + " = ").contains(" is not allowed: "),
                        m -> assertThat(m).startsWith(field + " is missing: give ")))
                .satisfies(e -> {
                    for (String f : fragments) {
                        assertThat(e.getMessage()).contains(f);
                    }
                });
    }

    @Test
    void readsEveryKey() {
        Flowsheet fs = parse(GOOD);
        assertThat(fs.name()).isEqualTo("good");
        assertThat(fs.components()).containsExactly("A", "B", "C");
        assertThat(fs.feedTotal()).isEqualTo(50);
        FlowsheetUnit one = fs.units().get(0);
        assertThat(((CmerTemplate) one.template()).extractionEfficiency()).isEqualTo(0.95);
        assertThat(((CmerTemplate) one.template()).scrubEfficiency()).isEqualTo(0.9);
        assertThat(one.stageOf(one.inlets().get(0))).isEqualTo(12);
        assertThat(one.inlets().get(1).fraction()).isEqualTo(0.5);
        FlowsheetUnit two = fs.units().get(1);
        assertThat(two.stageOf(two.inlets().get(0))).isEqualTo(15);
        assertThat(two.inlets().get(0).phase()).isEqualTo(FeedPhase.ORGANIC);
        assertThat(((CmerTemplate) two.template()).draws().get(0).flow()).isEqualTo(0.02);
        assertThat(fs.sources()).extracting(s -> s.name()).containsExactly("ore", "one.raffinate", "one.organic",
                "two.raffinate", "two.organic", "two.mid");
        assertThat(fs.tornSources()).containsExactly(fs.sourceIndex("two.raffinate"));
        assertThat(fs.targets()).hasSize(2);
        assertThat(fs.targetOf("two.organic").recovery()).isEqualTo(0.5);
        FlowsheetSettings s = fs.settings();
        assertThat(s.tearTolerance()).isEqualTo(1e-11);
        assertThat(s.maxTearIterations()).isEqualTo(300);
        assertThat(s.maxIterations()).isEqualTo(5000);
        assertThat(s.tearStart()).isEqualTo(FlowsheetSettings.TearStart.UNIFORM);
        assertThat(s.acceleration()).isEqualTo(FlowsheetSettings.Acceleration.NONE);
    }

    @Test
    void defaults() {
        Flowsheet fs = parse(GOOD.substring(0, GOOD.indexOf("targets:")));
        assertThat(fs.settings()).isEqualTo(FlowsheetSettings.defaults());
        assertThat(fs.settings().tearTolerance()).isEqualTo(1e-12);
        assertThat(fs.settings().maxTearIterations()).isEqualTo(500);
        assertThat(fs.targets()).isEmpty();
    }

    @Test
    void unknownKeysAreNamedWithASuggestion() {
        assertError(GOOD.replace("    extractant: 1.1", "    extractnt: 1.1"), "cascades[0].extractnt",
                "(unknown key)", "did you mean 'extractant'?", "allowed keys in cascades[0]:");
        assertError(GOOD.replace("tearTolerance:", "tearTolerence:"), "solver.tearTolerence",
                "did you mean 'tearTolerance'?");
        assertError(GOOD.replace("      - {from: ore, phase: aqueous}", "      - {from: ore, phase: aqueous, stag: 3}"),
                "cascades[0].inlets[0].stag", "did you mean 'stage'?");
        assertError(GOOD.replace("cascades:", "feed: {}\ncascades:"), "feed", "did you mean 'feeds'?");
    }

    @Test
    void unknownStreamsListWhatExists() {
        assertError(GOOD.replace("from: two.raffinate", "from: two.rafinate"), "cascades[0].inlets[1].from",
                "two.rafinate", "a fresh feed or a cascade outlet: ore, one.raffinate, one.organic, two.raffinate, "
                        + "two.organic, two.mid");
        assertError(GOOD.replace("from: ore", "from: Ore"), "cascades[0].inlets[0].from", "Ore");
        assertError(GOOD.replace("  one.raffinate: {purity", "  one.aqueous: {purity"), "targets.one.aqueous",
                "(unknown stream)", "a cascade outlet");
    }

    @Test
    void sharesOfOneStreamAboveOneAreRefused() {
        String twice = GOOD.replace("      - {from: one.organic, phase: organic}",
                "      - {from: one.organic, phase: organic}\n      - {from: two.raffinate, phase: aqueous, fraction: 0.7}");
        assertError(twice, "cascades[1].inlets[1].fraction", "= 0.7", "the shares of two.raffinate sum to at most 1",
                "they sum to 1.2", "cascades[0].inlets[1] 0.5", "cascades[1].inlets[1] 0.7");
        assertError(GOOD.replace("fraction: 0.5", "fraction: 1.5"), "cascades[0].inlets[1].fraction", "1.5",
                "(0, 1]");
        assertError(GOOD.replace("fraction: 0.5", "fraction: 0"), "cascades[0].inlets[1].fraction", "(0, 1]");
    }

    @Test
    void aFreshFeedMustBeSentWhole() {
        assertError(GOOD.replace("{from: ore, phase: aqueous}", "{from: ore, phase: aqueous, fraction: 0.6}"),
                "feeds[0]", "0.6", "sent to the cascades whole");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "stage: 24, fraction|stage: 25, fraction|cascades[0].inlets[1].stage|a stage from 1 to 24",
            "stage: 24, fraction|stage: 0, fraction|cascades[0].inlets[1].stage|a stage number ≥ 1",
            "stage: 20, phase: aqueous, flow|stage: 1, phase: aqueous, flow|cascades[1].sideDraws[0].stage|a stage from 2 to 28",
            "stage: 20, phase: aqueous, flow|stage: 28, phase: organic, flow|cascades[1].sideDraws[0].stage|a stage from 1 to 27",
            "extractionStages: 12|extractionStages: 0|cascades[0].extractionStages|an integer from 1 to 1000",
            "scrubStages: 14|scrubStages: 0|cascades[1].scrubStages|an integer from 1 to",
            "scrubStages: 14|scrubStages: 990|cascades[1].scrubStages|at most 1000",
            "extractionStages: 12|extractionStages: twelve|cascades[0].extractionStages|an integer"})
    void badStagesNameTheRange(String from, String to, String field, String allowed) {
        assertError(GOOD.replace(from, to), field, allowed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "model: separation-factors|model: distribution-ratios|model|separation-factors or mass-action (the models",
            "extractant: 1.1|extractant: 0|cascades[0].extractant|greater than 0",
            "acidScrub: 0|acidScrub: -0.1|cascades[0].acidScrub|≥ 0",
            "scrub: 0.9}|scrub: 1.2}|cascades[0].efficiency.scrub|(0, 1]",
            "phase: aqueous}|phase: liquid}|cascades[0].inlets[0].phase|aqueous or organic",
            "flow: 0.02}|flow: -1}|cascades[1].sideDraws[0].flow|greater than 0",
            "name: mid|name: raffinate|cascades[1].sideDraws[0].name|other than raffinate and organic",
            "name: two|name: one|cascades[1].name|not used by another cascade",
            "name: two|name: ore|cascades[1].name|not used by a fresh feed",
            "name: two|name: t.wo|cascades[1].name|no dots",
            "amount: 50|amount: 0|feeds[0].amount|greater than 0",
            "C: 0.3}, amount|C: 0.2}, amount|feeds[0].composition|summing to 1",
            "tearTolerance: 1e-11|tearTolerance: 1e-2|solver.tearTolerance|from 1.0E-14 to 0.001",
            "maxTearIterations: 300|maxTearIterations: 0|solver.maxTearIterations|from 1 to 100000",
            "tearStart: uniform|tearStart: zero|solver.tearStart|sharp, feed or uniform",
            "acceleration: none|acceleration: aitken|solver.acceleration|wegstein or none",
            "components: [C]}|components: [D]}|targets.two.organic.components|components listed under components",
            "purity: 0.9, components: [A]|components: [A]|targets.one.raffinate.purity|a purity, a recovery or both"})
    void badValuesNameFieldValueAndRange(String from, String to, String field, String allowed) {
        assertThat(GOOD).contains(from);
        assertError(GOOD.replace(from, to), field, allowed);
    }

    @Test
    void missingSectionsAreNamed() {
        assertError(GOOD.replace("feeds:\n  - {name: ore, composition: {A: 0.3, B: 0.4, C: 0.3}, amount: 50}\n", ""),
                "feeds", "is missing");
        assertError(GOOD.replace("    inlets:\n      - {from: one.organic, phase: organic}\n", ""),
                "cascades[1].inlets", "is missing");
        assertError(GOOD.replace("    acidScrub: 2.3\n", ""), "cascades[1].acidScrub", "is missing");
    }

    @Test
    void readFileNamesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fs.yaml");
        Files.writeString(file, GOOD.replace("from: two.raffinate", "from: three.raffinate"));
        assertThatThrownBy(() -> new FlowsheetReader().read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cascades[0].inlets[1].from = three.raffinate")
                .hasMessageEndingWith("[fs.yaml]");
        assertThat(FlowsheetReader.isFlowsheet(file)).isTrue();
        Files.writeString(file, "model: separation-factors\nfeed: {}\n");
        assertThat(FlowsheetReader.isFlowsheet(file)).isFalse();
        Files.writeString(file, "cascades: [unclosed\n");
        assertThat(FlowsheetReader.isFlowsheet(file)).isFalse();
        assertThat(FlowsheetReader.isFlowsheet(dir.resolve("missing.yaml"))).isFalse();
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThatThrownBy(() -> parse(GOOD.replace("    extractant: 1.1\n", "    extractant: 1.1\n    extractant: 1.2\n")))
                .isInstanceOf(CaseFileException.class)
                .hasMessageContaining("extractant");
    }
}
