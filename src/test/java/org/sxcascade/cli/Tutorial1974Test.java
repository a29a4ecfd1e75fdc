package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/tutorial-1974.md cannot drift from the program: every {@code console} block's command is
 * run and every line it quotes must appear in the output; every row of the days-to-target table
 * must match its command's output.
 */
class Tutorial1974Test {
    private static final Path TUTORIAL = Path.of("docs/tutorial-1974.md");
    private static final String PROMPT = "$ java -jar target/sxcascade.jar ";

    private record Block(String command, List<String> quoted) {
    }

    private static List<Block> blocks(String text) {
        List<Block> list = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals("```console")) {
                String command = lines[++i];
                List<String> quoted = new ArrayList<>();
                while (!lines[++i].equals("```")) {
                    quoted.add(lines[i].stripTrailing());
                }
                list.add(new Block(command, quoted));
            }
        }
        return list;
    }

    private static CliHarness run(String command) {
        assertThat(command).startsWith(PROMPT);
        String[] args = command.substring(PROMPT.length()).trim().split("\\s+");
        CliHarness r = CliHarness.run(args);
        assertThat(r.exitCode()).as(command + "\n" + r.err()).isZero();
        return r;
    }

    @Test
    void everyQuotedLineIsWhatTheCommandPrints() throws Exception {
        List<Block> blocks = blocks(Files.readString(TUTORIAL));
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(8);
        for (Block b : blocks) {
            List<String> printed = Arrays.stream(run(b.command()).out().split("\n")).map(String::stripTrailing).toList();
            assertThat(b.quoted()).as(b.command()).isNotEmpty();
            for (String line : b.quoted()) {
                assertThat(printed).as("tutorial quotes for: " + b.command()).contains(line);
            }
        }
    }

    @Test
    void theDaysToTargetTableIsWhatTransientPrints() throws Exception {
        String text = Files.readString(TUTORIAL);
        Pattern row = Pattern.compile("\\| (4|1\\.5) \\(.*?\\) \\| .*? \\| (5|10|20) L aq\\. \\+ \\d+ L org\\. \\| "
                + "([0-9.]+) \\| ([0-9.]+|> 120) \\|");
        Matcher m = row.matcher(text);
        int rows = 0;
        while (m.find()) {
            String file = m.group(1).equals("4") ? "cases/pr-nd-1974.yaml" : "cases/pr-nd-1974-p507.yaml";
            double scale = Double.parseDouble(m.group(2)) / 10;
            CliHarness r = CliHarness.run("transient", file, "--hold-up-scale", Double.toString(scale), "--time", "120d");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).as(m.group()).contains("Nd 99.9000% in the loaded organic: reached after "
                    + m.group(3) + " d");
            if (m.group(4).startsWith(">")) {
                assertThat(r.out()).as(m.group()).contains("Pr 99.9000% in the raffinate: not yet on target");
            } else {
                assertThat(r.out()).as(m.group()).contains("Pr 99.9000% in the raffinate: reached after "
                        + m.group(4) + " d");
            }
            rows++;
        }
        assertThat(rows).isEqualTo(6);
    }

    @Test
    void theCaseFilesStateTheirAssumptions() throws Exception {
        String pushPull = Files.readString(Path.of("cases/pr-nd-1974.yaml"));
        assertThat(pushPull).contains("push-pull", "β(Nd/Pr) = 4", "Bayan Obo", "sxcascade design", "spare",
                "hold-ups", "docs/tutorial-1974.md");
        String p507 = Files.readString(Path.of("cases/pr-nd-1974-p507.yaml"));
        assertThat(p507).contains("β(Nd/Pr) = 1.5", "Banda", "sxcascade design", "spare");
    }
}
