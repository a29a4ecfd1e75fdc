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
import org.openjdk.jmh.annotations.Param;
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
 * Cold-start steady-state solves of the mass-action cascade of {@link Cases#massAction5Case()}:
 * five rare earths (La, Ce, Pr, Nd, Sm) on saponified extractant, 45 extraction + 45 scrub + 10
 * strip stages with strip-liquor reflux, 7 solver components (the rare earths, Na and H).
 *
 * <p>{@code massAction5x100Newton} is the solve {@code simulate} runs: {@link NewtonCascadeSolver}
 * hands the mass-action network to its two-phase solver, which starts with Xu's rows from the empty cascade until every
 * stage balances to 1e-2 and then takes Newton steps. {@code massAction5x100Rows} is the baseline:
 * Xu's row iteration alone, to the same tolerance. As in {@link SolverBenchmarks}, each state
 * holds the network and one solver instance, and its {@code @Setup} solves once, checks the answer
 * and prints it; warm-up and measurement are set per benchmark (see docs/performance.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class MassActionBenchmarks {

    /** Tolerance of both solves (the default, largest relative stage imbalance). */
    static final double TOLERANCE = SolverSettings.DEFAULT_TOLERANCE;

    /** Mass action, Newton (with its row start), as {@code simulate} solves it. */
    @State(Scope.Thread)
    public static class MassActionNewton {
        CascadeNetwork network;
        NewtonCascadeSolver solver;
        SolverSettings settings;

        @Setup(Level.Trial)
        public void setUp() {
            network = Cases.massAction5();
            solver = new NewtonCascadeSolver();
            settings = new SolverSettings(SolverSettings.Method.NEWTON, TOLERANCE,
                    SolverSettings.DEFAULT_NEWTON_ITERATIONS);
            SteadyState st = solver.solve(network, settings);
            print("massAction5x100Newton", check(st, settings));
        }
    }

    /** Mass action, Xu's row-by-row iteration alone (the baseline). */
    @State(Scope.Thread)
    public static class MassActionRows {
        CascadeNetwork network;
        RowIterationSolver solver;
        SolverSettings settings;

        @Setup(Level.Trial)
        public void setUp() {
            network = Cases.massAction5();
            solver = new RowIterationSolver();
            settings = new SolverSettings(SolverSettings.Method.ROWS, TOLERANCE, SolverSettings.DEFAULT_ROWS);
            SteadyState st = solver.solve(network, settings);
            print("massAction5x100Rows", check(st, settings));
        }
    }

    /**
     * The time's growth with N (docs/performance.md): the mass-action case of
     * {@link Cases#massAction5(int)} at 20 … 1000 stages (Newton with its start from shortened
     * copies of the cascade), and as the baseline in the same run the five-component CMER cascade
     * of {@link Cases#fiveComponent(int)} at the same lengths (n = m = N/2).
     */
    @State(Scope.Thread)
    public static class Sized {
        @Param({"mass-action", "cmer"})
        public String model;
        @Param({"20", "50", "100", "200", "500", "1000"})
        public int stages;
        CascadeNetwork network;
        NewtonCascadeSolver solver;
        SolverSettings settings;

        @Setup(Level.Trial)
        public void setUp() {
            network = model.equals("cmer") ? Cases.fiveComponent(stages / 2) : Cases.massAction5(stages);
            solver = new NewtonCascadeSolver();
            settings = SolverSettings.defaults();
            SteadyState st = solver.solve(network, settings);
            Cases.check(st.residual() <= settings.tolerance() && st.massBalanceError() < 1e-10, "solve " + st);
            System.out.printf(Locale.ROOT, "%n[%s, %d stages] %s%n", model, stages, st);
        }
    }

    /** What the setups check and print: the products' RE purities, among the rare earths only. */
    record Answer(SteadyState state, double raffinateLa, double raffinateImpurity, double raffinateRareEarth,
                  int stripMain, double stripPurity, double stripRareEarth) {
    }

    /** Checks a solve of the mass-action case: converged, balanced, and the products it should give. */
    static Answer check(SteadyState st, SolverSettings settings) {
        int r = Cases.MA5_EXCHANGE.length;
        int stripStage = Cases.MA5_EXTRACTION + Cases.MA5_SCRUB + 1;
        Cases.check(st.stages() == 100 && st.components() == r + 2, "size " + st);
        Cases.check(st.iterations() > 0, "iterations " + st.iterations());
        Cases.check(st.residual() <= settings.tolerance(), "residual " + st.residual());
        Cases.check(st.massBalanceError() < 1e-10, "mass balance error " + st.massBalanceError());
        // raffinate (aqueous, stage 1): La among the rare earths, and the rest as one small number
        double[] raffinate = rareEarthFlows(st, 1, r);
        double raffinateSum = sum(raffinate);
        double raffinateLa = raffinate[0] / raffinateSum;
        double others = 0;
        for (int j = 1; j < r; j++) {
            others += raffinate[j];
        }
        // summed on its own: 1 − purity cancels to 0 in double precision
        double raffinateImpurity = others / raffinateSum;
        // strip liquor (aqueous, stage n + m + 1, 40 % of it is the product): its largest rare earth
        double[] strip = rareEarthFlows(st, stripStage, r);
        double stripSum = sum(strip);
        int main = 0;
        for (int j = 1; j < r; j++) {
            if (strip[j] > strip[main]) {
                main = j;
            }
        }
        double stripPurity = strip[main] / stripSum;
        // this case extracts everything: all RE leaves in the strip liquor (product share 1 − reflux
        // = 0.4 of it), at the feed's composition; the raffinate carries ~1e-187 of the RE, nearly
        // all of it La
        Cases.check(raffinateLa > 0.999999 && raffinateImpurity > 0 && raffinateImpurity < 1e-20,
                "raffinate La purity " + raffinateLa + ", impurity " + raffinateImpurity);
        Cases.check(raffinateSum > 0 && raffinateSum < 1e-150, "raffinate RE " + raffinateSum);
        Cases.check(main == 1 && Math.abs(stripPurity - Cases.MA5_FEED[1]) < 1e-9, "strip liquor purity "
                + Cases.MA5_RARE_EARTHS.get(main) + " " + stripPurity);
        Cases.check(Math.abs(0.4 * stripSum - 1) < 1e-9, "strip product RE " + 0.4 * stripSum);
        return new Answer(st, raffinateLa, raffinateImpurity, raffinateSum, main, stripPurity, 0.4 * stripSum);
    }

    static void print(String name, Answer a) {
        System.out.printf(Locale.ROOT, "%n[%s] %s; raffinate (stage 1): RE %.4e mol/mol fed, La purity %.12f "
                        + "(impurity %.3e); strip liquor product (stage %d): RE %.12f mol/mol fed, %s purity %.12f%n",
                name, a.state(), a.raffinateRareEarth(), a.raffinateLa(), a.raffinateImpurity(),
                Cases.MA5_EXTRACTION + Cases.MA5_SCRUB + 1, a.stripRareEarth(),
                Cases.MA5_RARE_EARTHS.get(a.stripMain()), a.stripPurity());
    }

    private static double[] rareEarthFlows(SteadyState st, int stage, int r) {
        double[] flows = new double[r];
        for (int j = 0; j < r; j++) {
            flows[j] = st.aqueousFlow(stage, j);
        }
        return flows;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /**
     * The 5 × 100 case from a cold start: a few rows on the shortest copy of the stage-count
     * continuation, then Newton at each level up to the full length (docs/theory.md, "Start"; the
     * times are in docs/performance.md).
     */
    @Benchmark
    @Warmup(iterations = 4, time = 5)
    @Measurement(iterations = 6, time = 5)
    public SteadyState massAction5x100Newton(MassActionNewton s) {
        return s.solver.solve(s.network, s.settings);
    }

    /** Five components at 20 … 1000 stages, mass action and CMER ({@link Sized}). */
    @Benchmark
    @Warmup(iterations = 3, time = 3)
    @Measurement(iterations = 5, time = 3)
    public SteadyState sized(Sized s) {
        return s.solver.solve(s.network, s.settings);
    }

    /** About 2 s per solve (4 660 rows to 1e-12): few, long iterations, a handful of solves in each. */
    @Benchmark
    @Warmup(iterations = 2, time = 6)
    @Measurement(iterations = 3, time = 10)
    public SteadyState massAction5x100Rows(MassActionRows s) {
        return s.solver.solve(s.network, s.settings);
    }
}
