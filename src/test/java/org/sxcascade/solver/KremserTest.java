package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.model.CascadeCase;

/**
 * A single extraction section with the linear (constant distribution ratio) model against the
 * Kremser equation: with barren organic entering stage 1 and the aqueous feed entering the top
 * stage N, the fraction of component j left unextracted in the raffinate is
 * {@code (E_j − 1)/(E_j^(N+1) − 1)}, with E_j = D_j·O/A.
 */
class KremserTest {

    /** Kremser reference (docs/theory.md): D_A = 1.0, D_B = 0.5, A/O = 0.6, 10 stages, feed {0.5, 0.5}. */
    private static final double[] REF_D = {1.0, 0.5};
    private static final double REF_AQUEOUS = 0.6;
    private static final double REF_ORGANIC = 1.0;
    private static final int REF_STAGES = 10;
    /** Kremser reference: unextracted fraction of A (E_A = 1.6667). */
    private static final double REF_UNEXTRACTED_A = 2.4274537708e-3;
    /** Kremser reference: unextracted fraction of B (E_B = 0.8333). */
    private static final double REF_UNEXTRACTED_B = 0.192586495127;

    private static final double REL_TOL = 1e-10;

    @Test
    void domainReferenceCase() {
        CascadeCase c = Cases.kremser(REF_D, new double[] {0.5, 0.5}, REF_STAGES, REF_AQUEOUS, REF_ORGANIC);
        SteadyState st = Cases.newton(c);
        double fa = st.aqueousFlow(1, 0) / 0.5;
        double fb = st.aqueousFlow(1, 1) / 0.5;
        assertThat(fa).isCloseTo(REF_UNEXTRACTED_A, within(REL_TOL * REF_UNEXTRACTED_A));
        assertThat(fb).isCloseTo(REF_UNEXTRACTED_B, within(REL_TOL * REF_UNEXTRACTED_B));
        // the loaded organic carries the rest
        assertThat(st.organicFlow(REF_STAGES, 0) / 0.5).isCloseTo(1 - REF_UNEXTRACTED_A, within(1e-10));
        assertThat(st.organicFlow(REF_STAGES, 1) / 0.5).isCloseTo(1 - REF_UNEXTRACTED_B, within(1e-10));
    }

    @Test
    void domainReferenceNumbersFollowFromTheClosedForm() {
        // guards the constants above and the reference formula against each other (the constants
        // are quoted to 11-12 significant digits)
        assertThat(unextracted(BigDecimal.valueOf(1.0).divide(BigDecimal.valueOf(0.6), MathContext.DECIMAL128),
                REF_STAGES)).isCloseTo(REF_UNEXTRACTED_A, within(2e-11 * REF_UNEXTRACTED_A));
        assertThat(unextracted(BigDecimal.valueOf(0.5).divide(BigDecimal.valueOf(0.6), MathContext.DECIMAL128),
                REF_STAGES)).isCloseTo(REF_UNEXTRACTED_B, within(2e-11 * REF_UNEXTRACTED_B));
    }

    @Test
    void carefulFormulaNearOneMatchesGeometricSum() {
        // (E − 1)/(E^(N+1) − 1) = 1/Σ_{k=0..N} E^k; near E = 1 the naive quotient loses all digits
        for (int n : new int[] {1, 7, 60}) {
            for (double eps : new double[] {1e-3, -1e-3, 1e-7, -1e-7, 1e-11, -1e-11, 1e-15, -1e-15}) {
                BigDecimal e = BigDecimal.ONE.add(new BigDecimal(eps));
                BigDecimal sum = BigDecimal.ZERO;
                BigDecimal pow = BigDecimal.ONE;
                for (int k = 0; k <= n; k++) {
                    sum = sum.add(pow, MC);
                    pow = pow.multiply(e, MC);
                }
                double geometric = BigDecimal.ONE.divide(sum, MC).doubleValue();
                assertThat(unextracted(e, n)).as("n=%d eps=%g", n, eps).isCloseTo(geometric, within(1e-14 * geometric));
            }
        }
        assertThat(unextracted(BigDecimal.ONE, 9)).isEqualTo(0.1);
    }

    static Stream<Arguments> randomSections() {
        Random rnd = new Random(20240611L);
        List<Arguments> out = new ArrayList<>();
        double[] nearOne = {1e-2, 1e-4, 1e-6, 1e-9, 1e-12};
        for (int t = 0; t < 240; t++) {
            int comps = 1 + rnd.nextInt(4);
            int stages = 1 + rnd.nextInt(60);
            double aqueous = Math.exp(Math.log(0.1) + rnd.nextDouble() * Math.log(100)); // 0.1 .. 10
            double organic = Math.exp(Math.log(0.1) + rnd.nextDouble() * Math.log(100));
            double[] d = new double[comps];
            double[] z = new double[comps];
            double zsum = 0;
            for (int j = 0; j < comps; j++) {
                double e;
                if (t % 4 == 3 && j == 0) {
                    // E close to (but not exactly) 1
                    double eps = nearOne[rnd.nextInt(nearOne.length)] * (rnd.nextBoolean() ? 1 : -1);
                    e = 1 + eps;
                } else {
                    // E log-uniform in [0.2, 5], kept away from exactly 1
                    do {
                        e = Math.exp(Math.log(0.2) + rnd.nextDouble() * Math.log(25));
                    } while (Math.abs(e - 1) < 1e-3);
                }
                d[j] = e * aqueous / organic;
                z[j] = 0.05 + rnd.nextDouble();
                zsum += z[j];
            }
            for (int j = 0; j < comps; j++) {
                z[j] /= zsum;
            }
            out.add(Arguments.of(t, d, z, stages, aqueous, organic));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("randomSections")
    void randomSingleSectionMatchesKremser(int id, double[] d, double[] z, int stages, double aqueous, double organic) {
        CascadeCase c = Cases.kremser(d, z, stages, aqueous, organic);
        double[] feed = c.feed().composition(); // as renormalised by Feed
        SteadyState st = Cases.newton(c);
        for (int j = 0; j < d.length; j++) {
            // E = D·O/A evaluated exactly from the doubles the case holds
            BigDecimal e = new BigDecimal(d[j]).multiply(new BigDecimal(organic))
                    .divide(new BigDecimal(aqueous), MC);
            double expected = unextracted(e, stages);
            double actual = st.aqueousFlow(1, j) / feed[j];
            assertThat(actual).as("component %d, E = %s, N = %d", j, e.round(MathContext.DECIMAL64), stages)
                    .isCloseTo(expected, within(REL_TOL * expected));
            double extracted = st.organicFlow(stages, j) / feed[j];
            assertThat(extracted).as("extracted fraction of component %d", j)
                    .isCloseTo(1 - expected, within(REL_TOL * Math.max(1 - expected, 1e-300) + 1e-14));
        }
    }

    private static final MathContext MC = new MathContext(40);

    /**
     * The Kremser unextracted fraction (E − 1)/(E^(N+1) − 1), evaluated without cancellation near
     * E = 1: with ε = E − 1 taken exactly, it is ε / expm1((N+1)·log1p(ε)), and 1/(N+1) at E = 1.
     */
    static double unextracted(BigDecimal e, int stages) {
        double eps = e.subtract(BigDecimal.ONE).doubleValue();
        if (eps == 0) {
            return 1.0 / (stages + 1);
        }
        return eps / Math.expm1((stages + 1) * Math.log1p(eps));
    }
}
