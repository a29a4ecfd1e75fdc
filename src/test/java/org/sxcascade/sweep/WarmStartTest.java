package org.sxcascade.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.cli.SxCascade;
import org.sxcascade.model.InvalidInputException;

/**
 * {@code warmStart: true}: each point of a block of 16 starts from the converged steady state of the
 * point before it. Its rows equal the cold rows to the solve tolerance (not byte for byte: the
 * iterations and the last digits differ), warm starts do happen, and the file is the same for any
 * thread count, evaluation order or resume point (a row is a function of its index alone).
 */
class WarmStartTest {
    @TempDir
    Path dir;

    /**
     * Largest relative difference allowed between a warm and a cold row's number (purities,
     * recoveries, compositions, flows, chemistry). Both solves stop when every stage balance holds to
     * the solver's tolerance (|ln(in/out)| ≤ 1e-12 by default; Newton converges quadratically, so
     * the last step leaves far less) and are then polished, so two converged profiles differ by a few
     * units of the last places: issue 20's measurement found at most 4.8e-11 relative (a fraction of
     * 1.6e-4), 7.5e-14 on the binary. 1e-9 leaves room for the sensitive mass-action points; a warm
     * start that converged to another steady state, or not at all, would miss it by far more.
     */
    static final double RELATIVE = 1e-9;
    /** Below this (a fraction of 1e-13 of a product) numbers are compared absolutely. */
    static final double ABSOLUTE = 1e-13;

    /** The binary 30 + 30 stages with Murphree efficiency 0.9 in both sections: 5 β × 8 S = 40 points. */
    static final String MURPHREE = "name: murphree\n" + Specs.BINARY_CASE + """
              efficiency: {extraction: 0.9, scrub: 0.9}
            parameters:
              - {path: 'components[0].separationFactor', name: beta_A, range: {from: 1.9, to: 2.1, count: 5}}
              - {path: flows.extractant, name: S, range: {from: 1.65, to: 1.8, count: 8}}
            record: [purities, recoveries, compositions, flows]
            """;

    /** The Gd | Eu | Sm three-outlet cascade with its Eu side draw (cases/gd-eu-sm-three-outlet.yaml): 20 points. */
    static final String SIDE_DRAW = """
            name: side draw
            case:
              model: separation-factors
              components:
                - {name: Gd, separationFactor: 2.80}
                - {name: Eu, separationFactor: 2.00}
                - {name: Sm, separationFactor: 1.00}
              feed: {phase: aqueous, composition: {Gd: 0.39, Eu: 0.10, Sm: 0.51}}
              cascade: {extractionStages: 18, scrubStages: 42}
              flows: {extractant: 2.00, scrub: 1.75876}
              sideDraws:
                - {name: Eu concentrate, stage: 30, phase: aqueous, flow: 0.2495}
            parameters:
              - {path: flows.extractant, name: S, range: {from: 1.98, to: 2.02, count: 4}}
              - {path: 'sideDraws[0].flow', name: draw, range: {from: 0.24, to: 0.26, count: 5}}
            record: [purities, recoveries, compositions]
            """;

    /** cases/pr-nd-mass-action.yaml, 3 organic flows × 6 refluxes = 18 points (a block and two more). */
    static String massAction() {
        return """
                name: mass action
                base: %s
                parameters:
                  - {path: flows.organicFlow, name: organic, values: [225, 230, 235]}
                  - {path: flows.reflux, name: reflux, range: {from: 0.80, to: 0.83, count: 6}}
                record: [purities, recoveries, compositions, chemistry]
                """.formatted(Path.of("cases/pr-nd-mass-action.yaml").toAbsolutePath());
    }

    /**
     * cases/pr-nd-correlation.yaml (empirical distribution laws with slopes other than 3, so β
     * varies along the cascade), 3 organic flows × 6 refluxes = 18 points around the case's.
     */
    static String correlation() {
        return """
                name: correlation
                base: %s
                parameters:
                  - {path: flows.organicFlow, name: organic, values: [181.9, 182.9, 183.9]}
                  - {path: flows.reflux, name: reflux, range: {from: 0.7948, to: 0.7953, count: 6}}
                record: [purities, recoveries, compositions, chemistry]
                """.formatted(Path.of("cases/pr-nd-correlation.yaml").toAbsolutePath());
    }

    static Stream<Arguments> grids() {
        return Stream.of(Arguments.of("Murphree", MURPHREE), Arguments.of("side draw", SIDE_DRAW),
                Arguments.of("mass action", massAction()), Arguments.of("correlation", correlation()));
    }

    private SweepSpec spec(String text, boolean warm) {
        return SweepSpec.read(Specs.write(dir, (warm ? "warm" : "cold") + ".yaml", text
                + (warm ? "warmStart: true\n" : "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grids")
    void warmRowsEqualColdRowsToTheTolerance(String name, String text) {
        SweepSpec coldSpec = spec(text, false);
        SweepSpec warmSpec = spec(text, true);
        assertThat(coldSpec.task().warmStart()).isFalse();
        assertThat(warmSpec.task().warmStart()).isTrue();
        PointEvaluator cold = new PointEvaluator(coldSpec);
        PointEvaluator warm = new PointEvaluator(warmSpec);
        List<Column> columns = cold.format().columns();
        int n = (int) coldSpec.pointCount();
        double worst = 0;
        int identical = 0;
        for (int i = 0; i < n; i++) {
            SweepRow c = cold.evaluate(i);
            SweepRow w = warm.evaluate(i);
            assertThat(w.status()).as("%s point %d", name, i).isEqualTo(c.status());
            assertThat(c.status()).as("%s point %d: %s", name, i, c.values()).isEqualTo(SweepRow.Status.OK);
            identical += cold.format().csvLine(c).equals(warm.format().csvLine(w)) ? 1 : 0;
            for (int k = 0; k < columns.size(); k++) {
                String col = columns.get(k).name();
                Object a = c.values().get(k);
                Object b = w.values().get(k);
                if (col.equals("iterations") || col.equals("residual") || col.equals("reason")) {
                    continue; // the solver's own path to the steady state
                }
                if (col.equals("mass_balance_error")) {
                    assertThat((Double) b).as("%s point %d closure", name, i).isLessThanOrEqualTo(1e-10);
                    assertThat((Double) a).as("%s point %d closure", name, i).isLessThanOrEqualTo(1e-10);
                    continue;
                }
                if (a instanceof Double x && b instanceof Double y) {
                    double d = Math.abs(x - y);
                    double scale = Math.max(Math.abs(x), Math.abs(y));
                    if (scale > ABSOLUTE) {
                        worst = Math.max(worst, d / scale);
                    }
                    assertThat(d).as("%s point %d %s: cold %s, warm %s", name, i, col, x, y)
                            .isLessThanOrEqualTo(Math.max(RELATIVE * scale, ABSOLUTE));
                } else {
                    assertThat(b).as("%s point %d %s", name, i, col).isEqualTo(a);
                }
            }
        }
        System.out.printf("%s: %d points, %d warm, %d fell back, %d rows byte-identical, worst relative %.2e%n",
                name, n, warm.warmStarts(), warm.warmFallbacks(), identical, worst);
        assertThat(cold.warmStarts() + cold.warmFallbacks()).as("cold: no warm attempts").isZero();
        // every point but the first of each block is eligible; most must really start warm
        long eligible = n - (n + PointEvaluator.WARM_BLOCK - 1) / PointEvaluator.WARM_BLOCK;
        assertThat(warm.warmStarts() + warm.warmFallbacks()).as(name + ": warm attempts").isEqualTo(eligible);
        assertThat(warm.warmStarts()).as(name + ": converged warm starts").isGreaterThan(eligible / 2);
    }

    @Test
    void plainCmerIsSolvedColdEvenWithWarmStart() {
        SweepSpec spec = spec(LocalSweepWorkersTest.SHORT, true);
        PointEvaluator warm = new PointEvaluator(spec);
        PointEvaluator cold = new PointEvaluator(spec(LocalSweepWorkersTest.SHORT, false));
        for (int i = 0; i < spec.pointCount(); i++) {
            assertThat(warm.format().csvLine(warm.evaluate(i))).isEqualTo(cold.format().csvLine(cold.evaluate(i)));
        }
        assertThat(warm.warmStarts() + warm.warmFallbacks()).isZero();
        // out of order nothing is re-solved either: no point of a plain CMER cascade starts warm
        PointEvaluator backwards = new PointEvaluator(spec);
        for (long i = spec.pointCount() - 1; i >= 0; i--) {
            assertThat(backwards.format().csvLine(backwards.evaluate(i)))
                    .isEqualTo(cold.format().csvLine(cold.evaluate(i)));
        }
        assertThat(backwards.resolved()).isZero();
    }

    /**
     * Invalid points inside blocks (S at or above W + 1 leaves no raffinate): their rows are
     * invalid, the point after one starts cold, and the file is still the same for any thread count
     * and order.
     */
    @Test
    void invalidPointsInsideABlockLeaveTheFileAFunctionOfTheIndex() throws IOException {
        String text = MURPHREE.replace("{path: flows.extractant, name: S, range: {from: 1.65, to: 1.8, count: 8}}",
                "{path: flows.extractant, name: S, values: [1.7, 1.75, 2.3, 1.8, 1.85, 2.4, 1.72]}");
        SweepSpec spec = spec(text, true);
        List<String> one = Specs.run(spec, Shard.ALL, dir.resolve("one.csv"), 1);
        assertThat(one).hasSize(36);
        assertThat(one.stream().filter(l -> l.contains(",invalid,")).count()).isEqualTo(10);
        assertThat(Specs.run(spec, Shard.ALL, dir.resolve("three.csv"), 3)).isEqualTo(one);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(7));
        PointEvaluator shuffled = new PointEvaluator(spec);
        for (int i : order) {
            assertThat(shuffled.format().csvLine(shuffled.evaluate(i))).as("point " + i).isEqualTo(one.get(i + 1));
        }
        assertThat(shuffled.resolved()).isPositive();
        // in order: 3 block starts and 10 invalid points are not warm attempts, nor the 9 valid
        // points right after an invalid one inside a block (points 3, 6 of each β's run of 7 and so on)
        PointEvaluator inOrder = new PointEvaluator(spec);
        int afterInvalid = 0;
        for (int i = 0; i < 35; i++) {
            SweepRow r = inOrder.evaluate(i);
            if (r.status() == SweepRow.Status.OK && i % PointEvaluator.WARM_BLOCK != 0
                    && one.get(i).contains(",invalid,")) {
                afterInvalid++;
            }
        }
        long valid = 35 - 10;
        long blockStartsValid = Stream.of(0, 16, 32).filter(i -> !one.get(i + 1).contains(",invalid,")).count();
        assertThat(inOrder.warmStarts() + inOrder.warmFallbacks()).isEqualTo(valid - blockStartsValid - afterInvalid);
        assertThat(inOrder.warmStarts()).isPositive();
    }

    /** The operating window of a point is its own (computed cold): warm and cold rows give the same window. */
    @Test
    void theWindowColumnsDoNotDependOnTheStart() {
        String text = MURPHREE.replace("range: {from: 1.9, to: 2.1, count: 5}", "values: [2.0]")
                .replace("range: {from: 1.65, to: 1.8, count: 8}", "values: [1.70, 1.71, 1.72]")
                .replace("record: [purities, recoveries, compositions, flows]", "record: [purities, window]");
        PointEvaluator cold = new PointEvaluator(spec(text, false));
        PointEvaluator warm = new PointEvaluator(spec(text, true));
        List<Column> columns = cold.format().columns();
        int windowColumns = 0;
        for (int i = 0; i < 3; i++) {
            SweepRow c = cold.evaluate(i);
            SweepRow w = warm.evaluate(i);
            assertThat(w.status()).isEqualTo(SweepRow.Status.OK);
            for (int k = 0; k < columns.size(); k++) {
                String col = columns.get(k).name();
                if (col.startsWith("window_") || col.startsWith("tolerance_") || col.equals("margin_nines_min")) {
                    assertThat(w.values().get(k)).as("point %d %s", i, col).isEqualTo(c.values().get(k));
                    windowColumns += c.values().get(k) != null ? 1 : 0;
                }
            }
        }
        assertThat(windowColumns).as("window columns filled").isPositive();
        assertThat(warm.warmStarts() + warm.warmFallbacks()).as("points 1 and 2 try the warm start").isEqualTo(2);
    }

    @Test
    void theFileIsTheSameForAnyThreadsOrderOrResumePoint() throws IOException {
        SweepSpec spec = spec(MURPHREE, true);
        List<String> one = Specs.run(spec, Shard.ALL, dir.resolve("one.csv"), 1);
        assertThat(one).hasSize(41);
        assertThat(Specs.run(spec, Shard.ALL, dir.resolve("two.csv"), 2)).isEqualTo(one);
        assertThat(Specs.run(spec, Shard.ALL, dir.resolve("three.csv"), 3)).isEqualTo(one);

        // one evaluator, the points in a seeded random order (nearly every point re-solves its block)
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(20));
        PointEvaluator shuffled = new PointEvaluator(spec);
        for (int i : order) {
            assertThat(shuffled.format().csvLine(shuffled.evaluate(i))).as("point " + i).isEqualTo(one.get(i + 1));
        }

        // a resume in the middle of the second block (points 0 … 20 written)
        Path csv = dir.resolve("resumed.csv");
        Specs.run(spec, Shard.ALL, csv, 2);
        Files.write(csv, one.subList(0, 22));
        LocalSweep.Summary s;
        try (SweepOutput out = SweepOutput.open(spec, Shard.ALL, csv, null, true)) {
            assertThat(out.next()).isEqualTo(21);
            s = new LocalSweep(spec, 2).run(Shard.ALL, out.next(), out, null);
        }
        assertThat(Files.readAllLines(csv)).isEqualTo(one);
        assertThat(s.run()).isEqualTo(19);
        // rows 21 … 31 and 33 … 39 follow their neighbour: the summary counts them, whatever re-solved
        assertThat(s.warmStarts() + s.warmFallbacks()).isEqualTo(18);
        assertThat(s.warmStarts()).isPositive();
    }

    @Test
    void theSummaryCountsWarmStartsTheSameForAnyThreads() throws IOException {
        SweepSpec spec = spec(MURPHREE, true);
        LocalSweep.Summary[] runs = new LocalSweep.Summary[3];
        for (int t = 1; t <= 3; t++) {
            try (SweepOutput out = SweepOutput.open(spec, Shard.ALL, dir.resolve(t + ".csv"), null, false)) {
                runs[t - 1] = new LocalSweep(spec, t).run(Shard.ALL, out.next(), out, null);
            }
        }
        // 40 points in blocks of 16: 3 start cold, 37 follow their neighbour
        assertThat(runs[0].warmStarts() + runs[0].warmFallbacks()).isEqualTo(37);
        assertThat(runs[0].warmStarts()).isPositive();
        for (LocalSweep.Summary s : runs) {
            assertThat(s.warmStarts()).isEqualTo(runs[0].warmStarts());
            assertThat(s.warmFallbacks()).isEqualTo(runs[0].warmFallbacks());
        }
    }

    @Test
    void theCommandSaysHowManyRowsStartedWarmAndWarnsForShards() throws IOException {
        Path file = Specs.write(dir, "m.yaml", MURPHREE + "warmStart: true\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SxCascade.run(new PrintWriter(out), new PrintWriter(err), "sweep", file.toString(), "-o",
                dir.resolve("m.csv").toString(), "--threads", "2");
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).containsPattern("  warm starts  \\d+ of this run's 40 rows from the previous "
                + "point's steady state, \\d+ fell back to the cold solve\n");
        StringWriter shardErr = new StringWriter();
        StringWriter shardOut = new StringWriter();
        assertThat(SxCascade.run(new PrintWriter(shardOut), new PrintWriter(shardErr), "sweep", file.toString(), "-o",
                dir.resolve("s.csv").toString(), "--shard", "2/3")).isZero();
        assertThat(shardErr.toString()).startsWith("warning: warmStart with --shard 2/3: a shard's points are 3 apart");
        assertThat(shardOut.toString()).contains("of this run's 13 rows");
        List<String> whole = Files.readAllLines(dir.resolve("m.csv"));
        List<String> shard = Files.readAllLines(dir.resolve("s.csv"));
        assertThat(shard).hasSize(14);
        for (int k = 1; k < shard.size(); k++) {
            assertThat(shard.get(k)).isEqualTo(whole.get(1 + 1 + 3 * (k - 1))); // point 1 + 3 (k − 1)
        }

        Path cold = Specs.write(dir, "c.yaml", MURPHREE);
        StringWriter coldOut = new StringWriter();
        assertThat(SxCascade.run(new PrintWriter(coldOut), new PrintWriter(new StringWriter()), "sweep",
                cold.toString(), "-o", dir.resolve("c.csv").toString())).isZero();
        assertThat(coldOut.toString()).contains("status       ok 40").doesNotContain("warm starts");
    }

    static Stream<Arguments> invalid() {
        String grid = Specs.BINARY_CASE + "parameters:\n  - {path: flows.extractant, range: {from: 1.6, to: 1.8, "
                + "count: 5}}\n";
        String sampled = Specs.BINARY_CASE + "parameters:\n  - {path: flows.extractant, range: {from: 1.6, to: 1.8}}\n"
                + "samples: 10\n";
        String design = Specs.BINARY_DESIGN_CASE + "run: design\nparameters:\n  - {path: 'components[0]"
                + ".separationFactor', values: [1.8, 2.0]}\n";
        String optimize = Specs.BINARY_DESIGN_CASE + "run: optimize\nparameters:\n  - {path: 'components[0]"
                + ".separationFactor', values: [1.8, 2.0]}\n";
        return Stream.of(
                Arguments.of(grid + "warmStart: yes please\n",
                        "warmStart = yes please is not allowed: true or false"),
                Arguments.of(grid + "warmStart: 1\n", "warmStart = 1 is not allowed: true or false"),
                Arguments.of(sampled + "sampling: random\nseed: 1\nwarmStart: true\n",
                        "warmStart = true is not allowed: warmStart only with run: simulate and sampling: grid"),
                Arguments.of(sampled + "sampling: latin-hypercube\nwarmStart: true\n",
                        "warmStart = true is not allowed: warmStart only with run: simulate and sampling: grid"),
                Arguments.of(design + "warmStart: true\n",
                        "warmStart = true is not allowed: warmStart only with run: simulate and sampling: grid"),
                Arguments.of(optimize + "warmStart: false\n",
                        "warmStart = false is not allowed: warmStart only with run: simulate and sampling: grid"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidCombinationsNameTheFieldAndExitTwo(String text, String message) {
        Path file = Specs.write(dir, "bad.yaml", "name: bad\n" + text);
        assertThatThrownBy(() -> SweepSpec.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(message);
        StringWriter err = new StringWriter();
        Path csv = dir.resolve("never.csv");
        int code = SxCascade.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "sweep", file.toString(),
                "-o", csv.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: " + message).doesNotContain("\tat ");
        assertThat(csv).doesNotExist();
    }
}
