package org.sxcascade.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sxcascade.io.ShakeoutReader;
import org.sxcascade.model.InvalidInputException;

/**
 * Round trips: shake-outs computed from known K_ex with the fit's own equilibrium stage give the
 * constants back, exactly without noise and within their 95 % intervals at the nominal rate with
 * seeded noise.
 */
class MassActionFitTest {
    private static final double[] TRUE_K = {0.0093, 0.0135};

    private static FitResult fit(String csv) {
        ShakeoutData data = ShakeoutReader.parse("synthetic.csv", csv);
        return MassActionFit.fit(ShakeoutSelection.of(data, null, null, null), SyntheticShakeouts.K_MCATION, null);
    }

    @Test
    void noiseFreeDataGiveTheConstantsTo1e8() {
        FitResult fit = fit(SyntheticShakeouts.csv(TRUE_K, 30, 0, 1));
        assertThat(fit.selection().elements()).containsExactly("Pr", "Nd");
        for (int k = 0; k < 2; k++) {
            assertThat(fit.parameters().get(k).value() / TRUE_K[k] - 1).isCloseTo(0, within(1e-8));
        }
        assertThat(fit.betas().get(0).value() / (TRUE_K[1] / TRUE_K[0]) - 1).isCloseTo(0, within(1e-8));
        assertThat(fit.rmsLog10D()).isLessThan(1e-9);
        // the saponified rows were used: they need K_M
        assertThatThrownBy(() -> MassActionFit.fit(ShakeoutSelection.of(
                ShakeoutReader.parse("synthetic.csv", SyntheticShakeouts.csv(TRUE_K, 30, 0, 1)), null, null, null),
                Double.NaN, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--cation-exchange-constant is missing");
    }

    /**
     * 200 seeded data sets with noise SD 0.05 in log10 D: the 95 % intervals of both K_ex and of
     * β(Nd/Pr) cover the truth in 90–99 % of the fits, and the mean of ln K is unbiased to well
     * within its spread.
     */
    @Test
    void intervalsCoverTheTruthAtTheirNominalRate() {
        int fits = 200;
        int[] covered = new int[3];
        double[] meanError = new double[2];
        for (int rep = 0; rep < fits; rep++) {
            FitResult fit = fit(SyntheticShakeouts.csv(TRUE_K, 24, 0.05, 1000 + rep));
            for (int k = 0; k < 2; k++) {
                FitResult.Parameter p = fit.parameters().get(k);
                covered[k] += p.valueLow() <= TRUE_K[k] && TRUE_K[k] <= p.valueHigh() ? 1 : 0;
                meanError[k] += (p.estimate() - Math.log(TRUE_K[k])) / fits;
            }
            FitResult.Parameter beta = fit.betas().get(0);
            double trueBeta = TRUE_K[1] / TRUE_K[0];
            covered[2] += beta.valueLow() <= trueBeta && trueBeta <= beta.valueHigh() ? 1 : 0;
        }
        for (int c : covered) {
            assertThat(c).isBetween(180, 198);
        }
        for (double m : meanError) {
            assertThat(Math.abs(m)).isLessThan(0.01);
        }
    }

    /** The correlation's slopes and intercepts come back from noise-free data made with them. */
    @Test
    void correlationRoundTrip() {
        double[] a = {2.8, 3.3};
        double[] b = {2.6, 3.1};
        String csv = SyntheticShakeouts.csv(TRUE_K, a, b, 30, 0, 2);
        ShakeoutData data = ShakeoutReader.parse("synthetic.csv", csv);
        FitResult fit = MassActionFit.fit(ShakeoutSelection.of(data, null, null, null), MassActionFit.Law.CORRELATION,
                SyntheticShakeouts.K_MCATION, null);
        assertThat(fit.model()).isEqualTo("correlation");
        for (int k = 0; k < 2; k++) {
            assertThat(fit.parameters().get(3 * k).estimate()).isCloseTo(a[k], within(1e-8));
            assertThat(fit.parameters().get(3 * k + 1).estimate()).isCloseTo(b[k], within(1e-8));
            assertThat(fit.parameters().get(3 * k + 2).estimate()).isCloseTo(Math.log10(TRUE_K[k]), within(1e-8));
        }
        assertThat(fit.rmsLog10D()).isLessThan(1e-9);
        // mass-action data give slopes 3 and 3 back
        FitResult ma = MassActionFit.fit(ShakeoutSelection.of(ShakeoutReader.parse("s.csv",
                SyntheticShakeouts.csv(TRUE_K, 30, 0, 3)), null, null, null), MassActionFit.Law.CORRELATION,
                SyntheticShakeouts.K_MCATION, null);
        for (int q = 0; q < 6; q++) {
            double expected = q % 3 == 2 ? Math.log10(TRUE_K[q / 3]) : 3;
            assertThat(ma.parameters().get(q).estimate()).isCloseTo(expected, within(1e-8));
        }
    }

    /**
     * 200 seeded data sets made with the correlation (noise SD 0.05 in log10 D, 30 rows): the 95 %
     * intervals of each slope and intercept cover the truth in 90–99 % of the fits.
     */
    @Test
    void correlationIntervalsCoverTheTruth() {
        double[] a = {2.8, 3.3};
        double[] b = {2.6, 3.1};
        double[] truth = {a[0], b[0], Math.log10(TRUE_K[0]), a[1], b[1], Math.log10(TRUE_K[1])};
        int fits = 200;
        int[] covered = new int[6];
        for (int rep = 0; rep < fits; rep++) {
            ShakeoutData data = ShakeoutReader.parse("s.csv", SyntheticShakeouts.csv(TRUE_K, a, b, 30, 0.05,
                    5000 + rep));
            FitResult fit = MassActionFit.fit(ShakeoutSelection.of(data, null, null, null),
                    MassActionFit.Law.CORRELATION, SyntheticShakeouts.K_MCATION, null);
            for (int q = 0; q < 6; q++) {
                FitResult.Parameter p = fit.parameters().get(q);
                covered[q] += p.low() <= truth[q] && truth[q] <= p.high() ? 1 : 0;
            }
        }
        for (int c : covered) {
            assertThat(c).isBetween(180, 198);
        }
    }

    @Test
    void noMorePointsThanParametersIsRefused() {
        String csv = "extractant_mol_per_L,o_to_a,initial_acid_mol_per_L,Pr_initial_mol_per_L,Pr_D,"
                + "Nd_initial_mol_per_L,Nd_D\n1,1,0.1,0.05,0.5,0.05,0.8\n";
        assertThatThrownBy(() -> fit(csv)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("points = 2 points for 2 parameters")
                .hasMessageContaining("more points than parameters");
    }
}
