package org.sxcascade.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.InvalidInputException;

/**
 * The worst case over a box against the Kremser closed form (constant distribution ratios), the
 * pessimistic chemistry of every model, and the box's checks.
 */
class WorstCaseTest {
    /** Kremser: fraction of a solute left in the raffinate of 10 stages at A/O = 60/100. */
    private static double left(double d) {
        return OperatingWindowTest.unextracted(d, 100, 60);
    }

    @Test
    void everyCornerOfAKremserBoxAgainstTheClosedForm() {
        JsonNode tree = new CaseReader().parseTree(OperatingWindowTest.KREMSER);
        double delta = 0.05;
        WorstCase w = WorstCase.run(tree, delta, "--beta-box");
        assertThat(w.corners()).isEqualTo(4);
        assertThat(w.names()).containsExactly("A", "B");
        // closed form at each corner (equimolar feed): organic purity of A and raffinate purity of B
        int met = 0;
        double least = Double.POSITIVE_INFINITY;
        double[] worst = null;
        for (int sa = -1; sa <= 1; sa += 2) {
            for (int sb = -1; sb <= 1; sb += 2) {
                double a = left(1.0 * Math.pow(1 + delta, sa));
                double b = left(0.5 * Math.pow(1 + delta, sb));
                double organicA = (1 - a) / ((1 - a) + (1 - b));
                double raffinateB = b / (a + b);
                double mA = NinesMargin.nines(1 - organicA) - NinesMargin.nines(1 - 0.55);
                double mB = NinesMargin.nines(1 - raffinateB) - NinesMargin.nines(1 - 0.98);
                met += organicA >= 0.55 && raffinateB >= 0.98 ? 1 : 0;
                if (Math.min(mA, mB) < least) {
                    least = Math.min(mA, mB);
                    worst = new double[] {sa, sb, organicA, raffinateB};
                }
            }
        }
        assertThat(w.met()).isEqualTo(met);
        assertThat(w.worst()).containsExactly((int) worst[0], (int) worst[1]);
        assertThat(w.margins().get(0).reached()).isCloseTo(worst[2], within(1e-9));
        assertThat(w.margins().get(1).reached()).isCloseTo(worst[3], within(1e-9));
        assertThat(w.leastMargin()).isCloseTo(least, within(1e-7));
        assertThat(w.toJson().at("/worstCorner/A").asDouble()).isEqualTo(worst[0] > 0 ? 1 + delta : 1 / (1 + delta));
    }

    @Test
    void thePessimisticChemistryRaisesEveryRatioToThePowerS() {
        double s = 0.6;
        // separation factors: β^s around the reference β = 1
        ObjectNode cmer = UncertainConstant.pessimistic(new CaseReader().parseTree("""
                components:
                  - {name: Ce, separationFactor: 1}
                  - {name: Pr, separationFactor: 2}
                  - {name: Nd, separationFactor: 3}
                """), s);
        assertThat(cmer.at("/components/0/separationFactor").asDouble()).isEqualTo(1);
        assertThat(cmer.at("/components/2/separationFactor").asDouble()).isCloseTo(Math.pow(3, s), within(1e-12));
        // exchange constants and distribution ratios: every ratio to the power s, the geometric mean kept
        for (String field : List.of("exchangeConstant", "distributionRatio")) {
            ObjectNode t = UncertainConstant.pessimistic(new CaseReader().parseTree("components:\n"
                    + "  - {name: Pr, " + field + ": 0.02}\n  - {name: Nd, " + field + ": 0.03}\n"), s);
            double pr = t.at("/components/0/" + field).asDouble();
            double nd = t.at("/components/1/" + field).asDouble();
            assertThat(nd / pr).isCloseTo(Math.pow(1.5, s), within(1e-12));
            assertThat(pr * nd).isCloseTo(0.02 * 0.03, within(1e-15));
        }
        // a correlation's intercepts c = log10 of a constant: differences scaled by s, the mean kept
        ObjectNode c = UncertainConstant.pessimistic(new CaseReader().parseTree("""
                components:
                  - {name: Pr, correlation: {pHSlope: 2.8, dimerSlope: 2.6, intercept: -1.75}}
                  - {name: Nd, correlation: {pHSlope: 2.9, dimerSlope: 2.7, intercept: -1.55}}
                """), s);
        double c0 = c.at("/components/0/correlation/intercept").asDouble();
        double c1 = c.at("/components/1/correlation/intercept").asDouble();
        assertThat(c1 - c0).isCloseTo(0.2 * s, within(1e-12));
        assertThat(c0 + c1).isCloseTo(-3.3, within(1e-12));
        assertThat(c.at("/components/0/correlation/pHSlope").asDouble()).isEqualTo(2.8);
    }

    @Test
    void theBoxIsChecked() {
        JsonNode tree = new CaseReader().parseTree(OperatingWindowTest.KREMSER);
        assertThatThrownBy(() -> WorstCase.run(tree, 0, "--beta-box")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--beta-box = 0").hasMessageContaining("above 0 and at most 1");
        StringBuilder many = new StringBuilder("model: separation-factors\ncomponents:\n");
        StringBuilder comp = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            many.append("  - {name: C").append(i).append(", separationFactor: ").append(1 + 0.1 * i).append("}\n");
            comp.append(i == 0 ? "" : ", ").append("C").append(i).append(": ").append(1.0 / 14);
        }
        JsonNode big = new CaseReader().parseTree(many + "feed: {composition: {" + comp + "}}\n");
        assertThatThrownBy(() -> WorstCase.run(big, 0.05, "--beta-box")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--beta-box = 13 uncertain inputs is not allowed: at most 12");
        // the case file's box
        assertThat(CaseReader.readUncertainty(new CaseReader().parseTree("uncertainty: {box: {chemistry: 0.05}}"))
                .box()).isEqualTo(0.05);
        assertThatThrownBy(() -> CaseReader.readUncertainty(new CaseReader().parseTree(
                "uncertainty: {box: {chemistry: 1.5}}"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("uncertainty.box.chemistry = 1.5 is not allowed");
        var u = CaseReader.readUncertainty(new CaseReader().parseTree("uncertainty: {box: {feed: 0.02, flows: 0.01}}"));
        assertThat(u.box()).isZero();
        assertThat(u.feedBox()).isEqualTo(0.02);
        assertThat(u.flowBox()).isEqualTo(0.01);
        assertThatThrownBy(() -> CaseReader.readUncertainty(new CaseReader().parseTree(
                "uncertainty: {box: {temperature: 0.05}}"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("uncertainty.box.temperature");
        assertThatThrownBy(() -> CaseReader.readUncertainty(new CaseReader().parseTree(
                "uncertainty: {box: {flows: 0}}"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("uncertainty.box.flows = 0 is not allowed");
        assertThatThrownBy(() -> WorstCase.run(tree, new WorstCase.Box(0, 0, 0), "--beta-box"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--beta-box = 0 is not allowed");
    }
}
