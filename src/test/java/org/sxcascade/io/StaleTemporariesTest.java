package org.sxcascade.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 6: a temporary file that a killed run left beside its output is deleted by the
 * next write into that folder; one of a running process, or a fresh one, is kept; nothing of the
 * write itself is left.
 */
class StaleTemporariesTest {

    @Test
    void theNextWriteDeletesWhatAKilledRunLeft(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long deadPid = gone.pid();
        Instant old = Instant.now().minusSeconds(3600);
        Path stale = dir.resolve(OutputFiles.STALE_PREFIX + deadPid + "-123.tmp");
        Path fresh = dir.resolve(OutputFiles.STALE_PREFIX + deadPid + "-456.tmp");
        Path running = dir.resolve(OutputFiles.STALE_PREFIX + ProcessHandle.current().pid() + "-789.tmp");
        Path someoneElses = dir.resolve(".sxcascade-notes.tmp");
        for (Path p : new Path[] {stale, fresh, running, someoneElses}) {
            Files.writeString(p, "partial");
        }
        for (Path p : new Path[] {stale, running, someoneElses}) {
            Files.setLastModifiedTime(p, FileTime.from(old));
        }
        Path out = dir.resolve("profile.csv");
        OutputFiles.write("--csv", out, null, w -> w.write("a,b\n"));
        assertThat(out).hasContent("a,b");
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(running).exists();
        assertThat(someoneElses).exists();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(out, fresh, running, someoneElses);
        }
    }
}
