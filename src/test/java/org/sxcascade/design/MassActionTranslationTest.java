package org.sxcascade.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.io.CaseReader;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.io.MassActionDesignInputs;
import org.sxcascade.io.MassActionDesignSettings;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;

/**
 * How {@code design} reads a mass-action case and turns Xu's flows into plant flows, checked
 * against the hand calculation in the header of cases/pr-nd-mass-action.yaml. Nothing is solved.
 */
class MassActionTranslationTest {
    private static final Path CASE = Path.of("cases/pr-nd-mass-action.yaml");

    @TempDir
    Path dir;

    private static MassActionDesignInputs read(Path file) {
        return (MassActionDesignInputs) new CaseReader().readForDesign(file);
    }

    /** The case without cascade and flows, plus {@code extra} at the end. */
    private Path bare(String extra) throws Exception {
        StringBuilder b = new StringBuilder();
        boolean skip = false;
        for (String line : Files.readAllLines(CASE)) {
            if (line.startsWith("cascade:") || line.startsWith("flows:")) {
                skip = true;
                continue;
            }
            if (skip && line.startsWith("  ")) {
                continue;
            }
            skip = false;
            b.append(line).append('\n');
        }
        Path f = dir.resolve("bare.yaml");
        Files.writeString(f, b + extra);
        return f;
    }

    /**
     * The case file's comments: S = 4.09, W = 3.34 for a feed of 10 mol RE/h; organic at about
     * 0.178 mol/L → 230 L/h; saponification 0.40 (138 mol/h Na, 12.5 % above the 123 mol/h the RE
     * takes); strip acid 3 × 40.9 mol/h + 14 % = 140 mol/h = 28 L/h of 5 mol/L; reflux W/S ≈ 0.82.
     */
    @Test
    void translationMatchesTheHandCalculationOfTheBundledCase() {
        MassActionCase c = read(CASE).template();
        MassActionDesignSettings s = new MassActionDesignSettings(40.9 / 230, 0.125, 0.14, 5.0, 8);
        PlantFlowDesign.Plant p = PlantFlowDesign.translate(c, s, 4.09, 3.34);
        assertThat(p.feedRate()).isEqualTo(10.0);
        assertThat(p.organicFlow()).isEqualTo(230.0);                      // 40.9 / 0.17783
        // 3 × 40.9 × 1.125 / (2 × 0.75 × 230) = 0.400109 → 4 digits
        assertThat(p.saponification()).isEqualTo(0.4001);
        assertThat(p.base()).isCloseTo(2 * 0.75 * 0.4001 * 230, within(1e-9)).isCloseTo(138.0, within(0.1));
        // 3 × 40.9 × 1.14 / 5 = 27.9756 → 27.98 L/h, 139.9 mol H+/h
        assertThat(p.stripFlow()).isEqualTo(27.98);
        assertThat(p.stripAcid()).isCloseTo(139.9, within(1e-9));
        assertThat(p.stripStages()).isEqualTo(8);
        assertThat(p.xuReflux()).isCloseTo(3.34 / 4.09, within(1e-12)).isCloseTo(0.82, within(0.005));
        // the organic takes up S(1 + margin) = 4.60125 per mol fed; 0.75 of it is the product
        assertThat(p.startReflux()).isCloseTo(1 - 0.75 / 4.60125, within(1e-12));
        var flows = p.flows(0.83);
        assertThat(flows.organicFlow()).isEqualTo(230.0);
        assertThat(flows.scrubFlow()).isZero();
        assertThat(flows.stripAcidity()).isEqualTo(5.0);
        assertThat(flows.reflux()).isEqualTo(0.83);
    }

    @Test
    void defaultsFollowTheExtractantAndTheProblemIsXus() throws Exception {
        MassActionDesignInputs in = read(bare(""));
        MassActionDesignSettings s = in.settings();
        assertThat(s.loading()).isCloseTo(0.72 * 0.75 / 3, within(1e-15));     // 0.18 mol/L
        assertThat(s.saponificationMargin()).isEqualTo(0.125);
        assertThat(s.stripExcess()).isEqualTo(0.14);
        assertThat(s.stripAcidity()).isEqualTo(5.0);
        assertThat(s.stripStages()).isEqualTo(8);
        assertThat(s.saponification(0.75)).isCloseTo(3 * 0.18 * 1.125 / 1.5, within(1e-15));
        DesignInputs d = PlantFlowDesign.equivalentProblem(in.template(), null);
        assertThat(d.separationFactors()).containsExactly(1.0, 1.5);           // K_Nd / K_Pr
        assertThat(d.organicTarget().components()).containsExactly(1);         // Nd, the strip product
        assertThat(d.aqueousTarget().components()).containsExactly(0);
        assertThat(d.organicTarget().purity()).isEqualTo(0.999);
        XuDesign xu = SeparationProblem.of(d).xu(FlowChoice.optimum());
        assertThat(xu.extractantFlow()).isCloseTo(4.09, within(0.005));        // the case file's S and W
        assertThat(xu.scrubFlow()).isCloseTo(3.34, within(0.005));
    }

    @Test
    void theDesignSectionIsReadWithItsRanges() throws Exception {
        MassActionDesignSettings s = read(bare("design: {loading: 0.2, saponificationMargin: 0.1, stripExcess: 0.3, "
                + "stripAcidity: 6, stripStages: 5}\n")).settings();
        assertThat(s).isEqualTo(new MassActionDesignSettings(0.2, 0.1, 0.3, 6, 5));
        String[][] bad = {
            {"design: {loadng: 0.2}", "design.loadng", "did you mean 'loading'"},
            {"design: {loading: 0.25}", "design.loading = 0.25", "below the saturation C/3 = 0.25"},
            {"design: {saponificationMargin: 1.5}", "design.saponificationMargin = 1.5", "from 0 to 1"},
            {"design: {stripExcess: -0.1}", "design.stripExcess = -0.1", "from 0 to 2"},
            {"design: {stripAcidity: 0}", "design.stripAcidity = 0", "above 0 and at most 12"},
            {"design: {stripStages: 0}", "design.stripStages = 0", "from 1 to 100"},
        };
        for (String[] b : bad) {
            Path f = bare(b[0] + "\n");
            assertThatThrownBy(() -> read(f)).as(b[0]).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(b[1]).hasMessageContaining(b[2]);
            // simulate checks the section too: unknown keys and bad values are errors everywhere
            String full = Files.readString(CASE) + b[0] + "\n";
            Path g = dir.resolve("full.yaml");
            Files.writeString(g, full);
            assertThatThrownBy(() -> new CaseReader().readMassAction(g)).as(b[0]).hasMessageContaining(b[1]);
        }
    }

    @Test
    void cascadeAndFlowsAreOptionalButCheckedWhenGiven() throws Exception {
        MassActionDesignInputs bare = read(bare(""));
        MassActionDesignInputs full = read(CASE);
        assertThat(bare.template().equilibrium().exchangeConstant(1)).isEqualTo(0.03);
        assertThat(full.template().feed().concentration()).isEqualTo(1.0);
        assertThat(full.tree().get("cascade").get("extractionStages").asInt()).isEqualTo(35);
        Path half = bare("cascade: {extractionStages: 30, scrubStages: 30, stripStages: 8}\n");
        assertThatThrownBy(() -> read(half)).isInstanceOf(InvalidInputException.class).hasMessageContaining("flows");
        Path noTarget = dir.resolve("t.yaml");
        Files.writeString(noTarget, Files.readString(CASE).replace("  strip: {purity: 0.999, components: [Nd]}", ""));
        assertThatThrownBy(() -> PlantFlowDesign.equivalentProblem(read(noTarget).template(), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("targets.strip");
    }

    @Test
    void otherCommandsStillRefuseMassActionFiles() {
        assertThatThrownBy(() -> new CaseReader().readDesign(CASE)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("model = mass-action");
        assertThat(new CaseReader().readForDesign(Path.of("cases/zhang-binary.yaml"))).isInstanceOf(DesignInputs.class);
    }
}
