package org.sxcascade.equilibrium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.sxcascade.equilibrium.MassActionEquilibriumTest.checkJacobian;
import static org.sxcascade.equilibrium.MassActionEquilibriumTest.checkSplit;
import static org.sxcascade.equilibrium.MassActionEquilibriumTest.describe;
import static org.sxcascade.equilibrium.MassActionEquilibriumTest.log10Uniform;
import static org.sxcascade.equilibrium.MassActionEquilibriumTest.organicOf;
import static org.sxcascade.equilibrium.MassActionEquilibriumTest.randomLnAqueous;
import static org.sxcascade.equilibrium.MassActionEquilibriumTest.sum;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.model.InvalidInputException;

/**
 * The mass-action model with empirical correlations {@code log₁₀ D_j = a_j pH + b_j log₁₀ e + c_j}
 * (random slopes in the allowed range {@code 0 < b ≤ 6, 0 < a ≤ 6, a < 2b}): the distribution
 * law and the balances, the Jacobian against finite differences, and equilibrate against
 * organicFlows. Random states come from seeded {@link Random}s; failures name the seed.
 */
class MassActionCorrelationTest {
    static LongStream seeds() {
        return LongStream.range(0, 300).map(i -> 0x51_0e5L + 104729 * i);
    }

    /** 1–4 rare earths with random slopes (b 0.3…6, a 0.2…min(6, 2b), a < 2b) and c, K_M, C and scale as in mass action. */
    static MassActionEquilibrium randomCorrelation(Random rng) {
        int r = 1 + rng.nextInt(4);
        double[] k = new double[r];
        double[] a = new double[r];
        double[] b = new double[r];
        for (int j = 0; j < r; j++) {
            b[j] = 0.3 + 5.7 * rng.nextDouble();
            a[j] = 0.2 + (Math.min(6, 2 * b[j]) - 0.2) * rng.nextDouble(); // < 2b: nextDouble() < 1
            k[j] = log10Uniform(rng, -3, 2);
        }
        return new MassActionEquilibrium(k, a, b, log10Uniform(rng, -8, 0), 0.1 + 1.4 * rng.nextDouble(),
                log10Uniform(rng, -2, 1));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void distributionRatiosFollowTheCorrelationAndTheBalancesClose(long seed) {
        Random rng = new Random(seed);
        MassActionEquilibrium m = randomCorrelation(rng);
        double o = log10Uniform(rng, -1, 1);
        double a = log10Uniform(rng, -1, 1);
        double[] lnAq = randomLnAqueous(rng, m, a);
        double[] lnOrg = organicOf(m, o, a, lnAq);
        String in = "seed " + seed + ", " + describe(m) + ", O=" + o + ", A=" + a + ", ln l=" + Arrays.toString(lnAq);
        int r = m.rareEarthCount();
        double s = m.molarScale();
        double e = m.freeExtractant(a, lnAq, 0);
        double h = m.aqueousAcidity(a, lnAq, 0);
        double pH = MassActionEquilibrium.pH(h);
        assertThat(e).as(in).isGreaterThan(0).isLessThanOrEqualTo(m.extractantConcentration());
        double sumY = 0;
        for (int j = 0; j < r; j++) {
            double x = Math.exp(lnAq[j]) * s / a;
            double y = Math.exp(lnOrg[j]) * s / o;
            sumY += y;
            if (x == 0) {
                assertThat(y).as(in).isZero();
                continue;
            }
            // log10 D = a pH + b log10 e + c, written out in base 10
            double log10D = m.acidSlope(j) * pH + m.dimerSlope(j) * Math.log10(e) + Math.log10(m.exchangeConstant(j));
            assertThat(Math.log10(y / x)).as(in + ": log10 D of RE " + j).isCloseTo(log10D, within(1e-12));
            assertThat(y / x).as(in).isCloseTo(m.distributionRatio(j, pH, e), within(1e-12 * y / x));
        }
        double yM = Math.exp(lnOrg[r]) * s / o;
        double c = m.extractantConcentration();
        assertThat(e + 3 * sumY + 0.5 * yM).as(in + ": extractant balance").isCloseTo(c, within(1e-13 * c));
        double yH = Math.exp(lnOrg[r + 1]) * s / o;
        assertThat(yH + 3 * sumY + yM).as(in + ": exchange sites").isCloseTo(2 * c, within(1e-13 * 2 * c));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void jacobianMatchesCentralDifferences(long seed) {
        Random rng = new Random(seed);
        MassActionEquilibrium m = randomCorrelation(rng);
        double o = log10Uniform(rng, -1, 1);
        double a = log10Uniform(rng, -1, 1);
        checkJacobian("seed " + seed, m, o, a, randomLnAqueous(rng, m, a));
    }

    /** As the mass-action test: a saponified or equilibrium organic mixed with a random aqueous. */
    @ParameterizedTest
    @MethodSource("seeds")
    void equilibrateClosesTheBalancesAndAgreesWithOrganicFlows(long seed) {
        Random rng = new Random(seed);
        MassActionEquilibriumTest.checkRandomSplit("seed " + seed, rng, randomCorrelation(rng));
    }

    /**
     * Large, small and unequal slopes on a saponified organic with a RE chloride. (Very close to
     * a = 2b, e.g. a = 5.99 with b = 3, these contents have their split only below [H⁺] = 1e-300,
     * where equilibrate stops: docs/mass-action.md.)
     */
    @Test
    void edgeSlopesOnASaponifiedOrganic() {
        double[][] slopes = {{5, 3}, {0.15, 0.1}, {6, 6}, {1e-3, 6}, {6, 3.5}};
        for (double[] ab : slopes) {
            MassActionEquilibrium m = new MassActionEquilibrium(new double[] {0.02, 0.5}, new double[] {ab[0], 3},
                    new double[] {ab[1], 3}, 1e-3, 0.75, 1.0);
            double[] contents = sum(m.saponifiedOrganic(0.6, 1), m.aqueousStream(1, new double[] {0.4, 0.4}, 0, 0.05));
            checkSplit("a=" + ab[0] + " b=" + ab[1], m, 1, 1, contents);
            checkJacobian("a=" + ab[0] + " b=" + ab[1], m, 1, 1,
                    MassActionEquilibriumTest.log(m.aqueousStream(1, new double[] {0.4, 1e-6}, 0.3, 1e-3)));
        }
    }

    /** a = b = 3 is the mass-action law: the same numbers to rounding. */
    @ParameterizedTest
    @MethodSource("seeds")
    void slopesOfThreeAreMassAction(long seed) {
        Random rng = new Random(seed);
        MassActionEquilibrium ma = MassActionEquilibriumTest.randomModel(rng);
        int r = ma.rareEarthCount();
        double[] k = new double[r];
        double[] three = new double[r];
        for (int j = 0; j < r; j++) {
            k[j] = Math.pow(10, Math.log10(ma.exchangeConstant(j)));
            three[j] = 3;
        }
        MassActionEquilibrium corr = new MassActionEquilibrium(k, three, three, ma.cationExchangeConstant(),
                ma.extractantConcentration(), ma.molarScale());
        double o = log10Uniform(rng, -1, 1);
        double a = log10Uniform(rng, -1, 1);
        double[] lnAq = randomLnAqueous(rng, ma, a);
        int c = r + 2;
        double[] lnA = new double[c];
        double[] lnB = new double[c];
        double[] jacA = new double[c * c];
        double[] jacB = new double[c * c];
        ma.organicFlows(o, a, lnAq, 0, lnA, 0, jacA, 0);
        corr.organicFlows(o, a, lnAq, 0, lnB, 0, jacB, 0);
        for (int i = 0; i < c; i++) {
            assertThat(lnB[i]).as("seed " + seed + " ln v " + i).isCloseTo(lnA[i], within(1e-13 * Math.max(1, Math.abs(lnA[i]))));
        }
        for (int i = 0; i < c * c; i++) {
            assertThat(jacB[i]).as("seed " + seed + " J " + i).isCloseTo(jacA[i], within(1e-13 * Math.max(1, Math.abs(jacA[i]))));
        }
        assertThat(corr.hasEqualSlopes()).isTrue();
    }

    @Test
    void slopesOutsideTheRangeAreRejectedNamingFieldValueAndRange() {
        double[] k = {0.02, 0.03};
        assertThatThrownBy(() -> new MassActionEquilibrium(k, new double[] {3, 3}, new double[] {3, 0}, 1e-3, 0.75, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("equilibrium.dimerSlopes[1]")
                .hasMessageContaining("at most 6");
        assertThatThrownBy(() -> new MassActionEquilibrium(k, new double[] {3, 3}, new double[] {7, 3}, 1e-3, 0.75, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("equilibrium.dimerSlopes[0]");
        assertThatThrownBy(() -> new MassActionEquilibrium(k, new double[] {3, 4.5}, new double[] {3, 2}, 1e-3, 0.75, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("equilibrium.acidSlopes[1]")
                .hasMessageContaining("4.5").hasMessageContaining("below 2b = 4");
        assertThatThrownBy(() -> new MassActionEquilibrium(k, new double[] {3, 4}, new double[] {3, 2}, 1e-3, 0.75, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("equilibrium.acidSlopes[1]");
        assertThatThrownBy(() -> new MassActionEquilibrium(k, new double[] {6.5, 3}, new double[] {6, 3}, 1e-3, 0.75, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("equilibrium.acidSlopes[0]");
        assertThatThrownBy(() -> new MassActionEquilibrium(k, new double[] {0, 3}, new double[] {3, 3}, 1e-3, 0.75, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("equilibrium.acidSlopes[0]");
        assertThatThrownBy(() -> new MassActionEquilibrium(k, new double[] {3}, new double[] {3, 3}, 1e-3, 0.75, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("one a and one b per rare earth");
    }

    @Test
    void separationFactorVariesWithPhOnlyWhenTheSlopesDiffer() {
        MassActionEquilibrium m = new MassActionEquilibrium(new double[] {0.02, 0.03}, new double[] {2.8, 2.9},
                new double[] {2.6, 2.7}, 1e-3, 0.75, 1);
        assertThat(m.hasEqualSlopes()).isFalse();
        // β = 10^(0.1 pH + 0.1 log10 e) · 1.5
        double beta1 = m.distributionRatio(1, 1, 0.1) / m.distributionRatio(0, 1, 0.1);
        double beta2 = m.distributionRatio(1, 2, 0.1) / m.distributionRatio(0, 2, 0.1);
        assertThat(beta1).isCloseTo(1.5, within(1e-13));
        assertThat(beta2).isCloseTo(1.5 * Math.pow(10, 0.1), within(1e-13));
    }
}
