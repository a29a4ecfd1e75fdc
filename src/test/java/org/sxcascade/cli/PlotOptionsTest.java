package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --plot DIR}, {@code --format} and {@code --plot-size} on the four commands that draw. */
class PlotOptionsTest {

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void simulateWritesProfileAndMcCabeThieleAsPng(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("charts");
        CliHarness r = CliHarness.run("simulate", "cases/zhang-binary.yaml", "--plot", dir.toString(),
                "--plot-size", "640x480");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(files(dir)).containsExactly("zhang-binary-mccabe-thiele.png", "zhang-binary-profile.png");
        BufferedImage image = ImageIO.read(dir.resolve("zhang-binary-profile.png").toFile());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);
        assertThat(r.out()).contains("Charts written to").contains("zhang-binary-profile.png");
    }

    @Test
    void jsonStaysCleanWithPlots(@TempDir Path tmp) throws Exception {
        CliHarness r = CliHarness.run("simulate", "cases/zhang-binary.yaml", "--json", "--plot", tmp.toString(),
                "--format", "svg");
        assertThat(r.exitCode()).as(r.err()).isZero();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()); // stdout is one JSON document
        assertThat(r.err()).contains("Charts written to");
        assertThat(files(tmp)).containsExactly("zhang-binary-mccabe-thiele.svg", "zhang-binary-profile.svg");
        assertThat(Files.readString(tmp.resolve("zhang-binary-profile.svg"))).startsWith("<?xml").contains("<svg");
    }

    @Test
    void designOptimizeAndTransientDrawTheirCharts(@TempDir Path tmp) throws Exception {
        CliHarness d = CliHarness.run("design", "cases/zhang-binary.yaml", "--plot", tmp.toString(), "--format", "SVG");
        assertThat(d.exitCode()).as(d.err()).isZero();
        CliHarness o = CliHarness.run("optimize", "cases/pr-nd-p507.yaml", "--plot", tmp.toString(), "--format", "svg");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("Pareto front"); // --plot computes the front it draws
        CliHarness t = CliHarness.run("transient", "cases/pr-nd-1974.yaml", "--plot", tmp.toString(), "--format", "svg");
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(files(tmp)).containsExactly(
                "pr-nd-1974-startup-purity.svg",
                "pr-nd-p507-optimum-mccabe-thiele.svg", "pr-nd-p507-optimum-profile.svg",
                "pr-nd-p507-pareto-extractant.svg", "pr-nd-p507-pareto-reagents.svg",
                "zhang-binary-design-mccabe-thiele.svg", "zhang-binary-design-profile.svg",
                "zhang-binary-design-stage-count.svg");
    }

    @Test
    void badPlotOptionsAreExitCodeTwoWithNothingWritten(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("charts");
        CliHarness f = CliHarness.run("simulate", "cases/zhang-binary.yaml", "--plot", dir.toString(), "--format", "gif");
        assertThat(f.exitCode()).isEqualTo(2);
        assertThat(f.err()).contains("--format").contains("gif").contains("png or svg");
        CliHarness s = CliHarness.run("simulate", "cases/zhang-binary.yaml", "--plot", dir.toString(),
                "--plot-size", "10x10");
        assertThat(s.exitCode()).isEqualTo(2);
        assertThat(s.err()).contains("--plot-size").contains("10x10").contains("from 200 to 6000");
        CliHarness s2 = CliHarness.run("simulate", "cases/zhang-binary.yaml", "--plot", dir.toString(),
                "--plot-size", "big");
        assertThat(s2.exitCode()).isEqualTo(2);
        assertThat(s2.err()).contains("WIDTHxHEIGHT");
        CliHarness alone = CliHarness.run("simulate", "cases/zhang-binary.yaml", "--format", "svg");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("only together with --plot");
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliHarness notDir = CliHarness.run("simulate", "cases/zhang-binary.yaml", "--plot", file.toString());
        assertThat(notDir.exitCode()).isEqualTo(2);
        assertThat(notDir.err()).contains("--plot").contains("a directory");
        assertThat(dir).doesNotExist();
        assertThat(Files.readString(file)).isEqualTo("x");
        // a directory that cannot be made is found before anything is computed or written
        Path caseOut = tmp.resolve("designed.yaml");
        CliHarness under = CliHarness.run("design", "cases/zhang-binary.yaml", "--case-out", caseOut.toString(),
                "--plot", file.resolve("sub").toString());
        assertThat(under.exitCode()).isEqualTo(2);
        assertThat(under.err()).contains("--plot").contains("not a writable directory");
        assertThat(caseOut).doesNotExist();
    }
}
