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
            // read from a file as `sweep` reads it (fromResolved takes the resolved JSON only)
            Path file = Files.createTempFile("sweep-benchmark", ".yaml");
            try {
                Files.writeString(file, SPEC);
                spec = SweepSpec.read(file);
            } finally {
                Files.delete(file);
            }
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

    private static long run(Sweep s, int threads) throws IOException {
        CsvSink sink = new CsvSink(s.format);
        new LocalSweep(s.spec, threads).run(Shard.ALL, 0, sink, null);
        Cases.check(sink.rows == POINTS, "rows " + sink.rows);
        return sink.rows;
    }

    /** The whole sweep on every core (here 2 threads). */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 3)
    public long sweepAllCores(Sweep s) throws IOException {
        return run(s, Runtime.getRuntime().availableProcessors());
    }

    /** The whole sweep on one worker thread (the writer is the calling thread). */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 3)
    public long sweepOneThread(Sweep s) throws IOException {
        return run(s, 1);
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
}
