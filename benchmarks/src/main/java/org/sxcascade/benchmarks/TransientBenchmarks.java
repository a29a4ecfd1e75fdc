package org.sxcascade.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sxcascade.dynamics.HoldUp;
import org.sxcascade.dynamics.TransientCase;
import org.sxcascade.dynamics.TransientResult;
import org.sxcascade.dynamics.TransientSettings;
import org.sxcascade.dynamics.TransientSolver;
import org.sxcascade.solver.SteadyState;

/**
 * Start-up of the binary 60-stage cascade of {@link SolverBenchmarks} (β = 2, n = m = 30, S, W of
 * the Zhang example) from blank aqueous and barren organic over 15 simulated days, with residence
 * times of 0.5 h per phase and stage, error control at relative tolerance 1e-7 and daily samples;
 * and, as the baseline measured in the same run, the cold-start Newton steady-state solve of the
 * same cascade. Each run includes the reference steady state the transient compares against.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class TransientBenchmarks {
    static final double DAYS = 15;

    /**
     * The 15-day start-up: the continuous model by Dormand–Prince only ({@code continuous}, the
     * default until issue 19 item 1), by the automatic choice ({@code auto}, the default now:
     * Dormand–Prince, then ROS34PW2 where it pays), or rows.
     */
    @State(Scope.Thread)
    public static class StartUp {
        TransientCase continuous;
        TransientCase auto;
        TransientCase rows;

        @Setup(Level.Trial)
        public void setUp() {
            TransientSettings s = new TransientSettings(new HoldUp.ResidenceTimes(0.5, 0.5), DAYS * 24, 24,
                    TransientSettings.Initial.BLANK, TransientSettings.Method.CONTINUOUS, 1e-7, 1e-6, List.of());
            continuous = TransientCase.of(Cases.binary60Case(), s);
            auto = TransientCase.of(Cases.binary60Case(), s.withMethod(TransientSettings.Method.AUTO));
            rows = TransientCase.of(Cases.binary60Case(), s.withMethod(TransientSettings.Method.ROWS));
            for (TransientCase tc : List.of(continuous, auto, rows)) {
                TransientResult r = TransientSolver.forMethod(tc.settings().method()).run(tc);
                Cases.check(r.maxConservationError() < 1e-9, "conservation " + r.maxConservationError());
                Cases.check(r.end().hours() == DAYS * 24, "end time " + r.end().hours());
                double organicPurity = r.end().purity(r.productIndex("organic"));
                double aqueousPurity = r.end().purity(r.productIndex("aqueous"));
                Cases.check(organicPurity > 0.99 && organicPurity < 1, "organic purity " + organicPurity);
                System.out.printf(Locale.ROOT, "%n[%s, %s] %d steps (%d rejected), %d evaluations; after %.0f d: "
                                + "y_A(60) = %.9f, x_B(1) = %.9f, distance to steady state %.3e, conservation %.1e%n",
                        r.method(), r.integrator(), r.steps(), r.rejectedSteps(), r.evaluations(), DAYS, organicPurity,
                        aqueousPurity, r.finalDistance(), r.maxConservationError());
            }
        }
    }

    @Benchmark
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    public TransientResult binary60StartUp15DaysContinuous(StartUp s) {
        return TransientSolver.forMethod(TransientSettings.Method.CONTINUOUS).run(s.continuous);
    }

    @Benchmark
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    public TransientResult binary60StartUp15DaysAuto(StartUp s) {
        return TransientSolver.forMethod(TransientSettings.Method.AUTO).run(s.auto);
    }

    @Benchmark
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    public TransientResult binary60StartUp15DaysRows(StartUp s) {
        return TransientSolver.forMethod(TransientSettings.Method.ROWS).run(s.rows);
    }

    @Benchmark
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    public SteadyState binary60NewtonBaseline(SolverBenchmarks.BinaryNewton s) {
        return s.solver.solve(s.network, s.settings);
    }

    /**
     * The bundled 83-stage mass-action start-up to its steady state, as its case file runs it
     * ({@code cases/pr-nd-mass-action.yaml}: method auto, 10⁶ h; issue 19's target ≤ 2 s).
     * Run from the project folder (or benchmarks/).
     */
    @State(Scope.Thread)
    public static class MassActionStartUp {
        TransientCase bundled;

        @Setup(Level.Trial)
        public void setUp() {
            java.nio.file.Path file = java.nio.file.Path.of("cases/pr-nd-mass-action.yaml");
            if (!java.nio.file.Files.exists(file)) {
                file = java.nio.file.Path.of("../cases/pr-nd-mass-action.yaml");
            }
            bundled = new org.sxcascade.io.CaseReader().readForTransient(file);
            TransientResult r = TransientSolver.forMethod(bundled.settings().method()).run(bundled);
            Cases.check(r.hoursToSteadyState() != null, "the bundled start-up did not reach its steady state");
            System.out.printf(Locale.ROOT, "%n[%s] %s: %d steps (%d rejected), %d evaluations; steady state after "
                            + "%.4g h, distance at the end %.2e%n", r.method(), r.integrator(), r.steps(),
                    r.rejectedSteps(), r.evaluations(), r.hoursToSteadyState(), r.finalDistance());
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public TransientResult massActionBundledStartUpToSteadyState(MassActionStartUp s) {
        return TransientSolver.forMethod(s.bundled.settings().method()).run(s.bundled);
    }
}
