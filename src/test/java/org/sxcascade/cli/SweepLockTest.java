package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.sweep.Shard;
import org.sxcascade.sweep.SweepOutput;
import org.sxcascade.sweep.SweepSpec;

/**
 * Issue 16, defect 3: while one sweep writes an output, a second sweep on the same file, in this
 * process or in another, is refused with exit 2 and changes nothing; once the first has ended the
 * file can be written again.
 */
class SweepLockTest {
    private static final String SPEC = "cases/pr-nd-sweep.yaml";

    @Test
    void aSecondSweepInThisProcessIsRefused(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("out.csv");
        SweepSpec spec = SweepSpec.read(Path.of(SPEC));
        try (SweepOutput first = SweepOutput.open(spec, Shard.ALL, csv, null, false)) {
            List<String> before = Files.readAllLines(csv);
            String sidecar = Files.readString(SweepOutput.sidecar(csv));
            for (String[] args : List.of(new String[] {"sweep", SPEC, "-o", csv.toString()},
                    new String[] {"sweep", SPEC, "-o", csv.toString(), "--resume"})) {
                CliHarness r = CliHarness.run(args);
                assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
                assertThat(r.err()).contains(csv.toString()).contains("another sxcascade sweep holds its lock");
                assertThat(Files.readAllLines(csv)).isEqualTo(before);
                assertThat(Files.readString(SweepOutput.sidecar(csv))).isEqualTo(sidecar);
            }
        }
        CliHarness after = CliHarness.run("sweep", SPEC, "-o", csv.toString());
        assertThat(after.exitCode()).as(after.err()).isZero();
    }

    @Test
    void aSweepInAnotherProcessIsRefused(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("out.csv");
        Path jsonl = dir.resolve("out.jsonl");
        SweepSpec spec = SweepSpec.read(Path.of(SPEC));
        try (SweepOutput first = SweepOutput.open(spec, Shard.ALL, csv, jsonl, false)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    SxCascade.class.getName(), "sweep", SPEC, "-o", csv.toString(), "--jsonl", jsonl.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isEqualTo(2);
            assertThat(output).contains(csv.toString()).contains("another sxcascade sweep holds its lock");
            assertThat(Files.readAllLines(csv)).hasSize(1); // the first run's header, untouched
        }
    }
}
