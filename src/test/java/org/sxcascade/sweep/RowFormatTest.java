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

    /**
     * Issue 16, item 8: purities and recoveries are fractions in the rows too. With every component
     * in both targets the purity is the sum of all fractions, 1 up to rounding (it was written
     * 1.0000000000000002 for some S).
     */
    @Test
    void puritiesAndRecoveriesAreWithinZeroAndOne() {
        SweepSpec spec = SweepSpec.read(Specs.write(dir, "f.yaml", PointEvaluatorTest.THREE_COMPONENTS + """
                  targets:
                    organic: {purity: 0.5, components: [A, B, C]}
                    aqueous: {purity: 0.5, components: [A, B, C]}
                parameters:
                  - {path: flows.extractant, name: S, range: {from: 0.25, to: 1.15, count: 50}}
                record: [purities, recoveries]
                """));
        PointEvaluator e = new PointEvaluator(spec);
        List<String> header = List.of(e.format().csvHeader().split(","));
        int first = header.indexOf("purity_organic");
        int ones = 0;
        for (int i = 0; i < 50; i++) {
            String[] cells = e.format().csvLine(e.evaluate(i)).split(",", -1);
            for (int c = first; c < first + 4; c++) {
                double x = Double.parseDouble(cells[c]);
                assertThat(x).as(header.get(c) + " of point " + i).isBetween(0.0, 1.0);
                ones += c == first && x == 1.0 ? 1 : 0;
            }
        }
        assertThat(ones).as("purities at 1 up to rounding").isPositive();
    }
}
