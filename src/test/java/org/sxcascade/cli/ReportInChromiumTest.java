package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser: headless Chromium opens it with no console messages and no
 * network requests (read from Chromium's own log and net log), and renders it. A control page with
 * a script error and an external image proves that the checks see both.
 *
 * <p>Needs Chromium ({@code chromium}, {@code chromium-browser} or {@code google-chrome} on the PATH,
 * or {@code SXCASCADE_CHROMIUM}). Without it the test is skipped on a workstation and fails under CI
 * ({@code CI=true}), where {@code .ci/run} installs Debian's {@code chromium}.
 */
class ReportInChromiumTest {
    /** Hosts Chromium itself calls (updates, time, accounts) even with background networking off. */
    private static final Pattern BROWSER_SERVICE = Pattern.compile(
            "https?://([a-z0-9-]+\\.)*(google\\.com|googleapis\\.com|gstatic\\.com|gvt1\\.com|googleusercontent\\.com)(/.*)?");

    private static String chromium;

    @BeforeAll
    static void findChromium() {
        String given = System.getenv("SXCASCADE_CHROMIUM");
        if (given != null && !given.isBlank()) {
            chromium = given;
        } else {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                    if (chromium == null && Files.isExecutable(Path.of(dir, name))) {
                        chromium = Path.of(dir, name).toString();
                    }
                }
            }
        }
        if (chromium == null) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("CI needs Chromium for the report check: install Debian's chromium "
                        + "(.ci/run does) or set SXCASCADE_CHROMIUM");
            }
            Assumptions.abort("no Chromium on the PATH: the browser check of the report is skipped here");
        }
    }

    record Visit(List<String> console, List<String> urls, Path screenshot) {
    }

    /** Opens a page in headless Chromium and returns its console messages, requested URLs and a screenshot. */
    private static Visit visit(Path page, Path tmp, String name) throws Exception {
        Path profile = Files.createDirectories(tmp.resolve(name + "-profile"));
        Path netLog = tmp.resolve(name + "-net.json");
        Path shot = tmp.resolve(name + ".png");
        Path log = tmp.resolve(name + "-chromium.log");
        List<String> cmd = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--log-net-log=" + netLog, "--virtual-time-budget=3000", "--window-size=1000,1400",
                "--screenshot=" + shot, page.toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 120 s");
        }
        List<String> console = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.contains("CONSOLE")) {
                console.add(line);
            }
        }
        List<String> urls = new ArrayList<>();
        if (Files.exists(netLog)) {
            Matcher m = Pattern.compile("\"url\":\"([^\"]*)\"").matcher(Files.readString(netLog));
            while (m.find()) {
                if (!BROWSER_SERVICE.matcher(m.group(1)).matches()) {
                    urls.add(m.group(1));
                }
            }
        }
        return new Visit(console, urls, shot);
    }

    @Test
    void controlPageShowsThatTheChecksSeeErrorsAndRequests(@TempDir Path tmp) throws Exception {
        Path page = Files.writeString(tmp.resolve("control.html"), "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "</head><body><img src=\"http://example.invalid/pixel.png\"><script>console.error('control error')"
                + "</script></body></html>");
        Visit v = visit(page, tmp, "control");
        assertThat(v.console()).anySatisfy(line -> assertThat(line).contains("control error"));
        assertThat(v.urls()).anySatisfy(url -> assertThat(url).contains("example.invalid"));
    }

    @Test
    void reportOpensWithNoConsoleMessagesAndNoRequests(@TempDir Path tmp) throws Exception {
        opensCleanly("cases/zhang-binary.yaml", tmp);
    }

    @Test
    void massActionReportOpensWithNoConsoleMessagesAndNoRequests(@TempDir Path tmp) throws Exception {
        opensCleanly("cases/pr-nd-mass-action.yaml", tmp);
    }

    private static void opensCleanly(String caseFile, Path tmp) throws Exception {
        Path report = tmp.resolve("report.html");
        CliHarness r = CliHarness.run("report", caseFile, "-o", report.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Visit v = visit(report, tmp, "report");
        assertThat(v.console()).as("console messages").isEmpty();
        assertThat(v.urls()).as("requests other than the page itself").allSatisfy(url ->
                assertThat(url).isEqualTo(report.toUri().toString()));
        BufferedImage shot = ImageIO.read(v.screenshot().toFile());
        assertThat(shot.getWidth()).isEqualTo(1000);
        assertThat(shot.getHeight()).isEqualTo(1400);
        // rendered, not blank: the page background, white sections, text and chart colours
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < shot.getHeight(); y += 4) {
            for (int x = 0; x < shot.getWidth(); x += 4) {
                colours.add(shot.getRGB(x, y));
            }
        }
        assertThat(colours.size()).isGreaterThan(50);
    }
}
