package org.sxcascade.flowsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.io.FlowsheetReader;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/**
 * Recycle loops: the tear iteration converges to its tolerance, the whole flowsheet closes, and the
 * steady state does not depend on the tear's first guess or on the acceleration.
 */
class RecycleTest {
    private static final long SEED = 19580101L;

    /** Every outlet of two results agrees to {@code relative} (traces judged against 1e-14 of their stream). */
    private static void assertSameSolution(FlowsheetResult a, FlowsheetResult b, double relative) {
        Flowsheet fs = a.flowsheet();
        for (int s = 0; s < fs.sources().size(); s++) {
            for (int j = 0; j < fs.components().size(); j++) {
                Flowsheets.assertClose(a.flow(s, j), b.flow(s, j), fs.sourceTotal(s), relative,
                        fs.sources().get(s).name() + " " + fs.components().get(j));
            }
        }
    }

    private static void assertConvergedAndClosed(FlowsheetResult r) {
        Flowsheet fs = r.flowsheet();
        assertThat(r.tearResidual()).isLessThanOrEqualTo(fs.settings().tearTolerance());
        assertThat(r.tearHistory()).hasSize(r.tearIterations());
        assertThat(r.tearHistory()[r.tearIterations() - 1]).isEqualTo(r.tearResidual());
        for (int j = 0; j < fs.components().size(); j++) {
            assertThat(r.closure(j)).as("closure of " + fs.components().get(j)).isLessThanOrEqualTo(1e-10);
        }
        for (UnitResult u : r.units()) {
            assertThat(u.state().massBalanceError()).as(u.unit().name()).isLessThanOrEqualTo(1e-10);
        }
    }

    @Test
    void aTernaryLoopConvergesAtTheDefaultToleranceFromEveryStart() {
        Flowsheet fs = Flowsheets.parse(Flowsheets.ternaryLoop(0.7, 0.8, 0.5, 1.5, ""));
        assertThat(fs.tornSources()).containsExactly(fs.sourceIndex("two.raffinate"));
        // the metal balance fixes the recycle's total: R = fraction · (W2 − S2)
        assertThat(fs.sourceTotal(fs.sourceIndex("two.raffinate"))).isCloseTo(0.8, within(1e-14));
        FlowsheetSolver solver = new FlowsheetSolver();
        FlowsheetResult sharp = solver.solve(fs);
        assertThat(fs.settings().tearTolerance()).isEqualTo(1e-12);
        assertThat(sharp.tearIterations()).isGreaterThan(2);
        assertConvergedAndClosed(sharp);
        for (FlowsheetSettings.TearStart start : FlowsheetSettings.TearStart.values()) {
            FlowsheetResult other = solver.solve(fs, fs.settings().withTearStart(start));
            assertConvergedAndClosed(other);
            assertSameSolution(other, sharp, 1e-9);
        }
        FlowsheetResult plain = solver.solve(fs, fs.settings().withAcceleration(FlowsheetSettings.Acceleration.NONE));
        assertConvergedAndClosed(plain);
        assertSameSolution(plain, sharp, 1e-9);
        assertThat(plain.acceleration()).isEqualTo("plain successive substitution");
        // the products: the unsent half of the recycle stream is one of them
        assertThat(sharp.products()).containsExactly(fs.sourceIndex("one.raffinate"), fs.sourceIndex("two.raffinate"),
                fs.sourceIndex("two.organic"));
        assertThat(fs.productShare(fs.sourceIndex("two.raffinate"))).isEqualTo(0.5);
    }

    static Stream<Arguments> loops() {
        Random random = new Random(SEED);
        return IntStream.range(0, 8).mapToObj(i -> {
            double fraction = 0.1 + 0.8 * random.nextDouble();
            double d = 0.4 / (1 - fraction) * (0.8 + 0.4 * random.nextDouble());
            double s2 = 0.6 + 2.5 * random.nextDouble();
            return Arguments.of(fraction, d, s2);
        });
    }

    /** Random recycle shares and flows (seeded): converged, closed, and the same from two first guesses. */
    @ParameterizedTest
    @MethodSource("loops")
    void randomLoopsConvergeToOneSteadyState(double fraction, double d, double s2) {
        Flowsheet fs = Flowsheets.parse(Flowsheets.ternaryLoop(0.7, d, fraction, s2, "solver: {tearTolerance: 1e-11}"));
        FlowsheetSolver solver = new FlowsheetSolver();
        FlowsheetResult feed = solver.solve(fs, fs.settings().withTearStart(FlowsheetSettings.TearStart.FEED));
        FlowsheetResult uniform = solver.solve(fs, fs.settings().withTearStart(FlowsheetSettings.TearStart.UNIFORM));
        assertConvergedAndClosed(feed);
        assertConvergedAndClosed(uniform);
        assertSameSolution(feed, uniform, 1e-9);
    }

    /** The bundled La | Ce | Pr | Nd flowsheet: the same steady state from the sharp-split and the feed start. */
    @Test
    void theLaCePrNdCaseIsTheSameFromTwoStarts() {
        Flowsheet fs = new FlowsheetReader().read(Path.of("cases/la-ce-pr-nd.yaml"));
        FlowsheetSolver solver = new FlowsheetSolver();
        FlowsheetResult sharp = solver.solve(fs);
        FlowsheetResult feed = solver.solve(fs, fs.settings().withTearStart(FlowsheetSettings.TearStart.FEED));
        assertConvergedAndClosed(sharp);
        assertConvergedAndClosed(feed);
        assertSameSolution(sharp, feed, 1e-9);
        assertThat(sharp.targetsMet()).isTrue();
    }

    /**
     * A cascade before the loop (fed only by the fresh feed) and one after it (fed by the loop,
     * feeding nothing back) are solved once: the first before the passes, the last with the
     * streams of the converged pass.
     */
    @Test
    void cascadesOutsideTheLoopAreSolvedOnceWithTheLoopsStreams() {
        String yaml = """
                model: separation-factors
                components:
                  - {name: A, separationFactor: 1.0}
                  - {name: B, separationFactor: 2.0}
                  - {name: C, separationFactor: 4.0}
                feeds:
                  - {name: ore, composition: {A: 0.3, B: 0.4, C: 0.3}, amount: 50}
                cascades:
                  - {name: pre, extractionStages: 6, scrubStages: 6, extractant: 1.2, acidScrub: 0.5,
                     inlets: [{from: ore, phase: aqueous}]}
                  - {name: one, extractionStages: 12, scrubStages: 12, extractant: 1.1, acidScrub: 0,
                     inlets: [{from: pre.raffinate, phase: aqueous}, {from: pre.organic, phase: aqueous},
                              {from: two.raffinate, phase: aqueous, stage: 24, fraction: 0.5}]}
                  - {name: two, extractionStages: 14, scrubStages: 14, extractant: 1.5, acidScrub: 2.3,
                     inlets: [{from: one.organic, phase: organic}]}
                  - {name: three, extractionStages: 8, scrubStages: 8, extractant: 0.5, acidScrub: 0.6,
                     inlets: [{from: two.organic, phase: organic}]}
                solver: {tearTolerance: 1e-11}
                """;
        Flowsheet fs = Flowsheets.parse(yaml);
        assertThat(FlowsheetSolver.dependsOnTear(fs)).containsExactly(false, true, true, true);
        assertThat(FlowsheetSolver.feedsTear(fs)).containsExactly(true, true, true, false);
        FlowsheetResult r = new FlowsheetSolver().solve(fs);
        assertConvergedAndClosed(r);
        assertThat(r.tearIterations()).isGreaterThan(2);
        int c = fs.components().size();
        // each cascade's inlets are the final flows of their sources
        for (int j = 0; j < c; j++) {
            assertThat(r.units().get(1).inletFlows().get(0)[j]).isEqualTo(r.flow(fs.sourceIndex("pre.raffinate"), j));
            assertThat(r.units().get(1).inletFlows().get(1)[j]).isEqualTo(r.flow(fs.sourceIndex("pre.organic"), j));
            assertThat(r.units().get(3).inletFlows().get(0)[j]).isEqualTo(r.flow(fs.sourceIndex("two.organic"), j));
        }
        // and the last cascade's outlets are the solve of its network with them
        SteadyState three = new NewtonCascadeSolver().solve(r.units().get(3).network(),
                FlowsheetSolver.tightSettings(fs.settings()));
        for (int j = 0; j < c; j++) {
            Flowsheets.assertClose(r.flow(fs.sourceIndex("three.raffinate"), j), three.aqueousFlow(1, j),
                    fs.sourceTotal(fs.sourceIndex("three.raffinate")), 1e-12, "three.raffinate " + j);
            Flowsheets.assertClose(r.flow(fs.sourceIndex("three.organic"), j), three.organicFlow(16, j),
                    fs.sourceTotal(fs.sourceIndex("three.organic")), 1e-12, "three.organic " + j);
        }
    }

    /** A side draw feeding another cascade, and Murphree efficiencies, inside a loop. */
    @Test
    void drawsAndEfficienciesTakePartInTheLoop() {
        String yaml = Flowsheets.ternaryLoop(0.7, 0.8, 0.5, 1.5, "")
                .replace("    extractant: 1.5\n", "    extractant: 1.5\n    efficiency: {extraction: 0.9, scrub: 0.85}\n"
                        + "    sideDraws:\n      - {name: mid, stage: 10, phase: aqueous, flow: 0.05}\n")
                + """
                  - name: three
                    extractionStages: 8
                    scrubStages: 8
                    extractant: 0.03
                    acidScrub: 0.01
                    inlets:
                      - {from: two.mid, phase: aqueous}
                """;
        FlowsheetResult r = Flowsheets.solve(yaml);
        Flowsheet fs = r.flowsheet();
        assertThat(fs.sourceTotal(fs.sourceIndex("two.mid"))).isEqualTo(0.05);
        // the draw lowers two's raffinate by 0.05
        assertThat(fs.sourceTotal(fs.sourceIndex("two.raffinate"))).isCloseTo(0.8 - 0.05, within(1e-14));
        assertConvergedAndClosed(r);
        UnitResult two = r.units().get(1);
        assertThat(two.network().isPlain()).isFalse();
        double drawn = 0;
        for (int j = 0; j < 3; j++) {
            drawn += r.flow(fs.sourceIndex("two.mid"), j);
            assertThat(r.units().get(2).inletFlows().get(0)[j]).isEqualTo(r.flow(fs.sourceIndex("two.mid"), j));
        }
        assertThat(drawn).isCloseTo(0.05, within(1e-12));
    }
}
