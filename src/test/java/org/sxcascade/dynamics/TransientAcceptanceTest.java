package org.sxcascade.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.equilibrium.ConstantDistributionRatios;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.EngineeringFlows;
import org.sxcascade.model.Feed;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.model.VolumetricFlows;
import org.sxcascade.model.XuFlows;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/** Issue 5 acceptance: conservation, end state = simulate, row simulation, step in feed composition. */
class TransientAcceptanceTest {
    private static final HoldUp HALF_HOUR = new HoldUp.ResidenceTimes(0.5, 0.3);

    static CascadeCase binary(FeedPhase phase, int n, int m, double s, double w, double... z) {
        return new CascadeCase("binary", List.of("A", "B"), new ConstantSeparationFactors(2, 1),
                new Feed(phase, z, null, null), new Cascade(n, m), new XuFlows(s, w), null, null,
                SolverSettings.defaults());
    }

    /** Plant units: feed 10 L/h of 0.5 mol/L, organic loaded to 0.15 mol/L, scrub 1 mol/L H⁺. */
    static CascadeCase plant(int n, int m, double organicFlow, double scrubFlow) {
        return new CascadeCase("plant", List.of("Pr", "Nd"), new ConstantSeparationFactors(1, 2.5),
                new Feed(FeedPhase.AQUEOUS, new double[] {0.3, 0.7}, 10.0, 0.5), new Cascade(n, m),
                XuFlows.from(new EngineeringFlows(10, 0.5, organicFlow, 0.15, scrubFlow, 1.0)), null, null,
                SolverSettings.defaults());
    }

    static CascadeCase linear(FeedPhase phase) {
        return new CascadeCase("linear", List.of("A", "B"), new ConstantDistributionRatios(1.0, 0.5),
                new Feed(phase, new double[] {0.5, 0.5}, 60.0, 0.01), new Cascade(6, 3),
                new VolumetricFlows(60, 100, 20), null, null, SolverSettings.defaults());
    }

    static CascadeCase threeComponents() {
        return new CascadeCase("three", List.of("Ce", "Pr", "Nd"), new ConstantSeparationFactors(1, 2.03, 3.1465),
                new Feed(FeedPhase.AQUEOUS, new double[] {0.1, 0.2, 0.7}, null, null), new Cascade(8, 8),
                new XuFlows(4.2, 3.5), null, null, SolverSettings.defaults());
    }

    static List<Object[]> cases() {
        return List.of(
                new Object[] {"binary, aqueous feed", binary(FeedPhase.AQUEOUS, 8, 8, 2.6, 2.1, 0.5, 0.5), HALF_HOUR, 4000.0},
                new Object[] {"binary, organic feed", binary(FeedPhase.ORGANIC, 8, 8, 2.1, 2.6, 0.5, 0.5), HALF_HOUR, 4000.0},
                new Object[] {"plant units, hold-up volumes", plant(8, 8, 125, 45), new HoldUp.Volumes(10, 20), 4000.0},
                new Object[] {"linear, aqueous feed", linear(FeedPhase.AQUEOUS), new HoldUp.Volumes(30, 30), 400.0},
                new Object[] {"linear, organic feed", linear(FeedPhase.ORGANIC), new HoldUp.Volumes(30, 30), 400.0},
                new Object[] {"three components", threeComponents(), HALF_HOUR, 4000.0});
    }

    private static SteadyState steady(CascadeCase c) {
        return new NewtonCascadeSolver().solve(CascadeNetwork.of(c), SolverSettings.defaults());
    }

    private static TransientResult run(TransientCase tc) {
        return TransientSolver.forMethod(tc.settings().method()).run(tc);
    }

    private static TransientResult run(CascadeCase c, TransientSettings s) {
        return TransientSolver.forMethod(s.method()).run(TransientCase.of(c, s));
    }

    private static TransientSettings settings(HoldUp h, double hours, double sampling, List<TransientEvent> events) {
        return new TransientSettings(h, hours, sampling, TransientSettings.Initial.BLANK,
                TransientSettings.Method.CONTINUOUS, 1e-8, 1e-6, events);
    }

    /** Products at the end equal the steady state to 1e-8 (fractions and flows per mol fed). */
    private static void assertEndIsSteadyState(TransientResult r, CascadeCase c, double feedRate) {
        SteadyState s = steady(c);
        assertThat(r.finalDistance()).as("largest relative stage deviation from simulate").isLessThan(1e-8);
        assertThat(r.hoursToSteadyState()).isNotNull();
        TransientSample end = r.end();
        int n = s.stages();
        for (int j = 0; j < s.components(); j++) {
            assertThat(end.productFlow(0)[j] / feedRate).isCloseTo(s.organicFlow(n, j), within(1e-8));
            assertThat(end.productFlow(1)[j] / feedRate).isCloseTo(s.aqueousFlow(1, j), within(1e-8));
        }
        double[] org = end.productFlow(0);
        double[] aq = end.productFlow(1);
        double orgTotal = TransientSample.total(org);
        double aqTotal = TransientSample.total(aq);
        for (int j = 0; j < s.components(); j++) {
            assertThat(org[j] / orgTotal).isCloseTo(s.organicFraction(n, j), within(1e-8));
            assertThat(aq[j] / aqTotal).isCloseTo(s.aqueousFraction(1, j), within(1e-8));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void startUpEndsInTheSteadyStateOfSimulate(String name, CascadeCase c, HoldUp h, double hours) {
        TransientResult r = run(c, settings(h, hours, hours / 10, List.of()));
        double f = c.feed().molarFlow() == null ? 1 : c.feed().molarFlow();
        assertEndIsSteadyState(r, c, f);
        assertThat(r.maxConservationError()).isLessThan(1e-9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void conservationAtAllTimes(String name, CascadeCase c, HoldUp h, double hours) {
        // fine samples over the first part of the start-up, where everything moves
        double span = Math.min(hours, 100);
        TransientResult r = run(c, settings(h, span, 0.05, List.of()));
        assertThat(r.maxConservationError()).isLessThan(1e-9);
        for (TransientSample s : r.samples()) {
            assertThat(s.conservationError()).isLessThan(1e-9);
        }
        // independent of the integrated withdrawals: accumulated(t) = fed·t − ∫ product flows dt,
        // the integral by the trapezoidal rule on the samples (its error is the tolerance here)
        double f = c.feed().molarFlow() == null ? 1 : c.feed().molarFlow();
        List<TransientSample> samples = r.samples();
        for (int j = 0; j < c.components().size(); j++) {
            double withdrawn = 0;
            for (int i = 1; i < samples.size(); i++) {
                TransientSample a = samples.get(i - 1);
                TransientSample b = samples.get(i);
                withdrawn += 0.5 * (b.hours() - a.hours()) * (a.productFlow(0)[j] + a.productFlow(1)[j]
                        + b.productFlow(0)[j] + b.productFlow(1)[j]);
            }
            TransientSample end = r.end();
            double held = end.sectionInventories()[0][j] + end.sectionInventories()[1][j];
            double fed = f * CascadeNetwork.of(c).totalFeed(j) * span;
            assertThat(held).isCloseTo(fed - withdrawn, within(2e-4 * fed));
        }
    }

    @Test
    void conservationThroughEventsAndRows() {
        CascadeCase c = plant(8, 8, 125, 45);
        List<TransientEvent> events = List.of(
                new TransientEvent(30, new double[] {0.4, 0.6}, null, null, null, null, null),
                new TransientEvent(60, null, 11.0, 140.0, 50.0, null, null));
        TransientResult r = run(c, settings(new HoldUp.Volumes(10, 20), 120, 1, events));
        assertThat(r.maxConservationError()).isLessThan(1e-9);
        TransientResult rows = run(c, settings(new HoldUp.Volumes(10, 20), 120, 1, events)
                .withMethod(TransientSettings.Method.ROWS));
        assertThat(rows.maxConservationError()).isLessThan(1e-9);
        assertThat(rows.samples()).allSatisfy(s -> assertThat(s.conservationError()).isLessThan(1e-9));
    }

    @Test
    void eventsAtTheSameTimeAllApply() {
        CascadeCase c = plant(8, 8, 125, 45);
        TransientEvent composition = new TransientEvent(30, new double[] {0.4, 0.6}, null, null, null, null, null);
        TransientEvent flow = new TransientEvent(30, null, 11.0, null, null, null, null);
        TransientResult r = run(c, settings(new HoldUp.Volumes(10, 20), 4000, 100, List.of(composition, flow)));
        assertEndIsSteadyState(r, flow.applyTo(composition.applyTo(c)), 11.0 * 0.5);
        assertThat(r.maxConservationError()).isLessThan(1e-9);
    }

    @Test
    void rowsEndSampleIsInTheConfigurationThatProducedIt() {
        // an event inside the last row takes effect at the row's end, after the run's end: the end
        // sample must equal that of the same run without the event
        CascadeCase c = plant(8, 8, 125, 45);
        HoldUp h = new HoldUp.Volumes(10, 20);
        double[][] tau = CascadeDynamics.residenceTimes(c, h);
        CascadeNetwork net = CascadeNetwork.of(c);
        double held = 0;
        double flow = 0;
        for (int k = 1; k <= net.stages(); k++) {
            held += net.organicFlow(k) * tau[1][k - 1] + net.aqueousFlow(k) * tau[0][k - 1];
            flow += net.organicFlow(k) + net.aqueousFlow(k);
        }
        double row = held / flow; // the RE-weighted mean residence time
        double end = 20.5 * row;
        TransientEvent late = new TransientEvent(20.2 * row, null, null, 130.0, null, null, null);
        TransientSettings with = settings(h, end, 3 * row, List.of(late)).withMethod(TransientSettings.Method.ROWS);
        TransientSettings without = settings(h, end, 3 * row, List.of()).withMethod(TransientSettings.Method.ROWS);
        TransientSample a = run(c, with).end();
        TransientSample b = run(c, without).end();
        assertThat(a.hours()).isEqualTo(end);
        assertThat(a.productFlow(0)).containsExactly(b.productFlow(0));
        assertThat(a.productFlow(1)).containsExactly(b.productFlow(1));
    }

    @Test
    void stepInFeedCompositionMovesToTheNewSteadyState() {
        CascadeCase before = binary(FeedPhase.AQUEOUS, 8, 8, 2.6, 2.1, 0.5, 0.5);
        CascadeCase after = binary(FeedPhase.AQUEOUS, 8, 8, 2.6, 2.1, 0.4, 0.6);
        TransientEvent step = new TransientEvent(24, new double[] {0.4, 0.6}, null, null, null, null, null);
        TransientSettings s = new TransientSettings(HALF_HOUR, 4000, 100, TransientSettings.Initial.STEADY_STATE,
                TransientSettings.Method.CONTINUOUS, 1e-8, 1e-6, List.of(step));
        TransientResult r = run(before, s);
        // until the step the cascade sits in the old steady state
        SteadyState old = steady(before);
        TransientSample first = r.samples().get(0);
        assertThat(first.productFlow(0)[0]).isCloseTo(old.organicFlow(16, 0), within(1e-12));
        assertThat(r.samples().get(0).distanceToSteadyState()).isGreaterThan(1e-3); // far from the new one
        assertEndIsSteadyState(r, after, 1);
        assertThat(r.hoursToSteadyState()).isGreaterThan(24);
        assertThat(r.maxConservationError()).isLessThan(1e-9);
    }

    @Test
    void stepInFeedFlowOfAPlantMovesToTheNewSteadyState() {
        CascadeCase c = plant(8, 8, 125, 45);
        TransientEvent step = new TransientEvent(10, null, 11.0, null, null, null, null);
        TransientSettings s = new TransientSettings(new HoldUp.Volumes(10, 20), 4000, 100,
                TransientSettings.Initial.STEADY_STATE, TransientSettings.Method.CONTINUOUS, 1e-8, 1e-6, List.of(step));
        TransientResult r = run(c, s);
        CascadeCase after = step.applyTo(c);
        assertEndIsSteadyState(r, after, 11.0 * 0.5);
    }

    @Test
    void rowSimulationOfZhangConvergesToTheSteadyState() throws Exception {
        CascadeCase zhang = new CaseReader().read(Path.of("cases/zhang-binary.yaml"));
        // 192 000 rows of 0.5 h (docs/theory.md, Row-by-row iteration: about 1e5 rows for 1e-9 on this 45-stage binary)
        TransientSettings s = new TransientSettings(new HoldUp.ResidenceTimes(0.5, 0.5), 96_000, 4800,
                TransientSettings.Initial.BLANK, TransientSettings.Method.ROWS, 1e-7, 1e-8, List.of());
        TransientResult r = run(zhang, s);
        assertThat(r.rowHours()).isCloseTo(0.5, within(1e-12));
        assertThat(r.steps()).isEqualTo(192_000);
        assertEndIsSteadyState(r, zhang, 1);
        assertThat(r.end().purity(0)).isCloseTo(0.998993, within(1e-6)); // Zhang binary, docs/theory.md
        assertThat(r.end().purity(1)).isCloseTo(0.999893, within(1e-6));
        assertThat(r.maxConservationError()).isLessThan(1e-9);
    }

    @Test
    void aCascadeStartedInItsSteadyStateStaysThere() {
        CascadeCase c = binary(FeedPhase.AQUEOUS, 8, 8, 2.6, 2.1, 0.5, 0.5);
        TransientSettings s = new TransientSettings(HALF_HOUR, 100, 10, TransientSettings.Initial.STEADY_STATE,
                TransientSettings.Method.CONTINUOUS, 1e-8, 1e-6, List.of());
        TransientResult r = run(c, s);
        assertThat(r.hoursToSteadyState()).isZero();
        assertThat(r.samples()).allSatisfy(x -> assertThat(x.distanceToSteadyState()).isLessThan(1e-9));
    }

    @Test
    void startUpTimeScalesWithTheHoldUp() throws Exception {
        // with every residence time doubled the same start-up runs at half speed
        TransientCase tc = new CaseReader().readTransient(Path.of("cases/pr-nd-1974.yaml"));
        TransientSettings s = tc.settings().withTimes(30 * 24, 24);
        TransientResult one = run(tc.withSettings(s));
        TransientResult two = run(tc.withSettings(s.withHoldUp(s.holdUp().scaled(2)).withTimes(60 * 24, 48)));
        assertThat(one.targets()).hasSize(2);
        for (int i = 0; i < one.targets().size(); i++) {
            assertThat(one.targets().get(i).hours()).isNotNull();
            assertThat(two.targets().get(i).hours()).isCloseTo(2 * one.targets().get(i).hours(),
                    within(0.02 * one.targets().get(i).hours()));
        }
    }
}
