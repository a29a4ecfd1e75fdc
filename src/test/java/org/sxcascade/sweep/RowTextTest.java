package org.sxcascade.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The text of rows is that of {@link String#valueOf(Object)} per cell (the sweep's own rows are
 * compared byte for byte across runs, resumes and Spark), whatever way the line is built; and the
 * checksums of rows are CRC-32C of their UTF-8 bytes, whatever way they are fed to it.
 */
class RowTextTest {
    @TempDir
    Path dir;

    /** A number as random as its bits (any exponent, NaN, infinities, subnormals, −0) or a "usual" one. */
    private static double randomDouble(Random rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> Double.longBitsToDouble(rnd.nextLong());
            case 1 -> rnd.nextDouble();
            case 2 -> 1 - rnd.nextDouble() * 1e-12;
            case 3 -> rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20);
            case 4 -> new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, 4.9e-324}[rnd.nextInt(9)];
            default -> (double) rnd.nextInt(1000) / 1000;
        };
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void csvAndJsonCellsAreTheirStringValue(long seed) {
        SweepSpec spec = SweepSpec.read(Specs.write(dir, "s.yaml", Specs.BINARY_CASE + """
                parameters:
                  - {path: flows.extractant, name: S, values: [1.7]}
                record: [purities, recoveries, targets, stages, flows]
                """));
        RowFormat format = new RowFormat(spec);
        int columns = format.columns().size();
        Random rnd = new Random(seed);
        for (int r = 0; r < 2000; r++) {
            Object[] v = new Object[columns];
            StringJoiner csv = new StringJoiner(",");
            List<String> json = new ArrayList<>();
            for (int i = 0; i < columns; i++) {
                Object x = switch (rnd.nextInt(6)) {
                    case 0 -> rnd.nextLong();
                    case 1 -> rnd.nextInt();
                    case 2 -> rnd.nextBoolean();
                    case 3 -> null;
                    default -> randomDouble(rnd);
                };
                v[i] = x;
                csv.add(x == null ? "" : String.valueOf(x));
                json.add(x == null || x instanceof Double d && !Double.isFinite(d) ? "null" : String.valueOf(x));
            }
            SweepRow row = SweepRow.of(r, SweepRow.Status.OK, v);
            assertThat(format.csvLine(row)).isEqualTo(csv.toString());
            String line = format.jsonLine(row);
            for (int i = 0; i < columns; i++) {
                String key = "\"" + format.columns().get(i).name() + "\":";
                int at = line.indexOf(key) + key.length();
                assertThat(line.substring(at)).as("cell " + i + " of " + line).startsWith(json.get(i) + (i + 1 < columns
                        ? "," : "}"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void checksumsAreThoseOfTheRowsUtf8Bytes(long seed) {
        Random rnd = new Random(seed);
        RowChecksums sums = new RowChecksums();
        CRC32C reference = new CRC32C();
        List<String> expected = new ArrayList<>();
        String[] pieces = {"0.9999342822718608", ",", "ok", "é", "β", "😀", "\"a, b\"", "", "1e-300", "x"};
        for (int r = 0; r < 3 * RowChecksums.BLOCK + 17; r++) {
            StringBuilder b = new StringBuilder();
            int n = rnd.nextInt(rnd.nextInt(10) == 0 ? 200 : 30);
            for (int i = 0; i < n; i++) {
                // mostly ASCII; a non-ASCII piece now and then, also early and late in a row
                b.append(pieces[rnd.nextInt(rnd.nextInt(4) == 0 ? pieces.length : 3)]);
            }
            String line = b.toString();
            sums.addRow(line);
            reference.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            if ((r + 1) % RowChecksums.BLOCK == 0) {
                expected.add(String.format("%08x", reference.getValue()));
                reference.reset();
            }
        }
        assertThat(sums.blocks()).containsExactlyElementsOf(expected);
    }
}
