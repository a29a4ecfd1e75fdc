package org.sxcascade.benchmarks;

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
import org.sxcascade.model.SolverSettings;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.RowIterationSolver;
import org.sxcascade.solver.SteadyState;

/**
 * Cold-start steady-state solves (no warm-start profile) of prebuilt cascades. Each state holds
 * the network and one solver instance created in {@code @Setup}: the solvers keep their work
 * arrays across calls, which is how they are meant to be used. Every {@code @Setup} solves its
 * case once, checks the answer and prints it, so the output shows what is being timed.
 *
 * <p>Warm-up and measurement are set per benchmark (the row-by-row baseline takes seconds per
 * solve); run without {@code -wi}/{@code -i} to use them, see docs/performance.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class SolverBenchmarks {

    /** Binary 60-stage case, Newton. */
    @State(Scope.Thread)
    public static class BinaryNewton {
        CascadeNetwork network;
        NewtonCascadeSolver solver;
        SolverSettings settings;

        @Setup(Level.Trial)
        public void setUp() {
            network = Cases.binary60();
            solver = new NewtonCascadeSolver();
            settings = SolverSettings.defaults();
            SteadyState st = solver.solve(network, settings);
            checkBinary(st);
            System.out.printf(Locale.ROOT, "%n[binary60Newton] %s, split-shooting iterations %d, start sweeps %d, "
                            + "continuation steps %d, y_A(60) = %.12f, x_B(1) = %.12f%n", st,
                    solver.lastShootingIterations(), solver.lastStartSweeps(), solver.lastContinuationSteps(),
                    st.organicFraction(60, 0), st.aqueousFraction(1, 1));
        }
    }

    /** Binary 60-stage case, Xu's row-by-row iteration (the baseline). */
    @State(Scope.Thread)
    public static class BinaryRows {
        CascadeNetwork network;
        RowIterationSolver solver;
        SolverSettings settings;

        @Setup(Level.Trial)
        public void setUp() {
            network = Cases.binary60();
            solver = new RowIterationSolver();
            settings = SolverSettings.defaults(SolverSettings.Method.ROWS);
            SteadyState st = solver.solve(network, settings);
            checkBinary(st);
            System.out.printf(Locale.ROOT, "%n[binary60Rows] %s, y_A(60) = %.12f, x_B(1) = %.12f%n",
                    st, st.organicFraction(60, 0), st.aqueousFraction(1, 1));
        }
    }

    /**
     * Five components × 200 stages, Newton. Separation factors {1, 1.5, 2.25, 3.375, 5.0625},
     * aqueous feed {0.3, 0.25, 0.25, 0.1999, 0.0001} (component 5, the most extractable, is a
     * trace), n = m = 100, split between components 3 | 4 (components 4 and 5 go to the organic,
     * f'_A = 0.2), W = f'_A/(√1.5 − 1)·1.3 = 1.1568673, S = W + f'_A = 1.3568673.
     *
     * <p>The first choice, the split 2 | 3 (f'_A = 0.45, W = 2.6029515, S = 3.0529515), did not
     * converge with the first solver versions (Picard start and β continuation), nor did the split
     * 1 | 2; the 3 | 4 split then took about 350 Newton iterations in about 56 continuation steps.
     * Since the split-shooting start all of them converge, this one in about 10 outer iterations
     * and no Newton step; the case is kept so that the numbers stay comparable across versions.
     */
    @State(Scope.Thread)
    public static class FiveComponentNewton {
        CascadeNetwork network;
        NewtonCascadeSolver solver;
        SolverSettings settings;

        @Setup(Level.Trial)
        public void setUp() {
            network = Cases.fiveComponent200();
            solver = new NewtonCascadeSolver();
            settings = SolverSettings.defaults();
            SteadyState st = solver.solve(network, settings);
            double organicPurity = st.organicFraction(200, 3) + st.organicFraction(200, 4);
            double raffinatePurity = st.aqueousFraction(1, 0) + st.aqueousFraction(1, 1) + st.aqueousFraction(1, 2);
            Cases.check(st.residual() <= settings.tolerance(), "residual " + st.residual());
            Cases.check(st.massBalanceError() < 1e-10, "mass balance error " + st.massBalanceError());
            Cases.check(organicPurity > 0.9999994 && organicPurity < 1, "organic purity (C4+C5) " + organicPurity);
            Cases.check(raffinatePurity > 0.9999998 && raffinatePurity < 1, "raffinate purity (C1+C2+C3) " + raffinatePurity);
            System.out.printf(Locale.ROOT, "%n[fiveComponent200Newton] S = %.7f, W = %.7f: %s, split-shooting "
                            + "iterations %d, start sweeps %d, continuation steps %d, y_C4+y_C5 (200) = %.12f, "
                            + "x_C1+x_C2+x_C3 (1) = %.12f%n", Cases.FIVE_S, Cases.FIVE_W, st,
                    solver.lastShootingIterations(), solver.lastStartSweeps(), solver.lastContinuationSteps(),
                    organicPurity, raffinatePurity);
        }
    }

    static void checkBinary(SteadyState st) {
        Cases.check(st.stages() == 60 && st.components() == 2, "size " + st);
        Cases.check(st.iterations() > 0, "iterations " + st.iterations());
        Cases.check(st.residual() <= SolverSettings.DEFAULT_TOLERANCE, "residual " + st.residual());
        Cases.check(st.massBalanceError() < 1e-10, "mass balance error " + st.massBalanceError());
        Cases.check(Math.abs(st.organicFraction(60, 0) - Cases.BINARY_ORGANIC_PURITY) < 1e-9,
                "organic purity y_A(60) " + st.organicFraction(60, 0));
        Cases.check(Math.abs(st.aqueousFraction(1, 1) - Cases.BINARY_RAFFINATE_PURITY) < 1e-9,
                "raffinate purity x_B(1) " + st.aqueousFraction(1, 1));
    }

    /** About 30 µs per solve (4 ms before the split-shooting start); the JIT needs a few seconds to settle. */
    @Benchmark
    @Warmup(iterations = 8, time = 2)
    @Measurement(iterations = 5, time = 2)
    public SteadyState binary60Newton(BinaryNewton s) {
        return s.solver.solve(s.network, s.settings);
    }

    /** Seconds per solve (about 270 000 rows): few, long iterations, a handful of solves in each. */
    @Benchmark
    @Warmup(iterations = 2, time = 6)
    @Measurement(iterations = 3, time = 10)
    public SteadyState binary60Rows(BinaryRows s) {
        return s.solver.solve(s.network, s.settings);
    }

    /** About 2 ms per solve (0.3 s before the split-shooting start). */
    @Benchmark
    @Warmup(iterations = 4, time = 3)
    @Measurement(iterations = 5, time = 3)
    public SteadyState fiveComponent200Newton(FiveComponentNewton s) {
        return s.solver.solve(s.network, s.settings);
    }
}
