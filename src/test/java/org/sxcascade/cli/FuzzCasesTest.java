package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, acceptance: seeded mutations of every bundled case file, run in-process with
 * {@code simulate --csv}. No mutant may give exit 1 or a Java exception's text; a mutant that
 * fails writes no file; every exit-2 message names a field path or a line.
 */
class FuzzCasesTest {
    private static final int MUTANTS = 1200;
    private static final long SEED = 20261206L;

    /** Values a mutation puts in place of a scalar: wrong types, out of range, quoted, odd YAML. */
    private static final String[] VALUES = {"-1", "0", "1e308", "-1e-308", "NaN", ".nan", ".inf", "-.inf", "\"1.5\"",
        "'10'", "x", "\"\"", "[]", "{}", "[1, 2]", "null", "~", "true", "1000000", "2147483648", "0.5", "1.0e-30",
        "!!str 3", "!!binary AAAA", "\"A\\u202EB\"", "\"a\\0b\"", "&a 1", "*a", "\"ND\"", "99.9"};

    /** A message that points somewhere: a field path ("x.y = …", "x is missing") or a line. */
    private static final Pattern POINTS = Pattern.compile(
            "error: .*(\\S+ = .* is not allowed|\\S+ is missing|line \\d+|the case file is empty)");

    @Test
    void mutatedCasesNeverGiveAnInternalError(@TempDir Path dir) throws Exception {
        List<Path> cases;
        try (Stream<Path> files = Files.list(Path.of("cases"))) {
            cases = files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("sweep")).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThan(10);
        Random random = new Random(SEED);
        int[] exits = new int[4];
        long start = System.nanoTime();
        for (int i = 0; i < MUTANTS; i++) {
            Path base = cases.get(i % cases.size());
            String text = mutate(Files.readString(base), random);
            Path file = dir.resolve("m" + i + ".yaml");
            Path csv = dir.resolve("m" + i + ".csv");
            Files.writeString(file, text);
            CliHarness r = CliHarness.run("simulate", file.toString(), "--csv", csv.toString());
            String what = "mutant " + i + " of " + base + ":\n" + text + "\n" + r.err();
            assertThat(r.exitCode()).as(what).isIn(0, 2, 3);
            exits[r.exitCode()]++;
            assertThat(r.err()).as(what).doesNotContain("Exception").doesNotContain("internal error")
                    .doesNotContain("\tat ").doesNotContain("org.yaml").doesNotContain("com.fasterxml");
            if (r.exitCode() != 0) {
                assertThat(csv).as(what).doesNotExist();
            }
            if (r.exitCode() == 2) {
                assertThat(r.err()).as(what).containsPattern(POINTS);
            }
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        System.out.printf("fuzz: %d mutants in %.1f s, exits 0: %d, 2: %d, 3: %d%n", MUTANTS, seconds, exits[0],
                exits[2], exits[3]);
        assertThat(exits[2]).as("most mutants are bad input").isGreaterThan(MUTANTS / 2);
    }

    /** One to three random edits of the text's lines. */
    static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(8)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2, 3 -> { // a scalar value replaced
                    int colon = line.lastIndexOf(": ");
                    if (colon >= 0) {
                        int end = line.indexOf(' ', colon + 2);
                        end = end < 0 || line.indexOf('#') < 0 ? line.length() : end;
                        lines.set(at, line.substring(0, colon + 2) + VALUES[random.nextInt(VALUES.length)]
                                + (end < line.length() ? line.substring(end) : ""));
                    }
                }
                case 4 -> lines.set(at, line.replaceFirst("\\w+:", "unknownKey:"));
                case 5 -> lines.set(at, line.isEmpty() ? "\t" : "\t" + line.substring(1));
                case 6 -> { // a character replaced by an odd one
                    if (!line.isEmpty()) {
                        int c = random.nextInt(line.length());
                        char[] odd = {'\u0001', '[', '{', ':', '"', '\'', '-', '&', '*', '!', '%', '@', '\u200B'};
                        lines.set(at, line.substring(0, c) + odd[random.nextInt(odd.length)] + line.substring(c + 1));
                    }
                }
                default -> { // cut off
                    return String.join("\n", lines.subList(0, at)) + "\n" + line.substring(0, random.nextInt(
                            line.length() + 1));
                }
            }
        }
        return String.join("\n", lines);
    }
}
