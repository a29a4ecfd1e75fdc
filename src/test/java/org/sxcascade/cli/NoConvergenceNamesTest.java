package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A steady state that is not reached is reported with the stage and the component whose balance
 * is worst, and the component is named as the case file names it (the rare earths; for mass
 * action also the cation and H+), not by its number. An iteration limit of 1 makes every solver
 * stop early.
 */
class NoConvergenceNamesTest {

    private static CliHarness simulateWithOneIteration(Path dir, String caseFile) throws Exception {
        Path f = dir.resolve("case.yaml");
        Files.writeString(f, Files.readString(Path.of(caseFile)) + "\nsolver: {maxIterations: 1}\n");
        return CliHarness.run("simulate", f.toString());
    }

    @Test
    void cmerNamesTheComponent(@TempDir Path dir) throws Exception {
        CliHarness r = simulateWithOneIteration(dir, "cases/pr-nd-p507.yaml");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).containsPattern("newton did not converge: .*\\(stage \\d+, component (Pr|Nd)\\)")
                .doesNotContainPattern("component \\d");
    }

    @Test
    void massActionNamesRareEarthsCationAndAcid(@TempDir Path dir) throws Exception {
        CliHarness r = simulateWithOneIteration(dir, "cases/pr-nd-mass-action.yaml");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).containsPattern("did not converge: .*\\(stage \\d+, component (Pr|Nd|Na|H\\+)\\)")
                .doesNotContainPattern("component \\d");
    }
}
