package org.sxcascade.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cells whose meaning depends on the case: {@code targets_met}. */
class RowFormatTest {
    @TempDir
    Path dir;

    @Test
    void targetsMetIsEmptyForACaseWithoutTargets() {
        Path kremser = Path.of("cases/kremser.yaml").toAbsolutePath();
        SweepSpec spec = SweepSpec.read(Specs.write(dir, "k.yaml", """
                base: %s
                parameters:
                  - {path: flows.organicFlow, values: [80, 100]}
                record: [targets, purities]
                """.formatted(kremser)));
        PointEvaluator e = new PointEvaluator(spec);
        List<String> header = List.of(e.format().csvHeader().split(","));
        int met = header.indexOf("targets_met");
        for (int i = 0; i < 2; i++) {
            SweepRow row = e.evaluate(i);
            assertThat(row.status()).isEqualTo(SweepRow.Status.OK);
            assertThat(row.values().get(met)).isNull();
            assertThat(e.format().csvLine(row).split(",", -1)[met]).isEmpty();
            assertThat(e.format().jsonLine(row)).contains("\"targets_met\":null");
        }
    }

    @Test
    void targetsMetIsTrueOrFalseForACaseWithTargets() {
        SweepSpec spec = SweepSpec.read(Specs.write(dir, "t.yaml", Specs.BINARY_CASE + """
                parameters:
                  - {path: targets.aqueous.purity, values: [0.9, 0.999999999]}
                record: [targets]
                """));
        PointEvaluator e = new PointEvaluator(spec);
        int met = List.of(e.format().csvHeader().split(",")).indexOf("targets_met");
        assertThat(e.evaluate(0).values().get(met)).isEqualTo(true);
        assertThat(e.evaluate(1).values().get(met)).isEqualTo(false);
    }
}
