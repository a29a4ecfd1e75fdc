package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Robust design (issue 17, acceptance): for the Zhang binary, the Nd/Pr case and a 3-component case,
 * the design for β σ = 3 % and 95 % is checked by an independent seeded Monte Carlo of 2000 draws
 * ({@code simulate --uncertainty} of the written case, another seed): at least 95 % of draws on spec
 * within two binomial standard errors, while the nominal design of the same case meets spec far
 * less often.
 */
class RobustDesignTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String... args) throws Exception {
        CliHarness r = CliHarness.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cases/zhang-binary.yaml", "cases/pr-nd-p507.yaml", "cases/ce-pr-nd-p507.yaml"})
    void robustDesignMeetsSpecInAnIndependentMonteCarlo(String file, @TempDir Path dir) throws Exception {
        Path robust = dir.resolve("robust.yaml");
        JsonNode d = json("design", file, "--uncertainty", "--beta-sigma", "0.03", "--robust", "0.95", "--json",
                "--case-out", robust.toString());
        assertThat(d.at("/robust/exponent").asDouble()).isLessThan(1);
        JsonNode check = json("simulate", robust.toString(), "--uncertainty", "--beta-sigma", "0.03", "--draws", "2000",
                "--seed", "77", "--json").get("uncertainty");
        double p = check.get("probabilityAllMet").asDouble();
        double se = check.get("standardError").asDouble();
        assertThat(se).isCloseTo(Math.sqrt(p * (1 - p) / 2000), within(1e-12));
        assertThat(p).isGreaterThanOrEqualTo(0.95 - 2 * se);
        // the nominal design of the same case, by the same independent Monte Carlo
        Path nominal = dir.resolve("nominal.yaml");
        json("design", file, "--json", "--case-out", nominal.toString());
        double pn = json("simulate", nominal.toString(), "--uncertainty", "--beta-sigma", "0.03", "--draws", "2000",
                "--seed", "77", "--json").at("/uncertainty/probabilityAllMet").asDouble();
        assertThat(pn).isLessThan(0.75);
        assertThat(d.at("/robust/nominalCheck/probabilityAllMet").asDouble()).isLessThan(0.75);
    }

    /** The Monte Carlo is seeded: the same seed gives the same draws; σ all 0 or a bad option is exit 2. */
    @Test
    void theMonteCarloIsSeededAndItsOptionsChecked() throws Exception {
        JsonNode a = json("simulate", "cases/pr-nd-p507.yaml", "--uncertainty", "--flow-sigma", "0.002", "--draws",
                "300", "--json").get("uncertainty");
        JsonNode b = json("simulate", "cases/pr-nd-p507.yaml", "--uncertainty", "--flow-sigma", "0.002", "--draws",
                "300", "--json").get("uncertainty");
        assertThat(a).isEqualTo(b);
        assertThat(a.get("draws").asInt()).isEqualTo(300);
        assertThat(a.at("/targets/0/quantile05").asDouble()).isLessThanOrEqualTo(a.at("/targets/0/median").asDouble());
        CliHarness none = CliHarness.run("simulate", "cases/pr-nd-p507.yaml", "--uncertainty");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("at least one relative standard deviation above 0");
        CliHarness alone = CliHarness.run("simulate", "cases/pr-nd-p507.yaml", "--beta-sigma", "0.03");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("--beta-sigma = given is not allowed: only with --uncertainty");
        CliHarness robust = CliHarness.run("design", "cases/pr-nd-mass-action.yaml", "--uncertainty", "--beta-sigma",
                "0.03", "--robust", "0.95");
        assertThat(robust.exitCode()).isEqualTo(2);
        assertThat(robust.err()).contains("--robust = a mass-action case is not allowed");
        CliHarness flowsheet = CliHarness.run("simulate", "cases/la-ce-pr-nd.yaml", "--uncertainty", "--beta-sigma",
                "0.03");
        assertThat(flowsheet.exitCode()).isEqualTo(2);
        assertThat(flowsheet.err()).contains("--uncertainty = a flowsheet is not allowed");
        CliHarness feeds = CliHarness.run("simulate", "cases/pr-nd-mass-action.yaml", "--uncertainty", "--feed-sigma",
                "0.02", "--draws", "5");
        assertThat(feeds.exitCode()).as(feeds.err()).isZero(); // its feed has a composition
        CliHarness stage = CliHarness.run("fit", "--stage-samples", "cases/data/pilot-stage-samples.csv", "--case",
                "cases/pilot-pr-nd.yaml", "--parameters", "efficiency.extraction.x");
        assertThat(stage.exitCode()).isEqualTo(2);
        assertThat(stage.err()).contains("--parameters = efficiency.extraction.x is not allowed: efficiency.extraction");
        CliHarness p = CliHarness.run("design", "cases/pr-nd-p507.yaml", "--uncertainty", "--beta-sigma", "0.03",
                "--robust", "1.5");
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(p.err()).contains("--robust = 1.5 is not allowed: a probability between 0 and 1");
    }
}
