package org.sxcascade.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sxcascade.io.ShakeoutReader;
import org.sxcascade.model.InvalidInputException;

/**
 * The cation constant K_M and a shared extractant stoichiometry n fitted with the K_ex
 * ({@code fit --fit-cation-constant --fit-stoichiometry}, docs/fit.md): round trips from data
 * made with the fit's own equilibrium stage, the coverage of their 95 % intervals over seeded
 * noisy data sets, and the data that cannot tell them.
 */
class SharedChemistryFitTest {
    private static final double[] TRUE_K = {0.0093, 0.0135};
    private static final double TRUE_KM = 0.003;
    private static final double TRUE_N = 2.8;
    private static final double[] MONOMERS = {0.5, 1.0, 1.5};
    private static final double[] SAPONIFICATIONS = {0, 0.1, 0.2, 0.3, 0.4};
    private static final MassActionFit.Shared BOTH = new MassActionFit.Shared(true, true);

    private static ShakeoutSelection data(double n, double km, int rows, double noise, long seed, double[] monomers,
                                          double[] saponifications) {
        return data(n, km, rows, noise, seed, monomers, saponifications, new double[] {0.01, 0.05, 0.1, 0.2});
    }

    private static ShakeoutSelection data(double n, double km, int rows, double noise, long seed, double[] monomers,
                                          double[] saponifications, double[] feeds) {
        return ShakeoutSelection.of(ShakeoutReader.parse("synthetic.csv", SyntheticShakeouts.saponified(TRUE_K, n, km,
                rows, noise, seed, monomers, saponifications, feeds)), null, null, null);
    }

    private static FitResult fit(ShakeoutSelection sel, double kmGiven, MassActionFit.Shared shared) {
        return MassActionFit.fit(sel, MassActionFit.Law.MASS_ACTION, kmGiven, null, shared);
    }

    /**
     * Noise-free data (saponified rows with Na, 0–40 %) made with K_ex, K_M and n give them back to
     * 1e-8 relative, from the default start of K_M (0.001) and n = 3: both together, and each alone
     * with the other at its true value.
     */
    @ParameterizedTest
    @CsvSource({"true,true,1", "true,true,2", "true,true,3", "true,false,4", "false,true,5"})
    void noiseFreeDataGiveKmAndNBackTo1e8(boolean fitKm, boolean fitN, long seed) {
        double n = fitN ? TRUE_N : 3;
        FitResult fit = fit(data(n, TRUE_KM, 40, 0, seed, MONOMERS, SAPONIFICATIONS), fitKm ? Double.NaN : TRUE_KM,
                new MassActionFit.Shared(fitKm, fitN));
        for (int k = 0; k < 2; k++) {
            assertThat(fit.elementParameters().get(k).value() / TRUE_K[k] - 1).isCloseTo(0, within(1e-8));
        }
        if (fitKm) {
            assertThat(fit.cationConstant().value() / TRUE_KM - 1).isCloseTo(0, within(1e-8));
            assertThat(fit.cationConstant().standardError()).isGreaterThan(0); // from a residual SD ~0
        } else {
            assertThat(fit.cationConstant()).isNull();
        }
        if (fitN) {
            assertThat(fit.stoichiometry().value() / TRUE_N - 1).isCloseTo(0, within(1e-8));
        } else {
            assertThat(fit.stoichiometry()).isNull();
        }
        assertThat(fit.parameters()).hasSize(2 + (fitKm ? 1 : 0) + (fitN ? 1 : 0));
        assertThat(fit.rmsLog10D()).isLessThan(1e-9);
        assertThat(fit.betas().get(0).value() / (TRUE_K[1] / TRUE_K[0]) - 1).isCloseTo(0, within(1e-8));
    }

    /**
     * Every row at one saponification degree (the acids, loadings and O/A differ): K_M is still
     * identifiable, and comes back to 1e-8 with n and the K_ex.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.3})
    void oneSaponificationDegreeWithDifferentAcidsStillTellsKm(double saponification) {
        FitResult fit = fit(data(TRUE_N, TRUE_KM, 30, 0, 41, MONOMERS, new double[] {saponification}), Double.NaN,
                BOTH);
        assertThat(fit.cationConstant().value() / TRUE_KM - 1).isCloseTo(0, within(1e-8));
        assertThat(fit.stoichiometry().value() / TRUE_N - 1).isCloseTo(0, within(1e-8));
    }

    /**
     * 200 seeded data sets of 40 rows, noise SD 0.05 in log10 D: the 95 % intervals of K_M and of n
     * cover the truth in 90–99 % of the fits (and those of the K_ex too).
     */
    @Test
    void intervalsOfKmAndNCoverTheTruthAtTheirNominalRate() {
        int fits = 200;
        int[] covered = new int[4];
        for (int rep = 0; rep < fits; rep++) {
            FitResult fit = fit(data(TRUE_N, TRUE_KM, 40, 0.05, 7000 + rep, MONOMERS, SAPONIFICATIONS), Double.NaN,
                    BOTH);
            double[] truth = {Math.log(TRUE_K[0]), Math.log(TRUE_K[1]), Math.log(TRUE_KM), TRUE_N};
            for (int q = 0; q < 4; q++) {
                FitResult.Parameter p = fit.parameters().get(q);
                covered[q] += p.low() <= truth[q] && truth[q] <= p.high() ? 1 : 0;
            }
        }
        for (int c : covered) {
            assertThat(c).isBetween(180, 198);
        }
    }

    /** K_M acts only through saponified rows: without them, exit 2 with the field, the value and what is needed. */
    @ParameterizedTest
    @ValueSource(strings = {"mass-action", "correlation"})
    void cationConstantWithoutSaponifiedRowsIsRefused(String law) {
        ShakeoutSelection sel = data(3, TRUE_KM, 30, 0, 11, MONOMERS, new double[] {0});
        assertThatThrownBy(() -> MassActionFit.fit(sel, MassActionFit.Law.of(law), Double.NaN, null,
                new MassActionFit.Shared(true, false)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--fit-cation-constant = given for synthetic.csv, whose 30 rows used all have "
                        + "saponification 0")
                .hasMessageContaining("data with saponified rows");
    }

    /**
     * One extractant concentration and trace loading (feeds 1e-4 mol/L): the free dimer is the same
     * in every row, so n moves log10 D as the K_ex do and is refused as not identifiable, with the
     * correlation (exit 2), with or without noise. The same concentration with loaded rows (feeds
     * 0.01–0.2 mol/L) tells n through the free dimer the loading takes: fitted, its interval holding
     * the truth.
     */
    @ParameterizedTest
    @CsvSource({"0.5,0.02", "1.0,0.02", "1.0,0"})
    void stoichiometryAtOneExtractantConcentrationAndTraceLoadingIsNotIdentifiable(double monomer, double noise) {
        ShakeoutSelection sel = data(TRUE_N, TRUE_KM, 30, noise, 13, new double[] {monomer}, new double[] {0},
                new double[] {1e-4, 2e-4});
        assertThatThrownBy(() -> fit(sel, TRUE_KM, new MassActionFit.Shared(false, true)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("parameters = ln K_ex(Pr) and n is not allowed: parameters the data can tell "
                        + "apart: ln K_ex(Pr) and n move together (correlation of their estimates 0.99999");
        FitResult loaded = fit(data(TRUE_N, TRUE_KM, 30, 0.02, 13, new double[] {monomer}, new double[] {0},
                new double[] {0.01, 0.05, 0.1, 0.2}), TRUE_KM, new MassActionFit.Shared(false, true));
        assertThat(loaded.stoichiometry().low()).isLessThan(TRUE_N);
        assertThat(loaded.stoichiometry().high()).isGreaterThan(TRUE_N);
    }

    /** Laws without chemistry have neither K_M nor n; the correlation has its own b per rare earth. */
    @Test
    void sharedParametersOfLawsWithoutThemAreRefused() {
        ShakeoutSelection sel = data(3, TRUE_KM, 30, 0, 11, MONOMERS, SAPONIFICATIONS);
        for (String law : new String[] {"constant-distribution", "separation-factors", "correlation"}) {
            assertThatThrownBy(() -> MassActionFit.fit(sel, MassActionFit.Law.of(law), TRUE_KM, null,
                    new MassActionFit.Shared(false, true))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("--fit-stoichiometry = given with --model " + law);
        }
        for (String law : new String[] {"constant-distribution", "separation-factors"}) {
            assertThatThrownBy(() -> MassActionFit.fit(sel, MassActionFit.Law.of(law), TRUE_KM, null,
                    new MassActionFit.Shared(true, false))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("--fit-cation-constant = given with --model " + law);
        }
    }

    /** The correlation fits K_M with its slopes: mass-action data give a = b = 3 and K_M back. */
    @Test
    void correlationFitsTheCationConstantToo() {
        FitResult fit = MassActionFit.fit(data(3, TRUE_KM, 40, 0, 21, MONOMERS, SAPONIFICATIONS),
                MassActionFit.Law.CORRELATION, Double.NaN, null, new MassActionFit.Shared(true, false));
        assertThat(fit.cationConstant().value() / TRUE_KM - 1).isCloseTo(0, within(1e-7));
        for (int q = 0; q < 6; q++) {
            double expected = q % 3 == 2 ? Math.log10(TRUE_K[q / 3]) : 3;
            assertThat(fit.elementParameters().get(q).estimate()).isCloseTo(expected, within(1e-7));
        }
    }

    /** --predict uses the fitted K_M and n: another data set made with them is predicted exactly. */
    @Test
    void predictionUsesTheFittedKmAndN() {
        FitResult fit = fit(data(TRUE_N, TRUE_KM, 40, 0, 31, MONOMERS, SAPONIFICATIONS), Double.NaN, BOTH);
        ShakeoutSelection other = data(TRUE_N, TRUE_KM, 20, 0, 32, MONOMERS, SAPONIFICATIONS);
        Prediction p = MassActionFit.predict(fit, ShakeoutSelection.forPrediction(other.data(), fit.selection()
                .elements(), null), Double.NaN);
        assertThat(p.rmsLog10D()).isLessThan(1e-8);
    }
}
