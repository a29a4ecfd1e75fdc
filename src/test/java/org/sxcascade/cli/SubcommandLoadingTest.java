package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A run that names its subcommand builds only that one (picocli reads the annotations of every
 * subcommand it is given: a good part of a short run's start-up, issue 20); help, a bare call and
 * a misspelt name still see them all.
 */
class SubcommandLoadingTest {
    private static final String[] ALL = {"simulate", "design", "optimize", "transient", "report", "sweep", "fit", "help"};

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        assertThat(SxCascade.commandLine("simulate", "cases/zhang-binary.yaml").getSubcommands())
                .containsOnlyKeys("simulate");
        assertThat(SxCascade.commandLine("sweep", "--help").getSubcommands()).containsOnlyKeys("sweep");
        assertThat(SxCascade.commandLine("--version").getSubcommands()).isEmpty();
        CliHarness v = CliHarness.run("--version");
        assertThat(v.exitCode()).isZero();
        assertThat(v.out()).startsWith("sxcascade ");
    }

    @Test
    void helpABareCallAndAMisspeltNameSeeEverySubcommand() {
        assertThat(SxCascade.commandLine().getSubcommands()).containsOnlyKeys(ALL);
        assertThat(SxCascade.commandLine("--help").getSubcommands()).containsOnlyKeys(ALL);
        assertThat(SxCascade.commandLine("help", "simulate").getSubcommands()).containsOnlyKeys(ALL);
        assertThat(SxCascade.commandLine("simulat", "x.yaml").getSubcommands()).containsOnlyKeys(ALL);
        CliHarness r = CliHarness.run("simulat", "x.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Did you mean: sxcascade simulate");
        CliHarness help = CliHarness.run("--help");
        assertThat(help.exitCode()).isZero();
        for (String name : ALL) {
            assertThat(help.out()).contains("  " + name + " ");
        }
    }
}
