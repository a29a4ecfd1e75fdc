package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.FeedPhase;

/**
 * Property test over random multicomponent CMER cascades (docs/theory.md: every result
 * is checked for closure): Newton converges, every component balance closes over the whole cascade and on
 * every stage, and the phase totals follow the CMER flow table. The balances
 * are recomputed here from the component flows, not taken from the solver's own report.
 */
class BalanceClosureTest {

    static Stream<Arguments> randomCases() {
        Random rnd = new Random(0x5eed_ba1aL);
        List<Arguments> out = new ArrayList<>();
        for (int t = 0; t < 120; t++) {
            int comps = 2 + rnd.nextInt(3);
            double[] beta = new double[comps];
            double[] z = new double[comps];
            double zsum = 0;
            for (int j = 0; j < comps; j++) {
                beta[j] = 1 + 3 * rnd.nextDouble();
                z[j] = 0.05 + rnd.nextDouble();
                zsum += z[j];
            }
            for (int j = 0; j < comps; j++) {
                z[j] /= zsum;
            }
            int total = 2 + rnd.nextInt(79); // N in 2..80
            int n = 1 + rnd.nextInt(total - 1);
            int m = total - n;
            FeedPhase phase = t % 2 == 0 ? FeedPhase.AQUEOUS : FeedPhase.ORGANIC;
            double base = 0.05 + 4 * rnd.nextDouble();
            double gap = 0.02 + 0.96 * rnd.nextDouble(); // strictly inside (0, 1)
            // aqueous feed: W < S < W + 1; organic feed: S < W < S + 1 (docs/theory.md flow table)
            double s = phase == FeedPhase.AQUEOUS ? base + gap : base;
            double w = phase == FeedPhase.AQUEOUS ? base : base + gap;
            out.add(Arguments.of(t, Cases.cmer(beta, z, phase, n, m, s, w)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("randomCases")
    void balancesClose(int id, CascadeCase c) {
        CascadeNetwork net = CascadeNetwork.of(c);
        SteadyState st = new NewtonCascadeSolver().solve(net, c.solver());
        int stages = c.cascade().totalStages();
        int comps = c.components().size();
        double[] z = c.feed().composition();
        String what = describe(c);

        // whole-cascade closure per component, from the two products
        for (int j = 0; j < comps; j++) {
            double out = st.aqueousFlow(1, j) + st.organicFlow(stages, j);
            assertThat(out).as("%s: component %d fed %s, products %s", what, j, z[j], out)
                    .isCloseTo(z[j], within(1e-10 * z[j]));
        }

        double[] aq = new double[stages * comps];
        double[] org = new double[stages * comps];
        for (int k = 1; k <= stages; k++) {
            double lTotal = 0;
            double vTotal = 0;
            for (int j = 0; j < comps; j++) {
                aq[(k - 1) * comps + j] = st.aqueousFlow(k, j);
                org[(k - 1) * comps + j] = st.organicFlow(k, j);
                lTotal += aq[(k - 1) * comps + j];
                vTotal += org[(k - 1) * comps + j];
            }
            double lTable = net.aqueousFlow(k);
            double vTable = net.organicFlow(k);
            assertThat(lTotal).as("%s: aqueous total on stage %d", what, k).isCloseTo(lTable, within(1e-10 * lTable));
            assertThat(vTotal).as("%s: organic total on stage %d", what, k).isCloseTo(vTable, within(1e-10 * vTable));
            assertThat(st.aqueousTotal(k)).as("%s: reported aqueous total on stage %d", what, k)
                    .isCloseTo(lTable, within(1e-10 * lTable));
            assertThat(st.organicTotal(k)).as("%s: reported organic total on stage %d", what, k)
                    .isCloseTo(vTable, within(1e-10 * vTable));
            // the table itself (docs/theory.md, Conventions), rebuilt here from S and W
            assertThat(lTable).as("%s: flow table, aqueous stage %d", what, k)
                    .isCloseTo(tableAqueous(c, k), within(1e-14 * lTable));
            assertThat(vTable).as("%s: flow table, organic stage %d", what, k)
                    .isCloseTo(tableOrganic(c, k), within(1e-14 * vTable));
        }

        // CMER equilibrium on every stage: y_j/x_j ∝ β_j
        double[] beta = beta(c);
        for (int k = 1; k <= stages; k++) {
            double ref = st.organicFraction(k, 0) / st.aqueousFraction(k, 0) / beta[0];
            for (int j = 1; j < comps; j++) {
                double r = st.organicFraction(k, j) / st.aqueousFraction(k, j) / beta[j];
                assertThat(r).as("%s: equilibrium stage %d component %d", what, k, j).isCloseTo(ref, within(1e-12 * ref));
            }
        }

        // every stage balance, relative to the component's stage outflow, in plain arithmetic
        double worst = 0;
        for (int k = 1; k <= stages; k++) {
            for (int j = 0; j < comps; j++) {
                int i = (k - 1) * comps + j;
                double in = (k > 1 ? org[i - comps] : 0) + (k < stages ? aq[i + comps] : 0) + net.feed(k, j);
                double outflow = org[i] + aq[i];
                worst = Math.max(worst, Math.abs(in - outflow) / outflow);
            }
        }
        assertThat(worst).as("%s: largest relative stage imbalance", what).isLessThanOrEqualTo(1e-10);
        assertThat(StageBalances.maxRelativeImbalance(net, st.lnAqueous(), st.lnOrganic(), null))
                .isLessThanOrEqualTo(1e-10);
        assertThat(st.residual()).isLessThanOrEqualTo(c.solver().tolerance());
        assertThat(st.massBalanceError()).isLessThanOrEqualTo(1e-10);
    }

    private static double[] beta(CascadeCase c) {
        var eq = (org.sxcascade.equilibrium.ConstantSeparationFactors) c.equilibrium();
        double[] b = new double[c.components().size()];
        for (int j = 0; j < b.length; j++) {
            b[j] = eq.separationFactor(j);
        }
        return b;
    }

    /** Flow table (docs/theory.md, Conventions): aqueous RE flow leaving stage k. */
    static double tableAqueous(CascadeCase c, int k) {
        var xu = (org.sxcascade.model.XuFlows) c.flows();
        double s = xu.extractant();
        double w = xu.scrub();
        int n = c.cascade().extractionStages();
        boolean aqueousFeed = c.feed().phase() == FeedPhase.AQUEOUS;
        if (k == 1) {
            return aqueousFeed ? w + 1 - s : w - s;
        }
        return aqueousFeed && k <= n ? w + 1 : w;
    }

    /** Flow table (docs/theory.md, Conventions): organic RE flow leaving stage k. */
    static double tableOrganic(CascadeCase c, int k) {
        var xu = (org.sxcascade.model.XuFlows) c.flows();
        double s = xu.extractant();
        double w = xu.scrub();
        int n = c.cascade().extractionStages();
        int total = c.cascade().totalStages();
        boolean aqueousFeed = c.feed().phase() == FeedPhase.AQUEOUS;
        if (k == total) {
            return aqueousFeed ? s - w : s + 1 - w;
        }
        return aqueousFeed || k <= n ? s : s + 1;
    }

    private static String describe(CascadeCase c) {
        var xu = (org.sxcascade.model.XuFlows) c.flows();
        return String.format(java.util.Locale.ROOT, "β=%s z=%s %s (n,m)=(%d,%d) S=%.6f W=%.6f",
                Arrays.toString(beta(c)), Arrays.toString(c.feed().composition()), c.feed().phase().label(),
                c.cascade().extractionStages(), c.cascade().scrubStages(), xu.extractant(), xu.scrub());
    }
}
