package org.sxcascade.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.sxcascade.io.CaseReader;

/**
 * A run shorter than the time to target (issue 19, item 4): the projection from the slowest mode
 * agrees with the time a longer run finds, and refuses to guess while the decay rate still changes.
 */
class ProjectionTest {
    /** The tail of a run of {@code hours} h whose deviation is {@code e(t)}; the deviation rides on the distance. */
    private static Projection project(double hours, DoubleUnaryOperator e) {
        List<TransientSample> tail = new ArrayList<>();
        for (double t : Projection.tailTimes(hours)) {
            tail.add(new TransientSample(t, new double[][] {{1}}, new double[] {1}, new double[] {Double.NaN},
                    new double[] {Double.NaN}, new double[3][1], e.applyAsDouble(t), 0));
        }
        return Projection.project(tail, k -> tail.get(k).distanceToSteadyState());
    }

    @Test
    void aPureExponentialIsProjectedExactly() {
        // e = 1000 exp(−t/7): e = 1 at t = 7 ln 1000
        Projection p = project(30, t -> 1000 * Math.exp(-t / 7));
        assertThat(p.estimated()).isTrue();
        assertThat(p.hours()).isCloseTo(7 * Math.log(1000), within(1e-9));
        assertThat(p.reason()).contains("7.000 h");
    }

    @Test
    void noGuessWhileTheRateChangesOrTheDeviationGrows() {
        // algebraic decay: the rate falls as 2/(t + 1), 30 % over the last third of the run
        Projection algebraic = project(30, t -> 1e6 / ((t + 1) * (t + 1)));
        assertThat(algebraic.estimated()).isFalse();
        assertThat(algebraic.reason()).contains("decay rate is still changing");
        Projection growing = project(30, t -> 1 + t);
        assertThat(growing.estimated()).isFalse();
        assertThat(growing.reason()).contains("not yet falling steadily");
        Projection early = project(3, t -> 1000 * Math.exp(-t / 7));
        assertThat(early.estimated()).isFalse();
        assertThat(early.reason()).contains("more than 2 times the simulated time");
    }

    @Test
    void the1974TargetsProjectedFromThreeAndAHalfDaysAreTheTimesALongerRunFinds() throws Exception {
        TransientCase tc = new CaseReader().readTransient(Path.of("cases/pr-nd-1974.yaml"));
        TransientResult shortRun = run(tc, 3.5, 2.0 / 24);
        TransientResult longRun = run(tc, 10, 2.0 / 24);
        for (int i = 0; i < 2; i++) {
            TargetTime early = shortRun.targets().get(i);
            TargetTime reached = longRun.targets().get(i);
            assertThat(early.reached()).as(early.product()).isFalse();
            assertThat(reached.reached()).as(reached.product()).isTrue();
            Projection p = shortRun.projection(early);
            assertThat(p.estimated()).as(p.reason()).isTrue();
            // Nd 4.05 d, Pr 5.48 d (docs/tutorial-1974.md): projected to 2 %
            assertThat(p.hours()).as(early.product()).isCloseTo(reached.hours(), within(0.02 * reached.hours()));
        }
    }

    @Test
    void the1974SteadyStateProjectedFrom900DaysIsTheTimeTheFullRunFinds() throws Exception {
        TransientCase tc = new CaseReader().readTransient(Path.of("cases/pr-nd-1974.yaml"));
        TransientSettings s = tc.settings().withTimes(900 * 24, 10 * 24).withMethod(TransientSettings.Method.AUTO);
        TransientResult r = TransientSolver.forMethod(s.method()).run(tc.withSettings(s));
        assertThat(r.hoursToSteadyState()).isNull();
        Projection p = r.projectionToSteadyState();
        assertThat(p.estimated()).as(p.reason()).isTrue();
        // the 20 000-day run reaches it after 1 720 days (ImplicitTransientTest, docs/tutorial-1974.md)
        assertThat(p.hours() / 24).isBetween(1700.0, 1745.0);
    }

    @Test
    void theP507RaffinateProjectedFrom120DaysIsTheTimeA400DayRunFinds() throws Exception {
        // docs/tutorial-1974.md: projected about 214 d at 120 d; a 400-day run finds 222.62 d
        TransientCase tc = new CaseReader().readTransient(Path.of("cases/pr-nd-1974-p507.yaml"));
        TransientResult shortRun = run(tc, 120, 1);
        Projection p = shortRun.projection(shortRun.targets().get(1));
        assertThat(p.estimated()).as(p.reason()).isTrue();
        assertThat(p.hours() / 24).isCloseTo(213.63, within(0.005));
        TransientSettings s = tc.settings().withTimes(400 * 24, 10 * 24).withMethod(TransientSettings.Method.AUTO);
        TransientResult longRun = TransientSolver.forMethod(s.method()).run(tc.withSettings(s));
        assertThat(Times.format(longRun.targets().get(1).hours())).startsWith("222.62 d");
        assertThat(p.hours()).isCloseTo(longRun.targets().get(1).hours(), within(0.05 * longRun.targets().get(1).hours()));
    }

    @Test
    void theTimeToTargetDoesNotDependOnTheStepSize() throws Exception {
        // located on the dense output: tolerances 1e-5 and 1e-10 take steps of very different size
        TransientCase tc = new CaseReader().readTransient(Path.of("cases/pr-nd-1974.yaml"));
        TransientSettings s = tc.settings().withTimes(8 * 24, 24);
        TransientResult coarse = TransientSolver.forMethod(TransientSettings.Method.CONTINUOUS)
                .run(tc.withSettings(tolerance(s, 1e-5)));
        TransientResult fine = TransientSolver.forMethod(TransientSettings.Method.CONTINUOUS)
                .run(tc.withSettings(tolerance(s, 1e-10)));
        assertThat(coarse.steps()).isLessThan(fine.steps() / 2);
        for (int i = 0; i < 2; i++) {
            assertThat(coarse.targets().get(i).hours()).isCloseTo(fine.targets().get(i).hours(), within(0.01));
        }
        // docs/tutorial-1974.md: Nd 4.05 d (97.1 h), Pr 5.48 d (131.5 h)
        assertThat(fine.targets().get(0).hours()).isCloseTo(97.1, within(0.05));
        assertThat(fine.targets().get(1).hours()).isCloseTo(131.5, within(0.05));
    }

    @Test
    void noProjectionAcrossAnEventInTheTail() throws Exception {
        // an event at exactly 70 % of the run changes the outflows at the tail's first state
        Path file = java.nio.file.Files.createTempFile("event-in-tail", ".yaml");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(Path.of("cases/pr-nd-1974.yaml"))
                .replace("simulatedTime: 30 d", "simulatedTime: 48 h") + "  events:\n    - {at: 33.6 h, feedFlow: 11}\n");
        TransientCase tc = new CaseReader().readTransient(file);
        java.nio.file.Files.delete(file);
        TransientResult r = TransientSolver.forMethod(tc.settings().method()).run(tc);
        Projection p = r.projectionToSteadyState();
        assertThat(p.estimated()).isFalse();
        assertThat(p.reason()).contains("an event falls in the last 30 % of the run");
    }

    private static TransientSettings tolerance(TransientSettings s, double tolerance) {
        return new TransientSettings(s.holdUp(), s.simulatedHours(), s.samplingHours(), s.initial(), s.method(),
                tolerance, s.steadyStateTolerance(), s.events());
    }

    private static TransientResult run(TransientCase tc, double days, double samplingDays) {
        TransientSettings s = tc.settings().withTimes(days * 24, samplingDays * 24);
        return TransientSolver.forMethod(s.method()).run(tc.withSettings(s));
    }
}
