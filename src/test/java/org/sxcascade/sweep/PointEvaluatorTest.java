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
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An evaluator reuses its case tree and solver from point to point; a point's row must not depend
 * on the points evaluated before it (which is what makes rows independent of threads and shards).
 */
class PointEvaluatorTest {
    @TempDir
    Path dir;

    static Stream<Long> seeds() {
        Random r = new Random(7);
        return Stream.generate(r::nextLong).limit(6);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aPointsRowDoesNotDependOnThePointsBeforeIt(long seed) {
        Random r = new Random(seed);
        // feed fraction, flows and stage counts varied together; some points invalid (S ≥ W + 1 or
        // fractions above 1), some not converging within the iteration limit
        SweepSpec spec = SweepSpec.read(Specs.write(dir, "s.yaml", Specs.BINARY_CASE.replace("targets:",
                "solver: {maxIterations: 50}\n  targets:") + """
                parameters:
                  - {path: feed.composition.A, range: {from: 0.05, to: 1.05}}
                  - {path: flows.extractant, range: {from: 1.3, to: 2.4}}
                  - {paths: [cascade.extractionStages, cascade.scrubStages], name: n, range: {from: 2, to: 120}}
                  - {path: solver.maxIterations, values: [1, 50]}
                sampling: random
                samples: 60
                seed: %d
                record: [purities, recoveries, compositions, stages, flows, reagents, phi, work]
                """.formatted(r.nextInt(1000))));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            order.add(i);
        }
        Collections.shuffle(order, r);
        PointEvaluator reused = new PointEvaluator(spec);
        RowFormat format = reused.format();
        List<String> statuses = new ArrayList<>();
        for (int i : order) {
            SweepRow again = reused.evaluate(i);
            SweepRow fresh = new PointEvaluator(spec).evaluate(i);
            assertThat(format.csvLine(again)).isEqualTo(format.csvLine(fresh));
            assertThat(again.point()).isEqualTo(i);
            statuses.add(again.status().label());
        }
        assertThat(statuses).contains("ok");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"design", "optimize"})
    void designAndOptimizeRowsDoNotDependOnThePointsBeforeThem(String run) {
        String base = Specs.BINARY_DESIGN_CASE;
        SweepSpec spec = SweepSpec.read(Specs.write(dir, "d.yaml", base + """
                run: %s
                parameters:
                  - {path: "components[0].separationFactor", values: [1.6, 2.0, 3.0]}
                  - {path: targets.organic.purity, values: [0.99, 0.999, 0.3]}
                record: [purities, stages, flows, work]
                """.formatted(run)));
        PointEvaluator reused = new PointEvaluator(spec);
        List<String> statuses = new ArrayList<>();
        for (int i : List.of(8, 0, 4, 7, 2, 5, 1, 3, 6)) {
            SweepRow again = reused.evaluate(i);
            assertThat(reused.format().csvLine(again)).isEqualTo(reused.format().csvLine(new PointEvaluator(spec)
                    .evaluate(i)));
            statuses.add(again.status().label());
        }
        assertThat(statuses).contains("ok", "infeasible");
    }

    /** A three-component base case, feed 0.2/0.3/0.5, for the feed-fraction tests. */
    static final String THREE_COMPONENTS = """
                case:
                  model: separation-factors
                  components:
                    - {name: A, separationFactor: 4.0}
                    - {name: B, separationFactor: 2.0}
                    - {name: C, separationFactor: 1.0}
                  feed: {phase: aqueous, composition: {A: 0.2, B: 0.3, C: 0.5}}
                  cascade: {extractionStages: 10, scrubStages: 10}
                  flows: {extractant: 0.5, scrub: 0.2}
                """;

    /**
     * A parameter that sets one feed fraction and another field: only the fraction counts in the
     * swept sum, so the other fractions are rescaled to 1 − z_A in their base proportions (the old
     * code counted the value once per path, here 2 × 0.4, and made an invalid feed summing to 0.6).
     * The feed is read back from the products: z = y·organic + x·raffinate per component.
     */
    @org.junit.jupiter.api.Test
    void aParameterSettingAFeedFractionAndAFlowRescalesTheOtherFractionsToSumOne() {
        SweepSpec spec = SweepSpec.read(Specs.write(dir, "z.yaml", THREE_COMPONENTS + """
                parameters:
                  - {paths: [feed.composition.A, flows.extractant], name: zA_and_S, values: [0.4, 0.45]}
                record: [compositions, flows]
                """));
        PointEvaluator evaluator = new PointEvaluator(spec);
        List<String> columns = evaluator.format().columns().stream().map(Column::name).toList();
        for (int i = 0; i < 2; i++) {
            double zA = i == 0 ? 0.4 : 0.45;
            SweepRow row = evaluator.evaluate(i);
            assertThat(row.status()).as(String.valueOf(row.values())).isEqualTo(SweepRow.Status.OK);
            List<Object> v = row.values();
            assertThat((double) v.get(columns.indexOf("S_mol_per_mol_fed"))).isEqualTo(zA);
            double organic = (double) v.get(columns.indexOf("organic_product_mol_per_mol_fed"));
            double raffinate = (double) v.get(columns.indexOf("raffinate_mol_per_mol_fed"));
            double[] expected = {zA, 0.3 / 0.8 * (1 - zA), 0.5 / 0.8 * (1 - zA)};
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                String c = List.of("A", "B", "C").get(j);
                double z = (double) v.get(columns.indexOf("organic_y_" + c)) * organic
                        + (double) v.get(columns.indexOf("aqueous_x_" + c)) * raffinate;
                assertThat(z).as("z_%s at point %d", c, i).isCloseTo(expected[j], org.assertj.core.data.Offset.offset(1e-9));
                sum += z;
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    /** Two feed fractions set by one parameter count twice; the third takes the rest. */
    @org.junit.jupiter.api.Test
    void aParameterSettingTwoFeedFractionsLeavesTheRestToTheThird() {
        SweepSpec spec = SweepSpec.read(Specs.write(dir, "z2.yaml", THREE_COMPONENTS + """
                parameters:
                  - {paths: [feed.composition.A, feed.composition.B], name: zAB, values: [0.3]}
                record: [compositions, flows]
                """));
        PointEvaluator evaluator = new PointEvaluator(spec);
        List<String> columns = evaluator.format().columns().stream().map(Column::name).toList();
        SweepRow row = evaluator.evaluate(0);
        assertThat(row.status()).as(String.valueOf(row.values())).isEqualTo(SweepRow.Status.OK);
        List<Object> v = row.values();
        double organic = (double) v.get(columns.indexOf("organic_product_mol_per_mol_fed"));
        double raffinate = (double) v.get(columns.indexOf("raffinate_mol_per_mol_fed"));
        double zC = (double) v.get(columns.indexOf("organic_y_C")) * organic
                + (double) v.get(columns.indexOf("aqueous_x_C")) * raffinate;
        assertThat(zC).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
    }
}
