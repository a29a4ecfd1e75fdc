package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.sweep.RowFormat;
import org.sxcascade.sweep.Specs;
import org.sxcascade.sweep.SweepSpec;

/** {@code sxcascade sweep}: help, the worked example, failures as rows, every task, bad input. */
class SweepCommandTest {
    @TempDir
    Path dir;

    private static final String BINARY = "name: binary\n" + Specs.BINARY_CASE;

    private Path spec(String text) throws Exception {
        Path p = dir.resolve("spec.yaml");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void helpHasOptionsAndExamples() {
        CliHarness r = CliHarness.run("sweep", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--resume", "--shard", "--jsonl", "--threads", "Examples:",
                "sxcascade sweep cases/pr-nd-sweep.yaml -o nd-purity.csv");
        assertThat(CliHarness.run("--help").out()).contains("sweep");
    }

    @Test
    void theWorkedExampleGivesTheSimulatedPurityOfNd() throws Exception {
        Path csv = dir.resolve("nd.csv");
        CliHarness r = CliHarness.run("sweep", "cases/pr-nd-sweep.yaml", "-o", csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("112 (grid of 7 × 16), run: simulate", "status       ok 112");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(113);
        assertThat(lines.get(0)).startsWith("point,beta,stages_per_section,status,method,iterations,residual,"
                + "mass_balance_error,purity_organic,purity_aqueous,");
        // β = 1.5, n = m = 28 is cases/pr-nd-p507.yaml itself: the sweep's row is simulate's answer
        String row = lines.stream().filter(l -> l.contains(",1.5,28,")).findFirst().orElseThrow();
        String[] f = row.split(",");
        CliHarness sim = CliHarness.run("simulate", "cases/pr-nd-p507.yaml", "--json");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sim.out());
        assertThat(Double.parseDouble(f[8])).isEqualTo(json.get("products").get(0).get("purity").asDouble());
        assertThat(Double.parseDouble(f[9])).isEqualTo(json.get("products").get(1).get("purity").asDouble());
        assertThat(Integer.parseInt(f[5])).isEqualTo(json.get("iterations").asInt());
    }

    @Test
    void pointsThatFailAreRowsWithTheirReason() throws Exception {
        Path csv = dir.resolve("f.csv");
        CliHarness r = CliHarness.run("sweep", spec(BINARY.replace("scrub: 1.2081944}", "scrub: 1.2081944}\n"
                + "  solver: {maxIterations: 100}") + """
                rowsFallback: false
                parameters:
                  - path: flows.extractant
                    values: [1.7086449, 2.5, 1.0]
                  - path: solver.maxIterations
                    values: [100, 1]
                """).toString(), "-o", csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(7);
        assertThat(lines.get(1)).startsWith("0,1.7086449,100,ok,newton,");
        assertThat(lines.get(2)).startsWith("1,1.7086449,1,no-convergence,newton,1,").contains("did not converge");
        assertThat(lines.get(3)).startsWith("2,2.5,100,invalid,,,,,").contains("flows.extractant = 2.50000")
                .contains("S < W + 1");
        assertThat(lines.get(5)).startsWith("4,1.0,100,invalid,").contains("\"flows.extractant = 1.00000 is not "
                + "allowed: S > W for an aqueous feed");
        assertThat(r.out()).contains("ok 1, invalid 4, no-convergence 1 (the reason column says why)");
    }

    @Test
    void aFeedFractionSweepRescalesTheOtherComponents() throws Exception {
        Path csv = dir.resolve("z.csv");
        CliHarness r = CliHarness.run("sweep", spec(BINARY + """
                parameters:
                  - path: feed.composition.A
                    values: [0.3, 0.5, 0.7]
                record: [compositions, purities]
                """).toString(), "-o", csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).contains("organic_y_A,organic_y_B,aqueous_x_A,aqueous_x_B,purity_organic");
        assertThat(lines.subList(1, 4)).allSatisfy(l -> assertThat(l).contains(",ok,"));
        List<String> header = List.of(lines.get(0).split(","));
        String[] f = lines.get(2).split(",", -1);
        assertThat(f[header.indexOf("feed.composition.A")]).isEqualTo("0.5");
        assertThat(f[header.indexOf("organic_y_A")]).isEqualTo(f[header.indexOf("purity_organic")]);
        assertThat(Double.parseDouble(f[header.indexOf("aqueous_x_B")])).isGreaterThan(0.999);
    }

    @Test
    void designAndOptimizeAtEachPoint() throws Exception {
        String base = "name: binary\n" + Specs.BINARY_DESIGN_CASE;
        Path csv = dir.resolve("d.csv");
        CliHarness r = CliHarness.run("sweep", spec(base + """
                run: design
                parameters:
                  - path: components[0].separationFactor
                    name: beta
                    values: [2.0, 3.0]
                  - path: targets.aqueous.purity
                    values: [0.9999, 0.4]
                record: [purities, stages, flows, work, reagents, phi]
                """).toString(), "-o", csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        // β = 2 at Zhang's targets: the verified design is 24 + 22 stages (docs/design.md)
        assertThat(lines.get(1)).startsWith("0,2.0,0.9999,ok,newton,");
        String[] f = lines.get(1).split(",");
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(Integer.parseInt(f[header.indexOf("total_stages")])).isBetween(44, 48);
        assertThat(Double.parseDouble(f[header.indexOf("purity_aqueous")])).isGreaterThanOrEqualTo(0.9999);
        assertThat(lines.get(2)).startsWith("1,2.0,0.4,infeasible,").contains("targets.aqueous.purity");

        Path opt = dir.resolve("o.csv");
        CliHarness o = CliHarness.run("sweep", spec(base + """
                run: optimize
                optimize: {objective: stages}
                parameters:
                  - path: components[0].separationFactor
                    values: [2.0, 2.5]
                record: [purities, stages, objective]
                """).toString(), "-o", opt.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        List<String> rows = Files.readAllLines(opt);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).contains(",ok,");
        List<String> cols = List.of(rows.get(0).split(","));
        String[] g = rows.get(1).split(",", -1);
        assertThat(Double.parseDouble(g[cols.indexOf("objective_value")]))
                .isEqualTo(Double.parseDouble(g[cols.indexOf("total_stages")]));
    }

    @Test
    void badInputIsExitTwoWithNoOutput() throws Exception {
        Path csv = dir.resolve("never.csv");
        CliHarness r = CliHarness.run("sweep", spec(BINARY + """
                parameters:
                  - path: cascade.extractionStage
                    values: [10]
                """).toString(), "-o", csv.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: parameters[0].path = cascade.extractionStage is not allowed: did you "
                + "mean 'cascade.extractionStages'?").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(csv).doesNotExist();
        assertThat(dir.resolve("never.csv.sweep.json")).doesNotExist();

        Path ok = spec(BINARY + "parameters:\n  - {path: flows.extractant, values: [1.7]}\n");
        for (String[] args : List.of(new String[] {"--shard", "4/3"}, new String[] {"--shard", "x"},
                new String[] {"--threads", "0"})) {
            CliHarness b = CliHarness.run("sweep", ok.toString(), "-o", csv.toString(), args[0], args[1]);
            assertThat(b.exitCode()).as(args[0]).isEqualTo(2);
            assertThat(b.err()).contains(args[0] + " = ");
            assertThat(csv).doesNotExist();
        }
        Files.writeString(dir.resolve("base.yaml"), BINARY.substring(BINARY.indexOf("case:\n") + 6)
                .replace("\n  ", "\n").substring(2));
        Path withBase = dir.resolve("with-base.yaml");
        Files.writeString(withBase, "base: base.yaml\nparameters:\n  - {path: flows.extractant, values: [1.7]}\n");
        String before = Files.readString(dir.resolve("base.yaml"));
        CliHarness overwrite = CliHarness.run("sweep", withBase.toString(), "-o", dir.resolve("base.yaml").toString());
        assertThat(overwrite.exitCode()).as(overwrite.err()).isEqualTo(2);
        assertThat(overwrite.err()).contains("a file other than the spec and its base case");
        assertThat(Files.readString(dir.resolve("base.yaml"))).isEqualTo(before);
        String specBefore = Files.readString(withBase);
        CliHarness overwriteSpec = CliHarness.run("sweep", withBase.toString(), "-o", dir.resolve("x.csv").toString(),
                "--jsonl", withBase.toString());
        assertThat(overwriteSpec.exitCode()).as(overwriteSpec.err()).isEqualTo(2);
        assertThat(overwriteSpec.err()).contains("--jsonl = ").contains("a file other than the spec and its base case");
        assertThat(Files.readString(withBase)).isEqualTo(specBefore);
        assertThat(dir.resolve("x.csv")).doesNotExist();
        CliHarness d = CliHarness.run("sweep", ok.toString(), "-o", dir.toString());
        assertThat(d.exitCode()).isEqualTo(2);
        assertThat(d.err()).contains("--output = ").contains("not a directory");
    }

    @Test
    void anOutputThatIsTheSidecarOrTheOtherOutputIsExitTwo() throws Exception {
        Path ok = spec(BINARY + "parameters:\n  - {path: flows.extractant, values: [1.7]}\n");
        Path csv = dir.resolve("o.csv");
        Path sidecar = dir.resolve("o.csv.sweep.json");
        assertThat(CliHarness.run("sweep", ok.toString(), "-o", csv.toString()).exitCode()).isZero();
        String before = Files.readString(sidecar);
        String csvBefore = Files.readString(csv);
        Files.createDirectory(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), sidecar);
        Path fresh = dir.resolve("fresh.csv");
        for (String[] args : List.of(
                new String[] {"--jsonl", sidecar.toString()},
                new String[] {"--jsonl", dir.resolve("sub/../o.csv.sweep.json").toString()},
                new String[] {"--jsonl", link.toString()},
                new String[] {"--jsonl", dir.resolve("sub/../o.csv").toString()},
                new String[] {"-o", dir.resolve("other.csv.sweep.json").toString()},
                new String[] {"-o", fresh.toString(), "--jsonl", dir.resolve("sub/../fresh.csv").toString()})) {
            List<String> cli = new java.util.ArrayList<>(List.of("sweep", ok.toString()));
            if (args[0].equals("--jsonl")) {
                cli.addAll(List.of("-o", csv.toString()));
            }
            cli.addAll(List.of(args));
            CliHarness r = CliHarness.run(cli.toArray(new String[0]));
            String option = args[args.length - 2].equals("-o") ? "--output" : "--jsonl";
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("error: " + option + " = ")
                    .contains("is not allowed").containsAnyOf("sidecar", ".sweep.json");
            assertThat(Files.readString(sidecar)).isEqualTo(before);
            assertThat(Files.readString(csv)).isEqualTo(csvBefore);
            assertThat(fresh).doesNotExist();
        }
    }

    @Test
    void aResumedRunSaysWhatThisRunDidAndWarnsOfAnotherVersion() throws Exception {
        Path ok = spec(BINARY + "parameters:\n  - {path: flows.extractant, range: {from: 1.6, to: 1.8, count: 10}}\n");
        Path csv = dir.resolve("r.csv");
        assertThat(CliHarness.run("sweep", ok.toString(), "-o", csv.toString()).exitCode()).isZero();
        List<String> full = Files.readAllLines(csv);
        Files.write(csv, full.subList(0, 5)); // the header and 4 rows
        Path sidecar = dir.resolve("r.csv.sweep.json");
        Files.writeString(sidecar, Files.readString(sidecar).replace(org.sxcascade.Version.TEXT, "sxcascade 0.0.9"));
        CliHarness r = CliHarness.run("sweep", ok.toString(), "-o", csv.toString(), "--resume");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("warning: ").contains("written by sxcascade 0.0.9, this is "
                + org.sxcascade.Version.TEXT);
        assertThat(r.out()).contains("resumed      4 of the 10 rows were already in " + csv,
                "this run     6 points in ", "status       ok 6 in this run's rows", "(10 rows)");
        assertThat(Files.readAllLines(csv)).isEqualTo(full);
        CliHarness again = CliHarness.run("sweep", ok.toString(), "-o", csv.toString(), "--resume");
        assertThat(again.err()).contains("sxcascade 0.0.9"); // the sidecar still names the first run's version
        assertThat(again.out()).contains("this run     nothing left to run");
    }

    @Test
    void slowRunsGiveSecondsPerPoint() {
        assertThat(SweepCommand.rate(1000, 0.5)).isEqualTo("2000 points/s");
        assertThat(SweepCommand.rate(3, 2.0)).isEqualTo("1.5 points/s");
        assertThat(SweepCommand.rate(3, 6.0)).isEqualTo("2.0 s per point");
        assertThat(SweepCommand.rate(1, 42.0)).isEqualTo("42.0 s per point");
    }

    @Test
    void anEmptyShardIsAWarning() throws Exception {
        Path ok = spec(BINARY + "parameters:\n  - {path: flows.extractant, values: [1.6, 1.7, 1.8]}\n");
        Path csv = dir.resolve("e.csv");
        CliHarness r = CliHarness.run("sweep", ok.toString(), "-o", csv.toString(), "--shard", "5/8");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("warning: shard 5/8 of a sweep of 3 points has no points");
        assertThat(Files.readAllLines(csv)).containsExactly(new RowFormat(SweepSpec.read(ok)).csvHeader());
    }

    @Test
    void jsonLinesAndShardSummary() throws Exception {
        Path csv = dir.resolve("s.csv");
        Path jsonl = dir.resolve("s.jsonl");
        CliHarness r = CliHarness.run("sweep", spec(BINARY + """
                parameters:
                  - {path: flows.extractant, range: {from: 1.6, to: 1.8, count: 10}}
                """).toString(), "-o", csv.toString(), "--jsonl", jsonl.toString(), "--shard", "2/3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("shard        2/3: 3 points (index mod 3 = 1)");
        List<String> json = Files.readAllLines(jsonl);
        assertThat(json).hasSize(3);
        assertThat(json.get(0)).startsWith("{\"point\":1,\"flows.extractant\":1.6222222222222222,\"status\":\"ok\"");
        assertThat(Files.readAllLines(csv).get(2)).startsWith("4,");
    }
}
