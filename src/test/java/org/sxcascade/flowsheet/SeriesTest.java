package org.sxcascade.flowsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.model.StageFeed;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/**
 * Two cascades in series without recycle are the two solved one after another by hand: the first's
 * loaded organic (or raffinate) built into the second's network as a feed. A property test over
 * random separation factors, feeds, stage counts and feasible flows (seeded).
 */
class SeriesTest {
    private static final long SEED = 20260301L;

    /** One random series: the second cascade takes the first's organic (organic feed) or raffinate (aqueous). */
    record Series(double[] beta, double[] z, int n1, int m1, double s1, double w1, boolean organicLink, int n2, int m2,
                  double s2, double w2) {
        String yaml() {
            StringBuilder comps = new StringBuilder();
            StringBuilder comp = new StringBuilder();
            for (int j = 0; j < beta.length; j++) {
                comps.append(String.format(Locale.ROOT, "  - {name: C%d, separationFactor: %.17g}%n", j + 1, beta[j]));
                comp.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "C%d: %.17g", j + 1, z[j]));
            }
            return String.format(Locale.ROOT, """
                    model: separation-factors
                    components:
                    %s
                    feeds:
                      - {name: ore, composition: {%s}, amount: 3}
                    cascades:
                      - name: first
                        extractionStages: %d
                        scrubStages: %d
                        extractant: %.17g
                        acidScrub: %.17g
                        inlets:
                          - {from: ore, phase: aqueous}
                      - name: second
                        extractionStages: %d
                        scrubStages: %d
                        extractant: %.17g
                        acidScrub: %.17g
                        inlets:
                          - {from: first.%s, phase: %s}
                    """, comps.toString().stripTrailing(), comp, n1, m1, s1, w1, n2, m2, s2, w2,
                    organicLink ? "organic" : "raffinate", organicLink ? "organic" : "aqueous");
        }
    }

    static Stream<Series> series() {
        Random random = new Random(SEED);
        return IntStream.range(0, 12).mapToObj(i -> {
            int c = 2 + random.nextInt(3);
            double[] beta = new double[c];
            beta[0] = 1;
            for (int j = 1; j < c; j++) {
                beta[j] = beta[j - 1] * (1.3 + 1.5 * random.nextDouble());
            }
            double[] z = new double[c];
            double sum = 0;
            for (int j = 0; j < c; j++) {
                z[j] = 0.1 + random.nextDouble();
                sum += z[j];
            }
            for (int j = 0; j < c; j++) {
                z[j] /= sum;
            }
            // first: aqueous feed, W < S < W + 1; organic product u = S − W
            double w1 = 0.5 + 2 * random.nextDouble();
            double u = 0.2 + 0.6 * random.nextDouble();
            boolean organicLink = random.nextBoolean();
            double s2;
            double w2;
            if (organicLink) {
                // organic feed of u: S < W < S + u
                s2 = 0.3 + 1.5 * random.nextDouble();
                w2 = s2 + (0.2 + 0.6 * random.nextDouble()) * u;
            } else {
                // aqueous feed of 1 − u: W < S < W + (1 − u)
                w2 = 0.3 + 1.5 * random.nextDouble();
                s2 = w2 + (0.2 + 0.6 * random.nextDouble()) * (1 - u);
            }
            return new Series(beta, z, 4 + random.nextInt(25), 4 + random.nextInt(25), w1 + u, w1, organicLink,
                    4 + random.nextInt(25), 4 + random.nextInt(25), s2, w2);
        });
    }

    @ParameterizedTest
    @MethodSource("series")
    void equalsTheCascadesSolvedOneAfterTheOther(Series s) {
        FlowsheetResult r = Flowsheets.solve(s.yaml());
        int c = s.beta().length;
        var eq = new ConstantSeparationFactors(s.beta());
        NewtonCascadeSolver solver = new NewtonCascadeSolver();
        int total1 = s.n1() + s.m1();
        SteadyState first = solver.solve(CascadeNetwork.cmer(eq, total1, s.s1(), s.w1(),
                List.of(StageFeed.ofMetal(s.n1(), FeedPhase.AQUEOUS, s.z())), List.of()), SolverSettings.defaults());
        double[] link = new double[c];
        for (int j = 0; j < c; j++) {
            link[j] = s.organicLink() ? first.organicFlow(total1, j) : first.aqueousFlow(1, j);
        }
        int total2 = s.n2() + s.m2();
        FeedPhase phase = s.organicLink() ? FeedPhase.ORGANIC : FeedPhase.AQUEOUS;
        SteadyState second = solver.solve(CascadeNetwork.cmer(eq, total2, s.s2(), s.w2(),
                List.of(StageFeed.ofMetal(s.organicLink() ? s.n2() + 1 : s.n2(), phase, link)), List.of()),
                SolverSettings.defaults());

        Flowsheet fs = r.flowsheet();
        assertThat(fs.tornSources()).isEmpty();
        assertThat(r.tearIterations()).isEqualTo(1);
        for (int j = 0; j < c; j++) {
            Flowsheets.assertClose(r.flow(fs.sourceIndex("first.raffinate"), j), first.aqueousFlow(1, j), 1, 1e-12, "first raffinate");
            Flowsheets.assertClose(r.flow(fs.sourceIndex("first.organic"), j), first.organicFlow(total1, j), 1, 1e-12, "first organic");
            Flowsheets.assertClose(r.flow(fs.sourceIndex("second.raffinate"), j), second.aqueousFlow(1, j), 1, 1e-12, "second raffinate");
            Flowsheets.assertClose(r.flow(fs.sourceIndex("second.organic"), j), second.organicFlow(total2, j), 1, 1e-12, "second organic");
        }
        // the unused outlet of the first cascade and both of the second's are the products
        assertThat(r.products()).hasSize(3);
        assertThat(r.maxClosure()).isLessThanOrEqualTo(1e-10);
        for (UnitResult u : r.units()) {
            assertThat(u.state().massBalanceError()).isLessThanOrEqualTo(1e-10);
        }
    }
}
