package org.sxcascade.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * Without {@code --partitions}, the job counts the executor cores once they have registered (issue
 * 20: on a standalone cluster Spark's default parallelism is read before they do, so it came out
 * 8 on a 16-core cluster). The waiting rule, on a simulated clock.
 */
class ExecutorWaitTest {
    /**
     * A clock advanced by the sleeper, and Spark's count that follows a script of (time ms, cores)
     * steps; an executor is registered once the count exceeds Spark's floor of 2.
     */
    private static final class Cluster {
        final AtomicLong now = new AtomicLong();
        final long[][] script;

        Cluster(long[]... script) {
            this.script = script;
        }

        IntSupplier cores() {
            return () -> {
                int c = 0;
                for (long[] step : script) {
                    if (now.get() >= step[0]) {
                        c = (int) step[1];
                    }
                }
                return c;
            };
        }

        IntSupplier executors() {
            return () -> cores().getAsInt() > 2 ? 1 : 0;
        }

        SparkSweep.Sleeper sleeper() {
            return now::addAndGet;
        }
    }

    @Test
    void waitsUntilTheAskedCoresHaveRegistered() {
        // standalone, --total-executor-cores 16: 2 (Spark's floor) at the start, 8 after 3 s, 16 after 7 s
        Cluster c = new Cluster(new long[] {0, 2}, new long[] {3000, 8}, new long[] {7000, 16});
        assertThat(SparkSweep.settledCount(c.cores(), c.executors(), 16, 60_000, c.sleeper())).isEqualTo(16);
        assertThat(c.now.get()).isEqualTo(7000);
    }

    @Test
    void withoutAnAskedCountWaitsUntilTheCountIsSteady() {
        Cluster c = new Cluster(new long[] {0, 2}, new long[] {3000, 8}, new long[] {7000, 16});
        assertThat(SparkSweep.settledCount(c.cores(), c.executors(), 0, 60_000, c.sleeper())).isEqualTo(16);
        assertThat(c.now.get()).isEqualTo(7000 + SparkSweep.STEADY_MILLIS);
    }

    @Test
    void sparksFloorOfTwoIsNotASteadyCount() {
        // no executor for 7 s (Spark reports 2), then 8 cores: the wait ends 5 s after they came
        Cluster c = new Cluster(new long[] {0, 2}, new long[] {7000, 8});
        assertThat(SparkSweep.settledCount(c.cores(), c.executors(), 0, 60_000, c.sleeper())).isEqualTo(8);
        assertThat(c.now.get()).isEqualTo(7000 + SparkSweep.STEADY_MILLIS);
    }

    @Test
    void anAskedCountOfTwoWaitsForAnExecutor() {
        // --total-executor-cores 2 (the CI cluster test): Spark reports its floor of 2 before any executor
        // has registered, so the count alone would end the wait at once; the 2-core executor comes after 4 s
        AtomicLong now = new AtomicLong();
        IntSupplier executors = () -> now.get() >= 4000 ? 1 : 0;
        assertThat(SparkSweep.settledCount(() -> 2, executors, 2, 60_000, now::addAndGet)).isEqualTo(2);
        assertThat(now.get()).isEqualTo(4000);
    }

    @Test
    void stopsAtTheTimeoutWithWhatHasRegistered() {
        Cluster c = new Cluster(new long[] {0, 2}, new long[] {3000, 8});
        assertThat(SparkSweep.settledCount(c.cores(), c.executors(), 16, 10_000, c.sleeper())).isEqualTo(8);
        assertThat(c.now.get()).isEqualTo(10_000);
    }

    @Test
    void aCountAlreadyThereIsNotWaitedFor() {
        Cluster c = new Cluster(new long[] {0, 16});
        assertThat(SparkSweep.settledCount(c.cores(), c.executors(), 16, 60_000, c.sleeper())).isEqualTo(16);
        assertThat(c.now.get()).isZero();
    }

    @Test
    void aWaitOutOfRangeIsBadInputBeforeSparkStarts() {
        java.io.StringWriter err = new java.io.StringWriter();
        int code = SparkSweep.run(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err),
                "../cases/pr-nd-sweep.yaml", "--out", "target/never", "--wait-executors", "-1");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--wait-executors", "-1", "0 to 3600 seconds");
    }
}
