package org.sxcascade.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;
import org.sxcascade.solver.SteadyStateSolver;

/**
 * Murphree stages and side draws in transient runs of every model (issues 15 and 19): the dynamics'
 * steady state is that of {@code simulate} (every derivative vanishes there), a start-up ends in it,
 * and every component is conserved.
 */
class TransientStageOptionsTest {
    /** cases/pr-nd-1974.yaml (CMER, 11 + 8 stages) with Murphree 0.9 / 0.8 and an aqueous side draw at stage 14. */
    static final String CMER = bundled("cases/pr-nd-1974.yaml") + """
            efficiency: {extraction: 0.9, scrub: 0.8}
            sideDraws:
              - {name: middle, stage: 14, phase: aqueous, flow: 0.1}
            transient: {holdUp: {aqueous: 10, organic: 20}, simulatedTime: 40 d, sampling: 4 d,
                        tolerance: 1e-9, steadyStateTolerance: 1e-8}
            """;

    /** A bundled case without its transient section. */
    static String bundled(String file) {
        try {
            String text = Files.readString(Path.of(file));
            return text.substring(0, text.indexOf("\ntransient:") + 1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** cases/murphree-four-stage.yaml (constant D, E = 0.80) with hold-ups. */
    static final String FOUR_STAGE = """
            name: four stages
            model: distribution-ratios
            components:
              - {name: A, distributionRatio: 1.5}
              - {name: B, distributionRatio: 0.5}
            feed: {phase: aqueous, composition: {A: 0.5, B: 0.5}, flow: 1.0}
            cascade: {extractionStages: 4, scrubStages: 0}
            flows: {organicFlow: 1.0, scrubFlow: 0}
            efficiency: {extraction: 0.80}
            transient: {holdUp: {aqueous: 1, organic: 1}, simulatedTime: 200 h, sampling: 20 h,
                        tolerance: 1e-10, steadyStateTolerance: 1e-9}
            """;
    /** The short mass-action case of {@link MassActionTransientTest} with Murphree 0.9 and an aqueous draw. */
    static final String MASS_ACTION = MassActionTransientTest.CASE.replace("targets:", """
            efficiency: {extraction: 0.9, scrub: 0.85, strip: 0.95}
            sideDraws:
              - {name: middle, stage: 9, phase: aqueous, flow: 0.5}
            targets:""");

    @TempDir
    static Path dir;

    static TransientCase read(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "case", ".yaml");
        Files.writeString(file, yaml);
        return new CaseReader().readForTransient(file);
    }

    private static SteadyState simulate(TransientModel m) {
        return SteadyStateSolver.solveFallingBackOnRows(m.ownNetwork(0), org.sxcascade.model.SolverSettings.defaults(),
                note -> { });
    }

    @ParameterizedTest
    @ValueSource(strings = {"cmer", "four", "mass-action"})
    void everyDerivativeVanishesAtTheSteadyStateOfSimulate(String which) throws Exception {
        TransientCase tc = read(switch (which) {
            case "cmer" -> CMER;
            case "four" -> FOUR_STAGE;
            default -> MASS_ACTION;
        });
        TransientModel m = tc.model();
        CascadeNetwork net = m.network(0);
        assertThat(net.isPlain()).isFalse();
        SteadyState s = m.steadyState(0, new java.util.ArrayList<>());
        for (CascadeDynamics d : List.of(m.dynamics(0, tc.settings().holdUp(), Double.NaN),
                m.dynamics(0, tc.settings().holdUp(), 0.37))) {
            double[] y = d.steadyAmounts(m.runSteadyState(0, s));
            double[] dydt = new double[y.length];
            d.derivatives(y, dydt);
            int c = net.components();
            double scale = m.perOwnUnit(0) / m.reportScale();
            for (int k = 0; k < net.stages(); k++) {
                for (int j = 0; j < c; j++) {
                    double flow = scale * (s.aqueousFlow(k + 1, j) + s.organicFlow(k + 1, j));
                    assertThat(Math.abs(dydt[k * c + j])).as("stage %d component %d", k + 1, j)
                            .isLessThan(1e-11 * flow + 1e-300);
                }
            }
            // the withdrawals are the products of simulate: the loaded organic includes the bypass
            int n = net.stages();
            for (int j = 0; j < c; j++) {
                double organic = scale * (1 - net.organicDraw(n)) * s.organicFlow(n, j);
                assertThat(dydt[d.organicProductOffset() + j]).isCloseTo(organic, within(1e-11 * organic + 1e-300));
            }
            if (d.shortestResidenceTime() != 0.37) {
                continue; // rows only for the rows model
            }
            // a row from the steady state leaves it where it was
            double[] row = y.clone();
            d.row(row, 0.37);
            for (int i = 0; i < n * c; i++) {
                assertThat(row[i]).isCloseTo(y[i], within(1e-11 * Math.abs(y[i]) + 1e-300));
            }
        }
    }

    /** Product i's component flows at the end equal those of simulate, relative 1e-8 of the product's flow. */
    static void assertEndIsSimulate(TransientResult r, double relative) {
        TransientModel m = r.model();
        int last = m.configurations() - 1;
        SteadyState s = m.steadyState(last, new java.util.ArrayList<>());
        CascadeNetwork net = m.ownNetwork(last);
        TransientSample end = r.end();
        for (int i = 0; i < r.products().size(); i++) {
            TransientResult.Product p = r.products().get(i);
            double share = net.share(p.outlet().phase(), p.stage(), p.outlet().drawn());
            double total = 0;
            for (int j = 0; j < net.components(); j++) {
                total += share * m.perOwnUnit(last) * (p.organic() ? s.organicFlow(p.stage(), j)
                        : s.aqueousFlow(p.stage(), j));
            }
            for (int j = 0; j < net.components(); j++) {
                double expected = share * m.perOwnUnit(last) * (p.organic() ? s.organicFlow(p.stage(), j)
                        : s.aqueousFlow(p.stage(), j));
                assertThat(end.productFlow(i, j)).as("%s component %d", p.name(), j)
                        .isCloseTo(expected, within(relative * total));
            }
        }
        assertThat(r.finalDistance()).isLessThan(1e-7);
        assertThat(r.maxConservationError()).isLessThan(1e-10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "rows"})
    void fourStageMurphreeStartUpEndsAtTheTextbookRecoveries(String method) throws Exception {
        TransientCase tc = read(FOUR_STAGE);
        TransientResult r = TransientSolver.forMethod(TransientSettings.Method.parse("--method", method)).run(tc);
        assertEndIsSimulate(r, 1e-8);
        // docs/theory.md, Reference numbers: recovery A 0.8950, B 0.4654 in the extract (feed 0.5 of each)
        double[] extract = r.end().productFlow(r.productIndex("organic"));
        assertThat(extract[0] / 0.5).isCloseTo(0.8950, within(5e-5));
        assertThat(extract[1] / 0.5).isCloseTo(0.4654, within(5e-5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "rows"})
    void cmerMurphreeStartUpWithASideDrawEndsInTheSteadyStateOfSimulate(String method) throws Exception {
        TransientCase tc = read(CMER);
        TransientResult r = TransientSolver.forMethod(TransientSettings.Method.parse("--method", method)).run(tc);
        assertThat(r.products()).extracting(TransientResult.Product::name).containsExactly("organic", "aqueous",
                "middle");
        assertEndIsSimulate(r, 1e-8);
        // the draw takes 0.1 mol RE per mol RE fed (5 mol/h)
        assertThat(TransientSample.total(r.end().productFlow(2))).isCloseTo(0.5, within(1e-8));
    }

    @Test
    void massActionMurphreeStartUpWithASideDrawEndsInTheSteadyStateOfSimulate() throws Exception {
        TransientCase tc = read(MASS_ACTION);
        MassActionCase c = MassActionTransientTest.first(tc);
        assertThat(c.efficiency()).containsExactly(0.9, 0.85, 0.95);
        TransientResult r = TransientSolver.forMethod(TransientSettings.Method.CONTINUOUS).run(tc);
        assertThat(r.products()).extracting(TransientResult.Product::name)
                .containsExactly("raffinate", "strip liquor", "stripped organic", "middle");
        assertEndIsSimulate(r, 1e-7);
    }

    @Test
    void eventsKeepTheStageOptions() throws Exception {
        TransientCase tc = read(CMER.replace("sampling: 4 d,", """
                sampling: 4 d,
                            events: [{at: 2 d, feedFlow: 9.5}],"""));
        CascadeNetwork after = tc.model().network(1);
        assertThat(after.efficiency(1)).isEqualTo(0.9);
        assertThat(after.efficiency(19)).isEqualTo(0.8);
        assertThat(after.aqueousDraw(14)).isPositive();
    }
}
