package org.sxcascade.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.Uncertainty;

/**
 * The case file's {@code uncertainty} section: its covariance is what the Monte Carlo draws (the
 * sample covariance of the ln factors of 20 000 draws matches the given one), and a bad section is
 * refused with the field named.
 */
class MonteCarloCovarianceTest {
    private static final String CASE = """
            name: three constant-D solutes
            model: distribution-ratios
            components:
              - {name: A, distributionRatio: 2.0}
              - {name: B, distributionRatio: 1.0}
              - {name: C, distributionRatio: 0.5}
            feed: {phase: aqueous, composition: {A: 0.3, B: 0.3, C: 0.4}, flow: 1}
            cascade: {extractionStages: 6, scrubStages: 0}
            flows: {organicFlow: 1.0, scrubFlow: 0}
            uncertainty:
              chemistry: 0.05
              covariance:
                components: [A, C]
                matrix: [[0.01, 0.006], [0.006, 0.02]]
            """;

    @Test
    void drawsFollowTheCovarianceAndTheScalarSigma() {
        CaseReader reader = new CaseReader();
        JsonNode tree = reader.parseTree(CASE);
        reader.modelCaseFromTree(tree); // the section is checked with the case
        Uncertainty u = CaseReader.readUncertainty(tree);
        MonteCarlo.Sigma sigma = new MonteCarlo.Sigma(u.chemistry(), 0, 0, u);
        Random random = new Random(5);
        int n = 20_000;
        double[][] sum = new double[3][3];
        for (int d = 0; d < n; d++) {
            ObjectNode copy = tree.deepCopy();
            MonteCarlo.draw(tree, List.of(), sigma, random).forEach(c -> c.accept(copy));
            double[] ln = new double[3];
            for (int i = 0; i < 3; i++) {
                ln[i] = Math.log(copy.at("/components/" + i + "/distributionRatio").asDouble()
                        / tree.at("/components/" + i + "/distributionRatio").asDouble());
            }
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    sum[i][j] += ln[i] * ln[j] / n;
                }
            }
        }
        assertThat(sum[0][0]).isCloseTo(0.01, within(0.0005));
        assertThat(sum[2][2]).isCloseTo(0.02, within(0.001));
        assertThat(sum[0][2]).isCloseTo(0.006, within(0.0005));
        assertThat(sum[1][1]).isCloseTo(0.05 * 0.05, within(0.0002)); // B: the scalar σ
        assertThat(sum[0][1]).isCloseTo(0, within(0.0003)); // independent of the correlated pair
    }

    @Test
    void aBadSectionIsRefusedWithTheFieldNamed() {
        CaseReader reader = new CaseReader();
        assertThatThrownBy(() -> reader.modelCaseFromTree(reader.parseTree(CASE.replace("[0.006, 0.02]",
                "[0.007, 0.02]")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("uncertainty.covariance.matrix[0][1] = 0.006 is not allowed")
                .hasMessageContaining("symmetric");
        assertThatThrownBy(() -> reader.modelCaseFromTree(reader.parseTree(CASE.replace("[0.01, 0.006]",
                "[0.001, 0.006]")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not positive semi-definite");
        assertThatThrownBy(() -> reader.modelCaseFromTree(reader.parseTree(CASE.replace("[0.01, 0.006]",
                "[1e300, 0.006]")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("uncertainty.covariance.matrix[0][0] = 1.0E300 is not allowed")
                .hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> reader.modelCaseFromTree(reader.parseTree(CASE.replace("components: [A, C]",
                "components: [A, D]")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("uncertainty.covariance.components = D is not allowed");
        assertThatThrownBy(() -> reader.modelCaseFromTree(reader.parseTree(CASE.replace("chemistry: 0.05",
                "chemstry: 0.05")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("uncertainty.chemstry");
        assertThatThrownBy(() -> reader.modelCaseFromTree(reader.parseTree(CASE.replace("chemistry: 0.05",
                "chemistry: 2")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("uncertainty.chemistry = 2.0 is not allowed");
    }
}
