package org.sxcascade.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.io.CaseFileException;
import org.sxcascade.model.InvalidInputException;

/** Errors in a spec are found before anything runs, and name the field, the value and what is allowed. */
class SpecErrorsTest {
    @TempDir
    Path dir;

    private static final String PARAMETER = """
            parameters:
              - path: flows.extractant
                range: {from: 1.6, to: 1.8, count: 5}
            """;

    static Stream<Arguments> errors() {
        String base = Specs.BINARY_CASE;
        return Stream.of(
                Arguments.of("unknown top key", base + PARAMETER + "samplng: grid\n",
                        "samplng = (unknown key) is not allowed: did you mean 'sampling'?"),
                Arguments.of("unknown parameter path", base + PARAMETER.replace("flows.extractant", "flows.extractent"),
                        "parameters[0].path = flows.extractent is not allowed: did you mean 'flows.extractant'? a "
                                + "numeric field of the base case: cascade.extractionStages"),
                Arguments.of("path of no case field", base + PARAMETER.replace("flows.extractant",
                        "equilibrium.separationFactors[1]"), "parameters[0].path = equilibrium.separationFactors[1]"),
                Arguments.of("path syntax", base + PARAMETER.replace("flows.extractant", "flows..extractant"),
                        "parameters[0].path = flows..extractant"),
                Arguments.of("empty range", base + PARAMETER.replace("from: 1.6, to: 1.8", "from: 1.8, to: 1.6"),
                        "parameters[0].range.to = 1.60000000 is not allowed: at least from = 1.80000000 (the range "
                                + "is empty)"),
                Arguments.of("empty list", base + "parameters:\n  - {path: flows.extractant, values: []}\n",
                        "parameters[0].values = a list is not allowed: a non-empty list of numbers"),
                Arguments.of("grid over the limit", base + PARAMETER.replace("count: 5", "count: 5000") + """
                          - path: flows.scrub
                            range: {from: 1.1, to: 1.2, count: 5000}
                        maxPoints: 1000000
                        """, "parameters = a grid of 25000000 points is not allowed: at most maxPoints = 1000000"),
                Arguments.of("log scale of a non-positive range", base + PARAMETER.replace("from: 1.6", "from: 0")
                        .replace("count: 5}", "count: 5, scale: log}"), "parameters[0].range.from = 0 is not "
                        + "allowed: a number > 0 for scale log"),
                Arguments.of("unknown scale", base + PARAMETER.replace("count: 5}", "count: 5, scale: normal}"),
                        "parameters[0].range.scale = normal is not allowed: linear or log"),
                Arguments.of("unknown sampling", base + PARAMETER + "sampling: sobol\n",
                        "sampling = sobol is not allowed: grid, latin-hypercube or random"),
                Arguments.of("samples missing", base + PARAMETER.replace(", count: 5", "") + "sampling: random\n",
                        "samples is missing: give an integer"),
                Arguments.of("step with sampling", base + PARAMETER + "sampling: latin-hypercube\nsamples: 10\n",
                        "parameters[0].range.count = 5 is not allowed: nothing when sampling"),
                Arguments.of("seed with a grid", base + PARAMETER + "seed: 3\n",
                        "seed = 3 is not allowed: nothing: seed is for sampling"),
                Arguments.of("step and count", base + PARAMETER.replace("count: 5", "count: 5, step: 0.1"),
                        "parameters[0].range.count = given with step is not allowed: step or count, not both"),
                Arguments.of("neither step nor count", base + PARAMETER.replace(", count: 5", ""),
                        "parameters[0].range.step is missing: give step (spacing) or count"),
                Arguments.of("fractional stage count", base + """
                        parameters:
                          - {path: cascade.extractionStages, values: [10, 12.5]}
                        """, "parameters[0].values[1] = 12.5 is not allowed: an integer"),
                Arguments.of("count on stages", base + """
                        parameters:
                          - path: cascade.scrubStages
                            range: {from: 10, to: 20, count: 4}
                        """, "parameters[0].range.count = 4 is not allowed: step for an integer field"),
                Arguments.of("two paths without a name", base + """
                        parameters:
                          - paths: [cascade.extractionStages, cascade.scrubStages]
                            values: [10, 20]
                        """, "parameters[0].name is missing: give a column name"),
                Arguments.of("same path twice", base + PARAMETER + """
                          - path: flows.extractant
                            name: S2
                            values: [1.7]
                        """, "parameters[1].path = flows.extractant is not allowed: a field no other parameter sets"),
                Arguments.of("name of a result column", base + PARAMETER.replace("  - path: flows.extractant",
                        "  - path: flows.extractant\n    name: purity_organic") + "record: [purities]\n",
                        "parameters[0].name = purity_organic is not allowed: a name that is not a result column"),
                Arguments.of("unknown output", base + PARAMETER + "record: [purities, purity]\n",
                        "record[1] = purity is not allowed: one of purities, recoveries"),
                Arguments.of("objective without optimize", base + PARAMETER + "record: [objective]\n",
                        "record[0] = objective is not allowed: objective only with run: optimize"),
                Arguments.of("unknown run", base + PARAMETER + "run: simulated\n",
                        "run = simulated is not allowed: simulate, design or optimize"),
                Arguments.of("design settings without design", base + PARAMETER + "design: {margin: 1.2}\n",
                        "design = (given) is not allowed: design settings only with run: design"),
                Arguments.of("design varies what it computes", base + PARAMETER + "run: design\n",
                        "parameters[0].path = flows.extractant is not allowed: a field that design reads"),
                Arguments.of("design margin below 1", base.replace("cascade: {extractionStages: 30, scrubStages: 30}",
                        "") + """
                        run: design
                        design: {margin: 0.5}
                        parameters:
                          - {path: "components[0].separationFactor", values: [2, 3]}
                        """, "design.margin = 0.5 is not allowed: a finite number ≥ 1"),
                Arguments.of("optimize objective", base + "run: optimize\noptimize: {objective: volume}\n"
                        + "parameters:\n  - {path: \"components[0].separationFactor\", values: [2, 3]}\n",
                        "optimize.objective = volume is not allowed: one of stages, extractant, phi, cost"),
                Arguments.of("invalid inline case", base.replace("composition: {A: 0.5, B: 0.5}",
                        "composition: {A: 0.5, B: 0.4}") + PARAMETER, "case.feed.composition = fractions summing to"),
                Arguments.of("base and case", "base: x.yaml\n" + base + PARAMETER,
                        "case = given with base is not allowed: exactly one of base"),
                Arguments.of("no parameters", base + "parameters: []\n",
                        "parameters = a list is not allowed: a non-empty list of parameters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void isRejectedWithFieldValueAndAllowed(String what, String spec, String message) {
        Path file = Specs.write(dir, "spec.yaml", spec);
        assertThatThrownBy(() -> SweepSpec.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message).hasMessageEndingWith("[spec.yaml]");
    }

    @Test
    void aBaseCaseFileIsReadBesideTheSpecAndItsErrorsNameIt() {
        Specs.write(dir, "base.yaml", Specs.BINARY_CASE.replace("case:\n", "").replace("\n  ", "\n")
                .substring(2).replace("scrubStages: 30", "scrubStages: 0"));
        Path spec = Specs.write(dir, "spec.yaml", "base: base.yaml\n" + PARAMETER);
        assertThatThrownBy(() -> SweepSpec.read(spec)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cascade.scrubStages = 0").hasMessageContaining("[base.yaml, the base case of "
                        + "spec.yaml]");
        // a misspelt run is reported as such, not as what design would miss in the base case
        Path run = Specs.write(dir, "run.yaml", "base: base.yaml\nrun: desing\n" + PARAMETER);
        assertThatThrownBy(() -> SweepSpec.read(run)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("run = desing is not allowed: simulate, design or optimize");
        Path missing = Specs.write(dir, "missing.yaml", "base: nowhere.yaml\n" + PARAMETER);
        assertThatThrownBy(() -> SweepSpec.read(missing)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("base = nowhere.yaml is not allowed: a readable case file")
                .hasMessageContaining("no such file");
    }

    @Test
    void anEmptyOrMalformedSpecIsAFileError() {
        assertThatThrownBy(() -> SweepSpec.read(Specs.write(dir, "empty.yaml", "")))
                .isInstanceOf(CaseFileException.class).hasMessageContaining("the sweep spec is empty");
        assertThatThrownBy(() -> SweepSpec.read(Specs.write(dir, "bad.yaml", "parameters: [\n")))
                .isInstanceOf(CaseFileException.class).hasMessageContaining("malformed YAML");
    }

    @Test
    void theResolvedSpecIsTheSameSpec() {
        SweepSpec spec = SweepSpec.read(Specs.write(dir, "spec.yaml", Specs.BINARY_10K));
        SweepSpec again = SweepSpec.fromResolved(spec.resolved());
        assertThat(again.hash()).isEqualTo(spec.hash());
        assertThat(again.pointCount()).isEqualTo(10_000);
        assertThat(new RowFormat(again).columns()).isEqualTo(new RowFormat(spec).columns());
    }
}
