package org.sxcascade.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Sweep specs the tests run (here and in the command line's tests). */
public final class Specs {
    private Specs() {
    }

    /** The binary 60-stage cascade (β = 2, n = m = 30, S and W of Zhang's example) as an inline case. */
    public static final String BINARY_CASE = """
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
            """;

    /** {@link #BINARY_CASE} without its stages and flows: a case for run: design and optimize. */
    public static final String BINARY_DESIGN_CASE = BINARY_CASE
            .replace("  cascade: {extractionStages: 30, scrubStages: 30}\n", "")
            .replace("  flows: {extractant: 1.7086449, scrub: 1.2081944}\n", "");

    /**
     * 10,000 binary 60-stage points: β of A 1.8 … 2.2 and S 1.6 … 2.3 (W = 1.2081944), so the
     * points with S ≥ W + 1 are invalid rows. The same spec as spark/'s SparkSweepTest.SPEC (the
     * acceptance test: LocalSweepTest runs it on 1 and on several threads, SparkSweepTest on Spark).
     */
    static final String BINARY_10K = "name: binary 60 stages, 10000 points\n" + BINARY_CASE + """
            parameters:
              - path: components[0].separationFactor
                name: beta_A
                range: {from: 1.8, to: 2.2, count: 100}
              - path: flows.extractant
                name: S
                range: {from: 1.6, to: 2.3, count: 100}
            record: [purities, recoveries, targets, compositions, stages, flows, reagents, phi]
            """;

    public static Path write(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a spec (a shard of it) afresh into a CSV file and returns the file's lines. */
    static List<String> run(SweepSpec spec, Shard shard, Path csv, int threads) throws IOException {
        try (SweepOutput out = SweepOutput.open(spec, shard, csv, null, false)) {
            new LocalSweep(spec, threads).run(shard, out.next(), out, null);
        }
        return Files.readAllLines(csv);
    }
}
