package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The examples of every command's {@code --help} are meant to be copied: each stands on one line
 * (none wrapped mid-token), starts with {@code sxcascade} and the command (which {@code bin/sxcascade}
 * provides), names only bundled case files that exist, and parses: every option it uses exists and
 * takes the value given.
 */
class HelpExamplesTest {

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "design", "optimize", "transient", "report", "sweep", "fit"})
    void everyExampleIsOneLineThatParses(String command) {
        // picocli formats every help string: a lone % makes it warn on standard error ("Could not format")
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        CliHarness help;
        try {
            System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
            help = CliHarness.run(command, "--help");
        } finally {
            System.setErr(stderr);
        }
        assertThat(help.exitCode()).isZero();
        assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8) + help.err()).as("help of " + command)
                .doesNotContain("WARN");
        List<String> examples = new ArrayList<>();
        boolean in = false;
        for (String line : help.out().split("\\R")) {
            if (line.equals("Examples:")) {
                in = true;
            } else if (in && line.isBlank()) {
                break;
            } else if (in) {
                examples.add(line);
            }
        }
        assertThat(examples).as("examples of " + command).isNotEmpty();
        for (String line : examples) {
            assertThat(line).as("an example on one line").startsWith("  sxcascade " + command + " ");
            String[] words = line.trim().split("\\s+");
            List<String> args = new ArrayList<>();
            for (int i = 1; i < words.length; i++) {
                if (words[i].equals(">") || words[i].equals("|") || words[i].equals("&&")) {
                    break; // the shell's part of the line
                }
                args.add(words[i]);
            }
            for (String a : args) {
                if (a.startsWith("cases/")) {
                    assertThat(Path.of(a)).as(line).exists();
                }
            }
            // parses as the command line the program builds (options, their types and arity)
            CommandLine cli = SxCascade.commandLine();
            cli.parseArgs(args.toArray(String[]::new));
        }
    }

    @org.junit.jupiter.api.Test
    void theLauncherIsThere() throws Exception {
        Path launcher = Path.of("bin/sxcascade");
        assertThat(launcher).exists();
        assertThat(Files.isExecutable(launcher)).isTrue();
        assertThat(Files.readString(launcher)).contains("target/sxcascade.jar").contains("exec \"$java\"");
        assertThat(Arrays.asList(Files.readString(Path.of("README.md")).split("\\R")))
                .anyMatch(l -> l.contains("bin/sxcascade"));
    }
}
