package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code design} against the Zhang binary, both feed phases (issue 3 acceptance), its outputs and its errors. */
class DesignCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode designJson(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "design";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = "--json";
        CliHarness r = CliHarness.run(all);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void zhangAqueousFeedMatchesPublishedDesign() throws Exception {
        JsonNode d = designJson("cases/zhang-binary.yaml");
        // Zhang binary (docs/theory.md): scrub-controlled, E'_M 1.4142, E_M 0.7738, S 1.7086, W 1.2082, S_min 1.4984, W_min 0.9979
        assertThat(d.get("control").asText()).isEqualTo("scrub");
        assertThat(d.get("scrubRatio").asDouble()).isCloseTo(1.4142, within(5e-4));
        assertThat(d.get("extractionRatio").asDouble()).isCloseTo(0.7738, within(5e-4));
        assertThat(d.get("extractantFlow").asDouble()).isCloseTo(1.7086, within(5e-4));
        assertThat(d.get("scrubFlow").asDouble()).isCloseTo(1.2082, within(5e-4));
        assertThat(d.get("minExtractantFlow").asDouble()).isCloseTo(1.4984, within(5e-4));
        assertThat(d.get("minScrubFlow").asDouble()).isCloseTo(0.9979, within(5e-4));
        assertThat(d.get("outletFractions").get("organic").asDouble()).isCloseTo(0.5004505, within(1e-7));
        // published n + m = 45; the verified design is within one stage and meets both targets
        int total = d.get("verifiedStages").get("extraction").asInt() + d.get("verifiedStages").get("scrub").asInt();
        assertThat(total).isBetween(44, 46);
        assertThat(d.get("verifiedPurities").get("organic").asDouble()).isGreaterThanOrEqualTo(0.999);
        assertThat(d.get("verifiedPurities").get("aqueous").asDouble()).isGreaterThanOrEqualTo(0.9999);
        assertThat(d.get("estimatedStages").get("corrected").get("extractionStages").asInt()).isEqualTo(24);
        assertThat(d.get("estimatedStages").get("corrected").get("scrubStages").asInt()).isEqualTo(21);
        assertThat(d.get("estimatedStages").get("basic").get("extraction").asDouble()).isPositive();
    }

    @Test
    void zhangOrganicFeedMatchesReferenceDesign() throws Exception {
        JsonNode d = designJson("cases/zhang-binary-organic-feed.yaml");
        // Zhang binary, organic feed: extraction-controlled, E_M 0.7071, E'_M 1.2934, S 1.2060, W 1.7056
        assertThat(d.get("control").asText()).isEqualTo("extraction");
        assertThat(d.get("extractionRatio").asDouble()).isCloseTo(0.7071, within(5e-4));
        assertThat(d.get("scrubRatio").asDouble()).isCloseTo(1.2934, within(5e-4));
        assertThat(d.get("extractantFlow").asDouble()).isCloseTo(1.2060, within(5e-4));
        assertThat(d.get("scrubFlow").asDouble()).isCloseTo(1.7056, within(5e-4));
        assertThat(d.get("verifiedPurities").get("organic").asDouble()).isGreaterThanOrEqualTo(0.999);
        assertThat(d.get("verifiedPurities").get("aqueous").asDouble()).isGreaterThanOrEqualTo(0.9999);
    }

    @Test
    void prNdDesignGivesPlantFlowsAndReagents() throws Exception {
        JsonNode d = designJson("cases/pr-nd-p507.yaml");
        JsonNode plant = d.get("plant");
        double s = d.get("extractantFlow").asDouble();
        double w = d.get("scrubFlow").asDouble();
        // feed 100 L/h × 1.0 mol/L; organic loading 0.17 mol/L; scrub 3.5 mol/L H+
        assertThat(plant.get("organicFlowLitresPerHour").asDouble()).isCloseTo(s * 100 / 0.17, within(1e-9));
        assertThat(plant.get("scrubFlowLitresPerHour").asDouble()).isCloseTo(3 * w * 100 / 3.5, within(1e-9));
        assertThat(plant.get("scrubAcidMolPerHour").asDouble()).isCloseTo(300 * w, within(1e-9));
        assertThat(plant.get("saponificationBaseMolPerHour").asDouble()).isCloseTo(300 * s, within(1e-9));
        // products by the flow table (docs/theory.md): organic S − W per mol fed; strip acid 3 mol H+ per mol of it
        assertThat(plant.get("organicProductMolPerHour").asDouble()).isCloseTo(100 * (s - w), within(1e-9));
        assertThat(plant.get("aqueousProductMolPerHour").asDouble()).isCloseTo(100 * (1 + w - s), within(1e-9));
        assertThat(plant.get("stripAcidMolPerHour").asDouble()).isCloseTo(300 * (s - w), within(1e-9));
        // O/A by volume: extraction Q_org/(Q_feed + Q_scrub), scrub Q_org/Q_scrub
        double qOrg = s * 100 / 0.17;
        double qScrub = 3 * w * 100 / 3.5;
        assertThat(plant.get("organicToAqueousExtraction").asDouble()).isCloseTo(qOrg / (100 + qScrub), within(1e-9));
        assertThat(plant.get("organicToAqueousScrub").asDouble()).isCloseTo(qOrg / qScrub, within(1e-9));
        assertThat(d.get("verifiedPurities").get("organic").asDouble()).isGreaterThanOrEqualTo(0.999);
    }

    @Test
    void multiComponentSplitUsesTheKeyPairAndReportsEveryComponent() throws Exception {
        JsonNode d = designJson("cases/ce-pr-nd-p507.yaml");
        assertThat(d.get("keyPair").asText()).isEqualTo("Nd/Pr");
        assertThat(d.get("separationFactor").asDouble()).isCloseTo(3.1465 / 2.03, within(1e-12));
        assertThat(d.get("feedFractions").get("aqueous").asDouble()).isCloseTo(0.30, within(1e-12));
        JsonNode organic = d.get("verifiedProducts").get("organic");
        JsonNode aqueous = d.get("verifiedProducts").get("aqueous");
        assertThat(organic.get("Nd").asDouble()).isGreaterThanOrEqualTo(0.999);
        assertThat(aqueous.get("Ce").asDouble() + aqueous.get("Pr").asDouble()).isGreaterThanOrEqualTo(0.999);
        // Ce, far from the split, is a deep trace in the organic product
        assertThat(organic.get("Ce").asDouble()).isLessThan(organic.get("Pr").asDouble());
        // the bundled case carries the verified design
        CliHarness sim = CliHarness.run("simulate", "cases/ce-pr-nd-p507.yaml", "--json");
        JsonNode doc = JSON.readTree(sim.out());
        assertThat(doc.get("cascade").get("extractionStages").asInt()).isEqualTo(d.get("verifiedStages").get("extraction").asInt());
        assertThat(doc.get("cascade").get("scrubStages").asInt()).isEqualTo(d.get("verifiedStages").get("scrub").asInt());
        for (JsonNode p : doc.get("products")) {
            assertThat(p.get("met").asBoolean()).as(p.get("name").asText()).isTrue();
        }
    }

    @Test
    void recoveryTargetsOnTheCommandLineGiveTheSameDesign() throws Exception {
        JsonNode purities = designJson("cases/zhang-binary.yaml");
        double yA = purities.get("yields").get("organic").asDouble();
        JsonNode mixed = designJson("cases/zhang-binary.yaml", "--organic-purity", "0.999", "--organic-recovery",
                Double.toString(yA));
        assertThat(mixed.get("targets").get("aqueous").asDouble()).isCloseTo(0.9999, within(1e-9));
        assertThat(mixed.get("verifiedStages")).isEqualTo(purities.get("verifiedStages"));
    }

    @Test
    void reagentsPerKgOfOxide() throws Exception {
        JsonNode plant = designJson("cases/pr-nd-p507.yaml").get("plant");
        // 100 mol/h: 25 Pr as Pr6O11 (1021.44/6 g per mol Pr), 75 Nd as Nd2O3 (336.48/2 g per mol Nd)
        double kg = (25 * 1021.44 / 6 + 75 * 336.48 / 2) / 1000;
        assertThat(plant.get("oxideFedKgPerHour").asDouble()).isCloseTo(kg, within(1e-9));
        assertThat(plant.get("scrubAcidMolPerKgOxide").asDouble())
                .isCloseTo(plant.get("scrubAcidMolPerHour").asDouble() / kg, within(1e-9));
    }

    @Test
    void controlIsExplainedAndExcessScalesReagents() throws Exception {
        JsonNode plain = designJson("cases/pr-nd-p507.yaml");
        assertThat(plain.get("controlReason").asText()).contains("f'_B = 0.249499", "≤", "√β/(1+√β) = 0.550510");
        JsonNode excess = designJson("cases/pr-nd-p507.yaml", "--reagent-excess", "0.1");
        for (String key : new String[] {"stripAcidMolPerHour", "saponificationBaseMolPerHour"}) {
            assertThat(excess.get("plant").get(key).asDouble()).as(key)
                    .isCloseTo(1.1 * plain.get("plant").get(key).asDouble(), within(1e-9));
        }
        // the scrub acid defines W: unchanged, so the plant flows still simulate to the designed W
        for (String key : new String[] {"scrubAcidMolPerHour", "scrubFlowLitresPerHour"}) {
            assertThat(excess.get("plant").get(key).asDouble()).as(key)
                    .isEqualTo(plain.get("plant").get(key).asDouble());
        }
        CliHarness bad = CliHarness.run("design", "cases/pr-nd-p507.yaml", "--reagent-excess", "-0.5");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--reagent-excess", "-0.5");
    }

    @Test
    void caseOutRoundTripsThroughSimulate(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("designed.yaml");
        CliHarness r = CliHarness.run("design", "cases/zhang-binary.yaml", "--case-out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("verified (simulated)", "Verified design written to");
        CliHarness sim = CliHarness.run("simulate", out.toString(), "--json");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        JsonNode doc = JSON.readTree(sim.out());
        for (JsonNode p : doc.get("products")) {
            assertThat(p.get("met").asBoolean()).as(p.get("name").asText()).isTrue();
        }
    }

    @Test
    void marginAndFixedFlowsChangeTheFlows() throws Exception {
        JsonNode margin = designJson("cases/zhang-binary.yaml", "--margin", "1.5");
        assertThat(margin.get("scrubFlow").asDouble()).isCloseTo(1.5 * 0.997898, within(1e-5));
        JsonNode fixed = designJson("cases/zhang-binary.yaml", "--scrub", "1.5");
        assertThat(fixed.get("scrubFlow").asDouble()).isEqualTo(1.5);
        assertThat(fixed.get("extractantFlow").asDouble()).isCloseTo(1.5 + 0.5004505, within(1e-6));
    }

    @Test
    void stageLimitSaysWhatIsNeeded() {
        CliHarness r = CliHarness.run("design", "cases/zhang-binary.yaml", "--max-stages", "40");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--max-stages = 40", "needs at least 46 stages", "the limit is 40")
                .doesNotContain("\tat ");
    }

    @Test
    void flowsBelowTheMinimumAreRejected() {
        CliHarness r = CliHarness.run("design", "cases/zhang-binary.yaml", "--scrub", "0.9");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("0.9", "W_min").doesNotContain("\tat ");
    }

    @Test
    void targetsMustBeAboveTheirFeedFraction(@TempDir Path dir) throws Exception {
        String text = Files.readString(Path.of("cases/zhang-binary.yaml"))
                .replace("organic: {purity: 0.999}", "organic: {purity: 0.4}");
        Path file = dir.resolve("low.yaml");
        Files.writeString(file, text);
        CliHarness r = CliHarness.run("design", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("0.4").doesNotContain("\tat ");
    }

    @Test
    void designNeedsBothTargets(@TempDir Path dir) throws Exception {
        String text = Files.readString(Path.of("cases/zhang-binary.yaml"))
                .replace("  aqueous: {purity: 0.9999}        # B in the raffinate\n", "");
        Path file = dir.resolve("one.yaml");
        Files.writeString(file, text);
        CliHarness r = CliHarness.run("design", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("targets = 1 number ", "exactly two of");
        // a binary may leave a product's entry out when the command line gives its number
        CliHarness withCli = CliHarness.run("design", file.toString(), "--organic-purity", "0.999",
                "--aqueous-purity", "0.9999", "--json");
        assertThat(withCli.exitCode()).as(withCli.err()).isZero();
    }

    /** Issue 16, item 9: one target option replaces that product's number; the other product keeps the case's. */
    @Test
    void oneTargetOptionKeepsTheOtherProductsTargetFromTheCase() throws Exception {
        CliHarness r = CliHarness.run("design", "cases/zhang-binary.yaml", "--organic-purity", "0.9995", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        CliHarness both = CliHarness.run("design", "cases/zhang-binary.yaml", "--organic-purity", "0.9995",
                "--aqueous-purity", "0.9999", "--json");
        assertThat(both.exitCode()).as(both.err()).isZero();
        assertThat(r.out()).isEqualTo(both.out()); // the case's raffinate target is 0.9999
    }

    /** Issue 16, item 9: the designed case's name gives the designed stages, not only the input's name. */
    @Test
    void theDesignedCaseIsNamedWithItsStages(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("designed.yaml");
        CliHarness r = CliHarness.run("design", "cases/zhang-binary.yaml", "--case-out", out.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode d = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        String stages = "n = " + d.get("verifiedStages").get("extraction").asInt() + ", m = "
                + d.get("verifiedStages").get("scrub").asInt();
        assertThat(Files.readString(out)).containsPattern("name: .*\\(designed: " + stages + "\\)");
    }
}
