package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sxcascade.dynamics.TransientCase;
import org.sxcascade.dynamics.TransientSettings;
import org.sxcascade.dynamics.TransientSolver;
import org.sxcascade.dynamics.Times;
import org.sxcascade.io.CaseReader;

/**
 * docs/tutorial-1974.md cannot drift from the program: every {@code console} block's command is
 * run and every line it quotes must appear in the output; every row of the days-to-target table,
 * the fronts table, the start-up strategies table and the sensitivity table must match what the
 * commands (run in process) compute, to the printed digits.
 */
class Tutorial1974Test {
    private static final Path TUTORIAL = Path.of("docs/tutorial-1974.md");
    private static final String PROMPT = "$ java -jar target/sxcascade.jar ";
    private static final String CMER = "cases/pr-nd-1974.yaml";
    private static final String MASS_ACTION = "cases/pr-nd-1974-mass-action.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** The table's cell for a time to target: {@code 4.05 d} or {@code 38.37 h} as the report prints it, {@code 0} at t = 0. */
    private static String timeCell(double hours) {
        return hours == 0 ? "0" : Times.format(hours).split(" \\(")[0];
    }

    /** The cells of the table rows that start with {@code "| " + first}, after the first column. */
    private static List<String> row(String text, String first) {
        for (String line : text.split("\n")) {
            if (line.startsWith("| " + first + " |")) {
                List<String> cells = new ArrayList<>();
                for (String c : line.substring(1, line.length() - 1).split("\\|")) {
                    cells.add(c.strip());
                }
                return cells.subList(1, cells.size());
            }
        }
        throw new AssertionError("no table row '" + first + "' in docs/tutorial-1974.md");
    }

    private static JsonNode json(String... args) throws Exception {
        CliHarness r = CliHarness.run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        return JSON.readTree(r.out());
    }

    /**
     * Each strategy's cells from {@code transient FILE --compare ... --json}: the time to the Nd and
     * the Pr target (in that order), as the tutorial writes them.
     */
    private static Map<String, String[]> compareCells(JsonNode compare, String window) {
        Map<String, String[]> cells = new HashMap<>();
        for (JsonNode st : compare.get("strategies")) {
            String[] c = new String[2];
            for (JsonNode t : st.get("targets")) {
                int i = t.get("name").asText().endsWith("Nd") ? 0 : 1;
                // the comparison prints days at every time (1.08 d (26.0 h))
                double h = t.get("hours").asDouble();
                c[i] = t.get("status").asText().equals("reached") ? h == 0 ? "0"
                        : String.format(Locale.ROOT, "%.2f d", h / Times.HOURS_PER_DAY)
                        : String.format(Locale.ROOT, "not on target by %s (%.4f %%)", window,
                        100 * t.get("finalPurity").asDouble());
            }
            cells.put(st.get("strategy").asText(), c);
        }
        for (JsonNode left : compare.get("leftOut")) {
            String label = left.asText().substring(0, left.asText().indexOf(' '));
            cells.put(label, new String[] {"left out: infeasible", "left out: infeasible"});
        }
        return cells;
    }

    @Test
    void theStrategiesTableIsWhatCompareComputes() throws Exception {
        String text = Files.readString(TUTORIAL);
        JsonNode cmerRuns = json("transient", CMER, "--compare", "--time", "120d", "--json");
        JsonNode massActionRuns = json("transient", MASS_ACTION, "--compare", "--time", "120d", "--json");
        Map<String, String[]> cmer = compareCells(cmerRuns, "120 d");
        Map<String, String[]> massAction = compareCells(massActionRuns, "120 d");
        // the numbers of the reading below the table
        assertThat(text).contains("(95 mol of RE, near the 121 mol", "24.8 h and\n  24.2 h here");
        for (JsonNode st : massActionRuns.get("strategies")) {
            switch (st.get("strategy").asText()) {
                case "feed-filled" -> assertThat(st.get("reInFill").asDouble()).isCloseTo(95, within(1e-9));
                case "pre-equilibrated" -> assertThat(st.get("reInFill").asDouble()).isCloseTo(121, within(0.5));
                case "total-reflux" -> assertThat(st.get("notes").toString()).contains("no product drawn until 24.17 h");
                default -> { }
            }
        }
        for (JsonNode st : cmerRuns.get("strategies")) {
            if (st.get("strategy").asText().equals("total-reflux")) {
                assertThat(st.get("notes").toString()).contains("no product drawn until 24.79 h");
            }
        }
        for (String s : List.of("blank", "feed-filled", "loaded-organic", "pre-equilibrated", "total-reflux",
                "ramped-feed")) {
            List<String> cells = row(text, s);
            assertThat(cells).as(s).containsExactly(cmer.get(s)[0], cmer.get(s)[1], massAction.get(s)[1],
                    massAction.get(s)[0]);
        }
        // the left-out reason the text gives
        assertThat(CliHarness.run("transient", CMER, "--compare", "ramped-feed").err()).contains("S < W + 1");
    }

    @Test
    void theSensitivityTableIsWhatTransientComputes() throws Exception {
        String text = Files.readString(TUTORIAL);
        Pattern option = Pattern.compile("`([^`]+)`");
        int rows = 0;
        for (String line : text.split("\n")) {
            if (!line.matches("\\| .* \\| (–|`[^`]+`[^|]*) \\| .*") || line.startsWith("| change")
                    || !text.substring(text.indexOf("## Step 7")).contains(line)) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|");
            String opt = cells[1].strip();
            Matcher m = option.matcher(opt);
            List<String> extra = m.find() ? List.of(m.group(1).split(" ")) : List.of();
            String cmerCase = CMER;
            String massActionCase = MASS_ACTION;
            if (!extra.isEmpty() && extra.get(0).startsWith("cases/")) {
                // the β row: other case files (the CMER one, then the mass-action one) in place of the options
                cmerCase = extra.get(0);
                assertThat(m.find()).as(line).isTrue();
                massActionCase = m.group(1);
                extra = List.of();
            }
            String[] cmer = times(cmerCase, extra);
            assertThat(cells[2].strip()).as(line).isEqualTo(cmer[0]);
            assertThat(cells[3].strip()).as(line).isEqualTo(cmer[1]);
            String[] ma = times(massActionCase, extra);
            assertThat(cells[4].strip()).as(line).isEqualTo(ma[1]);
            assertThat(cells[5].strip()).as(line).isEqualTo(ma[0]);
            rows++;
        }
        assertThat(rows).isEqualTo(8);
    }

    /** Nd and Pr time to target of {@code transient FILE --time 240d OPTIONS}, as table cells. */
    private static String[] times(String file, List<String> options) throws Exception {
        List<String> args = new ArrayList<>(List.of("transient", file, "--time", "240d", "--json"));
        args.addAll(options);
        JsonNode r = json(args.toArray(new String[0]));
        if (options.contains("--compare")) {
            return compareCells(r, "240 d").values().iterator().next();
        }
        String[] c = new String[2];
        r.get("timeToTarget").forEach(t -> {
            int i = t.get("purityOf").get(0).asText().equals("Nd") ? 0 : 1;
            c[i] = t.get("reached").asBoolean() ? timeCell(t.get("hours").asDouble())
                    : String.format(Locale.ROOT, "not on target by 240 d (%.4f %%)", 100 * t.get("finalPurity").asDouble());
        });
        return c;
    }

    @Test
    void theFrontsTableIsTheProfileOfTheRuns() throws Exception {
        String text = Files.readString(TUTORIAL);
        String header = "| time | stage 1 | stage 3 | stage 6 | stage 9 | stage 11 (feed) | stage 19 (scrub acid in) |";
        assertThat(text).contains(header);
        int[] stages = {1, 3, 6, 9, 11, 19};
        Map<String, Double> hours = Map.of("6 h", 6.0, "1 d", 24.0, "2 d", 48.0, "3 d", 72.0, "4 d", 96.0);
        TransientCase tc = new CaseReader().readForTransient(Path.of(MASS_ACTION));
        Pattern cell = Pattern.compile("([0-9.]+) \\(([0-9.]+)\\)");
        for (var e : hours.entrySet()) {
            TransientSettings s = tc.settings().withTimes(e.getValue(), e.getValue());
            double[][] profile = TransientSolver.forMethod(s.method()).run(tc.withSettings(s)).endProfile();
            List<String> cells = row(text, e.getKey());
            assertThat(cells).hasSize(stages.length);
            for (int i = 0; i < stages.length; i++) {
                Matcher m = cell.matcher(cells.get(i));
                assertThat(m.matches()).as(cells.get(i)).isTrue();
                int k = stages[i] - 1;
                // two decimals as printed (half a unit, and a little for the rounding of the last digit)
                assertThat(profile[1][k]).as("loading, stage %d at %s", stages[i], e.getKey())
                        .isCloseTo(Double.parseDouble(m.group(1)), within(0.0051));
                assertThat(-Math.log10(profile[0][k])).as("pH, stage %d at %s", stages[i], e.getKey())
                        .isCloseTo(Double.parseDouble(m.group(2)), within(0.0051));
            }
        }
    }

    @Test
    void theFirstDaysOnMassActionAreWhatTheSeriesHolds() throws Exception {
        String text = Files.readString(TUTORIAL);
        assertThat(text).contains("flow stays below 10⁻⁸ mol/h up to 2.75 days", "raffinate pH 2.84 after a day",
                "93.3 % Nd after a\nday and 98.0 % after three");
        JsonNode series = json("transient", MASS_ACTION, "--time", "3d", "--sampling", "6h", "--json").get("series");
        for (JsonNode sample : series) {
            JsonNode raffinate = sample.get("products").get(0);
            assertThat(raffinate.get("name").asText()).isEqualTo("raffinate");
            if (sample.get("days").asDouble() <= 2.75 + 1e-9) {
                assertThat(raffinate.get("rareEarthFlow").asDouble()).isLessThan(1e-8);
            } else {
                assertThat(raffinate.get("rareEarthFlow").asDouble()).isGreaterThan(1e-3);
            }
        }
        JsonNode day1 = series.get(4);
        assertThat(day1.get("days").asDouble()).isEqualTo(1.0);
        assertThat(day1.get("products").get(0).get("pH").asDouble()).isCloseTo(2.84, within(0.005));
        assertThat(day1.get("products").get(1).get("purity").asDouble()).isCloseTo(0.933, within(0.0005));
        assertThat(series.get(12).get("products").get(1).get("purity").asDouble()).isCloseTo(0.980, within(0.0005));
    }

    @Test
    void theScrubSectionsPrIsWhatTheSeriesHolds() throws Exception {
        String text = Files.readString(TUTORIAL);
        assertThat(text).contains("it holds 17.86 mol of Pr after 2 days and 6.70 mol after 20 days, against 1.72 mol at\nsteady state");
        JsonNode r = json("transient", MASS_ACTION, "--time", "20d", "--sampling", "2d", "--json");
        JsonNode series = r.get("series");
        assertThat(series.get(1).get("days").asDouble()).isEqualTo(2.0);
        assertThat(series.get(1).get("inventory").get("scrub").get("Pr").asDouble()).isCloseTo(17.86, within(0.005));
        assertThat(series.get(10).get("inventory").get("scrub").get("Pr").asDouble()).isCloseTo(6.70, within(0.005));
        JsonNode steady = json("transient", MASS_ACTION, "--time", "1h", "--sampling", "1h", "--initial",
                "steady-state", "--json");
        assertThat(steady.get("series").get(0).get("inventory").get("scrub").get("Pr").asDouble())
                .isCloseTo(1.72, within(0.005));
    }

    @Test
    void theCaseFilesStateTheirAssumptions() throws Exception {
        String pushPull = Files.readString(Path.of("cases/pr-nd-1974.yaml"));
        assertThat(pushPull).contains("push-pull", "β(Nd/Pr) = 4", "Bayan Obo", "sxcascade design", "spare",
                "hold-ups", "docs/tutorial-1974.md");
        String p507 = Files.readString(Path.of("cases/pr-nd-1974-p507.yaml"));
        assertThat(p507).contains("β(Nd/Pr) = 1.5", "Banda", "sxcascade design", "spare");
        String massAction = Files.readString(Path.of(MASS_ACTION));
        assertThat(massAction).contains("push-pull", "K_Nd/K_Pr = 0.08/0.02 = 4", "Bayan Obo", "2sC/3", "11.435",
                "docs/tutorial-1974.md");
    }
}
