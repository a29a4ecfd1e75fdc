package org.sxcascade.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.sweep.LocalSweep;
import org.sxcascade.sweep.RowFormat;
import org.sxcascade.sweep.Shard;
import org.sxcascade.sweep.SweepOutput;
import org.sxcascade.sweep.SweepRow;
import org.sxcascade.sweep.SweepSpec;

/** The Spark job in local mode gives the local run's rows, by text (CSV) and by value (Parquet). */
class SparkSweepTest {
    /**
     * 10,000 points of the binary 60-stage cascade (β = 2, n = m = 30): β of A from 1.8 to 2.2 and
     * S from 1.6 to 2.3 mol RE per mol RE fed with W = 1.2081944, so the points with S ≥ W + 1
     * are invalid (no raffinate) and are rows with their reason.
     */
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
                range: {from: 1.6, to: 2.3, count: 100}
            record: [purities, recoveries, targets, compositions, stages, flows, reagents, phi]
            """;

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[*]").appName("sxcascade-spark test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /**
     * The acceptance test's Spark half: Spark local[*] gives the local run's rows. That the local
     * run gives the same rows on 1 thread and on all is LocalSweepTest's
     * tenThousandPointsGiveTheSameRowsOnOneThreadAndOnMany, on this same spec (Specs.BINARY_10K).
     */
    @Test
    void tenThousandBinaryPointsGiveTheLocalRows(@TempDir Path dir) throws IOException {
        Path specFile = dir.resolve("binary.yaml");
        Files.writeString(specFile, SPEC);
        SweepSpec spec = SweepSpec.read(specFile);
        assertThat(spec.pointCount()).isEqualTo(10_000);

        List<String> local = local(spec, dir.resolve("one.csv"), 1);
        assertThat(local).hasSize(10_001);
        assertThat(local.stream().filter(l -> l.contains(",invalid,"))).isNotEmpty();
        assertThat(local.stream().filter(l -> l.contains(",ok,"))).hasSizeGreaterThan(5000);

        SparkSweep.Result r = SparkSweep.run(spark, spec, Shard.ALL, dir.resolve("spark").toUri().toString(), 7, true);
        assertThat(r.points()).isEqualTo(10_000);
        // --merge: one file, one header, byte for byte the local run's file
        assertThat(r.merged()).isEqualTo(r.csv().replaceAll("/csv$", "/") + SparkSweep.MERGED);
        assertThat(Files.readAllBytes(dir.resolve("spark").resolve(SparkSweep.MERGED)))
                .isEqualTo(Files.readAllBytes(dir.resolve("one.csv")));
        assertThat(r.statuses().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(10_000);

        // CSV: part files in name order, each with the header, are the local file's lines
        List<Path> parts;
        try (Stream<Path> s = Files.list(dir.resolve("spark/csv"))) {
            parts = s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
        assertThat(parts).hasSizeGreaterThan(1);
        List<String> sparkLines = new ArrayList<>();
        sparkLines.add(local.get(0));
        for (Path p : parts) {
            List<String> lines = Files.readAllLines(p);
            assertThat(lines.get(0)).isEqualTo(local.get(0));
            sparkLines.addAll(lines.subList(1, lines.size()));
        }
        assertThat(sparkLines).isEqualTo(local);

        // Parquet: the format's column names and types, in point order; each row's values, written
        // by the row format, are the local CSV line; an empty reason stays "" (never null)
        List<Row> parquet = spark.read().parquet(dir.resolve("spark/parquet").toString()).orderBy("point")
                .collectAsList();
        assertThat(parquet).hasSize(10_000);
        RowFormat format = new RowFormat(spec);
        // (names and types: Spark reads every Parquet column back as nullable)
        assertThat(Arrays.stream(parquet.get(0).schema().fields()).map(f -> f.name() + " " + f.dataType()))
                .containsExactlyElementsOf(Arrays.stream(SparkSweep.schema(format).fields())
                        .map(f -> f.name() + " " + f.dataType()).toList());
        int reason = format.columns().size() - 1;
        long emptyReasons = 0;
        for (int i = 0; i < parquet.size(); i++) {
            Row actual = parquet.get(i);
            List<Object> values = new ArrayList<>();
            for (int c = 0; c < actual.size(); c++) {
                values.add(actual.isNullAt(c) ? null : actual.get(c));
            }
            SweepRow row = new SweepRow(actual.getLong(0), SweepRow.Status.OK, values);
            assertThat(format.csvLine(row)).as("point %d", i).isEqualTo(local.get(i + 1));
            assertThat(actual.isNullAt(reason)).as("point %d reason", i).isFalse();
            emptyReasons += actual.getString(reason).isEmpty() ? 1 : 0;
        }
        assertThat(emptyReasons).isGreaterThan(5000);
    }

    @Test
    void aShardOnSparkIsTheLocalShard(@TempDir Path dir) throws IOException {
        Path specFile = dir.resolve("binary.yaml");
        // default column names: the parameters' paths (with dots and brackets)
        Files.writeString(specFile, SPEC.replace("count: 100}", "count: 20}").replace("    name: beta_A\n", "")
                .replace("    name: S\n", ""));
        SweepSpec spec = SweepSpec.read(specFile);
        Shard shard = new Shard(2, 3);
        Path csv = dir.resolve("shard.csv");
        try (SweepOutput out = SweepOutput.open(spec, shard, csv, null, false)) {
            new LocalSweep(spec, 2).run(shard, out.next(), out, null);
        }
        SparkSweep.run(spark, spec, shard, dir.resolve("spark").toUri().toString(), 3, true);
        List<String> lines = csvParts(dir.resolve("spark/csv"));
        assertThat(lines).isEqualTo(Files.readAllLines(csv));
        assertThat(Files.readAllBytes(dir.resolve("spark/" + SparkSweep.MERGED))).isEqualTo(Files.readAllBytes(csv));
        assertThat(lines.get(0)).startsWith("point,components[0].separationFactor,flows.extractant,status,");
        List<Row> parquet = spark.read().parquet(dir.resolve("spark/parquet").toString()).orderBy("point")
                .collectAsList();
        assertThat(parquet).hasSize(lines.size() - 1);
        assertThat(parquet.get(0).schema().fieldNames()[1]).isEqualTo("components[0].separationFactor");
    }

    /**
     * {@code warmStart: true} (blocks of 16 points, each from the point before): Spark partitions that
     * begin inside a block re-solve its start, so the rows are the local run's whatever the partitions.
     */
    @Test
    void warmStartsGiveTheLocalRowsWhateverThePartitions(@TempDir Path dir) throws IOException {
        Path specFile = dir.resolve("murphree.yaml");
        Files.writeString(specFile, SPEC.replace("count: 100}", "count: 7}").replace(
                "  flows: {extractant: 1.7086449, scrub: 1.2081944}\n",
                "  flows: {extractant: 1.7086449, scrub: 1.2081944}\n  efficiency: {extraction: 0.9, scrub: 0.9}\n")
                + "warmStart: true\n");
        SweepSpec spec = SweepSpec.read(specFile);
        assertThat(spec.task().warmStart()).isTrue();
        Path csv = dir.resolve("local.csv");
        LocalSweep.Summary local;
        try (SweepOutput out = SweepOutput.open(spec, Shard.ALL, csv, null, false)) {
            local = new LocalSweep(spec, 2).run(Shard.ALL, out.next(), out, null);
        }
        assertThat(local.warmStarts()).isPositive();
        for (int partitions : new int[] {3, 5}) {
            SparkSweep.run(spark, spec, Shard.ALL, dir.resolve("spark" + partitions).toUri().toString(), partitions,
                    true);
            assertThat(Files.readAllBytes(dir.resolve("spark" + partitions + "/" + SparkSweep.MERGED)))
                    .as(partitions + " partitions").isEqualTo(Files.readAllBytes(csv));
        }
    }

    /** A shard with no points merges to the header alone, as the local shard's file. */
    @Test
    void anEmptyShardMergesToTheHeaderAlone(@TempDir Path dir) throws IOException {
        Path specFile = dir.resolve("small.yaml");
        Files.writeString(specFile, SPEC.replace("count: 100}", "count: 2}"));
        SweepSpec spec = SweepSpec.read(specFile);
        Shard shard = new Shard(6, 6);
        assertThat(shard.count(spec.pointCount())).isZero();
        Path csv = dir.resolve("empty.csv");
        try (SweepOutput out = SweepOutput.open(spec, shard, csv, null, false)) {
            new LocalSweep(spec, 1).run(shard, out.next(), out, null);
        }
        SparkSweep.Result r = SparkSweep.run(spark, spec, shard, dir.resolve("spark").toString(), 0, true);
        assertThat(Files.readAllBytes(dir.resolve("spark/" + SparkSweep.MERGED))).isEqualTo(Files.readAllBytes(csv));
        assertThat(Files.readAllLines(csv)).hasSize(1);
        assertThat(SparkSweep.summary(spec, shard, r)).endsWith("  merged   " + dir.resolve("spark") + "/"
                + SparkSweep.MERGED + "\n");
    }

    @Test
    void aLatinHypercubeOnSparkIsTheLocalOneAndTheSummarySaysWhatWasWritten(@TempDir Path dir) throws IOException {
        Path specFile = dir.resolve("lhs.yaml");
        Files.writeString(specFile, SPEC.replace("range: {from: 1.8, to: 2.2, count: 100}", "range: {from: 1.8, to: 2.2}")
                .replace("range: {from: 1.6, to: 2.3, count: 100}", "range: {from: 1.6, to: 2.3}")
                .replace("record:", "sampling: latin-hypercube\nsamples: 300\nseed: 11\nrecord:"));
        SweepSpec spec = SweepSpec.read(specFile);
        List<String> expected = local(spec, dir.resolve("lhs.csv"), 2);
        SparkSweep.Result r = SparkSweep.run(spark, spec, Shard.ALL, dir.resolve("spark").toString(), 3);
        List<String> lines = csvParts(dir.resolve("spark/csv"));
        assertThat(lines).isEqualTo(expected);
        long ok = expected.stream().filter(l -> l.contains(",ok,")).count();
        long invalid = expected.stream().filter(l -> l.contains(",invalid,")).count();
        assertThat(ok + invalid).isEqualTo(300);
        assertThat(SparkSweep.summary(spec, Shard.ALL, r)).isEqualTo("binary 60 stages, 10000 points\n"
                + "  points   300\n  status   ok " + ok + ", invalid " + invalid + "\n  written  " + r.parquet() + ", "
                + r.csv() + "\n");
    }

    /**
     * The spec and its base case are read on the driver only: with both files deleted after the
     * driver has read them, the executors still compute the local rows (they get the resolved text).
     */
    @Test
    void aSpecWhoseFilesAreOnlyOnTheDriverStillRuns(@TempDir Path dir) throws IOException {
        String caseText = SPEC.substring(SPEC.indexOf("case:\n") + "case:\n".length(), SPEC.indexOf("parameters:"))
                .replaceAll("(?m)^  ", "");
        Path base = dir.resolve("driver-only/base.yaml");
        Files.createDirectories(base.getParent());
        Files.writeString(base, caseText);
        Path specFile = dir.resolve("driver-only/spec.yaml");
        Files.writeString(specFile, SPEC.substring(0, SPEC.indexOf("case:\n")) + "base: base.yaml\n"
                + SPEC.substring(SPEC.indexOf("parameters:")).replace("count: 100}", "count: 12}"));
        SweepSpec spec = SparkSweep.readOnDriver(specFile);
        List<String> expected = local(spec, dir.resolve("local.csv"), 1);
        assertThat(expected).hasSize(145);
        Files.delete(specFile);
        Files.delete(base);
        Files.delete(base.getParent());
        SparkSweep.run(spark, spec, Shard.ALL, dir.resolve("spark").toString(), 5);
        assertThat(csvParts(dir.resolve("spark/csv"))).isEqualTo(expected);
    }

    @Test
    void aMissingSpecIsExitTwoNamingTheFileAndTheDriver(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        Path missing = dir.resolve("pr-nd-sweep.yaml");
        int code = SparkSweep.run(new PrintWriter(new StringWriter()), new PrintWriter(err), missing.toString(),
                "--out", dir.resolve("out").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: " + missing + ": no such file on the driver (host ")
                .contains("client deploy mode");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aBadSpecIsExitTwoBeforeSparkStarts(@TempDir Path dir) throws IOException {
        Path specFile = dir.resolve("bad.yaml");
        Files.writeString(specFile, SPEC.replace("path: flows.extractant", "path: flows.extractent"));
        StringWriter err = new StringWriter();
        int code = SparkSweep.run(new PrintWriter(new StringWriter()), new PrintWriter(err), specFile.toString(),
                "--out", dir.resolve("out").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("parameters[1].path = flows.extractent").contains("did you mean "
                + "'flows.extractant'");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    /** The CSV part files in name order as one file: the first header, then every part's rows. */
    private static List<String> csvParts(Path csvDir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.list(csvDir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                List<String> part = Files.readAllLines(p);
                lines.addAll(lines.isEmpty() ? part : part.subList(1, part.size()));
            }
        }
        return lines;
    }

    private static List<String> local(SweepSpec spec, Path csv, int threads) throws IOException {
        try (SweepOutput out = SweepOutput.open(spec, Shard.ALL, csv, null, false)) {
            new LocalSweep(spec, threads).run(Shard.ALL, out.next(), out, null);
        }
        return Files.readAllLines(csv);
    }
}
