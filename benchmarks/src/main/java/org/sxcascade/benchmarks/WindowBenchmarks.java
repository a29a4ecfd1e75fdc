package org.sxcascade.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.ModelCase;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.SteadyStateSolver;
import org.sxcascade.window.OperatingWindow;

/**
 * {@code simulate --window} on the Nd/Pr case in plant units (cases/pr-nd-p507.yaml without its
 * costs): the whole window (three inputs' edges, each found by Brent's method and verified by two
 * cold-start solves at the printed digits, and the tolerance on β), no feasible-region grid. The
 * baseline in the same run is one {@code simulate} of the same case (read, solved cold, reported).
 * The same for the bundled mass-action case (five inputs and two K_ex tolerances).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class WindowBenchmarks {
    static final String PR_ND = """
            name: Nd/Pr in P507-HCl, 99.9 % both ways (plant units)
            model: separation-factors
            components:
              - {name: Pr, separationFactor: 1.0}
              - {name: Nd, separationFactor: 1.5}
            feed: {phase: aqueous, composition: {Pr: 0.25, Nd: 0.75}, flow: 100, concentration: 1.0}
            cascade: {extractionStages: 28, scrubStages: 28}
            flows: {organicFlow: 2500, organicLoading: 0.17, scrubFlow: 299.957, scrubAcidity: 3.5}
            targets:
              organic: {purity: 0.999, components: [Nd]}
              aqueous: {purity: 0.999, components: [Pr]}
            """;

    /** The case's tree. */
    @State(Scope.Thread)
    public static class PrNd {
        JsonNode tree;

        @Setup(Level.Trial)
        public void setUp() {
            tree = new CaseReader().parseTree(PR_ND);
            OperatingWindow w = OperatingWindow.compute(tree, 0, null);
            OperatingWindow.InputRange organic = w.ranges().get(0);
            if (!w.operatingPointMet() || !organic.lower().inside().equals("2499.72")
                    || !organic.upper().inside().equals("2500.11") || !Boolean.TRUE.equals(organic.lower().verified())) {
                throw new IllegalStateException("unexpected window " + w.toText());
            }
            System.out.printf(Locale.ROOT, "%n[prNdWindow] organic flow %s … %s L/h, %d steady states%n",
                    organic.lower().inside(), organic.upper().inside(), w.solves());
        }
    }

    /** The bundled mass-action case (cases/pr-nd-mass-action.yaml, read from the repository root). */
    @State(Scope.Thread)
    public static class MassAction {
        JsonNode tree;

        @Setup(Level.Trial)
        public void setUp() {
            tree = new CaseReader().readTree(java.nio.file.Path.of("cases/pr-nd-mass-action.yaml"));
            OperatingWindow w = OperatingWindow.compute(tree, 0, null);
            if (!w.operatingPointMet() || w.ranges().size() != 5) {
                throw new IllegalStateException("unexpected window " + w.toText());
            }
            System.out.printf(Locale.ROOT, "%n[massActionWindow] organic flow %s … %s L/h, %d steady states%n",
                    w.ranges().get(0).lower().inside(), w.ranges().get(0).upper().inside(), w.solves());
        }
    }

    @Benchmark
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public OperatingWindow massActionWindow(MassAction s) {
        return OperatingWindow.compute(s.tree, 0, null);
    }

    @Benchmark
    public SimulationReport massActionSimulate(MassAction s) {
        return simulate(new CaseReader().massActionFromTree(s.tree));
    }

    /** One {@code simulate} of a read case: solved cold, as the command solves it, and reported. */
    private static SimulationReport simulate(ModelCase c) {
        return SimulationReport.solve(c, (n, settings) -> SteadyStateSolver.solveFallingBackOnRows(n, settings,
                note -> { }));
    }

    @Benchmark
    public OperatingWindow prNdWindow(PrNd s) {
        return OperatingWindow.compute(s.tree, 0, null);
    }

    @Benchmark
    public SimulationReport prNdSimulate(PrNd s) {
        return simulate(new CaseReader().fromTree(s.tree));
    }
}
