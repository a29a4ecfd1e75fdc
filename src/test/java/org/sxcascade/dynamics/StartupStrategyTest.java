package org.sxcascade.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.InvalidInputException;

/**
 * Start-up strategies (issue 19, item 3) for every model: each conserves every component to 1e-10,
 * each that reaches its steady state ends in that of {@code simulate} to 1e-8, a total reflux that
 * never opens holds exactly what was fed, a pre-equilibrated start is on target at t = 0.
 */
class StartupStrategyTest {
    @TempDir
    static Path dir;

    /** cases/pr-nd-1974.yaml (CMER, plant flows), long enough for its slow mode under the implicit integrator. */
    static final String CMER = TransientStageOptionsTest.bundled("cases/pr-nd-1974.yaml") + """
            transient: {holdUp: {aqueous: 10, organic: 20}, simulatedTime: 20000 d, sampling: 1000 d,
                        method: auto, tolerance: 1e-9, steadyStateTolerance: 1e-8,
                        strategies: {blank: {}, feed-filled: {}, loaded-organic: {loading: 0.5},
                                     pre-equilibrated: {}, total-reflux: {}, ramped-feed: {from: 0.8, over: 3 d}}}
            """;
    /** The four-stage constant-D Murphree case of {@link TransientStageOptionsTest}. */
    static final String LINEAR = TransientStageOptionsTest.FOUR_STAGE.replace("simulatedTime: 200 h", "simulatedTime: 400 h");
    /** The short mass-action case of {@link MassActionTransientTest}, to its steady state. */
    static final String MASS_ACTION = MassActionTransientTest.CASE.replace("simulatedTime: 900 h",
            "simulatedTime: 20000 h\n  method: auto").replace("sampling: 90 h", "sampling: 1000 h");

    static TransientCase read(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "case", ".yaml");
        Files.writeString(file, yaml);
        return new CaseReader().readForTransient(file);
    }

    static TransientResult run(TransientCase tc, StartupStrategy s) {
        return TransientSolver.forMethod(tc.settings().method()).run(tc, s);
    }

    static Stream<Arguments> everyModelAndStrategy() {
        return Stream.of(CMER, LINEAR, MASS_ACTION).flatMap(c -> Stream.of(StartupStrategy.Kind.values())
                .map(k -> Arguments.of(c.equals(CMER) ? "separation-factors" : c.equals(LINEAR)
                        ? "distribution-ratios" : "mass-action", c, k)));
    }

    /** The strategy as the case lists it (its parameters), else with the defaults. */
    private static StartupStrategy strategy(TransientCase tc, StartupStrategy.Kind k) {
        return tc.settings().comparedStrategies().stream().filter(s -> s.kind() == k).findFirst()
                .orElse(StartupStrategy.of(k));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("everyModelAndStrategy")
    void everyStrategyConservesAndEndsInTheSteadyStateOfSimulate(String model, String yaml, StartupStrategy.Kind k)
            throws Exception {
        TransientCase tc = read(yaml);
        assertThat(tc.model().modelName()).isEqualTo(model);
        TransientResult r = run(tc, strategy(tc, k));
        assertThat(r.maxConservationError()).isLessThan(1e-10);
        assertThat(r.hoursToSteadyState()).as("steady state reached").isNotNull();
        TransientStageOptionsTest.assertEndIsSimulate(r, 1e-8);
    }

    static Stream<Arguments> murphreeAndSideDraws() {
        return Stream.of(TransientStageOptionsTest.CMER, TransientStageOptionsTest.MASS_ACTION)
                .flatMap(c -> Stream.of(StartupStrategy.Kind.values()).map(k -> Arguments.of(
                        c == TransientStageOptionsTest.CMER ? "separation-factors" : "mass-action", c, k)));
    }

    /** Murphree stages and a side draw: every strategy conserves and ends in the steady state of simulate. */
    @ParameterizedTest(name = "{0} Murphree + side draw {2}")
    @MethodSource("murphreeAndSideDraws")
    void everyStrategyWorksWithMurphreeStagesAndSideDraws(String model, String yaml, StartupStrategy.Kind k)
            throws Exception {
        TransientCase tc = read(yaml);
        assertThat(tc.model().modelName()).isEqualTo(model);
        // the throughput ramp (every inlet with the feed): a feed-only ramp from 25 % breaks CMER's S < W + 1
        StartupStrategy s = k == StartupStrategy.Kind.RAMPED_FEED
                ? new StartupStrategy(k, 1, null, 0.25, 24, 8, true) : StartupStrategy.of(k);
        TransientResult r = run(tc, s);
        assertThat(r.maxConservationError()).isLessThan(1e-10);
        assertThat(r.hoursToSteadyState()).as("steady state reached").isNotNull();
        TransientStageOptionsTest.assertEndIsSimulate(r, 1e-8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aTotalRefluxNeverOpenedHoldsExactlyWhatWasFed(String model, String yaml) throws Exception {
        TransientCase tc = read(yaml);
        TransientSettings s = tc.settings().withTimes(tc.settings().simulatedHours() / 100,
                tc.settings().simulatedHours() / 1000);
        tc = tc.withSettings(s);
        StartupStrategy never = new StartupStrategy(StartupStrategy.Kind.TOTAL_REFLUX, 1, 2 * s.simulatedHours(),
                0.5, 1, 1);
        TransientResult r = run(tc, never);
        assertThat(r.maxConservationError()).isLessThan(1e-10);
        TransientModel m = r.model();
        CascadeDynamics d = m.dynamics(0, s.holdUp(), Double.NaN);
        TransientSample first = r.samples().get(0);
        for (TransientSample sample : r.samples()) {
            for (int j = 0; j < m.components().size(); j++) {
                double held = 0;
                double initial = 0;
                for (int x = 0; x < 3; x++) {
                    held += sample.sectionInventories()[x][j];
                    initial += first.sectionInventories()[x][j];
                }
                double fed = d.feedRate(j) * sample.hours() * m.reportScale();
                assertThat(held).as("%s at %s h", m.components().get(j), sample.hours())
                        .isCloseTo(initial + fed, within(1e-12 * (initial + fed) + 1e-300));
            }
            for (int i = 0; i < r.products().size(); i++) {
                for (int j = 0; j < m.components().size(); j++) {
                    assertThat(sample.productFlow(i, j)).isZero();
                }
            }
        }
        assertThat(r.targets()).noneMatch(TargetTime::reached);
    }

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of("separation-factors", CMER), Arguments.of("distribution-ratios", LINEAR),
                Arguments.of("mass-action", MASS_ACTION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aPreEquilibratedStartIsOnTargetAtTimeZero(String model, String yaml) throws Exception {
        TransientCase tc = read(yaml);
        tc = tc.withSettings(tc.settings().withTimes(100, 10));
        TransientResult r = run(tc, StartupStrategy.of(StartupStrategy.Kind.PRE_EQUILIBRATED));
        for (TargetTime t : r.targets()) {
            if (t.finalPurity() >= t.target()) {
                assertThat(t.hours()).as(t.product()).isZero();
            }
        }
        assertThat(r.hoursToSteadyState()).isZero();
    }

    @Test
    void totalRefluxOpensWhenTheSteadyInventoryIsHeld() throws Exception {
        TransientCase tc = read(CMER);
        tc = tc.withSettings(tc.settings().withTimes(30 * 24, 24).withMethod(TransientSettings.Method.CONTINUOUS));
        TransientResult r = run(tc, StartupStrategy.of(StartupStrategy.Kind.TOTAL_REFLUX));
        String note = r.notes().stream().filter(n -> n.startsWith("total reflux")).findFirst().orElseThrow();
        // RE inventory at steady state over the RE feed rate: nothing leaves until then
        TransientResult steady = run(tc, StartupStrategy.of(StartupStrategy.Kind.PRE_EQUILIBRATED));
        double held = 0;
        for (double[] section : steady.samples().get(0).sectionInventories()) {
            for (double v : section) {
                held += v;
            }
        }
        double hours = held / r.model().perOwnUnit(0);
        assertThat(note).contains(Times.format(hours));
        // and the products are on target later than from blank? not necessarily; but after the draw opens
        for (TargetTime t : r.targets()) {
            assertThat(t.hours()).isGreaterThan(hours);
        }
    }

    @Test
    void theComparisonTellsTimesAndUseOfEveryStrategy() throws Exception {
        TransientCase tc = read(CMER);
        tc = tc.withSettings(tc.settings().withTimes(30 * 24, 24).withMethod(TransientSettings.Method.CONTINUOUS));
        StartupComparison c = StartupComparison.run(tc, tc.settings().comparedStrategies(), false, StartupStrategyTest::run);
        assertThat(c.rows()).hasSize(6);
        StartupComparison.Row blank = c.rows().get(0);
        // the blank start's targets: docs/tutorial-1974.md (4.05 d, 5.48 d)
        assertThat(blank.targets().get(0).hours() / 24).isBetween(4.0, 4.1);
        assertThat(blank.fill()).isZero();
        // RE fed until the target = feed rate × time
        double feedRate = tc.model().perOwnUnit(0);
        StartupComparison.Use u = blank.targets().get(0);
        assertThat(u.feedUsed()).isCloseTo(feedRate * u.hours(), within(1e-9 * u.feedUsed()));
        // extractant S·F and scrub W·F over the same time
        double[] rates = tc.model().reagentRates(0);
        assertThat(u.reagents()[0]).isCloseTo(rates[0] * u.hours(), within(1e-9 * u.reagents()[0]));
        // the feed-filled start holds the feed's RE in every stage's aqueous (10 L × 0.4 mol/L? the case's)
        StartupComparison.Row filled = c.rows().get(1);
        assertThat(filled.fill()).isGreaterThan(0);
        // pre-equilibrated: on target at t = 0 with nothing used yet
        StartupComparison.Row pre = c.rows().get(3);
        assertThat(pre.targets()).allMatch(x -> x.hours() == 0 && x.feedUsed() == 0);
        // the ramp from 80 %: less RE fed until the first target than a full feed would have over that time
        StartupComparison.Row ramp = c.rows().get(5);
        StartupComparison.Use first = ramp.targets().get(0);
        assertThat(first.feedUsed()).isLessThan(feedRate * first.hours());
    }

    /**
     * Ramping every inlet flow together keeps S and W and only rescales time (fixed stage volumes,
     * every rate proportional to the throughput: dM/dt = f(t) G(M)), so the targets are reached after
     * exactly the same amount of feed as from blank at full flow: an exact check of the ramp's
     * events, their timing and the accounting of what was fed.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aThroughputRampReachesTheTargetsWithTheSameFeedAsTheBlankStart(String model, String yaml) throws Exception {
        TransientCase tc = read(yaml);
        tc = tc.withSettings(tc.settings().withTimes(model.equals("separation-factors") ? 30 * 24 : 900, 10)
                .withMethod(TransientSettings.Method.CONTINUOUS));
        // the ramp ends before any target: a product counts only once it flows at 99 % of its full flow
        StartupStrategy ramp = new StartupStrategy(StartupStrategy.Kind.RAMPED_FEED, 1, null, 0.25,
                model.equals("separation-factors") ? 48 : 2, 8, true);
        StartupComparison c = StartupComparison.run(tc, List.of(StartupStrategy.of(StartupStrategy.Kind.BLANK), ramp),
                false, StartupStrategyTest::run);
        List<StartupComparison.Use> blank = new java.util.ArrayList<>(c.rows().get(0).targets());
        List<StartupComparison.Use> ramped = new java.util.ArrayList<>(c.rows().get(1).targets());
        if (model.equals("distribution-ratios")) { // no purity targets: the steady state
            blank.add(c.rows().get(0).steady());
            ramped.add(c.rows().get(1).steady());
        }
        assertThat(blank).isNotEmpty();
        for (int i = 0; i < blank.size(); i++) {
            assertThat(blank.get(i).reached()).as(blank.get(i).name()).isTrue();
            assertThat(ramped.get(i).hours()).isGreaterThan(blank.get(i).hours());
            // the steady state's crossing (a distance of 1e-9) is sensitive to the integration error
            double relative = blank.get(i).name().equals("steady state") ? 1e-3 : 1e-5;
            assertThat(ramped.get(i).feedUsed()).as(blank.get(i).name())
                    .isCloseTo(blank.get(i).feedUsed(), within(relative * blank.get(i).feedUsed()));
        }
        assertThat(c.rows().get(1).result().maxConservationError()).isLessThan(1e-10);
    }

    @Test
    void strategiesThatDoNotSuitTheCaseAreErrorsNamingThem() throws Exception {
        // flows as S and W: no feed flow to fill with or to ramp
        String xu = """
                name: xu
                model: separation-factors
                components:
                  - {name: A, separationFactor: 2.0}
                  - {name: B, separationFactor: 1.0}
                feed: {phase: aqueous, composition: {A: 0.5, B: 0.5}}
                cascade: {extractionStages: 10, scrubStages: 10}
                flows: {extractant: 1.2, scrub: 0.6}
                targets: {organic: {purity: 0.99}, aqueous: {purity: 0.99}}
                transient: {residenceTime: {aqueous: 0.5 h, organic: 0.5 h}, simulatedTime: 100 h}
                """;
        TransientCase tc = read(xu);
        assertThatThrownBy(() -> StartupComparison.run(tc, List.of(StartupStrategy.of(StartupStrategy.Kind.FEED_FILLED)),
                false, StartupStrategyTest::run)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("feed-filled");
        assertThatThrownBy(() -> StartupComparison.run(tc, List.of(StartupStrategy.of(StartupStrategy.Kind.RAMPED_FEED)),
                false, StartupStrategyTest::run)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ramped-feed");
        // all applicable: those two left out, the rest run
        StartupComparison c = StartupComparison.run(tc, StartupStrategy.defaults(), true, StartupStrategyTest::run);
        assertThat(c.skipped()).hasSize(2);
        assertThat(c.rows()).hasSize(4);
    }

    @Test
    void parametersAreChecked() {
        assertThatThrownBy(() -> new StartupStrategy(StartupStrategy.Kind.LOADED_ORGANIC, 1.5, null, 0.5, 1, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("loading");
        assertThatThrownBy(() -> new StartupStrategy(StartupStrategy.Kind.RAMPED_FEED, 1, null, 1.0, 1, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("from");
        assertThatThrownBy(() -> new StartupStrategy(StartupStrategy.Kind.RAMPED_FEED, 1, null, 0.5, 1, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("steps");
        assertThatThrownBy(() -> StartupStrategy.Kind.parse("--compare", "warm"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("total-reflux");
    }
}
