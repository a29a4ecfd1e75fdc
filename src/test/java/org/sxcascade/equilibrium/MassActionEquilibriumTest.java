package org.sxcascade.equilibrium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.model.InvalidInputException;

/**
 * Mass-action equilibrium of an acidic extractant (dimer) with rare earths, a saponification
 * cation M and H⁺. Random states come from seeded {@link Random}s: every failure message carries
 * the seed and the state.
 */
class MassActionEquilibriumTest {
    static final long SEED = 0x3a55_ac71_0de9L;
    /** ln of the smallest positive double: a flow below it rounds to 0. */
    static final double LN_SMALLEST_DOUBLE = Math.log(Double.MIN_VALUE);

    static LongStream seeds() {
        return LongStream.range(0, 300).map(i -> SEED + 7919 * i);
    }

    // ---------------------------------------------------------------------------------------------
    // random models and states

    static double log10Uniform(Random rng, double lo, double hi) {
        return Math.pow(10, lo + (hi - lo) * rng.nextDouble());
    }

    /** 1–4 rare earths, K_ex 1e-3…1e2, K_M 1e-8…1, C 0.1–1.5 mol/L, scale 0.01–10 mol/h. */
    static MassActionEquilibrium randomModel(Random rng) {
        int r = 1 + rng.nextInt(4);
        double[] k = new double[r];
        for (int j = 0; j < r; j++) {
            k[j] = log10Uniform(rng, -3, 2);
        }
        return new MassActionEquilibrium(k, log10Uniform(rng, -8, 0), 0.1 + 1.4 * rng.nextDouble(),
                log10Uniform(rng, -2, 1));
    }

    /**
     * ln aqueous flows of a random stage: RE 1e-8…3 mol/L (sometimes absent), M 1e-6…5 mol/L
     * (absent in a quarter of the states), [H⁺] 1e-6…6 mol/L.
     */
    static double[] randomLnAqueous(Random rng, MassActionEquilibrium m, double aqueousFlow) {
        int r = m.rareEarthCount();
        double[] ln = new double[r + 2];
        double lnPerMolar = Math.log(aqueousFlow / m.molarScale());
        for (int j = 0; j < r; j++) {
            ln[j] = rng.nextDouble() < 0.1 ? Double.NEGATIVE_INFINITY : Math.log(log10Uniform(rng, -8, 0.5)) + lnPerMolar;
        }
        ln[r] = rng.nextDouble() < 0.25 ? Double.NEGATIVE_INFINITY : Math.log(log10Uniform(rng, -6, 0.7)) + lnPerMolar;
        ln[r + 1] = Math.log(log10Uniform(rng, -6, Math.log10(6))) + lnPerMolar;
        return ln;
    }

    static double[] organicOf(MassActionEquilibrium m, double organicFlow, double aqueousFlow, double[] lnAqueous) {
        double[] ln = new double[m.componentCount()];
        m.organicFlows(organicFlow, aqueousFlow, lnAqueous, 0, ln, 0, null, 0);
        return ln;
    }

    static double[] exp(double[] ln) {
        double[] v = new double[ln.length];
        for (int i = 0; i < ln.length; i++) {
            v[i] = Math.exp(ln[i]);
        }
        return v;
    }

    static double[] log(double[] v) {
        double[] ln = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            ln[i] = Math.log(v[i]);
        }
        return ln;
    }

    static double[] sum(double[] a, double[] b) {
        double[] s = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = a[i] + b[i];
        }
        return s;
    }

    static String describe(MassActionEquilibrium m) {
        double[] k = new double[m.rareEarthCount()];
        StringBuilder slopes = new StringBuilder();
        for (int j = 0; j < k.length; j++) {
            k[j] = m.exchangeConstant(j);
            if (!m.isMassActionLaw(j)) {
                slopes.append(" a").append(j).append('=').append(m.acidSlope(j))
                        .append(" b").append(j).append('=').append(m.dimerSlope(j));
            }
        }
        return "K=" + Arrays.toString(k) + slopes + " K_M=" + m.cationExchangeConstant() + " C=" + m.extractantConcentration()
                + " scale=" + m.molarScale();
    }

    // ---------------------------------------------------------------------------------------------
    // organicFlows: the chemistry

    @ParameterizedTest
    @MethodSource("seeds")
    void distributionRatiosFollowMassActionAndTheExtractantBalanceCloses(long seed) {
        Random rng = new Random(seed);
        MassActionEquilibrium m = randomModel(rng);
        double o = log10Uniform(rng, -1, 1);
        double a = log10Uniform(rng, -1, 1);
        double[] lnAq = randomLnAqueous(rng, m, a);
        double[] lnOrg = organicOf(m, o, a, lnAq);
        String in = "seed " + seed + ", " + describe(m) + ", O=" + o + ", A=" + a + ", ln l=" + Arrays.toString(lnAq);

        int r = m.rareEarthCount();
        double s = m.molarScale();
        double e = m.freeExtractant(a, lnAq, 0);
        double h = Math.exp(lnAq[r + 1]) * s / a;
        assertThat(m.aqueousAcidity(a, lnAq, 0)).as(in).isCloseTo(h, within(1e-14 * h));
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
            double expected = m.exchangeConstant(j) * Math.pow(e / h, 3);
            assertThat(y / x).as(in + ": D of RE " + j).isCloseTo(expected, within(1e-13 * expected));
        }
        double xM = Math.exp(lnAq[r]) * s / a;
        double yM = Math.exp(lnOrg[r]) * s / o;
        if (xM == 0) {
            assertThat(yM).as(in).isZero();
        } else {
            double expected = m.cationExchangeConstant() * Math.sqrt(e) / h;
            assertThat(yM / xM).as(in + ": D of M").isCloseTo(expected, within(1e-13 * expected));
        }
        double c = m.extractantConcentration();
        assertThat(e + 3 * sumY + 0.5 * yM).as(in + ": extractant balance").isCloseTo(c, within(1e-13 * c));
        double yH = Math.exp(lnOrg[r + 1]) * s / o;
        assertThat(yH).as(in + ": organic H").isCloseTo(2 * e + 3 * sumY, within(1e-13 * (2 * e + 3 * sumY)));
        assertThat(yH + 3 * sumY + yM).as(in + ": exchange sites").isCloseTo(2 * c, within(1e-13 * 2 * c));
        assertThat(m.loading(o, lnOrg, 0)).as(in).isCloseTo(3 * sumY / c, within(1e-13));
        assertThat(m.saponificationDegree(o, lnOrg, 0)).as(in).isCloseTo(yM / (2 * c), within(1e-13));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void separationFactorIsTheRatioOfExchangeConstantsOnAnyStage(long seed) {
        Random rng = new Random(seed);
        double[] k = {log10Uniform(rng, -3, 2), log10Uniform(rng, -3, 2), log10Uniform(rng, -3, 2)};
        MassActionEquilibrium m = new MassActionEquilibrium(k, log10Uniform(rng, -8, 0), 0.1 + 1.4 * rng.nextDouble(),
                log10Uniform(rng, -2, 1));
        double o = log10Uniform(rng, -1, 1);
        double a = log10Uniform(rng, -1, 1);
        double[] lnAq = randomLnAqueous(rng, m, a);
        lnAq[0] = Math.log(log10Uniform(rng, -8, 0.5) * a / m.molarScale());
        lnAq[1] = Math.log(log10Uniform(rng, -8, 0.5) * a / m.molarScale());
        double[] lnOrg = organicOf(m, o, a, lnAq);
        double beta = Math.exp((lnOrg[0] - lnAq[0]) - (lnOrg[1] - lnAq[1]));
        assertThat(beta).as("seed " + seed).isCloseTo(k[0] / k[1], within(1e-13 * k[0] / k[1]));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void jacobianMatchesCentralDifferences(long seed) {
        Random rng = new Random(seed);
        MassActionEquilibrium m = randomModel(rng);
        double o = log10Uniform(rng, -1, 1);
        double a = log10Uniform(rng, -1, 1);
        checkJacobian("seed " + seed, m, o, a, randomLnAqueous(rng, m, a));
    }

    /**
     * The analytic Jacobian of organicFlows against central differences (1e-6), at an offset inside
     * larger arrays; absent components' columns are 0 and their rows the limit of a vanishing one.
     */
    static void checkJacobian(String name, MassActionEquilibrium m, double o, double a, double[] lnAq) {
        int c = m.componentCount();
        String in = name + ", " + describe(m) + ", O=" + o + ", A=" + a + ", ln l=" + Arrays.toString(lnAq);
        // at an offset inside larger arrays, as the solvers call it
        double[] lnAqBig = new double[c + 3];
        System.arraycopy(lnAq, 0, lnAqBig, 3, c);
        double[] lnOrgBig = new double[c + 5];
        double[] jac = new double[c * c + 7];
        m.organicFlows(o, a, lnAqBig, 3, lnOrgBig, 5, jac, 7);
        double[] lnOrg = organicOf(m, o, a, lnAq);
        assertThat(Arrays.copyOfRange(lnOrgBig, 5, 5 + c)).as(in).containsExactly(lnOrg);

        double step = 1e-5;
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                assertThat(jac[7 + j * c + i]).as(in + ": J[" + j + "][" + i + "]").isFinite();
            }
            if (lnAq[i] == Double.NEGATIVE_INFINITY) {
                // an absent component moves nothing else
                for (int j = 0; j < c; j++) {
                    if (j != i) {
                        assertThat(jac[7 + j * c + i]).as(in + ": J[" + j + "][" + i + "]").isZero();
                    }
                }
                continue;
            }
            double[] plus = lnAq.clone();
            plus[i] += step;
            double[] minus = lnAq.clone();
            minus[i] -= step;
            double[] up = organicOf(m, o, a, plus);
            double[] down = organicOf(m, o, a, minus);
            for (int j = 0; j < c; j++) {
                if (lnAq[j] == Double.NEGATIVE_INFINITY && j < c - 1) {
                    continue; // ln v_j = −∞ throughout
                }
                double fd = (up[j] - down[j]) / (2 * step);
                double an = jac[7 + j * c + i];
                assertThat(an).as(in + ": J[" + j + "][" + i + "]").isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
            }
        }
        // the row of an absent component is the limit of a vanishing one
        for (int k = 0; k < c - 1; k++) {
            if (lnAq[k] != Double.NEGATIVE_INFINITY) {
                continue;
            }
            double[] trace = lnAq.clone();
            trace[k] = Math.log(1e-80); // far below any other flow even where D is 1e38 (a = 6 at pH 6)
            for (int i = 0; i < c; i++) {
                if (lnAq[i] == Double.NEGATIVE_INFINITY && i != k) {
                    continue;
                }
                double[] plus = trace.clone();
                plus[i] += step;
                double[] minus = trace.clone();
                minus[i] -= step;
                double fd = (organicOf(m, o, a, plus)[k] - organicOf(m, o, a, minus)[k]) / (2 * step);
                assertThat(jac[7 + k * c + i]).as(in + ": J[" + k + "][" + i + "] of absent component")
                        .isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // a point by hand

    /**
     * One rare earth, no M: C = 1 mol/L, K = 5/3, x = 0.1 mol/L, h = 0.5 mol/L. Try e = 0.5:
     * y = K x e³/h³ = (5/3)(0.1)(0.125/0.125) = 1/6, and e + 3y = 0.5 + 0.5 = 1 = C, so e = 0.5
     * (the root is unique). y_H = 2e + 3y = 1.5. With scale 1 mol/h, A = 2 L/h and O = 3 L/h the
     * flows are l = (0.2, 0, 1.0) and v = (y·3, 0, 1.5·3) = (0.5, 0, 4.5).
     *
     * <p>Jacobian: D = e + 9y = 2, ∂ln e/∂ln x = −3y/D = −1/4, ∂ln e/∂ln h = 9y/D = 3/4; so
     * ∂ln y/∂ln x = 1 − 3/4 = 1/4, ∂ln y/∂ln h = 9/4 − 3 = −3/4. Since e + 3y = C, y_H = C + e and
     * ∂ln y_H = e/(C + e) ∂ln e = (1/3) ∂ln e: −1/12 (x) and 1/4 (h). The M row (M absent):
     * ∂ln y_M/∂ln l_i = δ_iM + ½ ∂ln e/∂ln l_i − δ_iH = (−1/8, 1, 3/8 − 1).
     */
    @Test
    void singleRareEarthPointByHand() {
        MassActionEquilibrium m = new MassActionEquilibrium(new double[] {5.0 / 3}, 1.0, 1.0, 1.0);
        double[] lnAq = {Math.log(0.2), Double.NEGATIVE_INFINITY, Math.log(1.0)};
        double[] lnOrg = new double[3];
        double[] jac = new double[9];
        m.organicFlows(3, 2, lnAq, 0, lnOrg, 0, jac, 0);
        assertThat(Math.exp(lnOrg[0])).isCloseTo(0.5, within(1e-15));
        assertThat(lnOrg[1]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Math.exp(lnOrg[2])).isCloseTo(4.5, within(1e-14));
        assertThat(m.freeExtractant(2, lnAq, 0)).isCloseTo(0.5, within(1e-15));
        assertThat(m.aqueousAcidity(2, lnAq, 0)).isCloseTo(0.5, within(1e-15));
        assertThat(m.pH(2, lnAq, 0)).isCloseTo(-Math.log10(0.5), within(1e-15));
        assertThat(m.loading(3, lnOrg, 0)).isCloseTo(0.5, within(1e-15));
        double[] expected = {
            0.25, 0, -0.75,
            -0.125, 1, -0.625,
            -1.0 / 12, 0, 0.25};
        for (int i = 0; i < 9; i++) {
            assertThat(jac[i]).as("J entry " + i).isCloseTo(expected[i], within(1e-14));
        }
        // and equilibrate takes the stage contents back to the same split
        double[] aq = new double[3];
        double[] org = new double[3];
        m.equilibrate(3, 2, new double[] {0.7, 0, 5.5}, 0, aq, org, 0);
        assertThat(aq).containsExactly(new double[] {0.2, 0, 1.0}, within(1e-14));
        assertThat(org).containsExactly(new double[] {0.5, 0, 4.5}, within(1e-14));
    }

    /**
     * With M: C = 1, K = 5/3, K_M = 2.75, x = 0.1, x_M = 0.5, h = 0.5 mol/L. At e = 1/4:
     * y = (5/3)(0.1)(1/64)/(1/8) = 1/48, y_M = 2.75 · 0.5 · 0.5 / 0.5 = 1.375, and
     * e + 3y + ½y_M = 0.25 + 0.0625 + 0.6875 = 1 = C. y_H = 2e + 3y = 0.5625; check:
     * y_H + 3y + y_M = 2 = 2C. Saponification degree y_M/(2C) = 0.6875, loading 3y/C = 0.0625.
     */
    @Test
    void saponifiedPointByHand() {
        MassActionEquilibrium m = new MassActionEquilibrium(new double[] {5.0 / 3}, 2.75, 1.0, 0.5);
        // scale 0.5 mol/h, A = 1 L/h: l = x / 0.5; O = 2 L/h: v = y · 4
        double[] lnAq = {Math.log(0.2), Math.log(1.0), Math.log(1.0)};
        double[] lnOrg = new double[3];
        m.organicFlows(2, 1, lnAq, 0, lnOrg, 0, null, 0);
        assertThat(exp(lnOrg)).containsExactly(new double[] {4.0 / 48, 5.5, 2.25}, within(1e-14));
        assertThat(m.freeExtractant(1, lnAq, 0)).isCloseTo(0.25, within(1e-15));
        assertThat(m.saponificationDegree(2, lnOrg, 0)).isCloseTo(0.6875, within(1e-15));
        assertThat(m.loading(2, lnOrg, 0)).isCloseTo(0.0625, within(1e-15));
    }

    // ---------------------------------------------------------------------------------------------
    // equilibrate

    /**
     * Random stage contents as a process makes them: an organic (saponified barren, or loaded at
     * equilibrium with some other aqueous) plus an aqueous stream with RE (some absent, some
     * 1e-30), M (often absent) and acid 1e-5…6 mol/L, at O and A 0.01–100 L/h.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void equilibrateSplitsRandomContentsAtEquilibrium(long seed) {
        Random rng = new Random(seed);
        checkRandomSplit("seed " + seed, rng, randomModel(rng));
    }

    /** {@link #checkSplit} on random contents of a stage of model m, as described above. */
    static void checkRandomSplit(String name, Random rng, MassActionEquilibrium m) {
        double o = log10Uniform(rng, -2, 2);
        double a = log10Uniform(rng, -2, 2);
        checkSplit(name, m, o, a, randomContents(rng, m, o, a));
    }

    /** Random contents of a stage of model m with phase flows o and a, as {@link #checkRandomSplit} describes. */
    static double[] randomContents(Random rng, MassActionEquilibrium m, double o, double a) {
        int r = m.rareEarthCount();
        double[] organicIn;
        if (rng.nextBoolean()) {
            organicIn = m.saponifiedOrganic(0.95 * rng.nextDouble(), o);
        } else {
            double otherA = log10Uniform(rng, -1, 1);
            organicIn = exp(organicOf(m, o, otherA, randomLnAqueous(rng, m, otherA)));
        }
        double[] re = new double[r];
        for (int j = 0; j < r; j++) {
            double p = rng.nextDouble();
            re[j] = p < 0.1 ? 0 : p < 0.2 ? 1e-30 * m.molarScale() / a : log10Uniform(rng, -6, 0.3);
        }
        double cation = rng.nextDouble() < 0.3 ? 0 : log10Uniform(rng, -4, 0.5);
        double[] aqueousIn = m.aqueousStream(a, re, cation, log10Uniform(rng, -5, Math.log10(6)));
        return sum(organicIn, aqueousIn);
    }

    static Stream<Arguments> extremeContents() {
        MassActionEquilibrium p507 = new MassActionEquilibrium(new double[] {0.02, 0.03, 0.1}, 1e-3, 0.75, 1.0);
        // loaded organic: at equilibrium with a weakly acid, concentrated RE solution (near saturation)
        double[] loadedLnAq = log(p507.aqueousStream(1, new double[] {0.5, 0.5, 0.5}, 0, 1e-3));
        double[] loaded = exp(organicOf(p507, 1, 1, loadedLnAq));
        double[] strip6 = sum(loaded, p507.aqueousStream(0.2, new double[] {0, 0, 0}, 0, 6));
        double[] strip6Dilute = sum(loaded, p507.aqueousStream(20, new double[] {0, 0, 0}, 0, 6));
        double[] reChloride = {0.4, 0.4, 0.2};
        double[] nearlyFullSoap = sum(p507.saponifiedOrganic(0.999, 1), p507.aqueousStream(1, reChloride, 0, 1e-4));
        double[] fullSoapNoAcid = sum(p507.saponifiedOrganic(1 - 1e-9, 1), p507.aqueousStream(1, reChloride, 0, 0));
        double[] soapNoRe = sum(p507.saponifiedOrganic(0.999, 1), p507.aqueousStream(1, new double[3], 0.1, 1e-3));
        double[] soapNoReNoAcid = sum(p507.saponifiedOrganic(0.5, 1), p507.aqueousStream(1, new double[3], 2, 0));
        double[] traces = sum(p507.saponifiedOrganic(0.3, 1), p507.aqueousStream(1, new double[] {1e-30, 0.5, 1e-30}, 1e-30, 0.01));
        double[] zeros = sum(p507.saponifiedOrganic(0, 1), p507.aqueousStream(1, new double[] {0, 0.5, 0}, 0, 0.01));
        double[] bareAcid = {0, 0, 0, 0, 3};
        MassActionEquilibrium strong = new MassActionEquilibrium(new double[] {1e2, 1e-3}, 1e-8, 1.5, 0.01);
        double[] strongLoad = sum(strong.saponifiedOrganic(0.4, 50), strong.aqueousStream(0.5, new double[] {3, 3}, 5, 1e-6));
        return Stream.of(
                Arguments.of("strip with 6 mol/L HCl, O/A 5", p507, 1.0, 0.2, strip6),
                Arguments.of("strip with 6 mol/L HCl, O/A 0.05", p507, 1.0, 20.0, strip6Dilute),
                Arguments.of("99.9 % saponified organic and a RE chloride solution", p507, 1.0, 1.0, nearlyFullSoap),
                Arguments.of("fully saponified organic and a RE chloride solution without acid", p507, 1.0, 1.0,
                        fullSoapNoAcid),
                Arguments.of("saponified organic without RE, M and acid in the aqueous", p507, 1.0, 1.0, soapNoRe),
                Arguments.of("saponified organic without RE or acid", p507, 1.0, 1.0, soapNoReNoAcid),
                Arguments.of("trace 1e-30 components", p507, 1.0, 1.0, traces),
                Arguments.of("zero components", p507, 1.0, 1.0, zeros),
                Arguments.of("acid only", p507, 1.0, 1.0, bareAcid),
                Arguments.of("strong extractant, O/A 100, 5 mol/L M", strong, 50.0, 0.5, strongLoad));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extremeContents")
    void equilibrateSplitsExtremeContents(String name, MassActionEquilibrium m, double o, double a, double[] contents) {
        checkSplit(name, m, o, a, contents);
    }

    @Test
    void stripAcidTakesTheRareEarthsBack() {
        MassActionEquilibrium m = new MassActionEquilibrium(new double[] {0.02, 0.03, 0.1}, 1e-3, 0.75, 1.0);
        double[] loaded = exp(organicOf(m, 1, 1, log(m.aqueousStream(1, new double[] {0.5, 0.5, 0.5}, 0, 1e-3))));
        double[] contents = sum(loaded, m.aqueousStream(1, new double[] {0, 0, 0}, 0, 6));
        double[] aq = new double[5];
        double[] org = new double[5];
        m.equilibrate(1, 1, contents, 0, aq, org, 0);
        for (int j = 0; j < 3; j++) {
            assertThat(aq[j]).as("RE " + j + " stripped").isGreaterThan(0.99 * contents[j]);
        }
        assertThat(m.pH(1, log(aq), 0)).isLessThan(0);
    }

    /** Contents that cannot fill the organic's exchange sites: no root exists; the split still balances. */
    @Test
    void contentsTooPoorForTheOrganicStillBalance() {
        MassActionEquilibrium m = new MassActionEquilibrium(new double[] {0.02, 0.1}, 1e-3, 1.0, 1.0);
        for (double[] contents : new double[][] {{1e-3, 1e-3, 0, 1e-3}, {0.5, 0.5, 0, 0}, {0, 0, 0, 0}, {0, 0, 0.1, 0.2}}) {
            double[] aq = new double[4];
            double[] org = new double[4];
            m.equilibrate(1, 1, contents, 0, aq, org, 0);
            for (int i = 0; i < 4; i++) {
                assertThat(aq[i]).as(Arrays.toString(contents)).isFinite().isGreaterThanOrEqualTo(0);
                assertThat(org[i]).as(Arrays.toString(contents)).isFinite().isGreaterThanOrEqualTo(0);
                assertThat(aq[i] + org[i]).as(Arrays.toString(contents)).isCloseTo(contents[i], within(1e-15 * contents[i]));
            }
        }
    }

    @Test
    void zeroPhaseFlowLeavesEverythingInTheOther() {
        MassActionEquilibrium m = new MassActionEquilibrium(new double[] {0.02}, 1e-3, 1.0, 1.0);
        double[] contents = {0.3, 0.1, 2};
        double[] aq = new double[3];
        double[] org = new double[3];
        m.equilibrate(0, 1, contents, 0, aq, org, 0);
        assertThat(aq).containsExactly(contents);
        assertThat(org).containsExactly(0, 0, 0);
        m.equilibrate(1, 0, contents, 0, aq, org, 0);
        assertThat(org).containsExactly(contents);
        assertThat(aq).containsExactly(0, 0, 0);
    }

    /**
     * Conservation to 1e-14 of each component's content; organic = organicFlows(aqueous) to 1e-12
     * (in ln); absent components stay absent in both phases; [H⁺] &gt; 0.
     */
    static void checkSplit(String name, MassActionEquilibrium m, double o, double a, double[] contents) {
        int c = m.componentCount();
        String in = name + ", " + describe(m) + ", O=" + o + ", A=" + a + ", contents=" + Arrays.toString(contents);
        double[] aq = new double[c + 2];
        double[] org = new double[c + 4];
        double[] padded = new double[c + 1];
        System.arraycopy(contents, 0, padded, 1, c);
        m.equilibrate(o, a, padded, 1, aq, org, 2);
        aq = Arrays.copyOfRange(aq, 2, 2 + c);
        org = Arrays.copyOfRange(org, 2, 2 + c);
        String out = in + "\n  aqueous=" + Arrays.toString(aq) + "\n  organic=" + Arrays.toString(org);
        for (int i = 0; i < c; i++) {
            assertThat(aq[i]).as(out + "\n  aqueous " + i).isGreaterThanOrEqualTo(0);
            assertThat(org[i]).as(out + "\n  organic " + i).isGreaterThanOrEqualTo(0);
            assertThat(aq[i] + org[i]).as(out + "\n  balance " + i).isCloseTo(contents[i], within(1e-14 * contents[i]));
        }
        assertThat(aq[c - 1]).as(out + "\n  aqueous H").isGreaterThan(0);
        double[] lnAq = log(aq);
        double[] lnModel = organicOf(m, o, a, lnAq);
        for (int i = 0; i < c; i++) {
            if (contents[i] == 0) {
                assertThat(org[i]).as(out + "\n  organic " + i).isZero();
                assertThat(lnModel[i]).as(out + "\n  model organic " + i).isEqualTo(Double.NEGATIVE_INFINITY);
            } else if (org[i] == 0 && lnModel[i] < LN_SMALLEST_DOUBLE) {
                continue; // below the smallest double: 0 is the rounded value (extreme acidities of random contents)
            } else {
                assertThat(Math.log(org[i])).as(out + "\n  organic " + i + " against organicFlows(aqueous)")
                        .isCloseTo(lnModel[i], within(1e-12));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // saponified organic

    @Test
    void saponifiedOrganicComposition() {
        // C = 0.8 mol/L, s = 0.3, O = 2 L/h, scale 0.5 mol/h: sites 2C·O/scale = 6.4 units
        double[] flows = MassActionEquilibrium.saponifiedOrganic(2, 0.8, 0.3, 2, 0.5);
        assertThat(flows).containsExactly(new double[] {0, 0, 0.3 * 6.4, 0.7 * 6.4}, within(1e-14));
        MassActionEquilibrium m = new MassActionEquilibrium(new double[] {0.02, 0.03}, 1e-3, 0.8, 0.5);
        assertThat(m.saponifiedOrganic(0.3, 2)).containsExactly(flows);
        double[] ln = log(flows);
        assertThat(m.saponificationDegree(2, ln, 0)).isCloseTo(0.3, within(1e-15));
        assertThat(m.loading(2, ln, 0)).isZero();
        // unsaponified: all H, free dimer C
        assertThat(MassActionEquilibrium.saponifiedOrganic(1, 0.8, 0, 2, 0.5)).containsExactly(0, 0, 6.4);
    }

    /**
     * Contacting a saponified organic with a RE chloride solution when K_M ≪ K_RE: the M goes to
     * the aqueous and RE takes its place, three M per RE, so the RE load is 2sC/3 plus what the
     * free extractant takes by releasing acid; with a weak RE constant that extra vanishes.
     */
    @Test
    void saponifiedOrganicTradesItsCationForRareEarths() {
        double s = 0.36;
        double c = 1.0;
        double exchanged = 2 * s * c / 3;
        double previousExcess = Double.POSITIVE_INFINITY;
        for (double k : new double[] {1e-2, 1e-4, 1e-6}) {
            MassActionEquilibrium m = new MassActionEquilibrium(new double[] {k, 2 * k}, 1e-12, c, 1.0);
            double[] organicIn = m.saponifiedOrganic(s, 1);
            double[] aqueousIn = m.aqueousStream(1, new double[] {0.5, 0.5}, 0, 1e-3);
            double[] contents = sum(organicIn, aqueousIn);
            double[] aq = new double[4];
            double[] org = new double[4];
            m.equilibrate(1, 1, contents, 0, aq, org, 0);
            String in = "K_RE " + k + ": aqueous " + Arrays.toString(aq) + ", organic " + Arrays.toString(org);
            // M released to the aqueous, RE taken up by the organic
            assertThat(aq[2]).as(in).isGreaterThan(0.999 * organicIn[2]);
            assertThat(org[2]).as(in).isLessThan(1e-3 * organicIn[2]);
            assertThat(org[0]).as(in).isGreaterThan(0);
            assertThat(org[1]).as(in).isGreaterThan(org[0]);
            double load = org[0] + org[1]; // mol/L: O = 1 L/h, scale 1
            double excess = load / exchanged - 1;
            assertThat(excess).as(in).isGreaterThan(0).isLessThan(previousExcess);
            // the acid released by the free extractant is 3 × the extra RE
            assertThat(aq[3] - aqueousIn[3]).as(in).isCloseTo(3 * (load - exchanged) + org[2], within(1e-12));
            previousExcess = excess;
        }
        assertThat(previousExcess).isLessThan(0.01);
    }

    // ---------------------------------------------------------------------------------------------
    // input validation

    @Test
    void invalidConstantsAreRejectedNamingFieldValueAndRange() {
        assertThatThrownBy(() -> new MassActionEquilibrium(new double[] {0.1, -2}, 1, 1, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("equilibrium.exchangeConstants[1] = -2.0 is not allowed: a finite number greater than 0");
        assertThatThrownBy(() -> new MassActionEquilibrium(new double[] {Double.NaN}, 1, 1, 1))
                .hasMessageContaining("equilibrium.exchangeConstants[0] = NaN");
        assertThatThrownBy(() -> new MassActionEquilibrium(new double[0], 1, 1, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("equilibrium.exchangeConstants").hasMessageContaining("at least one rare earth");
        assertThatThrownBy(() -> new MassActionEquilibrium(new double[] {1}, 0, 1, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("equilibrium.cationExchangeConstant = 0.0 is not allowed: a finite number greater than 0");
        assertThatThrownBy(() -> new MassActionEquilibrium(new double[] {1}, 1, Double.POSITIVE_INFINITY, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("equilibrium.extractantConcentration = Infinity is not allowed: "
                        + "a finite number greater than 0 (mol/L)");
        assertThatThrownBy(() -> new MassActionEquilibrium(new double[] {1}, 1, 1, -1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("molarScale = -1.0 is not allowed: a finite number greater than 0 (mol/h)");
        assertThatThrownBy(() -> MassActionEquilibrium.saponifiedOrganic(2, 1, 1.0, 1, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("saponificationDegree = 1.0 is not allowed: a number from 0 (inclusive) to 1 (exclusive)");
        assertThatThrownBy(() -> MassActionEquilibrium.saponifiedOrganic(2, 1, -0.1, 1, 1))
                .hasMessageContaining("saponificationDegree = -0.1");
        assertThatThrownBy(() -> MassActionEquilibrium.saponifiedOrganic(2, 1, 0.5, 0, 1))
                .hasMessage("organicFlow = 0.0 is not allowed: a finite number greater than 0 (L/h)");
    }

    @Test
    void accessorsAndComponentLayout() {
        MassActionEquilibrium m = new MassActionEquilibrium(new double[] {0.02, 0.03, 0.1}, 1e-3, 0.75, 2.0);
        assertThat(m.componentCount()).isEqualTo(5);
        assertThat(m.rareEarthCount()).isEqualTo(3);
        assertThat(m.cationIndex()).isEqualTo(3);
        assertThat(m.hydrogenIndex()).isEqualTo(4);
        assertThat(m.exchangeConstant(2)).isEqualTo(0.1);
        assertThat(m.cationExchangeConstant()).isEqualTo(1e-3);
        assertThat(m.extractantConcentration()).isEqualTo(0.75);
        assertThat(m.molarScale()).isEqualTo(2.0);
        assertThat(m.flowBasis()).isEqualTo("L/h");
        assertThat(MassActionEquilibrium.pH(1e-3)).isCloseTo(3, within(1e-15));
    }
}
