package org.sxcascade.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A point's row is the same text whatever the evaluator solved before it: every point starts cold,
 * as {@code simulate} solves it, and no state of the reused solvers or case tree carries over (the
 * sweep's files are the same for any threads, chunks, Spark partitions or resume point; issue 20
 * measured warm starts from the neighbouring point and keeps cold starts, docs/performance.md,
 * "Sweep: warm starts"). Each grid is run in index order by one evaluator and in a seeded random
 * order by another, and the CSV and JSON lines are compared byte for byte.
 */
class PointOrderTest {
    @TempDir
    Path dir;

    static Stream<Arguments> grids() {
        return Stream.of(
                Arguments.of("binary CMER 60 stages", Specs.BINARY_CASE + """
                        parameters:
                          - {path: 'components[0].separationFactor', name: beta_A, range: {from: 1.8, to: 2.2, count: 12}}
                          - {path: flows.extractant, name: S, range: {from: 1.6, to: 1.9, count: 12}}
                        record: [purities, recoveries, targets, compositions, flows]
                        """),
                Arguments.of("three components CMER", PointEvaluatorTest.THREE_COMPONENTS + """
                        parameters:
                          - {path: 'components[1].separationFactor', name: beta_B, range: {from: 1.6, to: 2.4, count: 8}}
                          - {path: flows.extractant, name: S, range: {from: 0.4, to: 0.7, count: 8}}
                        record: [purities, recoveries, compositions]
                        """),
                Arguments.of("binary CMER, Murphree stages", Specs.BINARY_CASE + """
                          efficiency: {extraction: 0.9, scrub: 0.85}
                        parameters:
                          - {path: 'components[0].separationFactor', name: beta_A, range: {from: 1.9, to: 2.1, count: 4}}
                          - {path: flows.extractant, name: S, range: {from: 1.65, to: 1.8, count: 4}}
                        record: [purities, recoveries, compositions]
                        """),
                Arguments.of("mass action", MassActionSweepTest.SMALL_CASE + """
                        parameters:
                          - {path: flows.reflux, range: {from: 0.80, to: 0.84, count: 3}}
                          - {path: flows.organicFlow, range: {from: 225, to: 235, count: 2}}
                        record: [purities, recoveries, compositions, chemistry]
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grids")
    void rowsDoNotDependOnThePointsSolvedBefore(String name, String text) {
        SweepSpec spec = SweepSpec.read(Specs.write(dir, "s.yaml", text));
        int n = (int) spec.pointCount();
        PointEvaluator inOrder = new PointEvaluator(spec);
        List<String> expected = new ArrayList<>();
        int ok = 0;
        for (int i = 0; i < n; i++) {
            SweepRow row = inOrder.evaluate(i);
            ok += row.status() == SweepRow.Status.OK ? 1 : 0;
            expected.add(inOrder.format().csvLine(row) + "\n" + inOrder.format().jsonLine(row));
        }
        assertThat(ok).as("points solved").isEqualTo(n);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(20));
        PointEvaluator shuffled = new PointEvaluator(spec);
        for (int i : order) {
            SweepRow row = shuffled.evaluate(i);
            assertThat(shuffled.format().csvLine(row) + "\n" + shuffled.format().jsonLine(row))
                    .as("point " + i + " of " + name).isEqualTo(expected.get(i));
        }
    }
}
