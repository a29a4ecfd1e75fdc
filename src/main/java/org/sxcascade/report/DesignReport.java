package org.sxcascade.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.design.StageEstimate;
import org.sxcascade.design.XuDesign;
import org.sxcascade.io.DesignInputs;

/** What {@code design} reports about a verified design, as JSON (the terminal text is the command's). */
public final class DesignReport {
    private DesignReport() {
    }

    /** The design as {@code design --json} prints it (fields in docs/commands.md). */
    public static ObjectNode toJson(CascadeDesigner.Design d) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        XuDesign xu = d.xu();
        DesignInputs in = d.inputs();
        o.put("case", in.name());
        o.put("keyPair", in.components().get(d.keyA()) + "/" + in.components().get(d.keyB()));
        o.put("separationFactor", xu.separationFactor());
        o.put("feedPhase", in.feed().phase().label());
        ObjectNode feedFractions = o.putObject("feedFractions");
        feedFractions.put("organic", xu.feedFractionA());
        feedFractions.put("aqueous", xu.feedFractionB());
        ObjectNode targets = o.putObject("targets");
        targets.put("organic", xu.purityA());
        targets.put("aqueous", xu.purityB());
        o.put("control", xu.control().label());
        o.put("controlReason", controlReason(xu));
        ObjectNode outlet = o.putObject("outletFractions");
        outlet.put("organic", xu.outletFractionA());
        outlet.put("aqueous", xu.outletFractionB());
        o.put("a", xu.a());
        o.put("b", xu.b());
        ObjectNode yields = o.putObject("yields");
        yields.put("organic", xu.yieldA());
        yields.put("aqueous", xu.yieldB());
        o.put("extractionRatio", xu.extractionRatio());
        o.put("scrubRatio", xu.scrubRatio());
        o.put("extractantFlow", xu.extractantFlow());
        o.put("scrubFlow", xu.scrubFlow());
        o.put("minExtractantFlow", xu.minExtractantFlow());
        o.put("minScrubFlow", xu.minScrubFlow());
        o.put("flowUnit", "mol RE per mol RE fed");
        ObjectNode est = o.putObject("estimatedStages");
        putEstimate(est.putObject("basic"), xu.basicStages());
        putEstimate(est.putObject("corrected"), xu.correctedStages());
        o.put("fenskeMinimum", xu.fenskeMinimum());
        ObjectNode verified = o.putObject("verifiedStages");
        verified.put("extraction", d.verified().extractionStages());
        verified.put("scrub", d.verified().scrubStages());
        verified.put("total", d.verified().totalStages());
        ObjectNode purities = o.putObject("verifiedPurities");
        purities.put("organic", d.verified().organicPurity());
        purities.put("aqueous", d.verified().aqueousPurity());
        ObjectNode products = o.putObject("verifiedProducts");
        ObjectNode organicProduct = products.putObject("organic");
        ObjectNode aqueousProduct = products.putObject("aqueous");
        int stages = d.verified().totalStages();
        for (int j = 0; j < in.components().size(); j++) {
            organicProduct.put(in.components().get(j), d.state().organicFraction(stages, j));
            aqueousProduct.put(in.components().get(j), d.state().aqueousFraction(1, j));
        }
        o.put("simulations", d.verified().simulations());
        o.put("massBalanceError", d.state().massBalanceError());
        CascadeDesigner.PlantFlows p = d.plant();
        if (p != null) {
            ObjectNode plant = o.putObject("plant");
            plant.put("feedRateMolPerHour", p.feedRate());
            putNullable(plant, "organicFlowLitresPerHour", p.organicFlow());
            putNullable(plant, "scrubFlowLitresPerHour", p.scrubFlow());
            putNullable(plant, "organicToAqueousExtraction", p.extractionRatio());
            putNullable(plant, "organicToAqueousScrub", p.scrubRatio());
            plant.put("reagentExcess", p.reagentExcess());
            plant.put("scrubAcidMolPerHour", p.scrubAcid());
            plant.put("stripAcidMolPerHour", p.stripAcid());
            plant.put("saponificationBaseMolPerHour", p.saponification());
            plant.put("organicProductMolPerHour", p.organicProduct());
            plant.put("aqueousProductMolPerHour", p.aqueousProduct());
            if (p.oxideFed() != null) {
                plant.put("oxideFedKgPerHour", p.oxideFed());
                plant.put("scrubAcidMolPerKgOxide", p.scrubAcid() / p.oxideFed());
                plant.put("stripAcidMolPerKgOxide", p.stripAcid() / p.oxideFed());
                plant.put("saponificationBaseMolPerKgOxide", p.saponification() / p.oxideFed());
            }
        }
        return o;
    }

    private static void putEstimate(ObjectNode o, StageEstimate e) {
        o.put("extraction", e.extraction());
        o.put("scrub", e.scrub());
        o.put("extractionStages", e.extractionStages());
        o.put("scrubStages", e.scrubStages());
    }

    private static void putNullable(ObjectNode o, String key, Double value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    /** Why a section controls (Zhang et al. 2016 ch. 5 after Xu; docs/design.md). */
    public static String controlReason(XuDesign xu) {
        double rootBeta = Math.sqrt(xu.separationFactor());
        boolean aqueous = xu.feedPhase() == org.sxcascade.model.FeedPhase.AQUEOUS;
        double bound = aqueous ? rootBeta / (1 + rootBeta) : 1 / (1 + rootBeta);
        String boundText = aqueous ? "√β/(1+√β)" : "1/(1+√β)";
        boolean extraction = xu.outletFractionB() > bound;
        return String.format(java.util.Locale.ROOT, "f'_B = %.6f %s %s = %.6f for an %s feed", xu.outletFractionB(),
                extraction ? ">" : "≤", boundText, bound, xu.feedPhase().label());
    }
}
