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

    /** What a Newton state holds: the network, its solver and the settings, set by {@link #solveOnce}. */
    abstract static class NewtonState {
        CascadeNetwork network;
        NewtonCascadeSolver solver;
        SolverSettings settings;

        /** Keeps the network, a new solver and the default settings, and solves the network once. */
        SteadyState solveOnce(CascadeNetwork net) {
            network = net;
            solver = new NewtonCascadeSolver();
            settings = SolverSettings.defaults();
            return solver.solve(network, settings);
        }
    }

    /** Binary 1000-stage case (n = m = 500, the flows of the 60-stage case), Newton. */
    @State(Scope.Thread)
    public static class Binary1000Newton extends NewtonState {
        @Setup(Level.Trial)
        public void setUp() {
            SteadyState st = solveOnce(Cases.binary1000());
            Cases.check(st.stages() == 1000 && st.components() == 2, "size " + st);
            Cases.check(st.residual() <= settings.tolerance(), "residual " + st.residual());
            Cases.check(st.massBalanceError() < 1e-10, "mass balance error " + st.massBalanceError());
            // pinched by the scrub flow (W ≈ 1.0009 W_min): 500 more stages than the 60-stage case
            // raise y_A only from 0.999095919 to 0.999099811; the raffinate's A is far below 1e-90
            Cases.check(Math.abs(st.organicFraction(1000, 0) - 0.99909981107) < 1e-9,
                    "organic purity y_A(1000) " + st.organicFraction(1000, 0));
            Cases.check(Math.abs(st.lnAqueousFlow(1, 0) + 218.417187) < 1e-5,
                    "ln raffinate A flow " + st.lnAqueousFlow(1, 0));
            System.out.printf(Locale.ROOT, "%n[binary1000Newton] %s, split-shooting iterations %d, start sweeps %d, "
                            + "continuation steps %d, y_A(1000) = %.12f, ln l_A(1) = %.6f%n", st,
                    solver.lastShootingIterations(), solver.lastStartSweeps(), solver.lastContinuationSteps(),
                    st.organicFraction(1000, 0), st.lnAqueousFlow(1, 0));
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
    public static class FiveComponentNewton extends NewtonState {
        @Setup(Level.Trial)
        public void setUp() {
            SteadyState st = solveOnce(Cases.fiveComponent200());
            checkFive("fiveComponent200Newton", this, st, 0.9999994, 0.9999998);
        }
    }

    /**
     * The five-component case with n = m = 50 (100 stages), Newton. Its purities, y_4 + y_5 =
     * 0.998266776 and x_1 + x_2 + x_3 = 0.999566694, agree with the row iteration's to 2.6e-9
     * in ln of every flow.
     */
    @State(Scope.Thread)
    public static class FiveComponent100Newton extends NewtonState {
        @Setup(Level.Trial)
        public void setUp() {
            SteadyState st = solveOnce(Cases.fiveComponent(50));
            checkFive("fiveComponent100Newton", this, st, 0.998266775, 0.999566693);
            Cases.check(st.organicFraction(100, 3) + st.organicFraction(100, 4) < 0.998266777
                    && st.aqueousFraction(1, 0) + st.aqueousFraction(1, 1) + st.aqueousFraction(1, 2) < 0.999566695,
                    "purities above the reference");
        }
    }

    /**
     * The five-component case with n = m = 500 (1000 stages), Newton: both products pure to
     * double precision; the raffinate's component 5 is about e^−292 and the loaded organic's
     * component 1 about e^−489 of the feed.
     */
    @State(Scope.Thread)
    public static class FiveComponent1000Newton extends NewtonState {
        @Setup(Level.Trial)
        public void setUp() {
            SteadyState st = solveOnce(Cases.fiveComponent(500));
            checkFive("fiveComponent1000Newton", this, st, 1 - 1e-15, 1 - 1e-15);
            Cases.check(st.lnAqueousFlow(1, 4) < -250 && st.lnOrganicFlow(1000, 0) < -400,
                    "trace ends ln l_5(1) " + st.lnAqueousFlow(1, 4) + ", ln v_1(1000) " + st.lnOrganicFlow(1000, 0));
        }
    }

    /**
     * Checks a five-component solve (split 3 | 4: residual, closure, product purities above the
     * given bounds) and prints it.
     */
    static void checkFive(String name, NewtonState state, SteadyState st, double organicMin, double raffinateMin) {
        int n = st.stages();
        double organicPurity = st.organicFraction(n, 3) + st.organicFraction(n, 4);
        double raffinatePurity = st.aqueousFraction(1, 0) + st.aqueousFraction(1, 1) + st.aqueousFraction(1, 2);
        Cases.check(st.residual() <= state.settings.tolerance(), "residual " + st.residual());
        Cases.check(st.massBalanceError() < 1e-10, "mass balance error " + st.massBalanceError());
        Cases.check(organicPurity > organicMin && organicPurity <= 1, "organic purity (C4+C5) " + organicPurity);
        Cases.check(raffinatePurity > raffinateMin && raffinatePurity <= 1,
                "raffinate purity (C1+C2+C3) " + raffinatePurity);
        System.out.printf(Locale.ROOT, "%n[%s] S = %.7f, W = %.7f: %s, split-shooting iterations %d, start sweeps %d, "
                        + "continuation steps %d, y_C4+y_C5 (%d) = %.12f, x_C1+x_C2+x_C3 (1) = %.12f%n", name,
                Cases.FIVE_S, Cases.FIVE_W, st, state.solver.lastShootingIterations(), state.solver.lastStartSweeps(),
                state.solver.lastContinuationSteps(), n, organicPurity, raffinatePurity);
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

    /** About 0.3–0.4 ms per solve (0.3 s before the split-shooting start). */
    @Benchmark
    @Warmup(iterations = 4, time = 3)
    @Measurement(iterations = 5, time = 3)
    public SteadyState fiveComponent200Newton(FiveComponentNewton s) {
        return s.solver.solve(s.network, s.settings);
    }

    /** Binary, 1000 stages: target ≤ 1 ms per solve. */
    @Benchmark
    @Warmup(iterations = 4, time = 3)
    @Measurement(iterations = 5, time = 3)
    public SteadyState binary1000Newton(Binary1000Newton s) {
        return s.solver.solve(s.network, s.settings);
    }

    /** Five components, 100 stages. */
    @Benchmark
    @Warmup(iterations = 4, time = 3)
    @Measurement(iterations = 5, time = 3)
    public SteadyState fiveComponent100Newton(FiveComponent100Newton s) {
        return s.solver.solve(s.network, s.settings);
    }

    /** Five components, 1000 stages. */
    @Benchmark
    @Warmup(iterations = 4, time = 3)
    @Measurement(iterations = 5, time = 3)
    public SteadyState fiveComponent1000Newton(FiveComponent1000Newton s) {
        return s.solver.solve(s.network, s.settings);
    }
}
