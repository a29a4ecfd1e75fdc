package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.junit.jupiter.api.Test;

/** The bar appears after a second, starting from the work done by then and the time it took. */
class DelayedBarTest {
    /** Collects the drawn lines instead of writing to the terminal. */
    static final class Lines implements ProgressBarConsumer {
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void accept(String rendered) {
            lines.add(rendered);
        }

        @Override
        public int getMaxRenderedLength() {
            return 120;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theBarStartsFromTheWorkAlreadyDoneAndTheTimeSinceTheTaskStarted() {
        long started = System.nanoTime() - 3_000_000_000L; // a sweep that started 3 s ago
        try (DelayedBar bar = new DelayedBar("sweep", 10_000, "points", started, new Lines())) {
            assertThat(bar.due()).isTrue();
            bar.show(6_000, ""); // e.g. 4 000 rows resumed and 2 000 run in these 3 s
            assertThat(bar.bar().getStart()).isEqualTo(6_000);
            assertThat(bar.bar().getCurrent()).isEqualTo(6_000);
            assertThat(bar.bar().getElapsedBeforeStart()).isBetween(Duration.ofMillis(2_900), Duration.ofSeconds(60));
            bar.show(6_500, "");
            assertThat(bar.bar().getCurrent()).isEqualTo(6_500);
            assertThat(bar.bar().getStart()).isEqualTo(6_000);
        }
    }

    @Test
    void aPerMilleBarStartsWhereTheTaskIs() {
        try (DelayedBar bar = new DelayedBar("transient", 1000, "‰", System.nanoTime() - 2_000_000_000L, new Lines())) {
            bar.show(0.25, "t = 1 d");
            assertThat(bar.bar().getStart()).isEqualTo(250);
            assertThat(bar.bar().getMax()).isEqualTo(1000);
        }
    }

    @Test
    void theBarWaitsASecond() {
        try (DelayedBar bar = new DelayedBar("sweep", 10, "points", System.nanoTime(), new Lines())) {
            assertThat(bar.due()).isFalse();
            assertThat(bar.bar()).isNull();
        }
    }
}
