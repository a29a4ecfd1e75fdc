package org.sxcascade.equilibrium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The split with a warm start ({@link EquilibriumModel#equilibrate(double, double, double[], int, double[],
 * double[], int, double[], int)}, as the transient's right-hand side calls it) is the cold split to
 * rounding, whatever the start; and the CMER model's closed-form binary split solves the CMER
 * equations. Random states from seeded {@link Random}s; every failure names the seed.
 */
class WarmStartSplitTest {
    static final long SEED = 0x5eed_57a7_7001L;

    static LongStream seeds() {
        return LongStream.range(0, 200).map(i -> SEED + 104_729 * i);
    }

    /**
     * Mass action: contents moved by about 1e-3 (the fast joint Newton step runs), by a factor up
     * to 3 (it gives up, the nested solve runs) and a start far off in ln [H⁺]: each warm split
     * equals the cold split to 1e-12 of each component's content.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void massActionWarmSplitIsTheColdSplit(long seed) {
        Random rng = new Random(seed);
        MassActionEquilibrium m = MassActionEquilibriumTest.randomModel(rng);
        double o = MassActionEquilibriumTest.log10Uniform(rng, -2, 2);
        double a = MassActionEquilibriumTest.log10Uniform(rng, -2, 2);
        double[] contents = MassActionEquilibriumTest.randomContents(rng, m, o, a);
        assertThat(m.startLength()).isEqualTo(2);
        double[] start = {Double.NaN, Double.NaN};
        int c = m.componentCount();
        m.equilibrate(o, a, contents, 0, new double[c], new double[c], 0, start, 0);
        String name = "seed " + seed + ", " + MassActionEquilibriumTest.describe(m) + ", O=" + o + ", A=" + a;
        assertThat(start[0]).as(name + ": ln [H+] found").isFinite();
        for (double spread : new double[] {1e-3, 1.0}) {
            double[] moved = contents.clone();
            for (int j = 0; j < c; j++) {
                moved[j] *= Math.exp(spread * (2 * rng.nextDouble() - 1));
            }
            checkWarm(name + ", moved by " + spread, m, o, a, moved, start.clone());
        }
        checkWarm(name + ", start 5 above in ln [H+]", m, o, a, contents, new double[] {start[0] + 5, start[1]});
    }

    /** CMER, 3–5 components: warm starts near, far above and far below the root give the cold split. */
    @ParameterizedTest
    @MethodSource("seeds")
    void cmerWarmSplitIsTheColdSplit(long seed) {
        Random rng = new Random(seed);
        int c = 3 + rng.nextInt(3);
        double[] beta = new double[c];
        double[] contents = new double[c];
        for (int j = 0; j < c; j++) {
            beta[j] = MassActionEquilibriumTest.log10Uniform(rng, 0, 1.5);
            contents[j] = rng.nextDouble() < 0.1 ? 0 : MassActionEquilibriumTest.log10Uniform(rng, -8, 0);
        }
        ConstantSeparationFactors m = new ConstantSeparationFactors(beta);
        double total = Arrays.stream(contents).sum();
        double organicShare = 0.05 + 0.9 * rng.nextDouble();
        double o = organicShare * total;
        double a = total - o;
        double[] start = {Double.NaN};
        m.equilibrate(o, a, contents, 0, new double[c], new double[c], 0, start, 0);
        String name = "seed " + seed + ", beta=" + Arrays.toString(beta) + ", contents=" + Arrays.toString(contents);
        assertThat(start[0]).as(name).isPositive();
        for (double factor : new double[] {1.001, 0.999, 10, 0.1}) {
            checkWarm(name + ", start times " + factor, m, o, a, contents, new double[] {start[0] * factor});
        }
    }

    /**
     * CMER, two components: the closed-form split solves Σ x = 1 with y_j = β_j x_j / Σ β x, and
     * equals the Newton split of the same contents with a third, absent component.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void cmerBinaryClosedFormSolvesTheModel(long seed) {
        Random rng = new Random(seed);
        double b1 = MassActionEquilibriumTest.log10Uniform(rng, -1, 1);
        double b2 = MassActionEquilibriumTest.log10Uniform(rng, -1, 1);
        double[] contents = {rng.nextDouble() < 0.1 ? 0 : MassActionEquilibriumTest.log10Uniform(rng, -12, 0),
                MassActionEquilibriumTest.log10Uniform(rng, -3, 0)};
        double total = contents[0] + contents[1];
        double o = (0.05 + 0.9 * rng.nextDouble()) * total;
        double a = total - o;
        String name = "seed " + seed + ", beta=" + b1 + ", " + b2 + ", contents=" + Arrays.toString(contents)
                + ", O=" + o + ", A=" + a;
        double[] aq = new double[2];
        double[] org = new double[2];
        new ConstantSeparationFactors(b1, b2).equilibrate(o, a, contents, 0, aq, org, 0);
        double x1 = aq[0] / a;
        double x2 = aq[1] / a;
        assertThat(x1 + x2).as(name + ": aqueous mole fractions").isCloseTo(1, within(1e-14));
        double s = b1 * x1 + b2 * x2;
        assertThat(org[1]).as(name + ": organic 2").isCloseTo(o * b2 * x2 / s, within(1e-14 * contents[1]));
        assertThat(org[0]).as(name + ": organic 1").isCloseTo(o * b1 * x1 / s, within(1e-14 * contents[0]));
        double[] aq3 = new double[3];
        double[] org3 = new double[3];
        new ConstantSeparationFactors(b1, b2, 1).equilibrate(o, a, new double[] {contents[0], contents[1], 0}, 0,
                aq3, org3, 0);
        for (int j = 0; j < 2; j++) {
            assertThat(aq[j]).as(name + ": against Newton, aqueous " + j).isCloseTo(aq3[j], within(1e-14 * contents[j]));
            assertThat(org[j]).as(name + ": against Newton, organic " + j).isCloseTo(org3[j], within(1e-14 * contents[j]));
        }
    }

    /** The warm split of {@code contents} from {@code start} equals the cold split to 1e-12 of each content. */
    static void checkWarm(String name, EquilibriumModel m, double o, double a, double[] contents, double[] start) {
        int c = m.componentCount();
        double[] coldAq = new double[c];
        double[] coldOrg = new double[c];
        m.equilibrate(o, a, contents, 0, coldAq, coldOrg, 0);
        double[] warmAq = new double[c];
        double[] warmOrg = new double[c];
        m.equilibrate(o, a, contents, 0, warmAq, warmOrg, 0, start, 0);
        String in = name + ", contents=" + Arrays.toString(contents) + "\n  cold aqueous=" + Arrays.toString(coldAq)
                + "\n  warm aqueous=" + Arrays.toString(warmAq);
        for (int j = 0; j < c; j++) {
            double tolerance = 1e-12 * Math.abs(contents[j]);
            assertThat(warmAq[j]).as(in + "\n  aqueous " + j).isCloseTo(coldAq[j], within(tolerance));
            assertThat(warmOrg[j]).as(in + "\n  organic " + j).isCloseTo(coldOrg[j], within(tolerance));
        }
    }
}
