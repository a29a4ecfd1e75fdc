package org.sxcascade.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.cli.SxCascade;

/**
 * A real {@code sxcascade sweep} in a child JVM, killed with SIGKILL at about half of its rows and
 * resumed: the final file is the uninterrupted run's, row for row.
 */
class KillResumeTest {
    /** 10,000 points of a 200-stage binary: long enough (seconds on one thread) to be killed midway. */
    static final String SPEC = Specs.BINARY_10K.replace("extractionStages: 30, scrubStages: 30",
            "extractionStages: 100, scrubStages: 100");

    @Test
    void killedAtHalfAndResumedEqualsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        Path specFile = Specs.write(dir, "kill.yaml", SPEC);
        Path csv = dir.resolve("killed.csv");
        Path jsonl = dir.resolve("killed.jsonl");
        Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                SxCascade.class.getName(), "sweep", specFile.toString(), "-o", csv.toString(), "--jsonl",
                jsonl.toString(), "--threads", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long rows = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (child.isAlive() && System.nanoTime() < deadline) {
            rows = Files.exists(csv) ? newlines(csv) - 1 : 0;
            if (rows >= 5000) {
                break;
            }
            Thread.sleep(2);
        }
        assertThat(child.isAlive()).as("the child was still running at %d rows (log: %s)", rows,
                Files.exists(dir.resolve("child.log")) ? Files.readString(dir.resolve("child.log")) : "").isTrue();
        child.destroyForcibly(); // SIGKILL on Linux
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
        long left = newlines(csv) - 1;
        assertThat(left).isBetween(4000L, 9999L);

        int code = SxCascade.run(new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()), "sweep", specFile.toString(), "-o", csv.toString(),
                "--jsonl", jsonl.toString(), "--resume", "--threads", "2");
        assertThat(code).isZero();

        SweepSpec spec = SweepSpec.read(specFile);
        Path fullCsv = dir.resolve("full.csv");
        Path fullJsonl = dir.resolve("full.jsonl");
        try (SweepOutput out = SweepOutput.open(spec, Shard.ALL, fullCsv, fullJsonl, false)) {
            new LocalSweep(spec, 2).run(Shard.ALL, out.next(), out, null);
        }
        List<String> expected = Files.readAllLines(fullCsv);
        assertThat(expected).hasSize(10_001);
        assertThat(Files.readAllLines(csv)).isEqualTo(expected);
        assertThat(Files.readAllLines(jsonl)).isEqualTo(Files.readAllLines(fullJsonl));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static long newlines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }
}
