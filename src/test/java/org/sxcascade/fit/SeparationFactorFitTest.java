package org.sxcascade.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sxcascade.io.ShakeoutReader;
import org.sxcascade.model.InvalidInputException;

/**
 * Constant separation factors ({@code fit --model separation-factors}) fitted to shake-outs made
 * from known β with Xu's CMER law, {@code D_j = β_j · L} in every experiment (L the experiment's
 * level, drawn at random): the β come back exactly without noise, their 95 % intervals cover the
 * truth at the nominal rate with seeded noise, and with equal weights ln β is the mean of
 * ln(D_j/D_ref) over the experiments (the closed form of this linear model).
 */
class SeparationFactorFitTest {
    private static final double[] TRUE_BETA = {1, 1.5, 2.6}; // Pr (reference), Nd, Sm

    /**
     * CSV of {@code rows} experiments of Pr, Nd and Sm (one in four without Sm, one in five Pr
     * alone, which the fit must leave out), levels L from 0.05 to 5, noise SD {@code noise} in log10 D.
     */
    static String csv(int rows, double noise, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder("experiment_id,extractant_mol_per_L,o_to_a,initial_acid_mol_per_L,"
                + "Pr_initial_mol_per_L,Pr_D,Nd_initial_mol_per_L,Nd_D,Sm_initial_mol_per_L,Sm_D\n");
        for (int r = 0; r < rows; r++) {
            double level = 0.05 * Math.pow(100, random.nextDouble());
            out.append("x").append(r).append(",1.0,1,").append(0.05 + 0.05 * (r % 5));
            for (int j = 0; j < 3; j++) {
                boolean present = j == 0 || (r % 5 != 4 && (j == 1 || r % 4 != 3));
                if (present) {
                    double log10D = Math.log10(TRUE_BETA[j] * level) + noise * random.nextGaussian();
                    out.append(",0.005,").append(Math.pow(10, log10D));
                } else {
                    out.append(",,");
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static FitResult fit(String csv) {
        ShakeoutData data = ShakeoutReader.parse("cmer.csv", csv);
        return MassActionFit.fit(ShakeoutSelection.of(data, null, null, null), MassActionFit.Law.SEPARATION_FACTORS,
                Double.NaN, null);
    }

    @Test
    void noiseFreeDataGiveTheSeparationFactorsTo1e8() {
        FitResult fit = fit(csv(20, 0, 1));
        assertThat(fit.model()).isEqualTo("separation-factors");
        assertThat(fit.reference()).isEqualTo("Pr");
        assertThat(fit.betas()).hasSize(2);
        for (int k = 1; k < 3; k++) {
            assertThat(fit.betas().get(k - 1).value() / TRUE_BETA[k] - 1).isCloseTo(0, within(1e-8));
        }
        assertThat(fit.rmsLog10D()).isLessThan(1e-9);
        // the four single-element (Pr alone) rows are left out and said so
        assertThat(fit.selection().rows()).hasSize(16);
        assertThat(fit.selection().leftOut()).anyMatch(s -> s.startsWith("4 rows with a point of one rare earth only"));
        // levels use up degrees of freedom: points − 2 β − 16 levels
        assertThat(fit.solution().dof()).isEqualTo(fit.pointCount() - 2 - 16);
    }

    /** With equal weights and two rare earths in every experiment, ln β = mean of ln(D_Nd/D_Pr). */
    @Test
    void twoRareEarthsGiveTheMeanLogRatio() {
        String csv = "extractant_mol_per_L,o_to_a,initial_acid_mol_per_L,Pr_initial_mol_per_L,Pr_D,"
                + "Nd_initial_mol_per_L,Nd_D\n1,1,0.1,0.01,0.5,0.01,0.8\n1,1,0.2,0.01,0.2,0.01,0.27\n"
                + "1,1,0.05,0.01,2.0,0.01,3.3\n1,1,0.3,0.01,0.09,0.01,0.12\n";
        FitResult fit = fit(csv);
        double mean = (Math.log(0.8 / 0.5) + Math.log(0.27 / 0.2) + Math.log(3.3 / 2.0) + Math.log(0.12 / 0.09)) / 4;
        assertThat(fit.betas().get(0).estimate()).isCloseTo(mean, within(1e-10));
        // SE of a mean of 4 differences: SD of the differences / √4 (each difference is two points)
        double ss = 0;
        for (double d : new double[] {Math.log(0.8 / 0.5), Math.log(0.27 / 0.2), Math.log(3.3 / 2.0),
                Math.log(0.12 / 0.09)}) {
            ss += (d - mean) * (d - mean);
        }
        assertThat(fit.betas().get(0).standardError()).isCloseTo(Math.sqrt(ss / 3) / 2, within(1e-8));
        assertThat(fit.solution().dof()).isEqualTo(3);
    }

    /** 200 seeded data sets, noise SD 0.05 in log10 D: the 95 % intervals of both β cover the truth in 90–99 %. */
    @Test
    void intervalsCoverTheTruthAtTheirNominalRate() {
        int[] covered = new int[2];
        for (int rep = 0; rep < 200; rep++) {
            FitResult fit = fit(csv(15, 0.05, 7000 + rep));
            for (int k = 0; k < 2; k++) {
                FitResult.Parameter p = fit.betas().get(k);
                covered[k] += p.valueLow() <= TRUE_BETA[k + 1] && TRUE_BETA[k + 1] <= p.valueHigh() ? 1 : 0;
            }
        }
        assertThat(covered[0]).isBetween(180, 198);
        assertThat(covered[1]).isBetween(180, 198);
    }

    @Test
    void singleElementRowsOnlyAreRefused() {
        String csv = "extractant_mol_per_L,o_to_a,initial_acid_mol_per_L,Pr_initial_mol_per_L,Pr_D,"
                + "Nd_initial_mol_per_L,Nd_D\n1,1,0.1,0.01,0.5,,\n1,1,0.2,,,0.01,0.27\n1,1,0.3,0.01,0.2,,\n";
        assertThatThrownBy(() -> fit(csv)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--model = separation-factors is not allowed")
                .hasMessageContaining("a separation factor is a ratio of two D in the same experiment");
    }

    /** The prediction of the same data with the fitted β: each experiment at its own level, RMS as the fit's. */
    @Test
    void predictionOfTheFittedDataEqualsTheFit() {
        String text = csv(20, 0.05, 3);
        FitResult fit = fit(text);
        ShakeoutData data = ShakeoutReader.parse("cmer.csv", text);
        Prediction p = MassActionFit.predict(fit, ShakeoutSelection.forPrediction(data, fit.selection().elements(),
                null), Double.NaN);
        assertThat(p.measured()).hasSize(fit.pointCount());
        assertThat(p.rmsLog10D()).isCloseTo(fit.rmsLog10D(), within(1e-12));
        assertThat(p.rmsWithinExperiments()).isCloseTo(fit.rmsLog10D(), within(1e-12));
    }
}
