package org.sxcascade.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Short and slow sweeps are shared out over the worker threads, point by point, with the same rows. */
class LocalSweepWorkersTest {
    @TempDir
    Path dir;

    /** A design sweep of 4 points (each a stage search with many steady states). */
    static final String DESIGN = "name: design\n" + Specs.BINARY_DESIGN_CASE + """
            run: design
            parameters:
              - {path: "components[0].separationFactor", values: [1.8, 2.0, 2.5, 3.0]}
            record: [purities, stages, flows, work]
            """;

    /** A simulate sweep of 8 points: fewer than 16, the old chunk, so it all went to one thread. */
    static final String SHORT = "name: short\n" + Specs.BINARY_CASE + """
            parameters:
              - {path: flows.extractant, range: {from: 1.6, to: 1.9, count: 8}}
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"design", "short"})
    void aShortOrSlowSweepRunsOnMoreThanOneWorkerWithTheRowsOfOne(String name) throws IOException {
        SweepSpec spec = SweepSpec.read(Specs.write(dir, name + ".yaml", name.equals("design") ? DESIGN : SHORT));
        assertThat(workersOf(spec, 2)).hasSize(2);
        assertThat(Specs.run(spec, Shard.ALL, dir.resolve("two.csv"), 2))
                .isEqualTo(Specs.run(spec, Shard.ALL, dir.resolve("one.csv"), 1));
    }

    @Test
    void chunksAreOneForSlowPointsAndAtMostSixteenOtherwise() {
        assertThat(LocalSweep.chunk(SweepTask.Kind.DESIGN, 1_000_000, 2)).isEqualTo(1);
        assertThat(LocalSweep.chunk(SweepTask.Kind.OPTIMIZE, 1_000_000, 2)).isEqualTo(1);
        assertThat(LocalSweep.chunk(SweepTask.Kind.SIMULATE, 8, 2)).isEqualTo(1);
        assertThat(LocalSweep.chunk(SweepTask.Kind.SIMULATE, 160, 2)).isEqualTo(10);
        assertThat(LocalSweep.chunk(SweepTask.Kind.SIMULATE, 1_000_000, 2)).isEqualTo(16);
        assertThat(LocalSweep.chunk(SweepTask.Kind.SIMULATE, 1_000_000, 4096)).isEqualTo(16);
    }

    /**
     * Runs the sweep with a sink that records which thread formats each row. The first row formatted
     * waits (up to 20 s) for another thread to format one, so a runner that gives every point to
     * one worker is caught whatever the scheduling.
     */
    private static Set<String> workersOf(SweepSpec spec, int threads) throws IOException {
        Set<String> names = ConcurrentHashMap.newKeySet();
        CountDownLatch second = new CountDownLatch(1);
        List<SweepRow> written = new ArrayList<>();
        RowSink<SweepRow> sink = new RowSink<>() {
            @Override
            public SweepRow format(SweepRow row) {
                String me = Thread.currentThread().getName();
                boolean first;
                synchronized (names) {
                    first = names.isEmpty();
                    names.add(me);
                }
                if (first) {
                    try {
                        second.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else if (names.size() > 1) {
                    second.countDown();
                }
                return row;
            }

            @Override
            public void write(SweepRow row) {
                written.add(row);
            }

            @Override
            public void flush() {
            }
        };
        LocalSweep.Summary s = new LocalSweep(spec, threads).run(Shard.ALL, 0, sink, null);
        assertThat(s.run()).isEqualTo(spec.pointCount());
        assertThat(written).extracting(SweepRow::point).isSorted().hasSize((int) spec.pointCount());
        return names;
    }
}
