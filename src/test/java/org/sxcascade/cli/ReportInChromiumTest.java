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
        return visit(page.toUri().toString(), tmp, name, 1000, 1400);
    }

    private static Visit visit(String url, Path tmp, String name, int width, int height) throws Exception {
        Path profile = Files.createDirectories(tmp.resolve(name + "-profile"));
        Path netLog = tmp.resolve(name + "-net.json");
        Path shot = tmp.resolve(name + ".png");
        Path log = tmp.resolve(name + "-chromium.log");
        List<String> cmd = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--log-net-log=" + netLog, "--virtual-time-budget=3000", "--window-size=" + width + "," + height,
                "--screenshot=" + shot, url);
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

    /**
     * Measures the layout in the page (a copy of the report without its Content-Security-Policy and
     * with this script), again whenever the window is resized, and paints the whole window with the
     * verdict, read from the screenshot:
     * green when the window is as wide as the URL's fragment says and nothing is cut off, red when
     * something is. Tables on a phone may scroll sideways (docs/charts.md), so the fragment
     * {@code #W,tables} also requires that no table scrolls.
     */
    private static final String PROBE = """
            <script>
            const [want, tables] = location.hash.slice(1).split(',');
            const verdict = document.createElement('div');
            verdict.style.cssText = 'position:fixed;inset:0;z-index:99';
            document.body.appendChild(verdict);
            function check() {
              const w = document.documentElement.clientWidth;
              let ok = w === Number(want);
              document.querySelectorAll('figure svg').forEach(s => {
                const r = s.getBoundingClientRect();
                ok = ok && r.left >= -1 && r.right <= w + 1;
              });
              if (tables) {
                document.querySelectorAll('.scroll').forEach(d => { ok = ok && d.scrollWidth <= d.clientWidth + 1; });
              }
              verdict.style.background = ok ? '#00ff00' : '#ff0000';
            }
            check();
            addEventListener('resize', check); // headless Chromium lays out at 500 px at least, then sets the width
            </script>
            """;

    /**
     * The layout at a laptop's 1280 px (every table fits, the mass-action products table with its
     * target and recovery columns included) and a phone's 390 px (every chart fits the window; the
     * tables scroll sideways). The probe's own check: the report as it was (charts at least 680 px
     * wide on a phone) and a window of another width both paint red.
     */
    @Test
    void reportFitsALaptopAndAPhone(@TempDir Path tmp) throws Exception {
        for (String caseFile : List.of("cases/pr-nd-mass-action.yaml", "cases/zhang-binary.yaml")) {
            Path report = tmp.resolve("layout.html");
            CliHarness r = CliHarness.run("report", caseFile, "-o", report.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            String html = Files.readString(report);
            Path probed = probe(tmp, "probed.html", html);
            assertThat(verdict(probed, tmp, "1280,tables", 1280)).as(caseFile + " at 1280 px").isEqualTo(GREEN);
            assertThat(verdict(probed, tmp, "390", 390)).as(caseFile + " at 390 px").isEqualTo(GREEN);
            assertThat(verdict(probed, tmp, "391", 390)).as("the probe sees the window's width").isEqualTo(RED);
            Path wide = probe(tmp, "wide.html", html.replace("</style>", "figure svg { min-width: 680px; }</style>"));
            assertThat(verdict(wide, tmp, "390", 390)).as("the probe sees a chart cut off").isEqualTo(RED);
            // the report itself (no probe) renders at both widths
            for (int width : new int[] {1280, 390}) {
                BufferedImage shot = ImageIO.read(visit(report.toUri().toString(), tmp, "plain" + width, width, 1200)
                        .screenshot().toFile());
                assertThat(shot.getWidth()).isEqualTo(width);
            }
        }
    }

    private static final int GREEN = 0xff00ff00;
    private static final int RED = 0xffff0000;

    private static Path probe(Path tmp, String name, String html) throws Exception {
        String page = html.replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
                .replace("</body>", PROBE + "</body>");
        assertThat(page).doesNotContain("Content-Security-Policy").contains("#00ff00");
        return Files.writeString(tmp.resolve(name), page);
    }

    /** The colour the probe painted at the window's centre. */
    private static int verdict(Path page, Path tmp, String fragment, int width) throws Exception {
        BufferedImage shot = ImageIO.read(visit(page.toUri() + "#" + fragment, tmp, "probe-" + fragment.replace(',', '-'),
                width, 900).screenshot().toFile());
        return shot.getRGB(shot.getWidth() / 2, shot.getHeight() / 2);
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
