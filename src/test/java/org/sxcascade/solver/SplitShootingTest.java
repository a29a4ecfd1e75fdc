package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sxcascade.equilibrium.ConstantDistributionRatios;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.SolverSettings;

/**
 * The split-shooting start of {@link NewtonCascadeSolver} ({@link SplitShooting}): long binaries
 * near and above the minimum flows that the earlier globalisation (Picard start, β continuation)
 * could not solve, checked against the BigDecimal shooting oracle and the row iteration; the
 * plain and logarithmic marches against each other; and when the start does not apply.
 */
class SplitShootingTest {

    /**
     * The Zhang binary (docs/theory.md, Reference numbers) at Xu's optimum flows with far more stages than the targets
     * need: the earlier solver failed from n = m = 60 (aqueous feed) and 80 (organic feed) and fell
     * back on the row method. Now Newton converges from the shooting start alone (no Picard
     * sweeps, no continuation), and both products match the exact oracle.
     */
    @ParameterizedTest(name = "{0} feed, n = m = {1}")
    @CsvSource({"AQUEOUS, 60", "AQUEOUS, 100", "AQUEOUS, 200", "ORGANIC, 60", "ORGANIC, 100", "ORGANIC, 200"})
    void zhangLongCascadesMatchTheOracle(FeedPhase phase, int stagesPerSection) {
        CascadeCase c = Cases.zhang(phase, stagesPerSection, stagesPerSection);
        NewtonCascadeSolver solver = new NewtonCascadeSolver();
        SteadyState st = solver.solve(CascadeNetwork.of(c), SolverSettings.defaults());
        int stages = 2 * stagesPerSection;
        assertThat(solver.lastContinuationSteps()).isZero();
        assertThat(solver.lastStartSweeps()).as("no fallback on the Picard start").isZero();
        assertThat(solver.lastShootingIterations()).isBetween(1, 20);
        assertThat(st.residual()).isLessThanOrEqualTo(1e-12);
        assertThat(st.massBalanceError()).isLessThanOrEqualTo(1e-10);
        // shooting through the feed amplifies rounding by about the product of the stage gains:
        // at 200 + 200 stages 150 digits already give the same 16 digits as 400
        BinaryShootingOracleTest.Shot shot = BinaryShootingOracleTest.oracle(c, 200);
        assertThat(st.organicFraction(stages, 0)).as("P_A").isCloseTo(shot.purityA(), within(1e-12));
        assertThat(st.aqueousFraction(1, 1)).as("P_B").isCloseTo(shot.purityB(), within(1e-12));
        double raffinateImpurity = shot.x1().doubleValue();
        double organicImpurity = BigDecimal.ONE.subtract(shot.yN()).doubleValue();
        assertThat(st.aqueousFraction(1, 0)).as("A in the raffinate")
                .isCloseTo(raffinateImpurity, within(1e-9 * raffinateImpurity));
        assertThat(st.organicFraction(stages, 1)).as("B in the loaded organic")
                .isCloseTo(organicImpurity, within(1e-9 * organicImpurity));
    }

    /** The same cascade at n = m = 60 by Xu's row iteration (a few seconds): the whole profile agrees. */
    @Test
    void zhangSixtyAgreesWithTheRowIteration() {
        CascadeCase c = Cases.zhang(FeedPhase.AQUEOUS, 60, 60);
        SteadyState newton = Cases.newton(c);
        SteadyState rows = Cases.rows(c);
        for (int k = 1; k <= 120; k++) {
            for (int j = 0; j < 2; j++) {
                assertThat(newton.aqueousFraction(k, j)).as("x stage %d component %d", k, j)
                        .isCloseTo(rows.aqueousFraction(k, j), within(1e-8));
                assertThat(newton.organicFraction(k, j)).as("y stage %d component %d", k, j)
                        .isCloseTo(rows.organicFraction(k, j), within(1e-8));
            }
        }
    }

    /**
     * The marches on plain numbers (used when no flow gets near the bottom of double's range) and
     * in logarithms give the same profile, on random binaries and ternaries.
     */
    @Test
    void plainAndLogarithmicMarchesAgree() {
        Random rnd = new Random(2718);
        int compared = 0;
        for (int t = 0; t < 200; t++) {
            int comps = 2 + rnd.nextInt(2);
            double[] beta = new double[comps];
            double[] z = new double[comps];
            double sum = 0;
            for (int j = 0; j < comps; j++) {
                beta[j] = Math.pow(1.1 + 2 * rnd.nextDouble(), j);
                z[j] = 0.05 + rnd.nextDouble();
                sum += z[j];
            }
            for (int j = 0; j < comps; j++) {
                z[j] /= sum;
            }
            double organicShare = 0.05 + 0.9 * rnd.nextDouble();
            double w = 0.05 + 3 * rnd.nextDouble();
            CascadeCase c = Cases.cmer(beta, z, FeedPhase.AQUEOUS, 1 + rnd.nextInt(40), 1 + rnd.nextInt(40),
                    w + organicShare, w);
            CascadeNetwork net = CascadeNetwork.of(c);
            int f = SplitShooting.feedStage(net);
            assertThat(f).isEqualTo(c.cascade().extractionStages() - 1);
            boolean[] active = new boolean[comps];
            java.util.Arrays.fill(active, true);
            double[] plain = new double[net.stages() * comps];
            double[] logs = new double[plain.length];
            SplitShooting shooting = new SplitShooting();
            boolean a = shooting.solve(net, f, active, plain, 100);
            shooting.logOnly = true;
            boolean b = shooting.solve(net, f, active, logs, 100);
            assertThat(a).isEqualTo(b);
            if (!a) {
                continue;
            }
            compared++;
            for (int i = 0; i < plain.length; i++) {
                assertThat(logs[i]).as("case %d entry %d", t, i).isCloseTo(plain[i], within(1e-9));
            }
        }
        assertThat(compared).isGreaterThan(190);
    }

    /**
     * The march of two present components by locals ({@code marchLinearPair}) gives the bits of the
     * general loops, iteration for iteration: random binaries, and ternaries with one component
     * absent from the feed (two present components at other places of the arrays).
     */
    @Test
    void pairMarchHasTheBitsOfTheGeneralMarch() {
        Random rnd = new Random(31415);
        int compared = 0;
        for (int t = 0; t < 300; t++) {
            boolean ternary = t % 3 == 2;
            int comps = ternary ? 3 : 2;
            double[] beta = new double[comps];
            double[] z = new double[comps];
            for (int j = 0; j < comps; j++) {
                beta[j] = Math.pow(1.05 + 3 * rnd.nextDouble(), j);
                z[j] = 0.05 + rnd.nextDouble();
            }
            int absent = ternary ? rnd.nextInt(3) : -1;
            double sum = 0;
            for (int j = 0; j < comps; j++) {
                z[j] = j == absent ? 0 : z[j];
                sum += z[j];
            }
            for (int j = 0; j < comps; j++) {
                z[j] /= sum;
            }
            double organicShare = 0.05 + 0.9 * rnd.nextDouble();
            double w = 0.05 + 3 * rnd.nextDouble();
            // the organic product (S − W, or S + 1 − W for an organic feed) is organicShare of the feed
            FeedPhase phase = rnd.nextBoolean() ? FeedPhase.AQUEOUS : FeedPhase.ORGANIC;
            double s = phase == FeedPhase.AQUEOUS ? w + organicShare : w;
            double scrub = phase == FeedPhase.AQUEOUS ? w : w + 1 - organicShare;
            CascadeCase c = Cases.cmer(beta, z, phase, 1 + rnd.nextInt(60), 1 + rnd.nextInt(60), s, scrub);
            CascadeNetwork net = CascadeNetwork.of(c);
            int f = SplitShooting.feedStage(net);
            boolean[] active = new boolean[comps];
            for (int j = 0; j < comps; j++) {
                active[j] = z[j] > 0;
            }
            double[] pair = new double[net.stages() * comps];
            double[] general = new double[pair.length];
            SplitShooting shooting = new SplitShooting();
            boolean a = shooting.solve(net, f, active, pair, 200);
            int pairIterations = shooting.iterations();
            shooting.generalOnly = true;
            boolean b = shooting.solve(net, f, active, general, 200);
            assertThat(a).as("case %d", t).isEqualTo(b);
            assertThat(shooting.iterations()).as("case %d", t).isEqualTo(pairIterations);
            if (!a) {
                continue;
            }
            compared++;
            for (int i = 0; i < pair.length; i++) {
                assertThat(Double.doubleToRawLongBits(pair[i])).as("case %d entry %d", t, i)
                        .isEqualTo(Double.doubleToRawLongBits(general[i]));
            }
        }
        assertThat(compared).isGreaterThan(280);
    }

    /** A component absent from the feed stays absent (−∞), and the others are solved as before. */
    @Test
    void absentComponentStaysAbsent() {
        CascadeCase with = Cases.cmer(new double[] {1, 1.7, 3}, new double[] {0.4, 0, 0.6}, FeedPhase.ORGANIC, 30, 25,
                1.1, 1.5);
        CascadeCase without = Cases.cmer(new double[] {1, 3}, new double[] {0.4, 0.6}, FeedPhase.ORGANIC, 30, 25,
                1.1, 1.5);
        NewtonCascadeSolver solver = new NewtonCascadeSolver();
        SteadyState a = solver.solve(CascadeNetwork.of(with), SolverSettings.defaults());
        assertThat(solver.lastStartSweeps()).isZero();
        SteadyState b = Cases.newton(without);
        for (int k = 1; k <= 55; k++) {
            assertThat(a.lnAqueousFlow(k, 1)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(a.aqueousFraction(k, 2)).isCloseTo(b.aqueousFraction(k, 1), within(1e-12));
        }
    }

    /** The start applies only to CMER networks with one feed stage whose phase totals follow the sections. */
    @Test
    void appliesOnlyToSectionNetworks() {
        assertThat(SplitShooting.feedStage(CascadeNetwork.of(Cases.zhang(FeedPhase.AQUEOUS, 24, 21)))).isEqualTo(23);
        assertThat(SplitShooting.feedStage(CascadeNetwork.of(Cases.zhang(FeedPhase.ORGANIC, 24, 21)))).isEqualTo(24);
        var cmer = CascadeNetwork.of(Cases.zhang(FeedPhase.AQUEOUS, 3, 2));
        double[] org = {1.7, 1.7, 1.7, 1.7, 0.5};
        double[] aq = {0.5, 2.2, 2.2, 1.2, 1.2};
        double[] twoFeeds = new double[10];
        twoFeeds[2 * 2] = 0.25;
        twoFeeds[2 * 2 + 1] = 0.25;
        twoFeeds[3 * 2] = 0.25;
        twoFeeds[3 * 2 + 1] = 0.25;
        assertThat(SplitShooting.feedStage(new CascadeNetwork(cmer.equilibrium(), org, aq, twoFeeds))).isEqualTo(-1);
        double[] oneFeed = new double[10];
        oneFeed[2 * 2] = 0.5;
        oneFeed[2 * 2 + 1] = 0.5;
        double[] badAqueous = {0.5, 2.2, 2.3, 1.2, 1.2}; // L_3 ≠ V_2 + L_1
        assertThat(SplitShooting.feedStage(new CascadeNetwork(cmer.equilibrium(), org, badAqueous, oneFeed)))
                .isEqualTo(-1);
        assertThat(SplitShooting.feedStage(new CascadeNetwork(new ConstantDistributionRatios(1.0, 0.5),
                org, aq, oneFeed))).isEqualTo(-1);
    }

    /** ln of a geometric sum, against direct summation, across q < 1, q ≈ 1 and q > 1. */
    @Test
    void geometricSum() {
        for (double q : new double[] {0.01, 0.5, 0.999999, 1, 1.000001, 1.5, 40}) {
            for (int terms : new int[] {1, 2, 7, 60}) {
                double sum = 0;
                for (int i = 0; i < terms; i++) {
                    sum += Math.pow(q, i);
                }
                assertThat(SplitShooting.lnGeometricSum(Math.log(q), terms)).as("q %s, %d terms", q, terms)
                        .isCloseTo(Math.log(sum), within(1e-12 * Math.max(1, Math.abs(Math.log(sum)))));
            }
        }
        // far beyond double's range: ln(q^n/(q − 1)) for q = 10, n = 1000
        assertThat(SplitShooting.lnGeometricSum(Math.log(10), 1000))
                .isCloseTo(1000 * Math.log(10) - Math.log(9), within(1e-9));
    }
}
