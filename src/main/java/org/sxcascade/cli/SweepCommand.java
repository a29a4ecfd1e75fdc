package org.sxcascade.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.sxcascade.io.FlowsheetReader;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.sweep.LocalSweep;
import org.sxcascade.sweep.Parameter;
import org.sxcascade.sweep.PointEvaluator;
import org.sxcascade.sweep.Sampling;
import org.sxcascade.sweep.Shard;
import org.sxcascade.sweep.SweepOutput;
import org.sxcascade.sweep.SweepRow;
import org.sxcascade.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sxcascade sweep SPEC.yaml -o results.csv}: a case run over a parameter space. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a base case over a parameter space: every combination of listed values or ranges "
                + "(grid), Latin hypercube or seeded random samples. Each point is simulated, designed (with "
                + "verification) or optimized, on all cores, and written as one CSV row in point order: the point "
                + "index, its parameters, its status, the solver's iterations, residual and mass-balance closure, "
                + "and the recorded outputs. A point that fails is a row with its status and reason. Every "
                + "model runs every task, a model: mass-action base case with its own optimize section.",
                "The spec format and every column are in docs/sweep.md. A killed run continues with --resume; "
                        + "--shard k/N runs one of N slices (for job arrays)."},
        footer = {"", "Examples:", "  sxcascade sweep cases/pr-nd-sweep.yaml -o nd-purity.csv",
                "  sxcascade sweep cases/pr-nd-sweep.yaml -o nd-purity.csv --jsonl nd-purity.jsonl",
                "  sxcascade sweep cases/pr-nd-sweep.yaml -o nd-purity.csv --resume",
                "  sxcascade sweep big.yaml -o part-3.csv --shard 3/16 --threads 8",
                "", "Exit codes: 0 every point has its row (failed points included), 2 bad spec or options "
                + "(nothing run)."})
final class SweepCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "Sweep spec (format: docs/sweep.md).")
    Path specFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "CSV results, one row per point (a sidecar FILE.sweep.json records the spec's hash).")
    Path output;

    @Option(names = "--jsonl", paramLabel = "FILE", description = "Also write the rows as JSON Lines.")
    Path jsonl;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: the number of cores, here ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--shard", paramLabel = "k/N",
            description = "Run only the k-th of N slices: the points with index mod N = k - 1.")
    String shard;

    @Option(names = "--resume", description = "Continue an interrupted run of the same spec (and shard) in FILE: "
            + "keep its rows, repair a partial last line, run the rest. Without FILE, start afresh.")
    boolean resume;

    @Override
    public Integer call() throws IOException {
        FlowsheetReader.refuseFlowsheet(specFile, "sweep"); // flowsheets run with simulate only (docs/flowsheets.md)
        SweepSpec sweep = SweepSpec.read(specFile);
        Shard slice = shard == null ? Shard.ALL : Shard.parse("--shard", shard);
        if (threads < 1 || threads > 4096) {
            throw new InvalidInputException("--threads", threads, "an integer from 1 to 4096");
        }
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        long total = slice.count(sweep.pointCount());
        if (total == 0) {
            err.printf("warning: shard %s of a sweep of %d points has no points (its points would be %d, %d, … "
                    + "mod %d): the output has only its header%n", slice, sweep.pointCount(), slice.k() - 1,
                    slice.k() - 1 + slice.n(), slice.n());
        }
        if (sweep.task().warmStart() && slice.n() > 1) {
            err.printf("warning: warmStart with --shard %s: a shard's points are %d apart, so nearly every point "
                    + "that starts warm re-solves up to %d points before it in its block of %d (same rows, several "
                    + "times the work); run the whole sweep on more threads or on Spark instead%n", slice, slice.n(),
                    Math.min(slice.n(), PointEvaluator.WARM_BLOCK) - 1, PointEvaluator.WARM_BLOCK);
        }
        LocalSweep.Summary summary;
        try (SweepOutput files = SweepOutput.open(sweep, slice, output, jsonl, resume);
             Bar bar = new Bar(total)) {
            for (String w : files.warnings()) {
                err.println("warning: " + w);
            }
            err.flush();
            summary = new LocalSweep(sweep, threads).run(slice, files.next(), files, bar::update);
        }
        out.print(text(sweep, slice, summary, output, jsonl));
        out.flush();
        return 0;
    }

    /** A progress bar (points, rate, time left) on an interactive terminal once the run takes a second. */
    private static final class Bar implements AutoCloseable {
        private final DelayedBar bar;

        Bar(long total) {
            bar = System.console() == null ? null : new DelayedBar("sweep", total, "points");
        }

        void update(long done, long total) {
            if (bar != null && (bar.due() || done == total)) {
                bar.show(done, "");
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    static String text(SweepSpec sweep, Shard slice, LocalSweep.Summary s, Path output, Path jsonl) {
        StringBuilder b = new StringBuilder();
        b.append(sweep.name()).append('\n');
        String space = sweep.sampling() == Sampling.GRID
                ? "grid of " + sweep.parameters().stream().map(p -> String.valueOf(p.values().length))
                .collect(Collectors.joining(" × "))
                : sweep.sampling().label() + ", " + sweep.samples() + " samples, seed " + sweep.seed();
        b.append(f("  points       %d (%s), run: %s%s%n", sweep.pointCount(), space, sweep.task().kind().label(),
                sweep.massAction() ? " (model mass-action)" : ""));
        for (Parameter p : sweep.parameters()) {
            b.append(f("  parameter    %s%s%n", p.name(), p.paths().size() == 1 && p.paths().get(0).text()
                    .equals(p.name()) ? "" : " = " + p.paths().stream().map(Object::toString)
                    .collect(Collectors.joining(", "))));
        }
        if (slice.n() > 1) {
            b.append(f("  shard        %s: %d points (index mod %d = %d)%n", slice, s.total(), slice.n(), slice.k() - 1));
        }
        boolean resumed = s.resumed() > 0;
        if (resumed) {
            b.append(f("  resumed      %d of the %d rows were already in %s%n", s.resumed(), s.total(), output));
        }
        double secs = s.nanos() / 1e9;
        if (s.run() == 0) {
            b.append(resumed ? "  this run     nothing left to run\n" : "  run          no points\n");
        } else {
            b.append(f("  %s%d points in %.2f s (%s, %d thread%s)%n", resumed ? "this run     " : "run          ",
                    s.run(), secs, rate(s.run(), secs), s.threads(), s.threads() == 1 ? "" : "s"));
        }
        Map<SweepRow.Status, Long> st = s.statuses();
        if (!st.isEmpty()) {
            b.append("  status       ").append(SweepRow.Status.summary(st)).append(resumed ? " in this run's rows" : "")
                    .append(st.size() > 1 || !st.containsKey(SweepRow.Status.OK)
                    ? " (the reason column says why)" : "").append('\n');
        }
        if (sweep.task().warmStart() && s.run() > 0) {
            b.append(f("  warm starts  %d of this run's %d rows from the previous point's steady state, %d fell back to "
                    + "the cold solve%n", s.warmStarts(), s.run(), s.warmFallbacks()));
        }
        b.append(f("  written      %s (%d rows)%s%n", output, s.total(),
                jsonl == null ? "" : ", " + jsonl + " (JSON Lines)"));
        return b.toString();
    }

    /** Points per second, or seconds per point when that is less than one a second. */
    static String rate(long points, double secs) {
        double perSecond = secs > 0 ? points / secs : 0;
        if (perSecond >= 10 || secs <= 0) {
            return f("%.0f points/s", perSecond);
        }
        if (perSecond >= 1) {
            return f("%.1f points/s", perSecond);
        }
        return f("%.1f s per point", secs / points);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
