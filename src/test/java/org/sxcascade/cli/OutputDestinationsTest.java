package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16, defect 2: every output destination is checked before anything is computed. A folder
 * that takes no new file, or a read-only file, is exit 2 with the option, the path and the reason;
 * never an internal error, and nothing is written.
 */
class OutputDestinationsTest {

    /**
     * A folder in which no file can be made: a folder without write permission, or, for root (whom
     * permissions do not stop), /sys, which takes no new files.
     */
    static Path unwritableFolder(Path tmp) throws Exception {
        Path ro = tmp.resolve("read-only");
        Files.createDirectories(ro);
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Files.delete(Files.createTempFile(ro, "probe", ".tmp"));
        } catch (java.io.IOException e) {
            return ro;
        }
        return Path.of("/sys");
    }

    /** Command, case file, output option; the output file goes last. */
    static Stream<Arguments> destinations() {
        return Stream.of(
                Arguments.of(List.of("simulate", "cases/zhang-binary.yaml", "--csv")),
                Arguments.of(List.of("transient", "cases/pr-nd-1974.yaml", "--csv")),
                Arguments.of(List.of("design", "cases/zhang-binary.yaml", "--case-out")),
                Arguments.of(List.of("optimize", "cases/pr-nd-p507.yaml", "--case-out")),
                Arguments.of(List.of("sweep", "cases/pr-nd-sweep.yaml", "-o")),
                Arguments.of(List.of("report", "cases/zhang-binary.yaml", "-o")));
    }

    private static CliHarness run(List<String> command, Path target) {
        List<String> args = new ArrayList<>(command);
        args.add(target.toString());
        return CliHarness.run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @MethodSource("destinations")
    void aFolderThatTakesNoFileIsExit2BeforeComputing(List<String> command, @TempDir Path tmp) throws Exception {
        Path target = unwritableFolder(tmp).resolve("out.file");
        long start = System.nanoTime();
        CliHarness r = run(command, target);
        double seconds = (System.nanoTime() - start) * 1e-9;
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(target.toString()).contains("permission denied")
                .doesNotContain("internal error").doesNotContain("Exception");
        assertThat(r.out()).as("nothing computed").isEmpty();
        assertThat(seconds).as("refused before computing").isLessThan(5);
        assertThat(target).doesNotExist();
    }

    @ParameterizedTest
    @MethodSource("destinations")
    void aReadOnlyFileIsExit2AndKept(List<String> command, @TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("kept.file");
        Files.writeString(target, "the user's file\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
        CliHarness r = run(command, target);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(target.toString()).contains("read-only").doesNotContain("internal error");
        assertThat(r.out()).isEmpty();
        assertThat(target).hasContent("the user's file");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).as("no temporary file left").containsExactly(target);
        }
    }

    @org.junit.jupiter.api.Test
    void aChartFolderThatCannotBeMadeIsExit2BeforeComputing(@TempDir Path tmp) throws Exception {
        Path charts = unwritableFolder(tmp).resolve("charts");
        CliHarness r = CliHarness.run("simulate", "cases/zhang-binary.yaml", "--plot", charts.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(charts.toString()).contains("permission denied");
        assertThat(r.out()).isEmpty();
    }
}
