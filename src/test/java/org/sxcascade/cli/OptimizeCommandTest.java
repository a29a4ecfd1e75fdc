package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optimize}: its JSON, its report, the written case and its errors. */
class OptimizeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonCarriesTheIssueFields() throws Exception {
        CliHarness r = CliHarness.run("optimize", "cases/pr-nd-p507.yaml", "--pareto", "--json", "--exact-flows");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("objective").get("name").asText()).isEqualTo("phi");
        assertThat(j.get("objective").get("value").asDouble())
                .isCloseTo(j.get("extractantFlow").asDouble() * (j.get("extractionStages").asInt()
                        + j.get("scrubStages").asInt()), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(j.get("scrubFlow").asDouble()).isPositive();
        assertThat(j.get("purities").get("organic").asDouble()).isGreaterThanOrEqualTo(0.999);
        assertThat(j.get("purities").get("aqueous").asDouble()).isGreaterThanOrEqualTo(0.999);
        assertThat(j.get("pareto").isArray()).isTrue();
        assertThat(j.get("pareto").size()).isGreaterThan(10);
        assertThat(j.get("plant").get("organicFlowLitresPerHour").asDouble()).isPositive();
        assertThat(j.get("design").get("totalStages").asInt()).isEqualTo(52);
        assertThat(j.get("verification").get("massBalanceError").asDouble()).isLessThan(1e-10);
    }

    @Test
    void costObjectiveReportsTheBreakdown() throws Exception {
        CliHarness r = CliHarness.run("optimize", "cases/pr-nd-p507.yaml", "--objective", "cost");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Optimum: least annual cost", "USD/year", "m³", "O/A by volume");
        // one currency, named, on the objective line as on the cost line (issue 17)
        assertThat(r.out()).containsPattern("objective +\\S+ USD/year\n").doesNotContain("currency per year");
        JsonNode j = JSON.readTree(CliHarness.run("optimize", "cases/pr-nd-p507.yaml", "--objective", "cost", "--json")
                .out());
        JsonNode cost = j.get("annualCost");
        double total = cost.get("total").asDouble();
        assertThat(total).isEqualTo(j.get("objective").get("value").asDouble());
        assertThat(cost.get("stageCapital").asDouble() + cost.get("organicCapital").asDouble()
                + cost.get("acid").asDouble() + cost.get("base").asDouble())
                .isCloseTo(total, org.assertj.core.api.Assertions.within(1e-9 * total));
        // the case's prices (USD 0.05 per mol H⁺, 0.12 per mol base, 8000 h/year) on the reported reagent flows
        assertThat(cost.get("acid").asDouble()).isCloseTo(8000 * 0.05 * (j.get("plant").get("scrubAcidMolPerHour")
                .asDouble() + j.get("plant").get("stripAcidMolPerHour").asDouble()), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(cost.get("base").asDouble()).isCloseTo(8000 * 0.12 * j.get("plant")
                .get("saponificationBaseMolPerHour").asDouble(), org.assertj.core.api.Assertions.within(1e-6));
        // the cost optimum is no dearer than design's √β configuration priced the same way
        assertThat(total).isLessThanOrEqualTo(j.get("design").get("annualCost").get("total").asDouble());
    }

    @Test
    void caseOutRoundTripsThroughSimulate(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("best.yaml");
        CliHarness r = CliHarness.run("optimize", "cases/zhang-binary.yaml", "--objective", "stages", "--case-out",
                out.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(Files.readString(out)).contains("sxcascade optimize --objective stages");
        CliHarness sim = CliHarness.run("simulate", out.toString(), "--json");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        JsonNode s = JSON.readTree(sim.out());
        assertThat(s.get("converged").asBoolean()).isTrue();
        assertThat(s.get("profile").size()).isEqualTo(j.get("totalStages").asInt());
        for (JsonNode product : s.get("products")) {
            assertThat(product.get("composition").get(product.get("phase").asText().equals("organic") ? "A" : "B")
                    .asDouble()).isGreaterThanOrEqualTo(product.get("phase").asText().equals("organic") ? 0.999 : 0.9999);
        }
    }

    @Test
    void caseOutNamesThePlantFlowsOfAPlantCase(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("best.yaml");
        CliHarness r = CliHarness.run("optimize", "cases/pr-nd-p507.yaml", "--case-out", out.toString(), "--json",
                "--exact-flows");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode plant = JSON.readTree(r.out()).get("plant");
        String yaml = Files.readString(out);
        // the flows are written as the plant flows that give the verified S and W exactly (issue 17)
        assertThat(yaml).contains("organicFlow: " + plant.get("organicFlowLitresPerHour").asDouble() + "   # L/h")
                .contains("scrubFlow: " + plant.get("scrubFlowLitresPerHour").asDouble() + "   # L/h")
                .contains("organicLoading: 0.17", "scrubAcidity: 3.5");
        // and the input's other sections follow: the cost model
        assertThat(yaml).contains("# The input case's other sections, as given:", "costs:", "currency: USD");
        JsonNode optimum = JSON.readTree(r.out());
        CliHarness sim = CliHarness.run("simulate", out.toString(), "--json");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        for (JsonNode product : JSON.readTree(sim.out()).get("products")) {
            String name = product.get("name").asText();
            assertThat(product.get("purity").asDouble()).as(name)
                    .isCloseTo(optimum.at("/purities/" + name).asDouble(), org.assertj.core.api.Assertions.within(1e-12));
        }
        // the cost objective runs on the file as written, to the same optimum
        CliHarness again = CliHarness.run("optimize", out.toString(), "--objective", "cost", "--json");
        assertThat(again.exitCode()).as(again.err()).isZero();
    }

    @Test
    void theBindingConstraintIsNamed() throws Exception {
        // issue 17: the least Φ sits on both purity targets ...
        // (the exact optimum: the one printed by default keeps a margin for the rounding of its flows)
        CliHarness r = CliHarness.run("optimize", "cases/pr-nd-p507.yaml", "--json", "--exact-flows");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("binding").toString())
                .isEqualTo("[\"the loaded organic's purity target (P_A)\",\"the raffinate's purity target (P_B)\"]");
        // ... and with the stage counts fixed and the O/A capped below the unconstrained 8.646 in
        // scrubbing, on the cap alone (the targets are then exceeded)
        r = CliHarness.run("optimize", "cases/pr-nd-p507.yaml", "--extraction-stages", "27", "--scrub-stages", "30",
                "--max-ratio", "8.5", "--json", "--exact-flows");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("binding").toString()).isEqualTo("[\"the scrub O/A at its largest allowed, 8.5 (--max-ratio)\"]");
        assertThat(j.at("/margins/organic").asDouble()).isGreaterThan(1e-4);
        // the lower end of the S range is explained where it lies below S_min
        CliHarness text = CliHarness.run("optimize", "cases/pr-nd-p507.yaml", "--exact-flows");
        assertThat(text.out()).contains("binding      the loaded organic's purity target (P_A); the raffinate's "
                + "purity target (P_B)", "below S_min = 2.740830, where no cascade meets the targets");
    }

    @Test
    void theDesigned1974CaseKeepsItsStartUp(@TempDir Path dir) throws Exception {
        // issue 17's hand-off: a design of a case with hold-up volumes can be started up as written
        Path out = dir.resolve("designed.yaml");
        assertThat(CliHarness.run("design", "cases/pr-nd-1974.yaml", "--case-out", out.toString()).exitCode()).isZero();
        assertThat(Files.readString(out)).contains("transient:", "holdUp:", "organicFlow: ");
        CliHarness t = CliHarness.run("transient", out.toString(), "--time", "2d");
        assertThat(t.exitCode()).as(t.err()).isZero();
    }

    @Test
    void badInputsExitTwoAndNameTheBound() {
        expectBadInput("--max-stages = 20 is not allowed", "cases/zhang-binary.yaml", "--max-stages", "20");
        expectBadInput("S_min", "cases/zhang-binary.yaml", "--max-extractant", "1.2");
        expectBadInput("--objective = fastest", "cases/zhang-binary.yaml", "--objective", "fastest");
        expectBadInput("costs section", "cases/zhang-binary.yaml", "--objective", "cost");
        expectBadInput("plant data", "cases/zhang-binary.yaml", "--max-ratio", "5");
        expectBadInput("--max-stages", "cases/zhang-binary.yaml", "--objective", "extractant");
        expectBadInput("--min-ratio", "cases/pr-nd-p507.yaml", "--min-ratio", "3", "--max-ratio", "2");
        expectBadInput("--extraction-stages", "cases/zhang-binary.yaml", "--extraction-stages", "0");
    }

    @Test
    void unknownCostKeyIsAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, Files.readString(Path.of("cases/pr-nd-p507.yaml")).replace("acidPrice:", "acidPrise:"));
        CliHarness r = CliHarness.run("optimize", file.toString(), "--objective", "cost");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("costs.acidPrise").contains("acidPrice");
    }

    @Test
    void transientSectionIsCheckedByDesignAndOptimize(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, Files.readString(Path.of("cases/pr-nd-1974.yaml"))
                .replace("simulatedTime:", "simulatedTme:"));
        for (String command : new String[] {"design", "optimize"}) {
            CliHarness r = CliHarness.run(command, file.toString());
            assertThat(r.exitCode()).as(command).isEqualTo(2);
            assertThat(r.err()).contains("transient.simulatedTme").contains("simulatedTime");
        }
    }

    private static void expectBadInput(String message, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "optimize";
        System.arraycopy(args, 0, all, 1, args.length);
        CliHarness r = CliHarness.run(all);
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
