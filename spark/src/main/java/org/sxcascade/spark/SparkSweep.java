package org.sxcascade.spark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.sxcascade.io.CaseFileException;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.sweep.Column;
import org.sxcascade.sweep.PointEvaluator;
import org.sxcascade.sweep.RowFormat;
import org.sxcascade.sweep.Shard;
import org.sxcascade.sweep.SweepRow;
import org.sxcascade.sweep.SweepSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A sweep as a Spark job: the points of a sweep spec (or of one shard of it) are split into
 * partitions of consecutive point indices; each partition evaluates its points in order with one
 * {@link PointEvaluator} (one solver, reused), exactly as {@code sxcascade sweep} does, and the
 * rows are written as Parquet (typed columns) and as CSV (the lines of {@link RowFormat}, so the
 * same text as the local run).
 *
 * <p>Output directory: {@code parquet/} (one part file per partition, in point order) and
 * {@code csv/} (part files {@code part-NNNNN-*.txt}, in point order, each a CSV file with the
 * header line); both are replaced if they exist, anything else in the directory is left alone.
 * With {@code --merge} also {@code sweep.csv}: the parts as one CSV file with one header.
 * docs/sweep.md gives the spark-submit command.
 */
@Command(name = "sxcascade-spark", mixinStandardHelpOptions = true, version = "sxcascade-spark 0.1.0",
        description = "Run a sweep spec (docs/sweep.md) as an Apache Spark job; writes OUT/parquet and OUT/csv.",
        footer = {"", "Example:", "  spark-submit --class org.sxcascade.spark.SparkSweep --master yarn "
                + "sxcascade-spark.jar cases/pr-nd-sweep.yaml --out hdfs:///sweeps/nd-purity --partitions 64",
                "(not java -jar: Spark is provided by spark-submit; docs/sweep.md, Spark)",
                "", "Exit codes: 0 every point has its row, 2 bad spec or options (nothing run)."})
public final class SparkSweep implements Callable<Integer> {
    /** Name of the column that carries each row's CSV line until it is written. */
    static final String CSV_LINE = "_csv_line";

    /** Name of the merged CSV file that {@code --merge} writes in the output directory. */
    public static final String MERGED = "sweep.csv";

    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "Sweep spec, read on the driver.")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Output directory (any Hadoop file system URI); its parquet/ and csv/ are replaced if they "
                    + "exist.")
    String out;

    @Option(names = "--partitions", paramLabel = "P",
            description = "Partitions of the points (default: 4 × the executor cores, counted once the executors "
                    + "have registered: see --wait-executors).")
    Integer partitions;

    @Option(names = "--wait-executors", paramLabel = "SECONDS", defaultValue = "60",
            description = "Without --partitions on a cluster: how long to wait at most for the executors to "
                    + "register before counting their cores (default: ${DEFAULT-VALUE}; 0: do not wait). The wait "
                    + "ends as soon as the cores the job asked for (spark.cores.max, or spark.executor.instances × "
                    + "spark.executor.cores) are there, or when no asked count is known and the count has not "
                    + "changed for 5 s.")
    double waitExecutors;

    @Option(names = "--shard", paramLabel = "k/N", description = "Run only the k-th of N slices, as sxcascade sweep.")
    String shard;

    @Option(names = "--merge", description = "Also write OUT/" + MERGED + ": the CSV parts as one file, one header, "
            + "rows in point order (copied through the driver).")
    boolean merge;

    /**
     * What a run wrote.
     *
     * @param points   rows written
     * @param statuses rows by status
     * @param parquet  the Parquet directory
     * @param csv      the CSV directory
     * @param merged   the merged CSV file, or null if none was asked for
     */
    public record Result(long points, Map<SweepRow.Status, Long> statuses, String parquet, String csv, String merged) {
    }

    /**
     * {@code spark-submit … sxcascade-spark.jar SPEC.yaml --out DIR}: exits with the code of
     * {@link #run(PrintWriter, PrintWriter, String...)}.
     */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line; returns the exit code. */
    static int run(PrintWriter stdout, PrintWriter stderr, String... args) {
        CommandLine cli = new CommandLine(new SparkSweep());
        cli.setOut(stdout);
        cli.setErr(stderr);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof InvalidInputException || ex instanceof CaseFileException) {
                commandLine.getErr().println("error: " + ex.getMessage());
                commandLine.getErr().flush();
                return 2;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        SweepSpec spec = readOnDriver(specFile); // bad input fails here, before Spark starts
        Shard slice = shard == null ? Shard.ALL : Shard.parse("--shard", shard);
        if (partitions != null && partitions < 1) {
            throw new InvalidInputException("--partitions", partitions, "an integer ≥ 1");
        }
        if (!(waitExecutors >= 0 && waitExecutors <= 3600)) {
            throw new InvalidInputException("--wait-executors", waitExecutors, "0 to 3600 seconds");
        }
        SparkSession spark = SparkSession.builder().appName("sxcascade sweep: " + spec.name()).getOrCreate();
        try {
            int parts = partitions != null ? partitions : 4 * registeredParallelism(spark, waitExecutors,
                    command.commandLine().getErr());
            Result r = run(spark, spec, slice, out, parts, merge);
            PrintWriter stdout = command.commandLine().getOut();
            stdout.print(summary(spec, slice, r));
            stdout.flush();
        } finally {
            spark.stop();
        }
        return 0;
    }

    /**
     * Spark's default parallelism once the executors have registered: in local mode at once; on a
     * cluster after waiting (at most {@code waitSeconds}) for the cores the job asked for, or, when it
     * asked for no number, until the count has been steady for {@value #STEADY_MILLIS} ms. Spark counts
     * the cores registered when it is asked, and on a standalone cluster the job starts before its
     * executors register (docs/sweep.md, "Partitions"). Says on {@code err} what it counted.
     */
    static int registeredParallelism(SparkSession spark, double waitSeconds, PrintWriter err) {
        org.apache.spark.SparkContext sc = spark.sparkContext();
        org.apache.spark.SparkConf conf = sc.getConf();
        if (sc.isLocal() || waitSeconds == 0) {
            return sc.defaultParallelism();
        }
        if (conf.contains("spark.default.parallelism")) {
            // set by the user: Spark reports it whatever has registered, so there is nothing to wait for
            int set = sc.defaultParallelism();
            err.printf(Locale.ROOT, "note: spark.default.parallelism = %d is set: %d partitions, not waiting for "
                    + "executors (--partitions sets them)%n", set, 4 * set);
            err.flush();
            return set;
        }
        int asked = 0;
        int perExecutor = conf.getInt("spark.executor.cores", 0);
        if (conf.contains("spark.cores.max")) {
            int max = conf.getInt("spark.cores.max", 0);
            // executors take whole multiples of their cores: 10 cores of 4-core executors are 8
            asked = perExecutor > 0 ? max / perExecutor * perExecutor : max;
        } else if (conf.contains("spark.executor.instances") && perExecutor > 0) {
            asked = conf.getInt("spark.executor.instances", 0) * perExecutor;
        }
        // the status tracker lists the driver too
        java.util.function.IntSupplier executors = () -> Math.max(0, sc.statusTracker().getExecutorInfos().length - 1);
        int cores = settledCount(sc::defaultParallelism, executors, asked, (long) (waitSeconds * 1000), Thread::sleep);
        int registered = executors.getAsInt();
        err.printf(Locale.ROOT, "note: %d executor%s registered, %d cores%s; %d partitions (4 per core; "
                + "--partitions sets them)%n", registered, registered == 1 ? "" : "s", cores,
                asked > 0 ? " of " + asked + " asked" : "", 4 * cores);
        err.flush();
        return cores;
    }

    /** How long a count must stay the same to count as settled when no target is known, ms. */
    static final long STEADY_MILLIS = 5000;
    /** Interval between looks at the count, ms. */
    static final long POLL_MILLIS = 250;

    /** Sleeps for a number of milliseconds (a seam for tests). */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /**
     * Polls {@code count} until it reaches {@code target} with at least one executor registered
     * (when {@code target} > 0), or has not
     * changed for {@link #STEADY_MILLIS} while at least one executor is registered (when it is 0),
     * or {@code timeoutMillis} have passed, and returns the last count.
     */
    static int settledCount(java.util.function.IntSupplier count, java.util.function.IntSupplier executors, int target,
                            long timeoutMillis, Sleeper sleeper) {
        int last = count.getAsInt();
        long waited = 0;
        long steady = 0;
        // with a target, at least one executor too: Spark's floor of 2 meets a target of 2 before any has come
        while (waited < timeoutMillis
                && (target > 0 ? last < target || executors.getAsInt() == 0 : steady < STEADY_MILLIS)) {
            try {
                sleeper.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            waited += POLL_MILLIS;
            int now = count.getAsInt();
            // the steady clock runs only once an executor is there: before, Spark reports its floor of 2
            steady = now == last && executors.getAsInt() > 0 ? steady + POLL_MILLIS : 0;
            last = now;
        }
        return last;
    }

    /**
     * Reads the spec (and the base case it names) on the driver. Only the resolved text travels to
     * the executors (in {@link Evaluate}), so the files need to exist only here. A missing spec
     * says where the driver looked: in cluster deploy mode the driver runs on a cluster node, not
     * where spark-submit was started.
     */
    static SweepSpec readOnDriver(Path specFile) {
        if (!Files.exists(specFile)) {
            throw new CaseFileException(specFile + ": no such file on the driver (host "
                    + hostName() + ", working directory " + Path.of("").toAbsolutePath()
                    + "); the spec and its base case are read by the driver only: submit in client deploy mode "
                    + "from where the files are, or give a path that exists on the driver's node (docs/sweep.md, Spark)");
        }
        return SweepSpec.read(specFile);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** The summary printed after a run: the sweep, its points, the rows by status and the directories. */
    static String summary(SweepSpec spec, Shard slice, Result r) {
        StringBuilder b = new StringBuilder(spec.name()).append('\n');
        b.append(String.format(Locale.ROOT, "  points   %d%s%n", r.points(), slice.n() > 1 ? " (shard " + slice + ")" : ""));
        b.append("  status   ").append(r.statuses().isEmpty() ? "no rows" : SweepRow.Status.summary(r.statuses()))
                .append('\n');
        b.append("  written  ").append(r.parquet()).append(", ").append(r.csv()).append('\n');
        if (r.merged() != null) {
            b.append("  merged   ").append(r.merged()).append('\n');
        }
        return b.toString();
    }

    /**
     * Runs a sweep (one shard of it) on a Spark session and writes {@code out/parquet} and
     * {@code out/csv}, replacing them if they exist (other files in {@code out} are left alone).
     *
     * @param spark      the session
     * @param spec       the sweep
     * @param shard      the slice of its points to run ({@link Shard#ALL} for all)
     * @param out        the output directory (a Hadoop file system URI or path)
     * @param partitions partitions of the points, or 0 for 4 × the default parallelism
     * @return the number of rows, the rows by status and the two directories written
     */
    public static Result run(SparkSession spark, SweepSpec spec, Shard shard, String out, int partitions) {
        return run(spark, spec, shard, out, partitions, false);
    }

    /**
     * As {@link #run(SparkSession, SweepSpec, Shard, String, int)}, and with {@code merge} also
     * writes {@code out/}{@value #MERGED}: the CSV header once, then the rows of every CSV part in
     * point order (the text of {@code sxcascade sweep}'s file), replacing it if it exists.
     *
     * @param merge whether to write the merged CSV file
     * @return the number of rows, the rows by status, the two directories and the merged file (or null)
     */
    public static Result run(SparkSession spark, SweepSpec spec, Shard shard, String out, int partitions,
            boolean merge) {
        RowFormat format = new RowFormat(spec);
        long total = shard.count(spec.pointCount());
        int parts = partitions > 0 ? partitions : 4 * spark.sparkContext().defaultParallelism();
        parts = (int) Math.max(1, Math.min(parts, total));
        StructType schema = schema(format).add(CSV_LINE, DataTypes.StringType, false);
        Dataset<Row> rows = spark.range(0, total, 1, parts)
                .mapPartitions(new Evaluate(spec.resolved(), shard.k(), shard.n()), Encoders.row(schema))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            String parquet = out + "/parquet";
            String csv = out + "/csv";
            rows.drop(CSV_LINE).write().mode(SaveMode.Overwrite).parquet(parquet);
            rows.select(CSV_LINE).as(Encoders.STRING())
                    .mapPartitions(new WithHeader(format.csvHeader()), Encoders.STRING())
                    .write().mode(SaveMode.Overwrite).text(csv);
            Map<SweepRow.Status, Long> statuses = new EnumMap<>(SweepRow.Status.class);
            for (Row r : rows.groupBy("status").count().collectAsList()) {
                for (SweepRow.Status s : SweepRow.Status.values()) {
                    if (s.label().equals(r.getString(0))) {
                        statuses.put(s, r.getLong(1));
                    }
                }
            }
            String merged = null;
            if (merge) {
                merged = out + "/" + MERGED;
                mergeCsv(spark, csv, format.csvHeader(), merged);
            }
            return new Result(total, statuses, parquet, csv, merged);
        } finally {
            rows.unpersist();
        }
    }

    /**
     * Concatenates the CSV part files of {@code csvDir} in name order (= point order: partition k
     * holds consecutive points and is written as {@code part-k}) into {@code target}: the header
     * once, then each part without its first line (its header). Empty parts are skipped.
     */
    static void mergeCsv(SparkSession spark, String csvDir, String header, String target) {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(csvDir);
        try {
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            FileStatus[] parts = fs.listStatus(dir, p -> p.getName().startsWith("part-"));
            Arrays.sort(parts, Comparator.comparing(f -> f.getPath().getName()));
            try (OutputStream o = fs.create(new org.apache.hadoop.fs.Path(target), true)) {
                o.write((header + "\n").getBytes(StandardCharsets.UTF_8));
                for (FileStatus part : parts) {
                    try (InputStream in = new BufferedInputStream(fs.open(part.getPath()))) {
                        int c;
                        do {
                            c = in.read(); // skip the part's header line
                        } while (c != -1 && c != '\n');
                        in.transferTo(o);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge " + csvDir + " into " + target + ": " + e.getMessage(), e);
        }
    }

    /** The Spark schema of a row format's columns (names and types as in the CSV header). */
    public static StructType schema(RowFormat format) {
        List<StructField> fields = new ArrayList<>();
        for (Column c : format.columns()) {
            DataType t = switch (c.type()) {
                case LONG -> DataTypes.LongType;
                case INTEGER -> DataTypes.IntegerType;
                case DOUBLE -> DataTypes.DoubleType;
                case STRING -> DataTypes.StringType;
                case BOOLEAN -> DataTypes.BooleanType;
            };
            fields.add(DataTypes.createStructField(c.name(), t, !c.name().equals("point")));
        }
        return DataTypes.createStructType(fields);
    }

    /** Evaluates a partition's points in order with one evaluator (one solver) for the partition. */
    static final class Evaluate implements MapPartitionsFunction<Long, Row> {
        private static final long serialVersionUID = 1L;
        private final String resolvedSpec;
        private final int k;
        private final int n;

        Evaluate(String resolvedSpec, int k, int n) {
            this.resolvedSpec = resolvedSpec;
            this.k = k;
            this.n = n;
        }

        @Override
        public Iterator<Row> call(Iterator<Long> ordinals) {
            SweepSpec spec = SweepSpec.fromResolved(resolvedSpec);
            PointEvaluator evaluator = new PointEvaluator(spec);
            RowFormat format = evaluator.format();
            Shard shard = new Shard(k, n);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return ordinals.hasNext();
                }

                @Override
                public Row next() {
                    SweepRow row = evaluator.evaluate(shard.point(ordinals.next()));
                    Object[] values = row.values().toArray(new Object[row.values().size() + 1]);
                    values[values.length - 1] = format.csvLine(row);
                    return RowFactory.create(values);
                }
            };
        }
    }

    /** A partition's CSV lines with the header first (nothing for an empty partition). */
    static final class WithHeader implements MapPartitionsFunction<String, String> {
        private static final long serialVersionUID = 1L;
        private final String header;

        WithHeader(String header) {
            this.header = header;
        }

        @Override
        public Iterator<String> call(Iterator<String> lines) {
            return new Iterator<>() {
                private boolean headed;

                @Override
                public boolean hasNext() {
                    return lines.hasNext();
                }

                @Override
                public String next() {
                    if (!lines.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    if (!headed) {
                        headed = true;
                        return header;
                    }
                    return lines.next();
                }
            };
        }
    }
}
