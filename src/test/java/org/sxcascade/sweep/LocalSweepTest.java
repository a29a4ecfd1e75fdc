package org.sxcascade.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.model.InvalidInputException;

/** The local runner: same rows for any thread count, shards that add up, resume that repairs. */
class LocalSweepTest {
    @TempDir
    static Path dir;
    static SweepSpec spec;
    static List<String> full;

    @BeforeAll
    static void uninterrupted() throws IOException {
        spec = SweepSpec.read(Specs.write(dir, "binary.yaml", Specs.BINARY_10K));
        full = Specs.run(spec, Shard.ALL, dir.resolve("full.csv"), 1);
    }

    @Test
    void tenThousandPointsGiveTheSameRowsOnOneThreadAndOnMany() throws IOException {
        assertThat(full).hasSize(10_001);
        List<String> many = Specs.run(spec, Shard.ALL, dir.resolve("many.csv"), 4);
        assertThat(many).isEqualTo(full);
        List<String> all = Specs.run(spec, Shard.ALL, dir.resolve("all.csv"), Runtime.getRuntime().availableProcessors());
        assertThat(all).isEqualTo(full);
        for (int i = 1; i < full.size(); i++) {
            assertThat(full.get(i)).startsWith((i - 1) + ",");
        }
        // failures are rows with their reason, the rest are solved with their closure
        assertThat(full.stream().filter(l -> l.contains(",invalid,"))).allSatisfy(l -> assertThat(l)
                .contains("flows.extractant").contains("S < W + 1"));
        assertThat(full.stream().filter(l -> l.contains(",ok,newton,")).count()).isGreaterThan(5000);
    }

    @Test
    void shardsConcatenatedAndSortedAreTheFullRun() throws IOException {
        List<String> rows = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            List<String> part = Specs.run(spec, new Shard(k, 3), dir.resolve("shard" + k + ".csv"), 2);
            assertThat(part.get(0)).isEqualTo(full.get(0));
            for (String line : part.subList(1, part.size())) {
                assertThat(Long.parseLong(line.substring(0, line.indexOf(','))) % 3).isEqualTo(k - 1);
            }
            rows.addAll(part.subList(1, part.size()));
        }
        rows.sort(Comparator.comparingLong(l -> Long.parseLong(l.substring(0, l.indexOf(',')))));
        assertThat(rows).isEqualTo(full.subList(1, full.size()));
    }

    @Test
    void resumeRepairsAPartialLastLineAndContinues() throws IOException {
        Path csv = dir.resolve("cut.csv");
        Path jsonl = dir.resolve("cut.jsonl");
        try (SweepOutput out = SweepOutput.open(spec, Shard.ALL, csv, jsonl, false)) {
            new LocalSweep(spec, 2).run(Shard.ALL, out.next(), out, null);
        }
        List<String> json = Files.readAllLines(jsonl);
        // cut the CSV in the middle of its row 4322 (point 4321), the JSON Lines in the middle of point 1234
        cut(csv, full.subList(0, 4322), 17);
        cut(jsonl, json.subList(0, 1234), 5);
        try (SweepOutput out = SweepOutput.open(spec, Shard.ALL, csv, jsonl, true)) {
            assertThat(out.resumedRows()).isEqualTo(4321);
            assertThat(out.next()).isEqualTo(1234);
            LocalSweep.Summary s = new LocalSweep(spec, 2).run(Shard.ALL, out.next(), out, null);
            assertThat(s.run()).isEqualTo(10_000 - 1234);
        }
        assertThat(Files.readAllLines(csv)).isEqualTo(full);
        assertThat(Files.readAllLines(jsonl)).isEqualTo(json);
        // resuming a complete run runs nothing
        try (SweepOutput out = SweepOutput.open(spec, Shard.ALL, csv, null, true)) {
            assertThat(new LocalSweep(spec, 2).run(Shard.ALL, out.next(), out, null).run()).isZero();
        }
        assertThat(Files.readAllLines(csv)).isEqualTo(full);
    }

    @Test
    void resumeOfAPartialHeaderStartsAgain() throws IOException {
        Path csv = dir.resolve("header.csv");
        SweepOutput.open(spec, Shard.ALL, csv, null, false).close();
        Files.writeString(csv, full.get(0).substring(0, 12));
        try (SweepOutput out = SweepOutput.open(spec, Shard.ALL, csv, null, true)) {
            assertThat(out.next()).isZero();
            new LocalSweep(spec, 2).run(Shard.ALL, out.next(), out, null);
        }
        assertThat(Files.readAllLines(csv)).isEqualTo(full);
    }

    @Test
    void resumeRefusesAnotherSpecAnotherShardOrForeignRows() throws IOException {
        Path csv = dir.resolve("other.csv");
        Files.write(csv, full.subList(0, 100));
        assertThatThrownBy(() -> SweepOutput.open(spec, Shard.ALL, csv, null, true))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("other.csv.sweep.json");

        SweepOutput.open(spec, Shard.ALL, csv, null, false).close();
        Files.write(csv, full.subList(0, 100));
        SweepSpec other = SweepSpec.read(Specs.write(dir, "other.yaml",
                Specs.BINARY_10K.replace("to: 2.3, count: 100", "to: 2.3, count: 99")));
        assertThatThrownBy(() -> SweepOutput.open(other, Shard.ALL, csv, null, true))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("different spec");
        assertThatThrownBy(() -> SweepOutput.open(spec, new Shard(1, 2), csv, null, true))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--shard = 1/2")
                .hasMessageContaining("1/1");

        // rows that are not the first points in order (one dropped in the middle)
        List<String> gap = new ArrayList<>(full.subList(0, 100));
        gap.remove(50);
        Files.write(csv, gap);
        assertThatThrownBy(() -> SweepOutput.open(spec, Shard.ALL, csv, null, true))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has 98 rows, the last of them "
                        + "point 98");
    }

    @Test
    void resumeWithoutAnOutputStartsAfresh() throws IOException {
        Path csv = dir.resolve("fresh.csv");
        try (SweepOutput out = SweepOutput.open(spec, Shard.ALL, csv, null, true)) {
            assertThat(out.next()).isZero();
            new LocalSweep(spec, 2).run(Shard.ALL, out.next(), out, null);
        }
        assertThat(Files.readAllLines(csv)).isEqualTo(full);
    }

    @Test
    void aSidecarThatCannotBeWrittenIsRefusedBeforeTheOldRowsAreTouched() throws IOException {
        Path csv = dir.resolve("order.csv");
        Path jsonl = dir.resolve("order.jsonl");
        Files.write(csv, full.subList(0, 100));
        Files.writeString(jsonl, "{\"point\":0}\n");
        // a folder that is not empty stands in the sidecar's place: refused up front (exit 2), the old
        // files as they were (a fresh run empties the rows before it writes its sidecar, so that a kill
        // in between never leaves a new sidecar beside old rows)
        Path sidecar = SweepOutput.sidecar(csv);
        Files.createDirectories(sidecar.resolve("blocker"));
        assertThatThrownBy(() -> SweepOutput.open(spec, Shard.ALL, csv, jsonl, false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(sidecar.toString());
        assertThat(Files.readAllLines(csv)).isEqualTo(full.subList(0, 100));
        assertThat(jsonl).hasContent("{\"point\":0}");
        assertThat(sidecar).isDirectory();
    }

    @Test
    void resumeFindsARowEditedInTheMiddle() throws IOException {
        Path csv = dir.resolve("edited.csv");
        Specs.run(spec, Shard.ALL, csv, 2);
        var meta = new com.fasterxml.jackson.databind.ObjectMapper().readTree(SweepOutput.sidecar(csv).toFile());
        assertThat(meta.get("blocks")).hasSize(10); // 10 000 rows in blocks of 1000
        List<String> lines = new ArrayList<>(full.subList(0, 9_901)); // killed: the last 100 rows missing
        String row = lines.get(5000); // file line 5001, row 5000: its β edited (first digit)
        int at = row.indexOf(',') + 1;
        lines.set(5000, row.substring(0, at) + (row.charAt(at) == '1' ? '2' : '1') + row.substring(at + 1));
        assertThat(lines.get(5000)).isNotEqualTo(full.get(5000));
        Files.write(csv, lines);
        assertThatThrownBy(() -> SweepOutput.open(spec, Shard.ALL, csv, null, true))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a row among lines 4002 to 5001 (rows 4001 to 5000 after the header) was changed");
        // as written, the same file resumes and ends as the uninterrupted run
        Files.write(csv, full.subList(0, 9_901));
        try (SweepOutput out = SweepOutput.open(spec, Shard.ALL, csv, null, true)) {
            assertThat(out.next()).isEqualTo(9_900);
            new LocalSweep(spec, 2).run(Shard.ALL, out.next(), out, null);
        }
        assertThat(Files.readAllLines(csv)).isEqualTo(full);
    }

    /** Writes the lines and then the first {@code partial} characters of the next full line, no line end. */
    private static void cut(Path file, List<String> lines, int partial) throws IOException {
        List<String> all = Files.readAllLines(file);
        String text = String.join("\n", lines) + "\n" + all.get(lines.size()).substring(0, partial);
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
