package org.sxcascade.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Points by index: grids in nested-loop order, Latin hypercubes that use each stratum once, reproducible samples. */
class PointSamplerTest {
    @TempDir
    Path dir;

    @Test
    void aGridVariesTheFirstParameterSlowestWithExactDecimalSteps() {
        SweepSpec spec = SweepSpec.read(Specs.write(dir, "g.yaml", Specs.BINARY_CASE + """
                parameters:
                  - {path: "components[0].separationFactor", range: {from: 1.3, to: 1.6, step: 0.05}}
                  - {paths: [cascade.extractionStages, cascade.scrubStages], name: n, range: {from: 10, to: 14, step: 2}}
                  - {path: flows.scrub, range: {from: 0.1, to: 10, count: 3, scale: log}}
                """));
        PointSampler s = PointSampler.of(spec);
        assertThat(s.size()).isEqualTo(7 * 3 * 3);
        double[] v = new double[3];
        s.values(0, v);
        assertThat(v).containsExactly(1.3, 10, 0.1);
        s.values(1, v);
        assertThat(v[0]).isEqualTo(1.3);
        assertThat(v[2]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-15));
        s.values(3 * 3 * 2 + 3 + 2, v);
        assertThat(v).containsExactly(1.4, 12, 10);
        assertThat(spec.parameters().get(0).values()).containsExactly(1.3, 1.35, 1.4, 1.45, 1.5, 1.55, 1.6);
    }

    static Stream<Long> seeds() {
        Random r = new Random(20261122);
        return Stream.generate(r::nextLong).limit(12);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aLatinHypercubeUsesEveryStratumOfEveryParameterOnce(long seed) {
        Random r = new Random(seed);
        int samples = 1 + r.nextInt(400);
        SweepSpec spec = SweepSpec.read(Specs.write(dir, "lhs.yaml", Specs.BINARY_CASE + """
                parameters:
                  - {path: "components[0].separationFactor", range: {from: 1.2, to: 3}}
                  - {path: flows.scrub, range: {from: 0.5, to: 5, scale: log}}
                sampling: latin-hypercube
                samples: %d
                seed: %d
                """.formatted(samples, seed)));
        PointSampler s = PointSampler.of(spec);
        assertThat(s.size()).isEqualTo(samples);
        Set<Integer> beta = new HashSet<>();
        Set<Integer> scrub = new HashSet<>();
        double[] v = new double[2];
        for (int i = 0; i < samples; i++) {
            s.values(i, v);
            assertThat(v[0]).isBetween(1.2, 3.0);
            assertThat(v[1]).isBetween(0.5, 5.0);
            beta.add((int) Math.floor((v[0] - 1.2) / 1.8 * samples));
            scrub.add((int) Math.floor(Math.log(v[1] / 0.5) / Math.log(10) * samples));
        }
        assertThat(beta).hasSize(samples);
        assertThat(scrub).hasSize(samples);
        // the same seed gives the same points; another seed others
        PointSampler again = PointSampler.of(SweepSpec.fromResolved(spec.resolved()));
        PointSampler other = PointSampler.of(SweepSpec.fromResolved(spec.resolved()
                .replace("\"seed\":" + seed, "\"seed\":" + (seed + 1))));
        double[] w = new double[2];
        double[] x = new double[2];
        int same = 0;
        for (int i = samples - 1; i >= 0; i--) { // in any order
            s.values(i, v);
            again.values(i, w);
            assertThat(w).containsExactly(v);
            other.values(i, x);
            same += Arrays.equals(x, v) ? 1 : 0;
        }
        assertThat(same).isZero();
    }

    static Stream<Long> sizes() {
        Random r = new Random(20261123);
        return Stream.concat(Stream.of(1L, 2L, 3L, 4L, 5L, 15L, 16L, 17L, 1L << 16, (1L << 20) + 3),
                Stream.generate(() -> 1L + r.nextInt(r.nextBoolean() ? 100 : 100_000)).limit(20));
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void anIndexPermutationIsABijectionOfItsRange(long size) {
        Random r = new Random(size);
        for (int key = 0; key < 3; key++) {
            Samplers.IndexPermutation p = new Samplers.IndexPermutation(size, r.nextLong());
            BitSet seen = new BitSet((int) size);
            for (long i = 0; i < size; i++) {
                long j = p.apply(i);
                assertThat(j).isBetween(0L, size - 1);
                seen.set((int) j);
            }
            assertThat(seen.cardinality()).isEqualTo((int) size);
        }
    }

    @Test
    void anIndexPermutationShufflesAndDependsOnItsKey() {
        Samplers.IndexPermutation a = new Samplers.IndexPermutation(1000, 1);
        Samplers.IndexPermutation b = new Samplers.IndexPermutation(1000, 2);
        int fixed = 0;
        int same = 0;
        for (long i = 0; i < 1000; i++) {
            fixed += a.apply(i) == i ? 1 : 0;
            same += a.apply(i) == b.apply(i) ? 1 : 0;
        }
        // a random permutation of 1000 has about one fixed point, and two agree at about one place
        assertThat(fixed).isLessThan(10);
        assertThat(same).isLessThan(10);
    }

    @Test
    void aLatinHypercubeOfAHundredBillionPointsNeedsNoTablePerParameter() {
        SweepSpec spec = SweepSpec.read(Specs.write(dir, "big.yaml", Specs.BINARY_CASE + """
                parameters:
                  - {path: "components[0].separationFactor", range: {from: 1.2, to: 3}}
                  - {path: flows.scrub, range: {from: 0.5, to: 5}}
                  - {path: flows.extractant, range: {from: 1.5, to: 2}}
                sampling: latin-hypercube
                samples: 100000000000
                maxPoints: 1000000000000
                seed: 3
                """));
        PointSampler s = PointSampler.of(spec);
        double[] v = new double[3];
        for (long i : new long[] {0, 1, 5_000_000_000L, 99_999_999_999L}) {
            s.values(i, v);
            assertThat(v[0]).isBetween(1.2, 3.0);
            assertThat(v[1]).isBetween(0.5, 5.0);
            assertThat(v[2]).isBetween(1.5, 2.0);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomSamplesAreInRangeIntegersWhereAskedAndIndependentOfOrder(long seed) {
        SweepSpec spec = SweepSpec.read(Specs.write(dir, "r.yaml", Specs.BINARY_CASE + """
                parameters:
                  - {path: cascade.extractionStages, range: {from: 5, to: 9}}
                  - {path: flows.extractant, values: [1.5, 1.6, 1.7]}
                sampling: random
                samples: 2000
                seed: %d
                """.formatted(seed)));
        PointSampler s = PointSampler.of(spec);
        double[] v = new double[2];
        List<double[]> forward = new ArrayList<>();
        Set<Double> stages = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            s.values(i, v);
            assertThat(v[0]).isIn(5.0, 6.0, 7.0, 8.0, 9.0);
            assertThat(v[1]).isIn(1.5, 1.6, 1.7);
            stages.add(v[0]);
            forward.add(v.clone());
        }
        assertThat(stages).hasSize(5);
        PointSampler other = PointSampler.of(spec);
        IntStream.of(1999, 7, 1000, 0).forEach(i -> {
            other.values(i, v);
            assertThat(Arrays.equals(v, forward.get(i))).isTrue();
        });
    }
}
