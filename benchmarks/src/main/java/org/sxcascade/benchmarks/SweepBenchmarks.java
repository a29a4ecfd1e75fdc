package org.sxcascade.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sxcascade.solver.SteadyState;
import org.sxcascade.sweep.LocalSweep;
import org.sxcascade.sweep.PointEvaluator;
import org.sxcascade.sweep.RowFormat;
import org.sxcascade.sweep.RowSink;
import org.sxcascade.sweep.Shard;
import org.sxcascade.sweep.SweepRow;
import org.sxcascade.sweep.SweepSpec;

/**
 * Points per second of a 10,000-point simulate sweep of the binary 60-stage cascade of
 * {@link SolverBenchmarks} (β of A from 1.8 to 2.2 and S from 1.6 to 1.9 mol RE per mol RE fed,
 * W = 1.2081944, n = m = 30; every point valid), run by {@link LocalSweep} on all cores and on one
 * thread, with each row formatted as its CSV line (the writing of the text itself is left out: it
 * goes to a null writer); and, as the baselines of the same run, one point through
 * {@link PointEvaluator} (case tree, validation, solve, report, row) and the plain solve of the same
 * cascade from a prebuilt network. Throughput is in points (solves) per second.
 *
 * <p>{@code murphreeCold} and {@code murphreeWarm}: the same binary with Murphree efficiency 0.9 in
 * both sections, a 30 × 30 grid (900 points), on all cores, each point solved cold and with
 * {@code warmStart: true} (issue 20, item 3): the gain of the warm starts where they pay.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class SweepBenchmarks {
    static final int POINTS = 10_000;

    static final String SPEC = """
            name: binary 60 stages, 10000 points
            case:
              model: separation-factors
              components:
                - {name: A, separationFactor: 2.0}
                - {name: B, separationFactor: 1.0}
              feed: {phase: aqueous, composition: {A: 0.5, B: 0.5}}
              cascade: {extractionStages: 30, scrubStages: 30}
              flows: {extractant: 1.7086449, scrub: 1.2081944}
              targets:
                organic: {purity: 0.999}
                aqueous: {purity: 0.9999}
            parameters:
              - path: components[0].separationFactor
                name: beta_A
                range: {from: 1.8, to: 2.2, count: 100}
              - path: flows.extractant
                name: S
                range: {from: 1.6, to: 1.9, count: 100}
            record: [purities, recoveries, targets, stages, flows]
            """;

    /** Formats every row as its CSV line and writes it to a null writer. */
    static final class CsvSink implements RowSink<String> {
        private final RowFormat format;
        private final Writer out = Writer.nullWriter();
        long rows;

        CsvSink(RowFormat format) {
            this.format = format;
        }

        @Override
        public String format(SweepRow row) {
            return format.csvLine(row);
        }

        @Override
        public void write(String line) throws IOException {
            out.write(line);
            out.write('\n');
            rows++;
        }

        @Override
        public void flush() {
        }
    }

    /** The sweep spec, checked once: every point solved, closed and converged. */
    @State(Scope.Benchmark)
    public static class Sweep {
        SweepSpec spec;
        RowFormat format;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            spec = readSpec(SPEC);
            format = new RowFormat(spec);
            Cases.check(spec.pointCount() == POINTS, "points " + spec.pointCount());
            PointEvaluator e = new PointEvaluator(spec);
            double worstBalance = 0;
            for (int i = 0; i < POINTS; i++) {
                SweepRow r = e.evaluate(i);
                Cases.check(r.status() == SweepRow.Status.OK, "point " + i + ": " + r.values());
                worstBalance = Math.max(worstBalance, (Double) r.values().get(7));
            }
            Cases.check(worstBalance < 1e-10, "mass balance " + worstBalance);
            SweepRow first = e.evaluate(0);
            SweepRow last = e.evaluate(POINTS - 1);
            System.out.printf(Locale.ROOT, "%n[sweep] %d points all ok, largest mass-balance error %.1e; %s%n%s%n",
                    POINTS, worstBalance, format.csvLine(first), format.csvLine(last));
        }
    }

    /** A point evaluator of the spec (one thread). */
    @State(Scope.Thread)
    public static class Evaluator {
        PointEvaluator evaluator;
        long next;

        @Setup(Level.Trial)
        public void setUp(Sweep s) {
            evaluator = new PointEvaluator(s.spec);
        }
    }

    /** A spec read from a file, as `sweep` reads it (fromResolved takes the resolved JSON only). */
    private static SweepSpec readSpec(String text) throws IOException {
        Path file = Files.createTempFile("sweep-benchmark", ".yaml");
        try {
            Files.writeString(file, text);
            return SweepSpec.read(file);
        } finally {
            Files.delete(file);
        }
    }

    /** The whole sweep through {@link LocalSweep}, each row formatted; checks that every point was written. */
    private static long run(SweepSpec spec, RowFormat format, int threads, int points) throws IOException {
        CsvSink sink = new CsvSink(format);
        new LocalSweep(spec, threads).run(Shard.ALL, 0, sink, null);
        Cases.check(sink.rows == points, "rows " + sink.rows);
        return sink.rows;
    }

    /** The whole sweep on every core (here 2 threads). */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 3)
    public long sweepAllCores(Sweep s) throws IOException {
        return run(s.spec, s.format, Runtime.getRuntime().availableProcessors(), POINTS);
    }

    /** The whole sweep on one worker thread (the writer is the calling thread). */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 3)
    public long sweepOneThread(Sweep s) throws IOException {
        return run(s.spec, s.format, 1, POINTS);
    }

    /** Baseline: one point evaluated (tree, validation, solve, report, row), points in turn. */
    @Benchmark
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    public SweepRow evaluatePoint(Evaluator e) {
        SweepRow r = e.evaluator.evaluate(e.next);
        e.next = (e.next + 1) % POINTS;
        return r;
    }

    /** Baseline: the plain Newton solve of the binary 60-stage cascade from a prebuilt network. */
    @Benchmark
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    public SteadyState plainSolve(SolverBenchmarks.BinaryNewton p) {
        return p.solver.solve(p.network, p.settings);
    }

    static final int MURPHREE_POINTS = 900;

    /** The Murphree grid, cold and warm, checked once: every point solved and closed, warm rows equal to cold ones. */
    @State(Scope.Benchmark)
    public static class MurphreeSweep {
        SweepSpec cold;
        SweepSpec warm;
        RowFormat format;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            String text = SPEC.replace("name: binary 60 stages, 10000 points", "name: Murphree 0.9, 900 points")
                    .replace("  targets:", "  efficiency: {extraction: 0.9, scrub: 0.9}\n  targets:")
                    .replace("range: {from: 1.8, to: 2.2, count: 100}", "range: {from: 1.8, to: 2.2, count: 30}")
                    .replace("range: {from: 1.6, to: 1.9, count: 100}", "range: {from: 1.6, to: 1.9, count: 30}");
            cold = readSpec(text);
            warm = readSpec(text + "warmStart: true\n");
            format = new RowFormat(cold);
            Cases.check(cold.pointCount() == MURPHREE_POINTS, "points " + cold.pointCount());
            PointEvaluator c = new PointEvaluator(cold);
            PointEvaluator w = new PointEvaluator(warm);
            int balance = format.columns().stream().map(col -> col.name()).toList().indexOf("mass_balance_error");
            int purity = format.columns().stream().map(col -> col.name()).toList().indexOf("purity_organic");
            double worstBalance = 0;
            double worstPurity = 0;
            for (int i = 0; i < MURPHREE_POINTS; i++) {
                SweepRow rc = c.evaluate(i);
                SweepRow rw = w.evaluate(i);
                Cases.check(rc.status() == SweepRow.Status.OK && rw.status() == SweepRow.Status.OK,
                        "point " + i + ": " + rc.values() + " / " + rw.values());
                worstBalance = Math.max(worstBalance, Math.max((Double) rc.values().get(balance),
                        (Double) rw.values().get(balance)));
                double a = (Double) rc.values().get(purity);
                worstPurity = Math.max(worstPurity, Math.abs(a - (Double) rw.values().get(purity)) / a);
            }
            Cases.check(worstBalance < 1e-10, "mass balance " + worstBalance);
            Cases.check(worstPurity < 1e-9, "warm purity differs from the cold one by " + worstPurity);
            Cases.check(w.warmStarts() > MURPHREE_POINTS / 2, "warm starts " + w.warmStarts());
            System.out.printf(Locale.ROOT, "%n[murphree] %d points all ok, largest mass-balance error %.1e, "
                    + "warm purity within %.1e of cold, %d warm starts, %d fell back%n", MURPHREE_POINTS,
                    worstBalance, worstPurity, w.warmStarts(), w.warmFallbacks());
        }
    }

    /** The Murphree grid on every core, every point solved cold (the default). */
    @Benchmark
    @OperationsPerInvocation(MURPHREE_POINTS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 3)
    public long murphreeCold(MurphreeSweep s) throws IOException {
        return run(s.cold, s.format, Runtime.getRuntime().availableProcessors(), MURPHREE_POINTS);
    }

    /** The same grid on every core with {@code warmStart: true}. */
    @Benchmark
    @OperationsPerInvocation(MURPHREE_POINTS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 3)
    public long murphreeWarm(MurphreeSweep s) throws IOException {
        return run(s.warm, s.format, Runtime.getRuntime().availableProcessors(), MURPHREE_POINTS);
    }
}
