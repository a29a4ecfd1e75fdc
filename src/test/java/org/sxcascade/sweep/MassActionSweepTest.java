package org.sxcascade.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionCaseView;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/**
 * Sweeps over {@code model: mass-action} cases: points validated as mass-action case files and
 * solved as {@code simulate} solves them, failed points as rows, the mass-action columns, and the
 * spec errors of paths, outputs and runs that do not fit the base case's model.
 */
class MassActionSweepTest {
    @TempDir
    Path dir;

    /** The bundled Pr | Nd case cut to 10 + 10 + 4 stages (solves in a few hundred rows). */
    static final String SMALL_CASE = """
            case:
              model: mass-action
              components:
                - {name: Pr, exchangeConstant: 0.02}
                - {name: Nd, exchangeConstant: 0.03}
              extractant: {concentration: 0.75, cation: Na, cationExchangeConstant: 0.001}
              feed: {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 10}
              cascade: {extractionStages: 10, scrubStages: 10, stripStages: 4}
              flows: {organicFlow: 230, saponification: 0.40, scrubFlow: 0, stripFlow: 28, stripAcidity: 5.0,
                      reflux: 0.8329}
              targets:
                aqueous: {purity: 0.999, components: [Pr]}
                strip: {purity: 0.999, components: [Nd]}
              solver: {maxIterations: 10000}
            """;

    /** Without strip stages: fresh scrub acid, the loaded organic is the A product. */
    static final String NO_STRIP_CASE = """
            case:
              model: mass-action
              components:
                - {name: Pr, exchangeConstant: 0.02}
                - {name: Nd, exchangeConstant: 0.03}
              extractant: {concentration: 0.75, cation: Na, cationExchangeConstant: 0.001}
              feed: {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 10}
              cascade: {extractionStages: 10, scrubStages: 10}
              flows: {organicFlow: 230, saponification: 0.40, scrubFlow: 10, scrubAcidity: 1.0}
            """;

    private SweepSpec spec(String text) {
        return SweepSpec.read(Specs.write(dir, "s.yaml", text));
    }

    private static double cell(RowFormat f, SweepRow row, String column) {
        return ((Number) value(f, row, column)).doubleValue();
    }

    private static Object value(RowFormat f, SweepRow row, String column) {
        for (int i = 0; i < f.columns().size(); i++) {
            if (f.columns().get(i).name().equals(column)) {
                return row.values().get(i);
            }
        }
        throw new AssertionError("no column " + column);
    }

    @Test
    void defaultColumnsAreTheMassActionOnes() {
        SweepSpec s = spec(SMALL_CASE + "parameters:\n  - {path: flows.reflux, values: [0.8329]}\n");
        assertThat(s.massAction()).isTrue();
        assertThat(s.cmer()).isFalse();
        assertThat(new RowFormat(s).csvHeader()).isEqualTo("point,flows.reflux,status,method,iterations,residual,"
                + "mass_balance_error,purity_raffinate,purity_strip,recovery_raffinate,recovery_strip,raffinate_pH,"
                + "strip_pH,max_loading,max_loading_stage,H_balance_error,cation_balance_error,"
                + "extractant_balance_error,acid_mol_H_per_mol_fed,base_mol_per_mol_fed,reason");
    }

    @Test
    void aPointIsTheMassActionSteadyStateOfItsCase() throws Exception {
        SweepSpec s = spec(SMALL_CASE + """
                parameters:
                  - {path: flows.reflux, values: [0.82]}
                  - {path: cascade.stripStages, values: [3]}
                record: [purities, recoveries, targets, compositions, stages, flows, reagents, chemistry, work]
                """);
        PointEvaluator ev = new PointEvaluator(s);
        RowFormat f = ev.format();
        SweepRow row = ev.evaluate(0);
        assertThat(row.status()).as(f.csvLine(row)).isEqualTo(SweepRow.Status.OK);

        // the same case, read and solved directly
        JsonNode tree = new CaseReader().parseTree(SMALL_CASE).get("case");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("flows")).put("reflux", 0.82);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("cascade")).put("stripStages", 3);
        MassActionCase c = new CaseReader().massActionFromTree(tree);
        CascadeNetwork net = CascadeNetwork.massAction(c);
        SteadyState st = new NewtonCascadeSolver().solve(net, c.solver());
        SimulationReport report = new SimulationReport(c, net, st);
        SimulationReport.Product raffinate = report.products().get(0);
        SimulationReport.Product strip = report.products().get(1);
        assertThat(strip.name()).isEqualTo("strip liquor");

        assertThat(value(f, row, "cascade.stripStages")).isEqualTo(3);
        assertThat(value(f, row, "iterations")).isEqualTo(st.iterations());
        assertThat(cell(f, row, "mass_balance_error")).isEqualTo(st.massBalanceError()).isLessThan(1e-10);
        assertThat(cell(f, row, "purity_raffinate")).isEqualTo(raffinate.purity());
        assertThat(cell(f, row, "purity_strip")).isEqualTo(strip.purity());
        assertThat(cell(f, row, "recovery_raffinate")).isEqualTo(raffinate.recovery());
        assertThat(cell(f, row, "recovery_strip")).isEqualTo(strip.recovery());
        assertThat(value(f, row, "targets_met")).isEqualTo(report.targetsMet());
        assertThat(cell(f, row, "raffinate_x_Pr") + cell(f, row, "raffinate_x_Nd")).isCloseTo(1, within(1e-15));
        assertThat(cell(f, row, "strip_x_Nd")).isEqualTo(strip.purity());
        assertThat(value(f, row, "extraction_stages")).isEqualTo(10);
        assertThat(value(f, row, "scrub_stages")).isEqualTo(10);
        assertThat(value(f, row, "strip_stages")).isEqualTo(3);
        assertThat(value(f, row, "total_stages")).isEqualTo(23);
        // raffinate: feed 10 + strip acid 28 × 0.82 refluxed = 32.96 L/h; strip product 28 × 0.18 L/h
        assertThat(cell(f, row, "raffinate_L_per_h")).isCloseTo(32.96, within(1e-12));
        assertThat(cell(f, row, "strip_L_per_h")).isCloseTo(5.04, within(1e-12));
        assertThat(cell(f, row, "raffinate_mol_per_mol_fed")).isEqualTo(raffinate.flow());
        assertThat(cell(f, row, "strip_mol_per_mol_fed")).isEqualTo(strip.flow());
        // three strip stages leave some RE on the organic going back to saponification
        assertThat(cell(f, row, "stripped_organic_mol_per_mol_fed")).isEqualTo(report.products().get(2).flow())
                .isGreaterThan(1e-6);
        assertThat(cell(f, row, "raffinate_mol_per_mol_fed") + cell(f, row, "strip_mol_per_mol_fed")
                + cell(f, row, "stripped_organic_mol_per_mol_fed")).isCloseTo(1, within(1e-10));
        // 28 L/h × 5 mol/L HCl, and 230 L/h × 2 × 0.75 mol/L HA × 0.40 Na, per 10 mol/h RE fed
        assertThat(cell(f, row, "acid_mol_H_per_mol_fed")).isCloseTo(14.0, within(1e-12));
        assertThat(cell(f, row, "base_mol_per_mol_fed")).isCloseTo(13.8, within(1e-12));
        assertThat(cell(f, row, "raffinate_pH")).isEqualTo(MassActionCaseView.of(report.view()).stages().get(0).pH());
        assertThat(cell(f, row, "strip_pH")).isEqualTo(MassActionCaseView.of(report.view()).stages().get(20).pH()); // stage n + m + 1 = 21
        double highest = MassActionCaseView.of(report.view()).stages().stream().mapToDouble(MassActionCaseView.StageRow::loading).max().orElseThrow();
        assertThat(cell(f, row, "max_loading")).isEqualTo(highest).isBetween(0.0, 1.0);
        int stage = (Integer) value(f, row, "max_loading_stage");
        assertThat(MassActionCaseView.of(report.view()).stages().get(stage - 1).loading()).isEqualTo(highest);
        assertThat(cell(f, row, "H_balance_error")).isEqualTo(MassActionCaseView.of(report.view()).hydrogenBalance()).isLessThan(1e-10);
        assertThat(cell(f, row, "cation_balance_error")).isEqualTo(MassActionCaseView.of(report.view()).cationBalance()).isLessThan(1e-10);
        assertThat(cell(f, row, "extractant_balance_error")).isEqualTo(MassActionCaseView.of(report.view()).extractantBalance()).isLessThan(1e-10);
        assertThat(value(f, row, "steady_states")).isEqualTo(1);
        assertThat(value(f, row, "reason")).isEqualTo("");

        // the JSON line has the same values under the column names
        JsonNode json = new ObjectMapper().readTree(f.jsonLine(row));
        assertThat(json.get("purity_strip").doubleValue()).isEqualTo(strip.purity());
        assertThat(json.get("max_loading_stage").intValue()).isEqualTo(stage);
        assertThat(json.get("status").asText()).isEqualTo("ok");
    }

    @Test
    void withoutStripStagesTheLoadedOrganicIsTheStripProductAndHasNoPH() throws Exception {
        SweepSpec s = spec(NO_STRIP_CASE + """
                parameters:
                  - {path: flows.scrubAcidity, values: [1.0]}
                record: [purities, targets, flows, chemistry]
                """);
        PointEvaluator ev = new PointEvaluator(s);
        RowFormat f = ev.format();
        SweepRow row = ev.evaluate(0);
        assertThat(row.status()).as(f.csvLine(row)).isEqualTo(SweepRow.Status.OK);
        assertThat(value(f, row, "strip_pH")).isNull();
        assertThat(value(f, row, "stripped_organic_mol_per_mol_fed")).isNull();
        assertThat(value(f, row, "targets_met")).isNull(); // no targets: an empty cell
        assertThat(cell(f, row, "strip_L_per_h")).isEqualTo(230.0); // the organic
        assertThat(cell(f, row, "raffinate_L_per_h")).isCloseTo(20.0, within(1e-12));
        assertThat(f.csvLine(row)).matches("0,1\\.0,ok,newton,\\d+,.*")
                .contains(",,"); // the empty cells
        JsonNode json = new ObjectMapper().readTree(f.jsonLine(row));
        assertThat(json.get("strip_pH").isNull()).isTrue();
        assertThat(json.get("targets_met").isNull()).isTrue();
    }

    @Test
    void pointsThatFailAreRowsWithStatusAndReason() throws Exception {
        SweepSpec s = spec(SMALL_CASE + """
                rowsFallback: false
                parameters:
                  - {path: flows.reflux, values: [0.8329, 1.0]}
                  - {path: solver.maxIterations, values: [10000, 5]}
                """);
        List<String> lines = Specs.run(s, Shard.ALL, dir.resolve("f.csv"), 2);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("0,0.8329,10000,ok,newton,");
        assertThat(lines.get(2)).startsWith("1,0.8329,5,no-convergence,newton,5,")
                .contains("did not converge", "iteration limit");
        assertThat(lines.get(3)).startsWith("2,1.0,10000,invalid,,,,,")
                .endsWith("flows.reflux = 1.0 is not allowed: a fraction from 0 to below 1 of the strip liquor "
                        + "returned as scrub liquor");
        assertThat(lines.get(4)).startsWith("3,1.0,5,invalid,");
        // the same message as the case file gives
        JsonNode tree = new CaseReader().parseTree(SMALL_CASE).get("case");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("flows")).put("reflux", 1.0);
        assertThatThrownBy(() -> new CaseReader().massActionFromTree(tree))
                .hasMessage("flows.reflux = 1.0 is not allowed: a fraction from 0 to below 1 of the strip liquor "
                        + "returned as scrub liquor");

        PointEvaluator ev = new PointEvaluator(s);
        JsonNode json = new ObjectMapper().readTree(ev.format().jsonLine(ev.evaluate(1)));
        assertThat(json.get("status").asText()).isEqualTo("no-convergence");
        assertThat(json.get("iterations").intValue()).isEqualTo(5);
        assertThat(json.get("residual").doubleValue()).isGreaterThan(1e-12);
        assertThat(json.get("purity_strip").isNull()).isTrue();
        assertThat(json.get("mass_balance_error").isNull()).isTrue();
    }

    @Test
    void aPointsRowDoesNotDependOnThePointsBeforeIt() {
        // flows, feed and strip stages varied at random (some points invalid: reflux without strip stages)
        SweepSpec s = spec(SMALL_CASE + """
                sampling: random
                samples: 12
                seed: 5
                parameters:
                  - {path: flows.saponification, range: {from: 0.0, to: 0.9}}
                  - {path: flows.reflux, range: {from: 0.5, to: 0.9}}
                  - {path: feed.composition.Nd, range: {from: 0.2, to: 0.9}}
                  - {path: cascade.stripStages, range: {from: 0, to: 6}}
                record: [purities, recoveries, compositions, stages, flows, reagents, chemistry]
                """);
        PointEvaluator reused = new PointEvaluator(s);
        RowFormat f = reused.format();
        List<String> statuses = new java.util.ArrayList<>();
        for (int i : new int[] {7, 2, 11, 0, 5, 9, 3, 10, 1, 8, 4, 6}) {
            SweepRow again = reused.evaluate(i);
            assertThat(f.csvLine(again)).isEqualTo(f.csvLine(new PointEvaluator(s).evaluate(i)));
            statuses.add(again.status().label());
            if (again.status() == SweepRow.Status.OK) {
                // the fractions of the feed still sum to 1: both products' compositions do
                assertThat(cell(f, again, "raffinate_x_Pr") + cell(f, again, "raffinate_x_Nd"))
                        .isCloseTo(1, within(1e-12));
            }
        }
        assertThat(statuses).contains("ok", "invalid").doesNotContain("error");
    }

    static Stream<Arguments> errors() {
        String one = "parameters:\n  - {path: flows.reflux, values: [0.8329]}\n";
        String cmer = Specs.BINARY_CASE;
        return Stream.of(
                Arguments.of("run design with a reagent excess", SMALL_CASE + "run: design\ndesign: {reagentExcess: "
                        + "0.1}\n" + one, "design.reagentExcess = 0.1 is not allowed: 0 for a mass-action base case"),
                Arguments.of("run optimize with a reagent excess", SMALL_CASE + "run: optimize\noptimize: "
                        + "{reagentExcess: 0.1}\n" + one, "optimize.reagentExcess = 0.1 is not allowed: not given for "
                        + "a mass-action base case"),
                Arguments.of("misspelt path", SMALL_CASE + one.replace("flows.reflux", "flows.refux"),
                        "parameters[0].path = flows.refux is not allowed: did you mean 'flows.reflux'? a numeric "
                                + "field of the base case: cascade.extractionStages, cascade.scrubStages, "
                                + "cascade.stripStages, components[0].exchangeConstant"),
                Arguments.of("CMER path on a mass-action case", SMALL_CASE + one.replace("flows.reflux",
                        "flows.extractant"), "parameters[0].path = flows.extractant is not allowed: flows.extractant "
                        + "is not a field of model mass-action cases (docs/mass-action.md); a numeric field of the "
                        + "base case: "),
                Arguments.of("mass-action path on a CMER case", cmer + one, "parameters[0].path = flows.reflux is not "
                        + "allowed: flows.reflux is not a field of model separation-factors cases "
                        + "(docs/case-format.md); a numeric field of the base case: cascade.extractionStages"),
                Arguments.of("mass-action path on a CMER case", cmer + one.replace("flows.reflux",
                        "\"components[1].exchangeConstant\""), "parameters[0].path = components[1].exchangeConstant is "
                        + "not allowed: components[1].exchangeConstant is not a field of model separation-factors"),
                Arguments.of("path absent from the base case", SMALL_CASE + one.replace("flows.reflux",
                        "flows.scrubAcidity"), "parameters[0].path = flows.scrubAcidity is not allowed: did you mean "
                        + "'flows.stripAcidity'? a numeric field of the base case: "),
                Arguments.of("strip stages are integers", SMALL_CASE
                        + "parameters:\n  - {path: cascade.stripStages, values: [2.5]}\n",
                        "parameters[0].values[0] = 2.5 is not allowed: an integer"),
                Arguments.of("chemistry on a CMER case", cmer + PARAMETER_CMER + "record: [purities, chemistry]\n",
                        "record[1] = chemistry is not allowed: chemistry only for model mass-action"),
                Arguments.of("phi on a mass-action case", SMALL_CASE + one + "record: [phi]\n",
                        "record[0] = phi is not allowed: phi only for model separation-factors (it needs S)"),
                Arguments.of("objective on a mass-action case", SMALL_CASE + one + "record: [objective]\n",
                        "record[0] = objective is not allowed: objective only with run: optimize"),
                Arguments.of("invalid base case", SMALL_CASE.replace("reflux: 0.8329", "reflux: 1.5") + one,
                        "case.flows.reflux = 1.5 is not allowed: a fraction from 0 to below 1"));
    }

    private static final String PARAMETER_CMER = "parameters:\n  - {path: flows.extractant, values: [1.7]}\n";

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void specErrorsNameTheFieldTheValueAndWhatIsAllowed(String what, String text, String message) {
        assertThatThrownBy(() -> spec(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aBaseCaseFileIsValidatedAsAMassActionCaseFile() {
        Path base = Specs.write(dir, "ma.yaml", SMALL_CASE.substring("case:\n".length()).replaceAll("(?m)^  ", "")
                .replace("saponification: 0.40", "saponification: 1.40"));
        assertThatThrownBy(() -> SweepSpec.read(Specs.write(dir, "s.yaml", "base: ma.yaml\n"
                + "parameters:\n  - {path: flows.reflux, values: [0.8329]}\n")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("flows.saponification = 1.4 is not allowed: a fraction from 0 to below 1 (of the "
                        + "extractant's H exchanged for the cation) [ma.yaml, the base case of s.yaml]");
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }
}
