package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.sweep.SweepSpec;

/** {@code sxcascade sweep} over a {@code model: mass-action} base case: rows are {@code simulate}'s answers. */
class MassActionSweepCommandTest {
    private static final Path CASE = Path.of("cases/pr-nd-mass-action.yaml").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path spec(String text) throws Exception {
        Path p = dir.resolve("spec.yaml");
        Files.writeString(p, "base: " + CASE + "\n" + text);
        return p;
    }

    @Test
    void refluxSweepRowsAreSimulateRunsAndMoveTheRightWay() throws Exception {
        Path csv = dir.resolve("r.csv");
        Path jsonl = dir.resolve("r.jsonl");
        double[] reflux = {0.8325, 0.8329, 0.8333};
        CliHarness r = CliHarness.run("sweep", spec("""
                parameters:
                  - {path: flows.reflux, name: reflux, values: [0.8325, 0.8329, 0.8333]}
                """).toString(), "-o", csv.toString(), "--jsonl", jsonl.toString(), "--threads", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 (grid of 3), run: simulate (model mass-action)", "status       ok 3");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("point,reflux,status,method,iterations,residual,mass_balance_error,"
                + "purity_raffinate,purity_strip,recovery_raffinate,recovery_strip,raffinate_pH,strip_pH,max_loading,"
                + "max_loading_stage,H_balance_error,cation_balance_error,extractant_balance_error,"
                + "acid_mol_H_per_mol_fed,base_mol_per_mol_fed,reason");
        List<String> rows = Files.readAllLines(jsonl);
        assertThat(rows).hasSize(3);
        String base = Files.readString(CASE);
        double[] pr = new double[3];
        double[] nd = new double[3];
        for (int i = 0; i < 3; i++) {
            JsonNode row = JSON.readTree(rows.get(i));
            assertThat(lines.get(i + 1)).startsWith(i + "," + reflux[i] + ",ok,newton,");
            Path one = dir.resolve("case" + i + ".yaml");
            Files.writeString(one, base.replace("reflux: 0.8329 ", "reflux: " + reflux[i] + " "));
            CliHarness sim = CliHarness.run("simulate", one.toString(), "--json");
            assertThat(sim.exitCode()).as(sim.err()).isZero();
            JsonNode s = JSON.readTree(sim.out());
            JsonNode raffinate = s.get("products").get(0);
            JsonNode strip = s.get("products").get(1);
            assertThat(strip.get("name").asText()).isEqualTo("strip liquor");
            assertThat(row.get("reflux").doubleValue()).isEqualTo(reflux[i]);
            assertThat(row.get("purity_raffinate").doubleValue()).isCloseTo(raffinate.get("purity").doubleValue(),
                    within(1e-12));
            assertThat(row.get("purity_strip").doubleValue()).isCloseTo(strip.get("purity").doubleValue(),
                    within(1e-12));
            assertThat(row.get("recovery_raffinate").doubleValue()).isCloseTo(raffinate.get("recovery").doubleValue(),
                    within(1e-12));
            assertThat(row.get("recovery_strip").doubleValue()).isCloseTo(strip.get("recovery").doubleValue(),
                    within(1e-12));
            assertThat(row.get("raffinate_pH").doubleValue()).isCloseTo(raffinate.get("pH").doubleValue(),
                    within(1e-12));
            assertThat(row.get("strip_pH").doubleValue()).isCloseTo(strip.get("pH").doubleValue(), within(1e-12));
            assertThat(row.get("iterations").intValue()).isEqualTo(s.get("iterations").intValue());
            assertThat(row.get("mass_balance_error").doubleValue()).isLessThan(1e-10);
            assertThat(row.get("H_balance_error").doubleValue()).isLessThan(1e-10);
            double highest = 0;
            int stage = 0;
            for (JsonNode st : s.get("profile")) {
                if (st.get("loading").doubleValue() > highest) {
                    highest = st.get("loading").doubleValue();
                    stage = st.get("stage").intValue();
                }
            }
            assertThat(row.get("max_loading").doubleValue()).isCloseTo(highest, within(1e-12));
            assertThat(row.get("max_loading_stage").intValue()).isEqualTo(stage);
            // 28 L/h of 5 mol/L HCl; 230 L/h × 1.5 mol/L HA × 40 % Na; per 10 mol/h RE fed
            assertThat(row.get("acid_mol_H_per_mol_fed").doubleValue()).isCloseTo(14.0, within(1e-12));
            assertThat(row.get("base_mol_per_mol_fed").doubleValue()).isCloseTo(13.8, within(1e-12));
            pr[i] = row.get("purity_raffinate").doubleValue();
            nd[i] = row.get("purity_strip").doubleValue();
        }
        // more reflux: purer Nd in the strip product, less pure Pr in the raffinate
        assertThat(nd[0]).isLessThan(nd[1]);
        assertThat(nd[1]).isLessThan(nd[2]);
        assertThat(pr[0]).isGreaterThan(pr[1]);
        assertThat(pr[1]).isGreaterThan(pr[2]);
        assertThat(nd[0]).isLessThan(0.999); // docs/mass-action.md: 0.8325 gives Nd 99.72 %
        assertThat(pr[2]).isLessThan(0.999);
        assertThat(nd[1]).isGreaterThan(0.999);
        assertThat(pr[1]).isGreaterThan(0.999);
    }

    /**
     * run: optimize optimizes each point as {@code sxcascade optimize} optimizes the point's case
     * file: the row's objective, reagents, stages and purities are the command's, to the digit.
     */
    @Test
    void optimizeOnAMassActionCaseGivesTheOptimumOfEachPoint() throws Exception {
        Path csv = dir.resolve("o.csv");
        CliHarness r = CliHarness.run("sweep", spec("run: optimize\nparameters:\n"
                + "  - {path: targets.aqueous.purity, values: [0.999]}\n"
                + "record: [purities, stages, reagents, objective, work]\n").toString(), "-o", csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        List<String> columns = List.of(lines.get(0).split(","));
        List<String> row = List.of(lines.get(1).split(",", -1));
        assertThat(row.get(columns.indexOf("status"))).isEqualTo("ok");
        // the exact optimum (by default optimize keeps a margin for the rounding of its flows)
        CliHarness o = CliHarness.run("optimize", CASE.toString(), "--json", "--exact-flows");
        assertThat(o.exitCode()).as(o.err()).isZero();
        JsonNode json = JSON.readTree(o.out());
        JsonNode reagents = json.get("optimum").get("reagents");
        double acid = reagents.get("acidPerMolFed").asDouble();
        double base = reagents.get("basePerMolFed").asDouble();
        assertThat(Double.parseDouble(row.get(columns.indexOf("acid_mol_H_per_mol_fed")))).isCloseTo(acid,
                within(1e-12 * acid));
        assertThat(Double.parseDouble(row.get(columns.indexOf("base_mol_per_mol_fed")))).isCloseTo(base,
                within(1e-12 * base));
        // objective reagents: acid + base per mol RE fed at unit prices (docs/optimize.md)
        assertThat(Double.parseDouble(row.get(columns.indexOf("objective_value")))).isCloseTo(acid + base,
                within(1e-9)).isCloseTo(json.get("objective").get("value").asDouble(), within(1e-12));
        assertThat(Double.parseDouble(row.get(columns.indexOf("purity_raffinate")))).isGreaterThanOrEqualTo(0.999);
        assertThat(Double.parseDouble(row.get(columns.indexOf("purity_strip")))).isGreaterThanOrEqualTo(0.999);
        assertThat(Double.parseDouble(row.get(columns.indexOf("mass_balance_error")))).isLessThanOrEqualTo(1e-10);
        assertThat(Integer.parseInt(row.get(columns.indexOf("total_stages")))).isEqualTo(83);
    }

    @Test
    void optimizeOfAMassActionCaseTakesItsBoundsFromTheCase() throws Exception {
        Path csv = dir.resolve("d.csv");
        CliHarness r = CliHarness.run("sweep", spec("run: optimize\noptimize: {maxStages: 90}\nparameters:\n"
                + "  - {path: feed.acidity, values: [0.01]}\n").toString(), "-o", csv.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: optimize.maxStages = 90 is not allowed: not given for a mass-action "
                + "base case: its bounds are the optimize section of the case");
        assertThat(csv).doesNotExist();
        r = CliHarness.run("sweep", spec("run: optimize\noptimize: {objective: phi}\nparameters:\n"
                + "  - {path: feed.acidity, values: [0.01]}\n").toString(), "-o", csv.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: optimize.objective = phi is not allowed: reagents, stages or cost for "
                + "a mass-action base case");
    }

    /** run: design designs each point as {@code sxcascade design} designs the point's case file. */
    @Test
    void designOnAMassActionCaseGivesTheDesignOfEachPoint() throws Exception {
        Path csv = dir.resolve("d.csv");
        Path spec = dir.resolve("design.yaml");
        Files.writeString(spec, "base: " + Path.of("cases/pr-nd-mass-action.yaml").toAbsolutePath()
                + "\nrun: design\nparameters:\n  - {path: targets.strip.purity, values: [0.99]}\n");
        CliHarness r = CliHarness.run("sweep", spec.toString(), "-o", csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        List<String> columns = List.of(lines.get(0).split(","));
        List<String> row = List.of(lines.get(1).split(",", -1));
        Path point = dir.resolve("point.yaml");
        Files.writeString(point, Files.readString(Path.of("cases/pr-nd-mass-action.yaml"))
                .replace("strip: {purity: 0.999", "strip: {purity: 0.99"));
        CliHarness d = CliHarness.run("design", point.toString(), "--json");
        assertThat(d.exitCode()).as(d.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(d.out());
        assertThat(row.get(columns.indexOf("status"))).isEqualTo("ok");
        for (String[] pair : new String[][] {{"extraction_stages", "extraction"}, {"scrub_stages", "scrub"},
            {"strip_stages", "strip"}, {"total_stages", "total"}}) {
            assertThat(Integer.parseInt(row.get(columns.indexOf(pair[0])))).as(pair[0])
                    .isEqualTo(json.get("stages").get(pair[1]).asInt());
        }
        // the same design, its purities summed from the steady state by the row format and by the
        // design's result in another order: equal to rounding, not bit for bit
        assertThat(Double.parseDouble(row.get(columns.indexOf("purity_strip"))))
                .isCloseTo(json.get("purities").get("strip").asDouble(), org.assertj.core.api.Assertions.within(1e-12))
                .isGreaterThanOrEqualTo(0.99);
        assertThat(Double.parseDouble(row.get(columns.indexOf("purity_raffinate"))))
                .isCloseTo(json.get("purities").get("raffinate").asDouble(),
                        org.assertj.core.api.Assertions.within(1e-12))
                .isGreaterThanOrEqualTo(0.999);
        assertThat(Double.parseDouble(row.get(columns.indexOf("mass_balance_error")))).isLessThanOrEqualTo(1e-10);
        assertThat(Integer.parseInt(row.get(columns.indexOf("steady_states"))))
                .isEqualTo(json.get("simulations").asInt());
    }

    @Test
    void aMassActionPathOnACmerCaseIsAClearError() throws Exception {
        Path csv = dir.resolve("c.csv");
        Path p = dir.resolve("cmer.yaml");
        Files.writeString(p, "base: " + Path.of("cases/pr-nd-p507.yaml").toAbsolutePath()
                + "\nparameters:\n  - {path: flows.saponification, values: [0.3]}\n");
        CliHarness r = CliHarness.run("sweep", p.toString(), "-o", csv.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: parameters[0].path = flows.saponification is not allowed: "
                + "flows.saponification is not a field of model separation-factors cases (docs/case-format.md); "
                + "a numeric field of the base case: cascade.extractionStages");
        assertThat(csv).doesNotExist();
    }

    @Test
    void theBundledSpecSweepsTheReflux() {
        SweepSpec s = SweepSpec.read(Path.of("cases/pr-nd-mass-action-sweep.yaml"));
        assertThat(s.massAction()).isTrue();
        assertThat(s.pointCount()).isEqualTo(9);
        assertThat(s.parameters().get(0).values()).containsExactly(0.8325, 0.8326, 0.8327, 0.8328, 0.8329, 0.833,
                0.8331, 0.8332, 0.8333);
    }
}
